import { EditorSelection, EditorState } from '@codemirror/state';
import type { Extension, SelectionRange, StateCommand, TransactionSpec } from '@codemirror/state';

/**
 * Text with its selections marked, for tests, in the style of CodeMirror's own: `|` is a cursor,
 * `«` and `»` are a selection's anchor and head (`»word«` faces backwards).
 */
export function stateOf(marked: string, extensions: Extension = []): EditorState {
  const ranges: SelectionRange[] = [];
  let doc = '';
  let anchor: number | null = null;
  let backwards: number | null = null;
  for (const char of marked) {
    if (char === '|') ranges.push(EditorSelection.cursor(doc.length));
    else if (char === '«') {
      if (backwards !== null) {
        ranges.push(EditorSelection.range(doc.length, backwards));
        backwards = null;
      } else anchor = doc.length;
    } else if (char === '»') {
      if (anchor !== null) {
        ranges.push(EditorSelection.range(anchor, doc.length));
        anchor = null;
      } else backwards = doc.length;
    } else doc += char;
  }
  return EditorState.create({
    doc,
    selection: EditorSelection.create(ranges.length > 0 ? ranges : [EditorSelection.cursor(0)]),
    extensions: [EditorState.allowMultipleSelections.of(true), extensions],
  });
}

/** The text of `state` with its selections marked as {@link stateOf} reads them. */
export function markedOf(state: EditorState): string {
  const marks: { pos: number; mark: string }[] = [];
  for (const range of state.selection.ranges) {
    if (range.empty) marks.push({ pos: range.head, mark: '|' });
    else {
      marks.push({ pos: range.anchor, mark: '«' }, { pos: range.head, mark: '»' });
    }
  }
  let text = state.doc.toString();
  // From the end, so earlier positions stay put.
  for (const { pos, mark } of marks.sort((a, b) => b.pos - a.pos)) {
    text = text.slice(0, pos) + mark + text.slice(pos);
  }
  return text;
}

/** Applies a transaction spec to marked text and gives the result marked. */
export function afterSpec(
  marked: string,
  spec: (state: EditorState) => TransactionSpec | null,
  extensions: Extension = [],
): string {
  const state = stateOf(marked, extensions);
  const edit = spec(state);
  return edit === null ? marked : markedOf(state.update(edit).state);
}

/** Runs a command on marked text; gives the result marked, or null when the command declined. */
export function afterCommand(
  marked: string,
  command: StateCommand,
  extensions: Extension = [],
): string | null {
  let state = stateOf(marked, extensions);
  const ran = command({
    state,
    dispatch: (transaction) => {
      state = transaction.state;
    },
  });
  return ran ? markedOf(state) : null;
}
