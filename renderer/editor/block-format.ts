import { EditorSelection } from '@codemirror/state';
import type {
  ChangeSpec,
  EditorState,
  Line,
  StateCommand,
  TransactionSpec,
} from '@codemirror/state';

/** The lines the selections touch, each once, top to bottom. */
export function selectedLines(state: EditorState): Line[] {
  const numbers = new Set<number>();
  for (const range of state.selection.ranges) {
    const first = state.doc.lineAt(range.from).number;
    let last = state.doc.lineAt(range.to).number;
    // A selection of whole lines ends at the start of the next one, which it does not mean.
    if (!range.empty && last > first && state.doc.line(last).from === range.to) last--;
    for (let n = first; n <= last; n++) numbers.add(n);
  }
  return [...numbers].sort((a, b) => a - b).map((n) => state.doc.line(n));
}

const blank = /^\s*$/;

/**
 * Applies line changes and keeps each selection on the text it was on; a cursor at the start of a
 * line moves past markup inserted there, so the author types after the new `- ` or `# `.
 */
function lineEdit(state: EditorState, changes: ChangeSpec[]): TransactionSpec {
  const set = state.changes(changes);
  return { changes: set, selection: state.selection.map(set, 1) };
}

function command(spec: (state: EditorState) => TransactionSpec | null): StateCommand {
  return ({ state, dispatch }) => {
    if (state.readOnly) return false;
    const edit = spec(state);
    if (edit === null) return false;
    dispatch(state.update(edit, { scrollIntoView: true, userEvent: 'input.format' }));
    return true;
  };
}

// ---- Headings

const headingMark = /^(#{1,6})(?:[ \t]+|$)/;

/** The heading level of a line (0 for none). */
export function headingLevel(text: string): number {
  return headingMark.exec(text)?.[1]?.length ?? 0;
}

/**
 * Makes the selected lines headings of `level` (0: plain paragraphs). When they all already are
 * of that level they become plain again, so the same shortcut toggles.
 */
export function setHeadingSpec(state: EditorState, level: number): TransactionSpec {
  const lines = selectedLines(state);
  const target = lines.every((line) => headingLevel(line.text) === level) ? 0 : level;
  const mark = target === 0 ? '' : `${'#'.repeat(target)} `;
  return lineEdit(
    state,
    lines.map((line) => {
      const old = headingMark.exec(line.text)?.[0] ?? '';
      return { from: line.from, to: line.from + old.length, insert: mark };
    }),
  );
}

/** Command: heading of `level`, or plain again when it already is one. */
export function setHeading(level: number): StateCommand {
  return command((state) => setHeadingSpec(state, level));
}

/** Command: the next heading level for the first selected line: none, 1, 2, 3, then none again. */
export const cycleHeading: StateCommand = command((state) => {
  const first = selectedLines(state)[0];
  const level = first === undefined ? 0 : headingLevel(first.text);
  return setHeadingSpec(state, level >= 3 ? 0 : level + 1);
});

// ---- Quotes

const quoteMark = /^ {0,3}> ?/;

/** Quotes the selected lines (blank lines too, so they stay one quote), or unquotes them. */
export function toggleQuoteSpec(state: EditorState): TransactionSpec {
  const lines = selectedLines(state);
  const quoted = lines.every((line) => quoteMark.test(line.text));
  return lineEdit(
    state,
    lines.flatMap((line): ChangeSpec[] => {
      const old = quoteMark.exec(line.text)?.[0];
      if (quoted) return old === undefined ? [] : [{ from: line.from, to: line.from + old.length }];
      if (old !== undefined) return [];
      return [{ from: line.from, insert: blank.test(line.text) ? '>' : '> ' }];
    }),
  );
}

/** Command form of {@link toggleQuoteSpec}. */
export const toggleQuote: StateCommand = command(toggleQuoteSpec);

// ---- Lists

/** The kinds of list item the toolbar makes. */
export type ListKind = 'bullet' | 'numbered' | 'task';

// Quote marks and indentation, then the item's marker (a task's box counts as part of it).
const listLine =
  /^((?: {0,3}>[ ]?)*[ \t]*)((?:[-*+][ \t]+\[[ xX]\]|[-*+]|(\d{1,9})[.)])(?:[ \t]+|$))?/;

interface ListLine {
  /** Where the marker starts (after quote marks and indentation), from the line's start. */
  readonly at: number;
  /** The marker with its following space, or '' for a line that is no list item. */
  readonly marker: string;
  readonly kind: ListKind | null;
  readonly number: number | null;
}

