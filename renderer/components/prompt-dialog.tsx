import { useEffect, useId, useRef, useState } from 'react';

/** A note under the field about what was typed. */
export interface PromptNote {
  readonly tone: 'error' | 'info';
  readonly text: string;
}

/** A button that fills the field with a proposed value. */
export interface PromptSuggestion {
  readonly label: string;
  readonly value: string;
}

/** Props of {@link PromptDialog}. */
export interface PromptDialogProps {
  readonly title: string;
  /** The field's label. */
  readonly label: string;
  readonly initialValue?: string;
  /** How much of the initial value is selected (a file name without its extension); all by default. */
  readonly initialSelection?: number;
  readonly submitLabel: string;
  /** What to say about the value as it is typed; an `error` note disables the submit button. */
  readonly describe?: (value: string) => PromptNote | null;
  /** Proposed values for the current one, each a button (for example "Use the title's name"). */
  readonly suggest?: (value: string) => readonly PromptSuggestion[];
  /** Carries out the action; resolves to an error to show, or null when done (then it closes). */
  readonly onSubmit: (value: string) => Promise<string | null>;
  readonly onClose: () => void;
}

/** A small modal dialog asking for one line of text: a new post's title, a new file name. */
export function PromptDialog({
  title,
  label,
  initialValue = '',
  initialSelection,
  submitLabel,
  describe,
  suggest,
  onSubmit,
  onClose,
}: PromptDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(initialValue);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const inputId = useId();
  const noteId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    element.showModal();
    input.current?.focus();
    input.current?.setSelectionRange(0, initialSelection ?? initialValue.length);
    return () => element.close();
    // Once, on opening: the initial value is only where typing starts.
  }, []);

  const note: PromptNote | null =
    error !== null ? { tone: 'error', text: error } : (describe?.(value) ?? null);
  const suggestions = suggest?.(value) ?? [];
  const blocked = busy || value.trim() === '' || note?.tone === 'error';

  async function submit(): Promise<void> {
    if (blocked) return;
    setBusy(true);
    const problem = await onSubmit(value);
    setBusy(false);
    if (problem !== null) setError(problem);
  }

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={onClose}>
      <form
        onSubmit={(event) => {
          // Never a real submission: the CSP forbids it and there is nowhere to send it.
          event.preventDefault();
          void submit();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        <label htmlFor={inputId}>{label}</label>
        <input
          ref={input}
          id={inputId}
          type="text"
          value={value}
          spellCheck={false}
          aria-invalid={note?.tone === 'error' ? true : undefined}
          aria-describedby={note === null ? undefined : noteId}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
        />
        {note !== null && (
          <p
            id={noteId}
            className={note.tone === 'error' ? 'field-error' : 'field-note'}
            role={note.tone === 'error' ? 'alert' : undefined}
          >
            {note.text}
          </p>
        )}
        {suggestions.length > 0 && (
          <div className="dialog-suggestions">
            {suggestions.map((suggestion) => (
              <button
                key={suggestion.label}
                type="button"
                className="button button-small"
                onClick={() => {
                  setValue(suggestion.value);
                  setError(null);
                  input.current?.focus();
                }}
              >
                {suggestion.label}
              </button>
            ))}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={blocked}>
            {submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
