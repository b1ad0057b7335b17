import { indentLess, indentMore } from '@codemirror/commands';
import type {
  ChangeSpec,
  EditorState,
  Extension,
  StateCommand,
  TransactionSpec,
} from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { readListLine, selectedLines } from './block-format';

const blank = /^\s*$/;

/** The item's indentation and where its text starts (its content column), or null for no item. */
function itemAt(text: string): { indent: number; content: number } | null {
  const item = readListLine(text);
  if (item.kind === null) return null;
  return { indent: item.at, content: item.at + item.marker.length };
}

/**
 * The nearest list item above line `number` that passes `test`, looking no further than the list
 * goes (a blank line followed by unindented text ends it).
 */
function itemAbove(
  state: EditorState,
  number: number,
  test: (item: { indent: number; content: number }) => boolean,
): { indent: number; content: number } | null {
  for (let n = number - 1; n >= 1; n--) {
    const text = state.doc.line(n).text;
    if (blank.test(text)) continue;
    const item = itemAt(text);
    if (item !== null && test(item)) return item;
    if (item === null && !/^\s/.test(text)) return null;
  }
  return null;
}

/**
 * Tab on list items: each selected item moves under the item above it, to where that item's text
 * starts (`1. ` needs three spaces, `- ` two; Markdown nests by that column, not by a fixed unit).
 * Returns null unless every selected line is a list item, so other text indents as usual.
 */
export function indentListSpec(state: EditorState): TransactionSpec | null {
  const lines = selectedLines(state);
  const changes: ChangeSpec[] = [];
  for (const line of lines) {
    const item = itemAt(line.text);
    if (item === null) return null;
    const sibling = itemAbove(state, line.number, (above) => above.indent === item.indent);
    // The first item of a list has nothing to nest under: leave it, as editors that nest do.
    if (sibling === null) continue;
    // Spaces go right before the marker, after any quote marks (`> - item`).
    changes.push({
      from: line.from + item.indent,
      insert: ' '.repeat(sibling.content - item.indent),
    });
  }
  const set = state.changes(changes);
  return { changes: set, selection: state.selection.map(set, 1) };
}

/**
 * Shift-Tab on list items: each selected item moves out to its parent item's column. Returns null
 * unless every selected line is an indented list item.
 */
export function outdentListSpec(state: EditorState): TransactionSpec | null {
  const lines = selectedLines(state);
  const changes: ChangeSpec[] = [];
  for (const line of lines) {
    const item = itemAt(line.text);
    if (item === null) return null;
    const spaces = /[ \t]*$/.exec(line.text.slice(0, item.indent))?.[0].length ?? 0;
    if (spaces === 0) continue;
    const parent = itemAbove(state, line.number, (above) => above.indent < item.indent);
    const target = parent === null ? item.indent - spaces : parent.indent;
    const remove = Math.min(spaces, item.indent - target);
    changes.push({ from: line.from + item.indent - remove, to: line.from + item.indent });
  }
  const set = state.changes(changes);
  return { changes: set, selection: state.selection.map(set) };
}

function listOr(spec: (state: EditorState) => TransactionSpec | null, otherwise: StateCommand) {
  const run: StateCommand = (target) => {
    const { state, dispatch } = target;
    if (state.readOnly) return false;
    const edit = spec(state);
    if (edit === null) return otherwise(target);
    dispatch(state.update(edit, { scrollIntoView: true, userEvent: 'input.indent' }));
    return true;
  };
  return run;
}

/** Tab: nests list items under the item above; other lines get one more indent unit. */
export const indentListOrMore: StateCommand = listOr(indentListSpec, indentMore);

/** Shift-Tab: moves list items out a level; other lines lose one indent unit. */
export const outdentListOrLess: StateCommand = listOr(outdentListSpec, indentLess);

/**
 * Tab and Shift-Tab indent and outdent (list items by list levels). The editor still lets
 * keyboard users leave with Tab: CodeMirror's convention is Escape, then Tab within two seconds.
 */
export function listIndentation(): Extension {
  return keymap.of([{ key: 'Tab', run: indentListOrMore, shift: outdentListOrLess }]);
}
