import type { EditorState, Extension } from '@codemirror/state';
import { ViewPlugin } from '@codemirror/view';

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

/** A feed for one post's editor. */
export function createEditorFeed(): EditorFeed {
  const listeners = new Set<FeedListener>();
  let latest: EditorState | null = null;
  const publish = (state: EditorState, docChanged: boolean) => {
    latest = state;
    for (const listener of listeners) listener(state, docChanged);
  };
  const extension = ViewPlugin.define((view) => {
    publish(view.state, true);
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
