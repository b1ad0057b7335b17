import { useId, useImperativeHandle, useRef } from 'react';
import type { Ref } from 'react';
import { readFrontMatter } from '../../shared/front-matter';
import type { FrontMatterField, FrontMatterRead } from '../../shared/front-matter';
import type { Api, PostFile } from '../../shared/api';
import { fileLineOfFrontMatterLine } from '../../shared/post-text';
import type { CheckPlaces } from '../app/checks';
import { ImageField } from './fields/image-field';

/** What the editor can ask of the form, to take the author to a problem. */
export interface FrontMatterFormHandle {
  /** Focuses the control of a field the form shows. */
  focusField(key: string): void;
  /** Selects a 1-based line of the raw front matter text, when that is what is shown. */
  focusLine(line: number): void;
}

/** Props of {@link FrontMatterForm}. */
export interface FrontMatterFormProps {
  readonly file: PostFile;
  /** The front matter text as saved, which the fields describe. */
  readonly savedText: string;
  /** `savedText` parsed, or null when it is not YAML. */
  readonly read: FrontMatterRead | null;
  /** What the user typed, by key. */
  readonly edits: ReadonlyMap<string, string>;
  /** Edits that could not be applied, by key. */
  readonly errors: ReadonlyMap<string, string>;
  readonly onEdit: (key: string, value: string) => void;
  /** The raw front matter as the author is typing it, when it is edited as text (null: untouched). */
  readonly rawText: string | null;
  /** Replaces the front matter text (TOML, or YAML that does not parse). */
  readonly onRawEdit: (text: string) => void;
  /** For the image field (temporary wiring, wip-fm-image). */
  readonly api?: Pick<Api, 'imageUrl' | 'importImage'>;
  readonly ref?: Ref<FrontMatterFormHandle>;
}

/**
 * Where the form can take the author for a problem: the keys it has a control for, and whether it
 * shows the raw text instead. Mirrors the branches of {@link FrontMatterForm}.
 */
export function formPlaces(file: PostFile, read: FrontMatterRead | null): CheckPlaces {
  const { split } = file;
  if (split.error !== null || split.format === 'none') {
    return { fieldKeys: new Set(), rawFrontMatter: false };
  }
  if (split.format === 'toml' || read === null || read.problem !== null) {
    return { fieldKeys: new Set(), rawFrontMatter: true };
  }
  return { fieldKeys: new Set(read.fields.map((field) => field.key)), rawFrontMatter: false };
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

interface FieldProps {
  readonly id: string;
  readonly field: FrontMatterField;
  readonly value: string;
  readonly error: string | undefined;
  readonly onEdit: (key: string, value: string) => void;
}

function Field({ id, field, value, error, onEdit }: FieldProps) {
  const noteId = `${id}-note`;
  const errorId = `${id}-error`;
  const multiline = field.kind === 'map' || value.includes('\n');
  const note =
    field.kind === 'list'
      ? 'Lists are read-only for now; list editing comes later.'
      : multiline
        ? 'Shown read-only for now; edit it in the file.'
        : null;
  const describedBy =
    [error === undefined ? '' : errorId, note === null ? '' : noteId].filter(Boolean).join(' ') ||
    undefined;

  let control;
  if (field.kind === 'boolean' && (value === 'true' || value === 'false')) {
    control = (
      <input
        id={id}
        type="checkbox"
        checked={value === 'true'}
        aria-describedby={describedBy}
        onChange={(event) => onEdit(field.key, String(event.target.checked))}
      />
    );
  } else if (multiline) {
    control = (
      <textarea
        id={id}
        readOnly
        value={value}
        rows={Math.min(8, value.split('\n').length)}
        aria-describedby={describedBy}
      />
    );
  } else if (!field.editable || field.kind === 'list') {
    control = <input id={id} type="text" readOnly value={value} aria-describedby={describedBy} />;
  } else if (field.kind === 'string') {
    // A wrapping box so a long title or description is readable whole; still one line of YAML,
    // so Enter is not a newline and pasted line breaks become spaces.
    control = (
      <textarea
        id={id}
        className="text-value"
        rows={1}
        value={value}
        placeholder="empty"
        aria-invalid={error === undefined ? undefined : true}
        aria-describedby={describedBy}
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.preventDefault();
        }}
        onChange={(event) => onEdit(field.key, event.target.value.replace(/\r?\n|\r/g, ' '))}
      />
    );
  } else {
    control = (
      <input
        id={id}
        type="text"
        value={value}
        placeholder="empty"
        spellCheck={false}
        aria-invalid={error === undefined ? undefined : true}
        aria-describedby={describedBy}
        onChange={(event) => onEdit(field.key, event.target.value)}
      />
    );
  }

  return (
    <div className="field" data-key={field.key} data-kind={field.kind}>
      <label htmlFor={id}>{field.key}</label>
      <div className="field-control">
        {control}
        {error !== undefined && (
          <p className="field-error" id={errorId} role="alert">
            {error}
          </p>
        )}
        {note !== null && (
          <p className="field-note" id={noteId}>
            {note}
          </p>
        )}
      </div>
    </div>
  );
}

