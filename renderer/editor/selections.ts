import { EditorState } from '@codemirror/state';
import type { Extension } from '@codemirror/state';
import { crosshairCursor, drawSelection, dropCursor, rectangularSelection } from '@codemirror/view';

/**
 * Several cursors and selections at once: Ctrl/Cmd-click adds one, Alt-drag selects a rectangle
 * (the cursor turns to a crosshair while Alt is held). CodeMirror draws the selections itself,
 * since the browser can show only one.
 */
export function multipleSelections(): Extension {
  return [
    EditorState.allowMultipleSelections.of(true),
    drawSelection(),
    dropCursor(),
    rectangularSelection(),
    crosshairCursor(),
  ];
}
