import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

/** Calls `listener` after every transaction that changed the text (not on cursor moves). */
export function onDocChange(listener: (view: EditorView) => void): Extension {
  return EditorView.updateListener.of((update) => {
    if (update.docChanged) listener(update.view);
  });
}
