import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { markdownLanguage } from '@codemirror/lang-markdown';
import { EditorSelection } from '@codemirror/state';
import type { EditorState, Extension, TransactionSpec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';

/** The emphasis and code marks that wrap a selection when typed over it. */
const emphasisMarks = new Set(['*', '_', '`']);

/**
 * What typing `char` does when a selection is not empty and `char` is an emphasis mark: each
 * selection is wrapped in it and stays selected, so typing `*` twice makes `**bold**`. Null when
 * typing should go on as usual: with only cursors nothing is paired, because a lone `*` starts a
 * bullet list and `_` sits inside words.
 */
export function wrapSelectionsIn(state: EditorState, char: string): TransactionSpec | null {
  if (!emphasisMarks.has(char) || state.selection.ranges.every((range) => range.empty)) return null;
  return state.changeByRange((range) => {
    if (range.empty) {
      return {
        changes: { from: range.from, insert: char },
        range: EditorSelection.cursor(range.from + 1),
      };
    }
    return {
      changes: [
        { from: range.from, insert: char },
        { from: range.to, insert: char },
      ],
      range: EditorSelection.range(range.anchor + 1, range.head + 1),
    };
  });
}

const emphasisPairing = EditorView.inputHandler.of((view, _from, _to, text) => {
  if (view.composing || view.state.readOnly) return false;
  const spec = wrapSelectionsIn(view.state, text);
  if (spec === null) return false;
  view.dispatch(view.state.update(spec, { scrollIntoView: true, userEvent: 'input.type' }));
  return true;
});

/**
 * Bracket pairing, and emphasis pairing over selections. In prose the apostrophe is no quote mark
 * (`'90s`, `'tis`), so Markdown text pairs brackets and double quotes only; code in fences keeps
 * its own language's pairs.
 */
export function pairing(): Extension {
  return [
    closeBrackets(),
    markdownLanguage.data.of({ closeBrackets: { brackets: ['(', '[', '{', '"'] } }),
    emphasisPairing,
    keymap.of(closeBracketsKeymap),
  ];
}
