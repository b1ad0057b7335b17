import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

/**
 * The editor's look. It grows with its content and lets the writing pane scroll, so the front
 * matter form above it scrolls away with the text like a document header.
 */
export function editorTheme(): Extension {
  return EditorView.theme({
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
  });
}
