import type { EditorState, Extension } from '@codemirror/state';
import { ViewPlugin } from '@codemirror/view';
import { afterNextPaint } from '../preview/after-paint';

/** Called with the editor's state when the cursor moved or the text changed. */
export type FeedListener = (state: EditorState, docChanged: boolean) => void;

/**
 * The editor's state for React components beside it (the status bar), without re-rendering their
 * parent on each keystroke: they subscribe and keep only what they show in their own state.
 */
export interface EditorFeed {
  /** Add to the editor's extensions; it reports the first state, then each cursor move or edit. */
  readonly extension: Extension;
  /** Listens until the returned function is called. */
  subscribe(listener: FeedListener): () => void;
  /** The latest state reported, or null before an editor exists. */
  current(): EditorState | null;
}

/**
 * A feed for one post's editor. Listeners hear of an edit or a cursor move just after the editor's
 * next paint, never inside the key's own update: what they do (a React render of the status bar,
 * its timers) is not the key's work, and the typed text shows first. Edits and moves made before
 * then are reported once, with the latest state (`docChanged` if any of them changed the text).
 */
export function createEditorFeed(): EditorFeed {
  const listeners = new Set<FeedListener>();
  let latest: EditorState | null = null;
  // What has not been reported yet: whether the text changed since the last report.
  let pending: { docChanged: boolean } | null = null;
  const report = (): void => {
    const state = latest;
    const reported = pending;
    pending = null;
    if (state === null || reported === null) return;
    for (const listener of listeners) listener(state, reported.docChanged);
  };
  const publish = (state: EditorState, docChanged: boolean): void => {
    latest = state;
    if (pending !== null) {
      pending.docChanged ||= docChanged;
      return;
    }
    pending = { docChanged };
    afterNextPaint(report);
  };
  const extension = ViewPlugin.define((view) => {
    // Not reported: whoever subscribes reads it through current().
    latest = view.state;
    return {
      update(update) {
        if (update.docChanged || update.selectionSet) publish(update.state, update.docChanged);
      },
    };
  });
  return {
    extension,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    current: () => latest,
  };
}
