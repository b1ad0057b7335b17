import { useId, useRef, useState } from 'react';
import type { FieldValue } from '../../../shared/document';
import { initialValue, keyProblem, newFieldKinds } from './field-key';
import type { NewFieldKind } from './field-key';
import { ids } from './use-draft';

/** Props of {@link AddField}. */
export interface AddFieldProps {
  /** The keys the post has: a duplicate is refused. */
  readonly existing: readonly string[];
  /** Schema keys the post does not have yet, offered as names, with the kind each starts as. */
  readonly offered: readonly { readonly key: string; readonly kind: NewFieldKind }[];
  readonly disabled: boolean;
  /** Writes the new field; the message when it could not be. */
  readonly onAdd: (key: string, value: FieldValue) => string | null;
}

/** "Add field": a name and a kind; an invalid or duplicate name is refused with a message. */
export function AddField({ existing, offered, disabled, onAdd }: AddFieldProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<NewFieldKind>('text');
  const [message, setMessage] = useState<string | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  if (!open) {
    return (
      <div className="fm-add">
        <button
          ref={opener}
          type="button"
          className="fm-link-button"
          disabled={disabled}
          onClick={() => {
            setOpen(true);
            requestAnimationFrame(() => nameInput.current?.focus());
          }}
        >
          + Add field
        </button>
      </div>
    );
  }
  const close = (): void => {
    setOpen(false);
    setName('');
    setMessage(null);
    requestAnimationFrame(() => opener.current?.focus());
  };
  const submit = (): void => {
    const key = name.trim();
    const problem = keyProblem(key, existing);
    if (problem !== null) {
      setMessage(problem);
      nameInput.current?.focus();
      return;
    }
    const failed = onAdd(key, initialValue(kind));
    if (failed !== null) {
      setMessage(failed);
      return;
    }
    setOpen(false);
    setName('');
    setMessage(null);
    // The new field's control, once it is rendered.
    requestAnimationFrame(() => {
      document
        .querySelector<HTMLElement>(
          `.fm-field[data-key="${CSS.escape(key)}"] .fm-control :is(input, textarea, button)`,
        )
        ?.focus();
    });
  };
  return (
    <form
      className="fm-add fm-add-open"
      aria-label="Add field"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          close();
        }
      }}
    >
      <label htmlFor={`${id}-name`}>Field name</label>
      <input
        id={`${id}-name`}
        ref={nameInput}
        type="text"
        className="fm-input"
        list={`${id}-offered`}
        value={name}
        spellCheck={false}
        aria-invalid={message !== null || undefined}
        aria-describedby={ids(message !== null && `${id}-message`)}
        onChange={(event) => {
          const next = event.target.value;
          setName(next);
          setMessage(null);
          const known = offered.find((each) => each.key === next.trim());
          if (known !== undefined) setKind(known.kind);
        }}
      />
      <datalist id={`${id}-offered`}>
        {offered.map((each) => (
          <option key={each.key} value={each.key} />
        ))}
      </datalist>
      <label htmlFor={`${id}-kind`}>Kind</label>
      <select
        id={`${id}-kind`}
        className="fm-select"
        value={kind}
        onChange={(event) => setKind(event.target.value as NewFieldKind)}
      >
        {newFieldKinds.map((each) => (
          <option key={each.kind} value={each.kind}>
            {each.label}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-small button-primary">
        Add
      </button>
      <button type="button" className="button button-small" onClick={close}>
        Cancel
      </button>
      {message !== null && (
        <p id={`${id}-message`} className="fm-message fm-message-error" role="alert">
          {message}
        </p>
      )}
    </form>
  );
}
