import { historyField } from '@codemirror/commands';
import { EditorState } from '@codemirror/state';
import type { Extension, StateField } from '@codemirror/state';

/** How many posts keep their undo history once closed. */
export const historyCacheSize = 20;

/** More of the state to keep with the undo history, and when a kept state may come back. */
export interface KeptFields {
  /** State fields saved and restored with the history, by their name in the JSON. */
  readonly fields: Readonly<Record<string, StateField<unknown>>>;
  /** Whether a restored state fits the post as it opens now (its body text is checked already). */
  readonly fits: (state: EditorState) => boolean;
}

const noFields: KeptFields = { fields: {}, fits: () => true };

/** A closed post's editor state: its text, and `EditorState.toJSON` with the undo history. */
interface KeptState {
  readonly doc: string;
  /** Plain data (CodeMirror types it `any`); only `EditorState.fromJSON` reads it. */
  readonly json: unknown;
}

// Module level, so it outlives the editor components: the app mounts a new editor per post.
// A Map iterates in insertion order, which makes it an LRU when entries are re-inserted on use.
const cache = new Map<string, KeptState>();

/**
 * Keeps a closing post's editor state, its undo history (and `fields`) included, under `key` (its
 * path).
 */
export function rememberState(
  key: string,
  state: EditorState,
  fields: KeptFields = noFields,
): void {
  cache.delete(key);
  const json: unknown = state.toJSON({ ...fields.fields, history: historyField });
  cache.set(key, { doc: state.doc.toString(), json });
  while (cache.size > historyCacheSize) {
    const oldest = cache.keys().next();
    if (oldest.done === true) break;
    cache.delete(oldest.value);
  }
}

/**
 * The state to open a post with: the one kept for `key`, undo history, cursor and all, when its
 * text is exactly `text`; otherwise a fresh one. A kept state whose text differs (the file changed
 * on disk, or its edits were thrown away) would undo into text that never was, so it is dropped.
 * `fields` are restored too, and `fits` judges the restored state (the front matter it holds must
 * be the post's as it opens, for the same reason).
 * The extensions are always the caller's fresh ones, so no callback of a closed editor survives.
 */
export function restoreState(
  key: string,
  text: string,
  extensions: Extension,
  fields: KeptFields = noFields,
): EditorState {
  const kept = cache.get(key);
  if (kept !== undefined) {
    cache.delete(key);
    if (kept.doc === text) {
      const restored = EditorState.fromJSON(
        kept.json,
        { extensions },
        { ...fields.fields, history: historyField },
      );
      if (fields.fits(restored)) {
        // Re-inserted, so it stays young while open (StrictMode's remount reads it twice).
        cache.set(key, kept);
        return restored;
      }
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
