import { useEffect, useRef, useState } from 'react';

/** How long a toast stays when nobody points at it or focuses it. */
export const toastMs = 10_000;

/** Props of {@link UndoToast}. */
export interface UndoToastProps {
  /** What happened: "Deleted “First light”". */
  readonly message: string;
  /** Takes the change back; the toast shows it is working until this settles. */
  readonly onUndo: () => Promise<void>;
  /** The toast is done: its time is up, it was dismissed, or the undo finished. */
  readonly onDone: () => void;
  /** How long it stays (ms); `toastMs` unless given. */
  readonly durationMs?: number;
}

/**
 * A short-lived note at the bottom of the window with an Undo button. Its time stops while the
 * pointer is over it or focus is in it (so nobody loses the undo while reaching for it) and starts
 * again in full when they leave. Escape in it dismisses it. A live region announces it.
 */
export function UndoToast({ message, onUndo, onDone, durationMs = toastMs }: UndoToastProps) {
  const [held, setHeld] = useState({ pointer: false, focus: false });
  const [busy, setBusy] = useState(false);
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  });

  const paused = held.pointer || held.focus || busy;
  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(() => done.current(), durationMs);
    return () => clearTimeout(timer);
  }, [paused, durationMs, message]);

  const undo = (): void => {
    if (busy) return;
    setBusy(true);
    void onUndo().finally(() => done.current());
  };

  return (
    <div
      className="toast"
      role="status"
      aria-live="polite"
      onPointerEnter={() => setHeld((now) => ({ ...now, pointer: true }))}
      onPointerLeave={() => setHeld((now) => ({ ...now, pointer: false }))}
      onFocus={() => setHeld((now) => ({ ...now, focus: true }))}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null))
          setHeld((now) => ({ ...now, focus: false }));
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        done.current();
      }}
    >
      <span className="toast-message">{message}</span>
      <button type="button" className="toast-action" onClick={undo} disabled={busy}>
        {busy ? 'Undoing…' : 'Undo'}
      </button>
      <button
        type="button"
        className="toast-close"
        aria-label="Dismiss"
        title="Dismiss"
        onClick={() => done.current()}
      >
        ×
      </button>
    </div>
  );
}
