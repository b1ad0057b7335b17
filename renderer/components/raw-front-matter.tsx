import { useId, useImperativeHandle, useRef } from 'react';
import type { Ref } from 'react';
import type { PostFile } from '../../shared/api';
import { readFrontMatter } from '../../shared/front-matter';
import type { FrontMatterRead } from '../../shared/front-matter';
import { fileLineOfFrontMatterLine } from '../../shared/post-text';

/** What the editor can ask of the raw front matter text. */
export interface RawFrontMatterHandle {
  /** Selects a 1-based line of the raw front matter text. */
  focusLine(line: number): void;
}

/** Props of {@link RawFrontMatter}. */
export interface RawFrontMatterProps {
  readonly file: PostFile;
  readonly savedText: string;
  /** `savedText` parsed, or null when it is not YAML. */
  readonly read: FrontMatterRead | null;
  /** What the author typed (null: untouched). */
  readonly rawText: string | null;
  readonly onRawEdit: (text: string) => void;
  readonly ref?: Ref<RawFrontMatterHandle>;
}

function lineRange(text: string, line: number): { start: number; end: number } {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start);
    if (next === -1) break;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return { start, end: end === -1 ? text.length : end };
}

/**
 * Front matter the fields cannot show (TOML, YAML that does not parse, a block that was not read),
 * as text the author can fix. Stands in until the source view replaces it.
 */
export function RawFrontMatter({
  file,
  savedText,
  read,
  rawText,
  onRawEdit,
  ref,
}: RawFrontMatterProps) {
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(
    ref,
    () => ({
      focusLine(line) {
        const raw = area.current;
        if (raw === null) return;
        const { start, end } = lineRange(raw.value, line);
        raw.focus();
        raw.setSelectionRange(start, end);
      },
    }),
    [],
  );
  const { split } = file;
  if (split.error !== null) {
    return (
      <section className="front-matter" aria-label="Front matter">
        <div className="notice notice-error" role="alert">
          The front matter block was not read: {split.error}. The whole file is shown as the body.
        </div>
      </section>
    );
  }
  if (split.format === 'none') return null;
  const toml = split.format === 'toml' || read === null;
  if (!toml && read.problem === null) return null;
  const text = rawText ?? savedText;
  // Judge what the author is typing, not only what was saved: the error follows the fix.
  const problem = toml ? null : rawText === null ? read.problem : readFrontMatter(rawText).problem;
  return (
    <section className="front-matter" aria-label="Front matter">
      {toml ? (
        <p className="notice notice-info">
          TOML front matter is edited as text here; the fields form reads YAML.
        </p>
      ) : problem === null ? (
        <div className="notice notice-success" role="status">
          The front matter parses now. Save to edit it as fields.
        </div>
      ) : (
        <div className="notice notice-error" role="alert">
          {`Front matter does not parse: ${problem.message} (line ${fileLineOfFrontMatterLine(file, problem.line)}, column ${problem.column})`}
        </div>
      )}
      <div className="raw-front-matter">
        <label htmlFor={id}>
          {toml ? 'Front matter (TOML)' : 'Front matter (as text until it parses)'}
        </label>
        <textarea
          id={id}
          ref={area}
          data-raw-front-matter
          spellCheck={false}
          value={text}
          onChange={(event) => onRawEdit(event.target.value)}
          rows={Math.min(14, text.split('\n').length + 1)}
        />
      </div>
    </section>
  );
}
