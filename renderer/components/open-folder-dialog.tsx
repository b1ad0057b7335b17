import { useEffect, useId, useRef, useState } from 'react';

/** Props of {@link OpenFolderDialog}. */
export interface OpenFolderDialogProps {
  /** Opens the folder; resolves to an error message to show, or null when it worked. */
  readonly onOpen: (path: string) => Promise<string | null>;
  readonly onClose: () => void;
}

/**
 * Browser mode's "Open folder…": a page cannot show the system folder picker for a folder on the
 * server's disk, so the user types its path.
 */
export function OpenFolderDialog({ onOpen, onClose }: OpenFolderDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const inputId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    element.showModal();
    return () => element.close();
  }, []);

  async function submit(): Promise<void> {
    if (path.trim() === '' || busy) return;
    setBusy(true);
    setError(await onOpen(path.trim()));
    setBusy(false);
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
        <h2 id={titleId}>Open a posts folder</h2>
        <label htmlFor={inputId}>Folder path</label>
        <input
          id={inputId}
          type="text"
          value={path}
          autoFocus
          spellCheck={false}
          placeholder="/home/you/blog/content/posts"
          aria-invalid={error === null ? undefined : true}
          onChange={(event) => setPath(event.target.value)}
        />
        {error !== null && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button-primary"
            disabled={busy || path.trim() === ''}
          >
            Open
          </button>
        </div>
      </form>
    </dialog>
  );
}
