import { assertNever } from '../shared/result';

/** How long closing waits for the renderer's save before asking: a local save takes milliseconds. */
export const saveBeforeCloseMs = 3000;

/** The renderer's "there are unsaved changes" flag, which a close can wait on. */
export interface UnsavedTracker {
  get(): boolean;
  set(unsaved: boolean): void;
  /** Resolves true as soon as nothing is unsaved, false if something still is after `timeoutMs`. */
  whenSaved(timeoutMs: number): Promise<boolean>;
}

/** Creates an `UnsavedTracker`, starting with nothing unsaved. */
export function createUnsavedTracker(): UnsavedTracker {
  let unsaved = false;
  const waiting = new Set<() => void>();
  return {
    get: () => unsaved,
    set(value) {
      unsaved = value;
      if (value) return;
      for (const wake of waiting) wake();
      waiting.clear();
    },
    whenSaved(timeoutMs) {
      if (!unsaved) return Promise.resolve(true);
      return new Promise((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          resolve(true);
        };
        const timer = setTimeout(() => {
          waiting.delete(wake);
          resolve(!unsaved);
        }, timeoutMs);
        waiting.add(wake);
      });
    },
  };
}

/** What closing asks when there is unsaved text: before any save, or after one failed. */
export type CloseQuestion = 'unsaved' | 'saveFailed';

/** The user's answer: stay, save (again) and close, or close without saving. */
export type CloseAnswer = 'keepEditing' | 'save' | 'discard';

/** What deciding on a close needs from the shell. */
export interface CloseShell {
  /** Whether the user has autosave on. */
  autosave(): Promise<boolean>;
  /** Asks the renderer to save the open post (it clears the unsaved flag when that worked). */
  requestSave(): void;
  ask(question: CloseQuestion): Promise<CloseAnswer>;
}

/**
 * Decides whether a window may close. Nothing unsaved: yes. With autosave on, the renderer saves
 * first and the window closes once that worked, without a question; otherwise (autosave off, or the
 * save failed or took too long: a conflict, a full disk) the user chooses, and unsaved text is
 * dropped only when they say so.
 */
export async function mayClose(
  tracker: UnsavedTracker,
  shell: CloseShell,
  timeoutMs: number = saveBeforeCloseMs,
): Promise<boolean> {
  if (!tracker.get()) return true;
  const save = async (): Promise<boolean> => {
    shell.requestSave();
    return tracker.whenSaved(timeoutMs);
  };
  let question: CloseQuestion = 'unsaved';
  if (await shell.autosave()) {
    if (await save()) return true;
    question = 'saveFailed';
  }
  for (;;) {
    const answer = await shell.ask(question);
    switch (answer) {
      case 'keepEditing':
        return false;
      case 'discard':
        return true;
      case 'save':
        if (await save()) return true;
        question = 'saveFailed';
        break;
      default:
        return assertNever(answer);
    }
  }
}
