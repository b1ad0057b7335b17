import { useEffect, useLayoutEffect, useRef } from 'react';
import { createQuietTimer } from './quiet-timer';

/** The pause in typing after which the open post saves itself. */
export const autosaveDelayMs = 1500;

// Typing, pasting, cutting or dropping text anywhere in the page restarts the pause. Listening on
// the document (not inside the editor) covers the body and every front matter field alike.
const typingEvents = ['keydown', 'input', 'paste', 'cut', 'drop'] as const;

/** Options of {@link useAutosave}. */
export interface AutosaveOptions {
  /** The autosave preference; null while it loads (nothing saves itself until then). */
  readonly enabled: boolean | null;
  /** Whether the open post has unsaved changes. */
  readonly dirty: boolean;
  /** True while saving must wait for the author (another program changed the post meanwhile). */
  readonly paused: boolean;
  /** Saves the open post; a conflict is reported by the save itself, and never retried here. */
  readonly save: () => Promise<void>;
}

/**
 * Autosave: with the preference on, the open post is saved after a pause in typing, when the
 * window loses focus or the page is hidden, and (desktop) when the main process asks before
 * closing. Saves are conditional, so an autosave never overwrites another program's change: it
 * fails as a conflict, says so, and waits for the next pause rather than retrying in a loop.
 */
export function useAutosave({ enabled, dirty, paused, save }: AutosaveOptions): void {
  const latest = useRef(save);
  useLayoutEffect(() => {
    latest.current = save;
  });

  useEffect(() => {
    if (enabled !== true || !dirty || paused) return;
    const pause = createQuietTimer(() => void latest.current(), autosaveDelayMs);
    const saveNow = (): void => {
      pause.cancel();
      void latest.current();
    };
    pause.poke();
    // Per key only a note of the time: no timer is cleared and set again (see createQuietTimer).
    const restart = (): void => pause.poke();
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') saveNow();
    };
    for (const type of typingEvents) document.addEventListener(type, restart, true);
    window.addEventListener('blur', saveNow);
    window.addEventListener('pagehide', saveNow);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      pause.cancel();
      for (const type of typingEvents) document.removeEventListener(type, restart, true);
      window.removeEventListener('blur', saveNow);
      window.removeEventListener('pagehide', saveNow);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [enabled, dirty, paused]);
}
