import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import type { Extension } from '@codemirror/state';
import { EditorView, highlightActiveLine, highlightSpecialChars, keymap } from '@codemirror/view';
import { accessibleName } from './accessible-name';
import { onDocChange } from './doc-changes';
import { formattingKeymap } from './formatting';
import { markdownHighlighting } from './highlight';
import { measureKeystrokes } from './keystroke-measure';
import { lineFeedsOnly } from './line-feeds-only';
import { optionalLineNumbers } from './line-numbers';
import { listIndentation } from './list-indent';
import { markdownSyntax } from './markdown-syntax';
import { pairing } from './pairing';
import { searchAndGoTo } from './search';
import { multipleSelections } from './selections';
import { optionalSpellcheck } from './spellcheck';
import { editorTheme } from './theme';

/** What the editor reports back to the React side, and the settings it starts with. */
export interface EditorOptions {
  /** After each change to the text; the view is the source of truth, read it there. */
  readonly onChange: (view: EditorView) => void;
  /** More extensions from the caller (a feed for the status bar). */
  readonly extra?: Extension;
  /** Line numbers at first; later changes go through `showLineNumbers`. */
  readonly lineNumbers: boolean;
  /** The spellchecker at first; later changes go through `checkSpelling`. */
  readonly spellcheck: boolean;
}

/**
 * Every extension of the body editor, in one place. Keymaps are listed from the highest
 * precedence down: the first binding of a key that handles it wins.
 */
export function editorExtensions({
  onChange,
  extra = [],
  lineNumbers,
  spellcheck,
}: EditorOptions): Extension[] {
  return [
    // Must be in place before the document is created, or a lone \r splits a line.
    lineFeedsOnly(),
    // GFM parsing, fenced code in its own language, and Markdown's own keymap (Enter continues
    // lists and quotes and renumbers ordered lists), which CodeMirror gives a high precedence.
    markdownSyntax(),
    markdownHighlighting(),
    // Typed brackets pair; `*`, `_` and `` ` `` wrap a selection. Its Backspace (deleting a pair)
    // comes before the default one.
    pairing(),
    // Mod-b, Mod-i ... before the default keymap, which binds Mod-i to "select parent syntax".
    formattingKeymap(),
    // Tab and Shift-Tab indent (list items by list levels); Escape then Tab leaves the editor.
    listIndentation(),
    // Find and replace, go to line (Mod-Alt-g).
    searchAndGoTo(),
    // Undo/redo; its keymap comes before the default one so Mod-z is ours.
    history(),
    keymap.of([...historyKeymap, ...defaultKeymap]),
    multipleSelections(),
    // Prose wraps; horizontal scrolling is for code editors.
    EditorView.lineWrapping,
    highlightActiveLine(),
    // Shows invisible troublemakers (a stray \r, zero-width spaces) instead of hiding them.
    highlightSpecialChars(),
    // Preferences, each in a compartment so a change applies without rebuilding the editor.
    optionalLineNumbers(lineNumbers),
    optionalSpellcheck(spellcheck),
    editorTheme(),
    accessibleName('Post body'),
    onDocChange(onChange),
    extra,
    measureKeystrokes(), // Key-to-paint timings (postwright:keystroke) for benchmarks.
  ];
}
