import { useMemo } from 'react';
import { suggest } from '../../app/folder-facts';
import { Combobox } from './combobox';
import { ids, useDraft } from './use-draft';
import { textOf } from './widget-props';
import type { WidgetProps } from './widget-props';

/** Props of {@link ChoiceField}. */
export interface ChoiceFieldProps extends WidgetProps {
  /** The values offered: the config's list, or those seen in the folder. */
  readonly choices: readonly string[];
  /** Whether a value outside `choices` may be written. */
  readonly allowOther: boolean;
}

/**
 * One value from a list (a category): a combobox suggesting the folder's or the config's values.
 * Free text is written as typed unless the config closes the list; then only a listed value is.
 */
export function ChoiceField({
  id,
  value,
  describedBy,
  invalid,
  disabled,
  onSet,
  choices,
  allowOther,
}: ChoiceFieldProps) {
  const [draft, setDraft] = useDraft(textOf(value));
  const entries = useMemo(() => choices.map((choice) => [choice, undefined] as const), [choices]);
  const suggestions = useMemo(
    () => suggest(entries, draft === textOf(value) ? '' : draft),
    [entries, draft, value],
  );
  const outside = !allowOther && draft !== '' && !choices.includes(draft);
  const hintId = `${id}-hint`;
  const change = (text: string): void => {
    setDraft(text);
    if (allowOther || text === '' || choices.includes(text)) onSet(text);
  };
  return (
    <>
      <Combobox
        id={id}
        value={draft}
        suggestions={suggestions}
        describedBy={ids(describedBy, outside && hintId)}
        invalid={invalid || outside}
        disabled={disabled}
        onInput={change}
        onPick={change}
      />
      {outside && (
        <p id={hintId} className="fm-message fm-message-error">
          Pick one of: {choices.join(', ')}. The post keeps {textOf(value) || 'no value'}.
        </p>
      )}
    </>
  );
}
