import { useEffect, useMemo, useRef, useState } from 'react';
import { readingTime } from '../../../shared/derive';
import { isAutomatic, pinnedValue, readingTimeValue } from './reading-time-value';
import { ids, useDraft } from './use-draft';
import { textOf } from './widget-props';
import type { WidgetProps } from './widget-props';

/** Props of {@link ReadingTimeField}. */
export interface ReadingTimeFieldProps extends WidgetProps {
  /** The body as it is now; read when the form renders (edits, checks), not per keystroke. */
  readonly body: () => string;
  /** Whether the post has the key: an absent reading time is shown, not written. */
  readonly present: boolean;
}

/**
 * The reading time: computed from the body and shown as automatic while the post's value is the
 * computed one, and kept in step as the body changes. Typing a value pins it; "Reset to automatic"
 * writes the computed value again.
 */
export function ReadingTimeField({
  id,
  value,
  describedBy,
  invalid,
  disabled,
  onSet,
  body,
  present,
}: ReadingTimeFieldProps) {
  // Counting parses the whole body: only when it changed, not on every key typed in another
  // field (the editor hands out the same string while its text is the same).
  const text = body();
  const computed = useMemo(() => readingTime(text), [text]);
  const [automatic, setAutomatic] = useState(() => isAutomatic(value, computed));
  const [draft, setDraft] = useDraft(automatic ? computed.text : textOf(value));
  const statusId = `${id}-auto`;

  // While automatic, a body that now reads in another time updates the post's value.
  const lastComputed = useRef(computed.text);
  useEffect(() => {
    if (lastComputed.current === computed.text) return;
    lastComputed.current = computed.text;
    if (automatic && present && !disabled) onSet(readingTimeValue(computed, value));
  });

  return (
    <>
      <div className="fm-reading-time">
        <input
          id={id}
          type="text"
          className="fm-input fm-reading-input"
          value={draft}
          disabled={disabled}
          spellCheck={false}
          aria-invalid={invalid || undefined}
          aria-describedby={ids(statusId, describedBy)}
          onChange={(event) => {
            setDraft(event.target.value);
            setAutomatic(false);
            onSet(pinnedValue(event.target.value, value));
          }}
        />
        <span id={statusId} className={`fm-badge${automatic ? ' fm-badge-auto' : ''}`}>
          {automatic
            ? `${computed.text} · automatic`
            : `Pinned · the body reads in ${computed.text}`}
        </span>
        {!automatic && (
          <button
            type="button"
            className="fm-link-button"
            disabled={disabled}
            onClick={() => {
              setAutomatic(true);
              setDraft(computed.text);
              onSet(readingTimeValue(computed, value));
            }}
          >
            Reset to automatic
          </button>
        )}
      </div>
    </>
  );
}
