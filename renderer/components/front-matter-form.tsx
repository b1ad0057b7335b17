import { useId, useImperativeHandle, useRef, useState } from 'react';
import type { Ref } from 'react';
import { parse } from 'yaml';
import type { FieldValue } from '../../shared/document';
import type { FrontMatterField, FrontMatterRead } from '../../shared/front-matter';
import type { PostFile, Problem } from '../../shared/api';
import type { Result } from '../../shared/result';
import { fileLineOfFrontMatterLine } from '../../shared/post-text';
import type { CheckPlaces } from '../app/checks';

/** What the editor can ask of the form, to take the author to a problem. */
export interface FrontMatterFormHandle {
  /** Focuses the control of a field the form shows. */
  focusField(key: string): void;
}

/** Props of {@link FrontMatterForm}: the contract between the post editor and the form. */
export interface FrontMatterFormProps {
  readonly file: PostFile;
  /** The current front matter text (saved text with the edits so far). */
  readonly text: string;
  /** `readFrontMatter(text)`; null when the front matter is not YAML (TOML: the source view only). */
  readonly read: FrontMatterRead | null;
  /** True when the YAML does not parse: the form shows the problem and waits for the source view. */
  readonly readOnly: boolean;
  /** The post's current checks (fields, body, images). */
  readonly problems: readonly Problem[];
  /** The current body text, read when needed (never per keystroke). */
  readonly body: () => string;
  /**
   * Sets one field. One undo history covers it with the body; a failure (the value cannot be
   * written) is returned so the field can show it, and nothing changes.
   */
  readonly onSetField: (key: string, value: FieldValue) => Result<null>;
  /** Removes one field. */
  readonly onRemoveField: (key: string) => void;
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

/**
 * The value a field's text means: a string field takes it as it is; a number, boolean or empty
 * field takes it as YAML, so `false` stays a boolean and `12` a number.
 */
function valueOfText(field: FrontMatterField, text: string): FieldValue {
  if (field.kind === 'string') return text;
  if (text === '') return null;
  try {
    const typed: unknown = parse(text, { version: '1.2', schema: 'core' });
    if (typed === null || ['number', 'boolean', 'string'].includes(typeof typed)) {
      return typed as FieldValue;
    }
  } catch {
    // Not YAML on its own: the text is a string.
  }
  return text;
}

/** What the author typed in a field, kept while it still means the field's value (or failed). */
interface Draft {
  readonly typed: string;
  readonly error: string | null;
}

interface FieldProps {
  readonly id: string;
  readonly field: FrontMatterField;
  /** The field's value in the current text. */
  readonly current: unknown;
  readonly readOnly: boolean;
  readonly onSetField: (key: string, value: FieldValue) => Result<null>;
}

function Field({ id, field, current, readOnly, onSetField }: FieldProps) {
  const noteId = `${id}-note`;
  const errorId = `${id}-error`;
  const [draft, setDraft] = useState<Draft | null>(null);
  // "1." typed in a number field means 1: it stays as typed. An undo or a change on disk gives
  // the field another value, and then the field shows that.
  const shown =
    draft !== null && (draft.error !== null || valueOfText(field, draft.typed) === current)
      ? draft
      : null;
  const value = shown?.typed ?? field.text;
  const error = shown?.error ?? undefined;
  const onEdit = (key: string, typed: string) => {
    const result = onSetField(key, valueOfText(field, typed));
    setDraft({ typed, error: result.ok ? null : result.error.message });
  };
  const multiline = field.kind === 'map' || value.includes('\n');
  const note =
    field.kind === 'list'
      ? 'Lists are read-only for now; list editing comes later.'
      : multiline
        ? 'Shown read-only here; edit it in the source view.'
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
        disabled={readOnly}
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
  } else if (!field.editable || field.kind === 'list' || readOnly) {
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

/**
 * The post's front matter as labelled fields above the body. Scalars are editable; lists and maps
 * are shown read-only for now. Front matter that does not parse shows its problem, and the form
 * waits read-only until the source view has it fixed; TOML is edited in the source view only.
 */
export function FrontMatterForm({ file, read, readOnly, onSetField, ref }: FrontMatterFormProps) {
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
  if (split.format !== 'yaml' || read === null) return null;
  if (read.problem !== null) {
    return (
      <section className="front-matter" aria-label="Front matter" ref={section}>
        <div className="notice notice-error" role="alert">
          {`Line ${fileLineOfFrontMatterLine(file, read.problem.line)}: ${read.problem.message}. `}
          The fields are read-only until the front matter source parses again; nothing is lost.
        </div>
      </section>
    );
  }
  if (read.fields.length === 0) return null;

  return (
    <section className="front-matter" aria-label="Front matter" ref={section}>
      <div className="fields">
        {read.fields.map((field, index) => (
          <Field
            key={field.key}
            id={`${baseId}-${index}`}
            field={field}
            current={read.values[field.key]}
            readOnly={readOnly}
            onSetField={onSetField}
          />
        ))}
      </div>
    </section>
  );
}