/** Reads a line's list marker, if it has one. */
export function readListLine(text: string): ListLine {
  const match = listLine.exec(text);
  const prefix = match?.[1] ?? '';
  const marker = match?.[2] ?? '';
  const digits = match?.[3];
  const kind: ListKind | null =
    marker === ''
      ? null
      : digits !== undefined
        ? 'numbered'
        : marker.includes('[')
          ? 'task'
          : 'bullet';
  return {
    at: prefix.length,
    marker,
    kind,
    number: digits === undefined ? null : Number(digits),
  };
}

/**
 * Makes the selected lines items of a `kind` list (other list markers are replaced, numbers count
 * on from an item just above), or plain lines when they all already are. Blank lines between
 * selected lines are left alone.
 */
export function toggleListSpec(state: EditorState, kind: ListKind): TransactionSpec {
  const all = selectedLines(state);
  const filled = all.filter((line) => !blank.test(line.text));
  const lines = filled.length > 0 ? filled : all;
  const read = lines.map((line) => readListLine(line.text));
  const remove = read.every((item) => item.kind === kind);

  let next = 1;
  const first = lines[0];
  if (kind === 'numbered' && first !== undefined && first.number > 1) {
    const above = readListLine(state.doc.line(first.number - 1).text);
    if (above.number !== null) next = above.number + 1;
  }
  return lineEdit(
    state,
    lines.map((line, index) => {
      const item = read[index] ?? readListLine(line.text);
      const from = line.from + item.at;
      const to = from + item.marker.length;
      if (remove) return { from, to };
      const insert = kind === 'bullet' ? '- ' : kind === 'task' ? '- [ ] ' : `${next++}. `;
      return { from, to, insert };
    }),
  );
}

/** Command: bullet list (`- `), or plain lines again. */
export const toggleBulletList: StateCommand = command((state) => toggleListSpec(state, 'bullet'));
/** Command: numbered list (`1. `, `2. ` ...), or plain lines again. */
export const toggleNumberedList: StateCommand = command((state) =>
  toggleListSpec(state, 'numbered'),
);
/** Command: task list (`- [ ] `), or plain lines again. */
export const toggleTaskList: StateCommand = command((state) => toggleListSpec(state, 'task'));

// ---- Code blocks and rules

const fence = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Fences the lines each selection touches as a code block, or, when they already sit between
 * fence lines, removes those. An empty selection on a blank line gets an empty block to type into.
 */
export function toggleCodeBlockSpec(state: EditorState): TransactionSpec {
  return state.changeByRange((range) => {
    const first = state.doc.lineAt(range.from);
    let last = state.doc.lineAt(range.to);
    if (!range.empty && last.number > first.number && last.from === range.to) {
      last = state.doc.line(last.number - 1);
    }
    const before = first.number > 1 ? state.doc.line(first.number - 1) : null;
    const after = last.number < state.doc.lines ? state.doc.line(last.number + 1) : null;
    if (before !== null && after !== null && fence.test(before.text) && fence.test(after.text)) {
      const changes = state.changes([
        { from: before.from, to: first.from },
        { from: last.to, to: after.to },
      ]);
      return { changes, range: range.map(changes) };
    }
    if (range.empty && blank.test(first.text)) {
      return {
        changes: { from: first.from, to: first.to, insert: '```\n\n```' },
        range: EditorSelection.cursor(first.from + 4),
      };
    }
    const changes = state.changes([
      { from: first.from, insert: '```\n' },
      { from: last.to, insert: '\n```' },
    ]);
    return { changes, range: range.map(changes, 1) };
  });
}

/** Command form of {@link toggleCodeBlockSpec}. */
export const toggleCodeBlock: StateCommand = command(toggleCodeBlockSpec);

/**
 * Puts a horizontal rule (`---`) after the main selection's line, with blank lines around it:
 * right under a paragraph line `---` would make that line a heading instead.
 */
export function insertHorizontalRuleSpec(state: EditorState): TransactionSpec {
  const line = state.doc.lineAt(state.selection.main.head);
  const empty = blank.test(line.text);
  const previous = line.number > 1 ? state.doc.line(line.number - 1).text : '';
  const before = empty ? (blank.test(previous) ? '' : '\n') : '\n\n';
  const from = empty ? line.from : line.to;
  const insert = `${before}---\n\n`;
  return {
    changes: { from, to: empty ? line.to : from, insert },
    selection: EditorSelection.cursor(from + insert.length),
  };
}

/** Command form of {@link insertHorizontalRuleSpec}. */
export const insertHorizontalRule: StateCommand = command(insertHorizontalRuleSpec);
