import { useRef } from 'react';
import { parseWrittenDate } from '../../../shared/validate';
import { pickerValueOf, writtenFromPicker } from './date-value';
import { ids, useDraft } from './use-draft';
import { textOf } from './widget-props';
import type { WidgetProps } from './widget-props';

/** Props of {@link DateField}. */
export interface DateFieldProps extends WidgetProps {
  readonly kind: 'date' | 'datetime';
  readonly label: string;
}

/**
 * A date as written (`2026-11-20`, `2026-11-20T10:00:00+01:00`) in a text box, so nothing is
 * reformatted or converted, with a calendar button that opens the system picker and writes the
 * picked day or time back in the post's own format.
 */
export function DateField({
  id,
  value,
  describedBy,
  invalid,
  disabled,
  onSet,
  kind,
  label,
}: DateFieldProps) {
  const [draft, setDraft] = useDraft(textOf(value));
  const picker = useRef<HTMLInputElement>(null);
  const picked = pickerValueOf(draft, kind);
  const hintId = `${id}-hint`;
  const looksWrong = draft.trim() !== '' && parseWrittenDate(draft.trim()) === null;
  const change = (text: string): void => {
    setDraft(text);
    onSet(text);
  };
  return (
    <>
      <div className="fm-date">
        <input
          id={id}
          type="text"
          className="fm-input fm-date-text"
          value={draft}
          disabled={disabled}
          spellCheck={false}
          inputMode="numeric"
          placeholder={kind === 'date' ? '2026-11-20' : '2026-11-20T10:00:00+01:00'}
          aria-invalid={invalid || looksWrong || undefined}
          aria-describedby={ids(describedBy, looksWrong && !invalid && hintId)}
          onChange={(event) => change(event.target.value)}
        />
        <button
          type="button"
          className="fm-icon-button"
          aria-label="Calendar"
          aria-describedby={`${id}-label`}
          title={`Pick the ${label.toLowerCase()} from a calendar`}
          disabled={disabled}
          onClick={() => {
            const input = picker.current;
            if (input === null) return;
            try {
              input.showPicker();
            } catch {
              input.focus();
            }
          }}
        >
          <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true">
            <rect x="2" y="3" width="12" height="11" rx="2" fill="none" stroke="currentColor" />
            <path d="M2 6.5h12M5 1.5v3M11 1.5v3" stroke="currentColor" />
          </svg>
        </button>
        <input
          ref={picker}
          type={picked.type}
          className="fm-picker"
          tabIndex={-1}
          aria-hidden="true"
          step={picked.type === 'datetime-local' ? 1 : undefined}
          value={picked.value}
          disabled={disabled}
          onChange={(event) => {
            if (event.target.value !== '')
              change(writtenFromPicker(event.target.value, draft, kind));
          }}
        />
      </div>
      {looksWrong && !invalid && (
        <p id={hintId} className="fm-message fm-message-hint">
          {kind === 'date'
            ? 'Write a date like 2026-11-20.'
            : 'Write a date and time like 2026-11-20T10:00:00+01:00.'}
        </p>
      )}
    </>
  );
}
