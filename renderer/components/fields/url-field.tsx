import { isWebUrl } from '../../../shared/validate';
import { ids, useDraft } from './use-draft';
import { textOf } from './widget-props';
import type { WidgetProps } from './widget-props';

/** Props of {@link UrlField}. */
export interface UrlFieldProps extends WidgetProps {
  /** Opens the address in the user's browser. */
  readonly onOpen: (url: string) => void;
}

/** The message for a web address as typed, or null when it is one (or empty). */
export function urlMessage(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '' || isWebUrl(trimmed)) return null;
  if (!/^https?:\/\//i.test(trimmed)) return 'Start the address with https:// or http://.';
  return 'This is not a web address: check for spaces and the site name.';
}

/** A web address, checked as it is typed, with a button that opens it. */
export function UrlField({
  id,
  value,
  describedBy,
  invalid,
  disabled,
  onSet,
  onOpen,
}: UrlFieldProps) {
  const [draft, setDraft] = useDraft(textOf(value));
  const message = urlMessage(draft);
  const messageId = `${id}-url`;
  return (
    <>
      <div className="fm-url">
        <input
          id={id}
          type="url"
          className="fm-input"
          value={draft}
          disabled={disabled}
          spellCheck={false}
          placeholder="https://example.com/post"
          aria-invalid={invalid || message !== null || undefined}
          aria-describedby={ids(message !== null && messageId, describedBy)}
          onChange={(event) => {
            setDraft(event.target.value);
            onSet(event.target.value);
          }}
        />
        <button
          type="button"
          className="button button-small"
          disabled={message !== null || draft.trim() === ''}
          onClick={() => onOpen(draft.trim())}
        >
          Open
        </button>
      </div>
      {message !== null && (
        <p id={messageId} className="fm-message fm-message-error">
          {message}
        </p>
      )}
    </>
  );
}
