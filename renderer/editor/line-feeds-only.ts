import { EditorState } from '@codemirror/state';
import type { Extension } from '@codemirror/state';

/**
 * Only `\n` breaks lines. The body arrives with `\n` endings (the file's own endings are restored
 * on save), so a stray `\r` inside a line is content and must survive a save untouched, instead
 * of being turned into a line break as CodeMirror's default would.
 */
export function lineFeedsOnly(): Extension {
  return EditorState.lineSeparator.of('\n');
}
