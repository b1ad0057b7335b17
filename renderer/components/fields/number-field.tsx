import { numberText, parseNumber } from './number-value';
import { ids, useDraft } from './use-draft';
import type { WidgetProps } from './widget-props';

/** A number: the text typed is kept while it is not a number yet; valid numbers are written. */
export function NumberField({ id, value, describedBy, invalid, disabled, onSet }: WidgetProps) {
  const [draft, setDraft] = useDraft(numberText(value));
  const bad = draft.trim() !== '' && parseNumber(draft) === null;
  const hintId = `${id}-hint`;
  return (
    <>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        className="fm-input fm-number"
        value={draft}
        disabled={disabled}
        spellCheck={false}
        aria-invalid={invalid || bad || undefined}
        aria-describedby={ids(describedBy, bad && hintId)}
        onChange={(event) => {
          const text = event.target.value;
          setDraft(text);
          const number = parseNumber(text);
          if (number !== null) onSet(number);
          else if (text.trim() === '') onSet(null);
        }}
      />
      {bad && (
        <p id={hintId} className="fm-message fm-message-error">
          Not a number yet; the post keeps {numberText(value) || 'no value'}.
        </p>
      )}
    </>
  );
}
