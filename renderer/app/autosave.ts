import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Api } from '../../shared/api';
import { messageOf } from './global-errors';

/** The pause in typing after which the open post saves itself. */
export const autosaveDelayMs = 1500;

// Typing, pasting, cutting or dropping text anywhere in the page restarts the pause. Listening on
// the document (not inside the editor) covers the body and every front matter field alike.
const typingEvents = ['keydown', 'input', 'paste', 'cut', 'drop'] as const;

/** Options of {@link useAutosave}. */
export interface AutosaveOptions {
  readonly api: Api;
  /** Whether the open post has unsaved changes. */
  readonly dirty: boolean;
  /** True while saving must wait for the author (another program changed the post meanwhile). */
  readonly paused: boolean;
  /** Saves the open post; a conflict is reported by the save itself, and never retried here. */
  readonly save: () => Promise<void>;
  /** Reports a preference that could not be read or stored. */
  readonly onError: (message: string) => void;
}

/** The autosave preference and a way to change it; `enabled` is null until it is loaded. */
export interface Autosave {
  readonly enabled: boolean | null;
  setEnabled(on: boolean): void;
}

/**
 * Autosave: with the preference on, the open post is saved after a pause in typing, when the
 * window loses focus or the page is hidden, and (desktop) when the main process asks before
 * closing. Saves are conditional, so an autosave never overwrites another program's change: it
 * fails as a conflict, says so, and waits for the next pause rather than retrying in a loop.
 */
export function useAutosave({ api, dirty, paused, save, onError }: AutosaveOptions): Autosave {
  const [enabled, setEnabledState] = useState<boolean | null>(null);
  const latest = useRef({ save, onError });
  useLayoutEffect(() => {
    latest.current = { save, onError };
  });

  useEffect(() => {
    let current = true;
    api.getPreferences().then(
      (result) => {
        if (!current) return;
        // Unknown means on: the default, and losing a preference must not mean losing work.
        setEnabledState(result.ok ? result.value.autosave : true);
        if (!result.ok) latest.current.onError(result.error.message);
      },
      (error: unknown) => {
        if (!current) return;
        setEnabledState(true);
        latest.current.onError(messageOf(error));
      },
    );
    return () => {
      current = false;
    };
  }, [api]);

  const setEnabled = useCallback(
    (on: boolean) => {
      setEnabledState(on);
      api.setAutosave(on).then(
        (result) => {
          if (!result.ok) latest.current.onError(result.error.message);
        },
        (error: unknown) => latest.current.onError(messageOf(error)),
      );
    },
    [api],
  );

  useEffect(() => {
    if (enabled !== true || !dirty || paused) return;
    const saveNow = (): void => {
      window.clearTimeout(timer);
      void latest.current.save();
    };
    let timer = window.setTimeout(saveNow, autosaveDelayMs);
    const restart = (): void => {
      window.clearTimeout(timer);
      timer = window.setTimeout(saveNow, autosaveDelayMs);
    };
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') saveNow();
    };
    for (const type of typingEvents) document.addEventListener(type, restart, true);
    window.addEventListener('blur', saveNow);
    window.addEventListener('pagehide', saveNow);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearTimeout(timer);
      for (const type of typingEvents) document.removeEventListener(type, restart, true);
      window.removeEventListener('blur', saveNow);
      window.removeEventListener('pagehide', saveNow);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [enabled, dirty, paused]);

  return { enabled, setEnabled };
}
