import { useState } from 'react';
import type { KeyboardEvent, Ref } from 'react';
import type { Suggestion } from '../../app/folder-facts';

/** Props of {@link Combobox}. */
export interface ComboboxProps {
  readonly id: string;
  readonly value: string;
  readonly suggestions: readonly Suggestion[];
  readonly onInput: (text: string) => void;
  /** A suggestion was chosen (click, or Enter on the highlighted one). */
  readonly onPick: (value: string) => void;
  /** Keys the combobox does not handle itself (Enter with nothing highlighted, comma, Backspace). */
  readonly onKeyDown?: (event: KeyboardEvent<HTMLInputElement>) => void;
  readonly describedBy: string | undefined;
  readonly invalid: boolean;
  readonly disabled: boolean;
  readonly placeholder?: string;
  readonly className?: string;
  readonly inputRef?: Ref<HTMLInputElement>;
}

/**
 * A text box with a list of suggestions (the ARIA 1.2 combobox pattern with list autocomplete):
 * Down and Up move through the list, Enter picks, Escape closes; the focus stays in the box.
 */
export function Combobox({
  id,
  value,
  suggestions,
  onInput,
  onPick,
  onKeyDown,
  describedBy,
  invalid,
  disabled,
  placeholder,
  className,
  inputRef,
}: ComboboxProps) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = `${id}-list`;
  const shown = open && suggestions.length > 0;
  const current = shown && active >= 0 && active < suggestions.length ? active : -1;

  const pick = (chosen: string): void => {
    setActive(-1);
    onPick(chosen);
  };

  return (
    <div className="fm-combobox">
      <input
        id={id}
        ref={inputRef}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={current >= 0 ? `${listId}-${current}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        spellCheck={false}
        className={`fm-input ${className ?? ''}`}
        value={value}
        placeholder={placeholder}
        disabled={disabled}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          setActive(-1);
        }}
        onChange={(event) => {
          setOpen(true);
          setActive(-1);
          onInput(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && suggestions.length > 0) {
            event.preventDefault();
            setOpen(true);
            setActive((current + 1) % suggestions.length);
            return;
          }
          if (event.key === 'ArrowUp' && shown) {
            event.preventDefault();
            setActive(current <= 0 ? suggestions.length - 1 : current - 1);
            return;
          }
          if (event.key === 'Escape' && shown) {
            event.preventDefault();
            setOpen(false);
            setActive(-1);
            return;
          }
          if (event.key === 'Enter' && current >= 0) {
            event.preventDefault();
            const chosen = suggestions[current];
            if (chosen !== undefined) pick(chosen.value);
            return;
          }
          onKeyDown?.(event);
        }}
      />
      <ul
        id={listId}
        role="listbox"
        className="fm-listbox"
        hidden={!shown}
        aria-label="Suggestions"
      >
        {suggestions.map((suggestion, index) => (
          <li
            key={suggestion.value}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === current}
            className="fm-option"
            // Before the box's blur, so the click lands on the option.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(suggestion.value)}
          >
            <span>{suggestion.value}</span>
            {suggestion.count !== undefined && (
              <span className="fm-option-count">{suggestion.count}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
