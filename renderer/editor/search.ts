import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import type { Extension } from '@codemirror/state';
import { keymap } from '@codemirror/view';

/**
 * Find and replace (plain, whole word, case, regular expression) in a panel above the text, and
 * go to line. Keys are CodeMirror's: Mod-f find, Mod-g / Shift-Mod-g next and previous, Mod-Alt-g
 * go to line, Mod-d select the next occurrence, Mod-Shift-l select all occurrences.
 */
export function searchAndGoTo(): Extension {
  return [search({ top: true }), highlightSelectionMatches(), keymap.of(searchKeymap)];
}