function RawFrontMatter({
  text,
  label,
  onEdit,
}: {
  readonly text: string;
  readonly label: string;
  readonly onEdit: (text: string) => void;
}) {
  const id = useId();
  return (
    <div className="raw-front-matter">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        data-raw-front-matter
        spellCheck={false}
        value={text}
        onChange={(event) => onEdit(event.target.value)}
        rows={Math.min(14, text.split('\n').length + 1)}
      />
    </div>
  );
}

/**
 * The post's front matter as labelled fields above the body. Scalars are editable; lists and maps
 * are shown read-only for now. Front matter that does not parse (and TOML) is shown as text the
 * author can fix; nothing in it changes unless they type.
 */
export function FrontMatterForm({
  file,
  savedText,
  read,
  edits,
  errors,
  onEdit,
  rawText,
  onRawEdit,
  api,
  ref,
}: FrontMatterFormProps) {
  const baseId = useId();
  const section = useRef<HTMLElement>(null);
  const { split } = file;

  useImperativeHandle(
    ref,
    () => ({
      focusField(key) {
        const control = section.current?.querySelector<HTMLInputElement | HTMLTextAreaElement>(
          `[data-key="${CSS.escape(key)}"] :is(input, textarea)`,
        );
        if (control == null) return;
        control.focus();
        // At the end of the value, where a fix usually starts; a checkbox has no caret.
        if (control.type !== 'checkbox') {
          control.setSelectionRange(control.value.length, control.value.length);
        }
      },
      focusLine(line) {
        const raw = section.current?.querySelector<HTMLTextAreaElement>(
          'textarea[data-raw-front-matter]',
        );
        if (raw == null) return;
        const { start, end } = lineRange(raw.value, line);
        raw.focus();
        raw.setSelectionRange(start, end);
      },
    }),
    [],
  );

  if (split.error !== null) {
    return (
      <section className="front-matter" aria-label="Front matter" ref={section}>
        <div className="notice notice-error" role="alert">
          The front matter block was not read: {split.error}. The whole file is shown as the body.
        </div>
      </section>
    );
  }
  if (split.format === 'none') return null;
  if (split.format === 'toml' || read === null) {
    return (
      <section className="front-matter" aria-label="Front matter" ref={section}>
        <p className="notice notice-info">
          TOML front matter is edited as text here; the fields form reads YAML.
        </p>
        <RawFrontMatter
          text={rawText ?? savedText}
          label="Front matter (TOML)"
          onEdit={onRawEdit}
        />
      </section>
    );
  }
  if (read.problem !== null) {
    // Judge what the author is typing, not only what was saved: the error follows the fix.
    const problem = rawText === null ? read.problem : readFrontMatter(rawText).problem;
    return (
      <section className="front-matter" aria-label="Front matter" ref={section}>
        {problem === null ? (
          <div className="notice notice-success" role="status">
            The front matter parses now. Save to edit it as fields.
          </div>
        ) : (
          <div className="notice notice-error" role="alert">
            {`Front matter does not parse: ${problem.message} (line ${fileLineOfFrontMatterLine(file, problem.line)}, column ${problem.column})`}
          </div>
        )}
        <RawFrontMatter
          text={rawText ?? savedText}
          label="Front matter (as text until it parses)"
          onEdit={onRawEdit}
        />
      </section>
    );
  }
  if (read.fields.length === 0) return null;

  return (
    <section className="front-matter" aria-label="Front matter" ref={section}>
      <div className="fields">
        {read.fields.map((field, index) =>
          // TEMPORARY (wip-fm-image): `image` through ImageField until the form rewrite takes it in.
          field.key === 'image' && field.editable && api !== undefined ? (
            <div className="field" data-key={field.key} data-kind={field.kind} key={field.key}>
              <ImageField
                id={`${baseId}-${index}`}
                label={field.key}
                value={edits.get(field.key) ?? field.text}
                postPath={file.path}
                onChange={(value) => onEdit(field.key, value)}
                api={api}
              />
            </div>
          ) : (
            <Field
              key={field.key}
              id={`${baseId}-${index}`}
              field={field}
              value={edits.get(field.key) ?? field.text}
              error={errors.get(field.key)}
              onEdit={onEdit}
            />
          ),
        )}
      </div>
    </section>
  );
}
