import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import type { Extension } from '@codemirror/state';
import { EditorView, highlightActiveLine, highlightSpecialChars, keymap } from '@codemirror/view';
import { accessibleName } from './accessible-name';
import { onDocChange } from './doc-changes';
import { markdownHighlighting } from './highlight';
import { measureKeystrokes } from './keystroke-measure';
import { lineFeedsOnly } from './line-feeds-only';
import { markdownSyntax } from './markdown-syntax';
import { editorTheme } from './theme';

/** What the editor reports back to the React side. */
export interface EditorCallbacks {
  /** After each change to the text; the view is the source of truth, read it there. */
  readonly onChange: (view: EditorView) => void;
}

/** Every extension of the body editor, in one place. Order matters only where noted. */
export function editorExtensions({ onChange }: EditorCallbacks): Extension[] {
  return [
    // Must be in place before the document is created, or a lone \r splits a line.
    lineFeedsOnly(),
    // Undo/redo; its keymap comes before the default one so Mod-z is ours.
    history(),
    keymap.of([...historyKeymap, ...defaultKeymap]),
    // GFM parsing plus Markdown's own keymap (list continuation), which CodeMirror gives a higher
    // precedence than the keymap above.
    markdownSyntax(),
    markdownHighlighting(),
    // Prose wraps; horizontal scrolling is for code editors.
    EditorView.lineWrapping,
    highlightActiveLine(),
    // Shows invisible troublemakers (a stray \r, zero-width spaces) instead of hiding them.
    highlightSpecialChars(),
    editorTheme(),
    accessibleName('Post body'),
    onDocChange(onChange),
    measureKeystrokes(), // Key-to-paint timings (postwright:keystroke) for benchmarks.
  ];
}
