import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

/** The formatting toolbar's height; it sticks to the pane's top, over the text (styles/editor.css). */
const toolbarHeight = 44;
/** What the editor keeps clear at the top when it scrolls a line into view: the toolbar and a gap. */
export const scrollMarginTop = toolbarHeight + 8;
/** The status bar's height; it sticks to the pane's bottom. */
const statusBarHeight = 34;

/**
 * The editor's look. It grows with its content and lets the writing pane scroll, so the front
 * matter form above it scrolls away with the text like a document header.
 */
export function editorTheme(): Extension {
  return [
    // The cursor is scrolled into view clear of the sticky toolbar and status bar.
    EditorView.scrollMargins.of(() => ({ top: scrollMarginTop, bottom: statusBarHeight + 8 })),
    theme,
  ];
}

const theme = EditorView.theme({
  '&': {
    color: 'var(--text)',
    backgroundColor: 'transparent',
    fontSize: 'var(--editor-font-size)',
  },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': {
    fontFamily: 'var(--font-mono)',
    lineHeight: '1.7',
    overflow: 'visible',
  },
  '.cm-content': {
    caretColor: 'var(--accent)',
    padding: '12px 0 40vh',
    minHeight: '50vh',
  },
  '.cm-line': { padding: '0 4px' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--accent)', borderLeftWidth: '2px' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-selectionMatch': { backgroundColor: 'var(--selection-match)' },
  // drawSelection paints selections itself; these beat its base theme's grey.
  '.cm-selectionBackground': { backgroundColor: 'var(--editor-selection)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground': {
    backgroundColor: 'var(--editor-selection-focused)',
  },
  '.cm-gutters': {
    backgroundColor: 'transparent',
    color: 'var(--faint)',
    border: 'none',
  },
  // The text's own font size, or the numbers would sit off its baseline.
  '.cm-lineNumbers .cm-gutterElement': { padding: '0 12px 0 0', minWidth: '3ch' },
  '.cm-activeLineGutter': { backgroundColor: 'transparent', color: 'var(--muted)' },
  '.cm-searchMatch': {
    backgroundColor: 'var(--search-match)',
    outline: '1px solid var(--search-match-border)',
    borderRadius: '2px',
  },
  '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: 'var(--search-match-current)' },
  '.cm-panels': { backgroundColor: 'var(--bg)', color: 'var(--text)' },
  '.cm-panels.cm-panels-top': {
    top: `${toolbarHeight}px`,
    borderBottom: '1px solid var(--border)',
  },
});
