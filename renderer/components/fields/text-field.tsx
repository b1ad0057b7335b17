import { slugify } from '../../../shared/derive';
import { ids, useDraft } from './use-draft';
import { textOf } from './widget-props';
import type { WidgetProps } from './widget-props';

/** Props of {@link TextField}. */
export interface TextFieldProps extends WidgetProps {
  /** Line breaks are kept (a `text` field) rather than turned into spaces. */
  readonly multiline: boolean;
  /** Longer is a warning (search results cut it) or an error; the counter shows the nearer one. */
  readonly limit: number | undefined;
  /** Show the slug the value implies (the title). */
  readonly showSlug: boolean;
  /** Fills the field from the body ("Generate from the first paragraph"), when offered. */
  readonly generate?: { readonly label: string; readonly value: () => string };
}

/** How many characters a reader sees: code points, not UTF-16 units. */
export function characterCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A high surrogate and its low half are one character.
    if (code < 0xdc00 || code > 0xdfff) count++;
  }
  return count;
}

/**
 * A text field: a box that wraps (one YAML line unless `multiline`), a character counter against
 * the schema's limit, the slug a title implies, and for an excerpt a button that writes the body's
 * first paragraph.
 */
export function TextField({
  id,
  value,
  describedBy,
  invalid,
  disabled,
  onSet,
  multiline,
  limit,
  showSlug,
  generate,
}: TextFieldProps) {
  const [draft, setDraft] = useDraft(textOf(value));
  const count = characterCount(draft);
  const counterId = `${id}-count`;
  const over = limit !== undefined && count > limit;
  const slug = showSlug ? slugify(draft) : '';
  const change = (text: string): void => {
    const next = multiline ? text : text.replace(/\r?\n|\r/g, ' ');
    setDraft(next);
    onSet(next);
  };
  return (
    <>
      <textarea
        id={id}
        className={`fm-input fm-text${multiline ? ' fm-multiline' : ''}`}
        rows={multiline ? 3 : 1}
        value={draft}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        aria-describedby={ids(describedBy, limit !== undefined && counterId)}
        onKeyDown={(event) => {
          // One YAML line: Enter is not a line break here.
          if (!multiline && event.key === 'Enter') event.preventDefault();
        }}
        onChange={(event) => change(event.target.value)}
      />
      <div className="fm-meta">
        {showSlug && (
          <span className="fm-slug" title="The URL slug this title implies">
            <span className="fm-meta-label">Slug</span> <code>{slug === '' ? '—' : slug}</code>
          </span>
        )}
        {generate !== undefined && (
          <button
            type="button"
            className="fm-link-button"
            disabled={disabled}
            onClick={() => change(generate.value())}
          >
            {generate.label}
          </button>
        )}
        {limit !== undefined && (
          <span id={counterId} className={`fm-counter${over ? ' fm-counter-over' : ''}`}>
            {count} / {limit}
            <span className="fm-visually-hidden"> characters</span>
          </span>
        )}
      </div>
    </>
  );
}
