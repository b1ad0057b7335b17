import { EditorSelection } from '@codemirror/state';
import type { EditorState, SelectionRange, StateCommand, TransactionSpec } from '@codemirror/state';

/** A Markdown mark written on both sides of a span of text. */
export type InlineMark = '**' | '*' | '`' | '~~';

// Far enough to see `***`, short enough that a row of stars never makes us scan a line.
const maxRun = 4;

/** How many `char`s run left from `pos` (towards the start) or right from it. */
function runAt(state: EditorState, pos: number, char: string, direction: -1 | 1): number {
  let run = 0;
  while (run < maxRun) {
    const at = direction < 0 ? pos - run - 1 : pos + run;
    if (at < 0 || at >= state.doc.length || state.sliceDoc(at, at + 1) !== char) break;
    run++;
  }
  return run;
}

/**
 * Whether `run` marks on both sides of a span include `mark`. Stars need care: `**` is bold,
 * `*` italic and `***` both, so bold is there from two stars on and italic only with an odd count.
 */
function markIn(mark: InlineMark, run: number): boolean {
  if (mark === '*') return run % 2 === 1;
  return run >= mark.length;
}

/** A range over `from`..`to` facing the way `like` faced (so Shift-arrows keep extending it). */
function rangeLike(like: SelectionRange, from: number, to: number): SelectionRange {
  return like.anchor > like.head
    ? EditorSelection.range(to, from)
    : EditorSelection.range(from, to);
}

function toggleRange(state: EditorState, range: SelectionRange, mark: InlineMark) {
  const size = mark.length;
  const char = mark.charAt(0);
  const outside = Math.min(runAt(state, range.from, char, -1), runAt(state, range.to, char, 1));
  if (range.empty) {
    // `**|**` right after inserting empty marks: pressing again takes them away.
    if (markIn(mark, outside)) {
      return {
        changes: [
          { from: range.from - size, to: range.from },
          { from: range.to, to: range.to + size },
        ],
        range: EditorSelection.cursor(range.from - size),
      };
    }
    return {
      changes: { from: range.from, insert: mark + mark },
      range: EditorSelection.cursor(range.from + size),
    };
  }

  // `**bold **` is not bold in Markdown: the marks go around the words, not the spaces beside them.
  const text = state.sliceDoc(range.from, range.to);
  const from = range.from + (text.length - text.trimStart().length);
  const to = Math.max(from, range.to - (text.length - text.trimEnd().length));

  // The marks are inside the selection: `[**bold**]`.
  const inner = state.sliceDoc(from, to);
  const innerRun = Math.min(runAt(state, from, char, 1), runAt(state, to, char, -1));
  if (inner.length > 2 * innerRun && markIn(mark, innerRun)) {
    return {
      changes: [
        { from, to: from + size },
        { from: to - size, to },
      ],
      range: rangeLike(range, from, to - 2 * size),
    };
  }
  // The marks are just outside it: `**[bold]**`, as a double-click leaves it.
  const outerRun = Math.min(runAt(state, from, char, -1), runAt(state, to, char, 1));
  if (from === range.from && to === range.to && markIn(mark, outerRun)) {
    return {
      changes: [
        { from: from - size, to: from },
        { from: to, to: to + size },
      ],
      range: rangeLike(range, from - size, to - size),
    };
  }
  if (from === to) {
    // Only spaces selected: wrap nothing, leave the text alone.
    return { range };
  }
  return {
    changes: [
      { from, insert: mark },
      { from: to, insert: mark },
    ],
    range: rangeLike(range, from + size, to + size),
  };
}

/**
 * Wraps each selection in `mark`, or unwraps it when it is already marked (inside or just outside
 * the selection). An empty selection gets an empty pair with the cursor between, to type into.
 */
export function toggleInlineMark(state: EditorState, mark: InlineMark): TransactionSpec {
  return state.changeByRange((range) => toggleRange(state, range, mark));
}

function markCommand(mark: InlineMark): StateCommand {
  return ({ state, dispatch }) => {
    if (state.readOnly) return false;
    dispatch(
      state.update(toggleInlineMark(state, mark), {
        scrollIntoView: true,
        userEvent: 'input.format',
      }),
    );
    return true;
  };
}

/** Makes the selection bold (`**`), or plain again. */
export const toggleBold = markCommand('**');
/** Makes the selection italic (`*`), or plain again. */
export const toggleItalic = markCommand('*');
/** Makes the selection inline code (`` ` ``), or plain again. */
export const toggleInlineCode = markCommand('`');
/** Strikes the selection through (`~~`), or plain again. */
export const toggleStrikethrough = markCommand('~~');

const urlLike = /^(?:https?:\/\/|mailto:)\S+$/;

/**
 * Makes each selection a link: `[selection](url)` with `url` selected, ready to paste over. A
 * selected URL goes in the parentheses instead, with the cursor in the brackets for its text; an
 * empty selection gets `[](url)` with the cursor in the brackets.
 */
export function insertLinkSpec(state: EditorState): TransactionSpec {
  return state.changeByRange((range) => {
    const text = state.sliceDoc(range.from, range.to);
    if (range.empty || urlLike.test(text)) {
      const insert = `[](${range.empty ? 'url' : text})`;
      return {
        changes: { from: range.from, to: range.to, insert },
        range: EditorSelection.cursor(range.from + 1),
      };
    }
    const urlFrom = range.from + text.length + 3;
    return {
      changes: { from: range.from, to: range.to, insert: `[${text}](url)` },
      range: EditorSelection.range(urlFrom, urlFrom + 3),
    };
  });
}

/** Command form of {@link insertLinkSpec}. */
export const insertLink: StateCommand = ({ state, dispatch }) => {
  if (state.readOnly) return false;
  dispatch(
    state.update(insertLinkSpec(state), { scrollIntoView: true, userEvent: 'input.format' }),
  );
  return true;
};
