import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  readonly title: string;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  /** The button that closes without acting; "Cancel" unless given. */
  readonly cancelLabel?: string;
  /** Carries out the action; resolves to an error to show, or null when done (then it closes). */
  readonly onConfirm: () => Promise<string | null>;
  readonly onClose: () => void;
}

/**
 * Asks before something the author may regret (deleting a post, publishing one with errors). Focus starts on Cancel, so an
 * Enter pressed out of habit does nothing harmful.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    element.showModal();
    cancel.current?.focus();
    return () => element.close();
  }, []);

  async function confirm(): Promise<void> {
    if (busy) return;
    setBusy(true);
    const problem = await onConfirm();
    setBusy(false);
    if (problem !== null) setError(problem);
  }

  return (
    <dialog
      ref={dialog}
      className="dialog"
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onClose={onClose}
    >
      <h2 id={titleId}>{title}</h2>
      <div id={bodyId} className="dialog-body">
        {children}
      </div>
      {error !== null && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button ref={cancel} type="button" className="button" onClick={onClose}>
          {cancelLabel}
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          onClick={() => void confirm()}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
