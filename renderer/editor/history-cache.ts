import { EditorState, StateEffect } from '@codemirror/state';
import type { Extension } from '@codemirror/state';

/** How many posts keep their undo history once closed. */
export const historyCacheSize = 20;

/** When a kept state may come back, beyond its body text (which is always checked). */
export interface RestoreFit {
  /** Whether the kept state fits the post as it opens now (its front matter, say). */
  readonly fits: (state: EditorState) => boolean;
}

const anyState: RestoreFit = { fits: () => true };

/**
 * A closed post's editor state, kept whole rather than as `toJSON`: the history's JSON drops the
 * effects of its events (CodeMirror cannot serialize them), and front matter edits are effects.
 */
interface KeptState {
  readonly doc: string;
  readonly state: EditorState;
}

// Module level, so it outlives the editor components: the app mounts a new editor per post.
// A Map iterates in insertion order, which makes it an LRU when entries are re-inserted on use.
const cache = new Map<string, KeptState>();

/** Keeps a closing post's editor state, its undo history included, under `key` (its path). */
export function rememberState(key: string, state: EditorState): void {
  cache.delete(key);
  cache.set(key, { doc: state.doc.toString(), state });
  while (cache.size > historyCacheSize) {
    const oldest = cache.keys().next();
    if (oldest.done === true) break;
    cache.delete(oldest.value);
  }
}

/**
 * The state to open a post with: the one kept for `key`, undo history, cursor and all, when its
 * text is exactly `text` and `kept.fits` it; otherwise a fresh one. A kept state whose text
 * differs (the file changed on disk, or its edits were thrown away) would undo into text that
 * never was, so it is dropped. The kept state is reconfigured with the caller's fresh extensions,
 * so no callback of a closed editor survives; fields in both keep their values (the history),
 * and a field the caller initializes anew starts from that.
 */
export function restoreState(
  key: string,
  text: string,
  extensions: Extension,
  kept: RestoreFit = anyState,
): EditorState {
  const entry = cache.get(key);
  if (entry !== undefined) {
    cache.delete(key);
    if (entry.doc === text && kept.fits(entry.state)) {
      // Re-inserted, so it stays young while open (StrictMode's remount reads it twice).
      cache.set(key, entry);
      return entry.state.update({ effects: StateEffect.reconfigure.of(extensions) }).state;
    }
  }
  return EditorState.create({ doc: text, extensions });
}

/** Forgets every kept state (for tests). */
export function forgetStates(): void {
  cache.clear();
}

/** The keys kept, oldest first (for tests). */
export function rememberedKeys(): string[] {
  return [...cache.keys()];
}
