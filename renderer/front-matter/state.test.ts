import { history, redo, undo } from '@codemirror/commands';
import { EditorState, Transaction } from '@codemirror/state';
import type { TransactionSpec } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import type { FieldValue } from '../../shared/document';
import { forgetStates, rememberState, restoreState } from '../editor/history-cache';
import type { RestoreFit } from '../editor/history-cache';
import {
  formGroupDelayMs,
  frontMatterField,
  frontMatterState,
  frontMatterText,
  removeFieldSpec,
  resetFrontMatter,
  setFieldSpec,
  sourceEditSpec,
} from './state';

const saved = 'title: Hello\n# kept\ndate: 2024-02-28\n';

function start(base = saved, body = 'Body', order: readonly string[] = []): EditorState {
  return EditorState.create({ doc: body, extensions: [history(), frontMatterState(base, order)] });
}

/** Sets a field from the form at time `now`; fails the test when the edit is refused. */
function setField(state: EditorState, key: string, value: FieldValue, now: number): EditorState {
  const spec = setFieldSpec(state, key, value, now);
  if (!spec.ok) throw new Error(spec.error.message);
  return spec.value === null ? state : state.update(spec.value).state;
}

/** Types `text` at the end of the body at time `now`, as a keystroke would. */
function typeInBody(state: EditorState, text: string, now: number): EditorState {
  return state.update({
    changes: { from: state.doc.length, insert: text },
    userEvent: 'input.type',
    annotations: Transaction.time.of(now),
  }).state;
}

function run(command: typeof undo, state: EditorState): EditorState {
  let result = state;
  command({ state, dispatch: (tr: Transaction) => (result = tr.state) });
  return result;
}

const text = (state: EditorState) => frontMatterText(state);
const body = (state: EditorState) => state.doc.toString();

describe('the front matter state', () => {
  it('sets a field: only its value changes', () => {
    const state = setField(start(), 'title', 'Hello world', 0);
    expect(text(state)).toBe(saved.replace('Hello', 'Hello world'));
  });

  it('removes a field and adds one at the schema order', () => {
    let state = start(saved, 'Body', ['title', 'description', 'date']);
    const removed = removeFieldSpec(state, 'date', 0);
    if (!removed.ok || removed.value === null) throw new Error('not removed');
    state = state.update(removed.value).state;
    expect(text(state)).toBe('title: Hello\n# kept\n');
    state = setField(state, 'description', 'About', 10_000);
    expect(text(state)).toBe('title: Hello\ndescription: About\n# kept\n');
  });

  it('treats an edit that gives back the saved value as no edit', () => {
    let state = setField(start(), 'title', 'Hi', 0);
    state = setField(state, 'title', 'Hello', 10);
    expect(state.field(frontMatterField).edits.size).toBe(0);
    expect(text(state)).toBe(saved);
    // Setting what is already there dispatches nothing.
    const again = setFieldSpec(state, 'title', 'Hello', 20);
    expect(again.ok && again.value).toBe(null);
    expect(removeFieldSpec(state, 'nothing', 30)).toEqual({ ok: true, value: null });
  });

  it('returns the error of an edit it cannot make, and changes nothing', () => {
    const state = start();
    const result = setFieldSpec(state, 'count', Number.POSITIVE_INFINITY, 0);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/not a number/);
  });

  it('undoes and redoes form and body edits together, in order', () => {
    let state = start();
    state = setField(state, 'title', 'Hi', 0);
    state = typeInBody(state, '!', 1_000);
    state = setField(state, 'date', '2024-03-01', 2_000);
    state = typeInBody(state, '?', 3_000);
    const steps: [string, string][] = [];
    for (let i = 0; i < 4; i++) {
      state = run(undo, state);
      steps.push([text(state).split('\n')[0] + ' ' + text(state).split('\n')[2], body(state)]);
    }
    expect(steps).toEqual([
      ['title: Hi date: 2024-03-01', 'Body!'],
      ['title: Hi date: 2024-02-28', 'Body!'],
      ['title: Hi date: 2024-02-28', 'Body'],
      ['title: Hello date: 2024-02-28', 'Body'],
    ]);
    expect(text(state)).toBe(saved);
    for (let i = 0; i < 4; i++) state = run(redo, state);
    expect(text(state)).toBe('title: Hi\n# kept\ndate: 2024-03-01\n');
    expect(body(state)).toBe('Body!?');
  });

  it('undoes a run of keystrokes in one field as one step', () => {
    let state = start();
    let typed = 'Hello';
    for (let i = 0; i < 5; i++) {
      typed += ' x';
      state = setField(state, 'title', typed, i * (formGroupDelayMs / 2));
    }
    expect(text(state)).toContain('title: Hello x x x x x\n');
    state = run(undo, state);
    expect(text(state)).toBe(saved);
    state = run(redo, state);
    expect(text(state)).toContain('title: Hello x x x x x\n');
  });

  it('starts a new step after a pause, in another field, or after typing in the body', () => {
    let state = start();
    state = setField(state, 'title', 'A', 0);
    state = setField(state, 'title', 'AB', formGroupDelayMs + 1);
    state = setField(state, 'date', 'D', formGroupDelayMs + 2);
    state = typeInBody(state, '!', formGroupDelayMs + 3);
    state = setField(state, 'date', 'DE', formGroupDelayMs + 4);
    const undone: string[] = [];
    for (let i = 0; i < 5; i++) {
      state = run(undo, state);
      undone.push(
        `${text(state)
          .replace(/\n# kept\n/, ' ')
          .trim()} | ${body(state)}`,
      );
    }
    expect(undone).toEqual([
      'title: AB date: D | Body!',
      'title: AB date: D | Body',
      'title: AB date: 2024-02-28 | Body',
      'title: A date: 2024-02-28 | Body',
      'title: Hello date: 2024-02-28 | Body',
    ]);
  });

  it('takes source view text as the new base, undoably, grouped like the form', () => {
    let state = setField(start(), 'title', 'Hi', 0);
    const edit = (typed: string, now: number) => {
      const spec: TransactionSpec | null = sourceEditSpec(state, typed, now);
      if (spec !== null) state = state.update(spec).state;
    };
    edit('title: Hi\n# kept\ndate: 2024-02-28\nx: 1\n', 5_000);
    edit('title: Hi\n# kept\ndate: 2024-02-28\nx: 12\n', 5_100);
    expect(state.field(frontMatterField)).toEqual({
      base: 'title: Hi\n# kept\ndate: 2024-02-28\nx: 12\n',
      edits: new Map(),
    });
    // A form edit after the source edit works on the new base.
    state = setField(state, 'x', 3, 9_000);
    expect(text(state)).toBe('title: Hi\n# kept\ndate: 2024-02-28\nx: 3\n');
    state = run(undo, state);
    state = run(undo, state);
    expect(text(state)).toBe('title: Hi\n# kept\ndate: 2024-02-28\n');
    state = run(undo, state);
    expect(text(state)).toBe(saved);
    // Text that does not parse is kept as typed.
    edit('title: "Hi\n', 20_000);
    expect(text(state)).toBe('title: "Hi\n');
  });

  it('takes a newer base from disk outside the history', () => {
    let state = typeInBody(start(), '!', 0);
    state = state.update({
      effects: resetFrontMatter('title: Theirs\n'),
      annotations: Transaction.addToHistory.of(false),
    }).state;
    expect(text(state)).toBe('title: Theirs\n');
    state = run(undo, state);
    expect(body(state)).toBe('Body');
    expect(text(state)).toBe('title: Theirs\n');
  });

  it('survives toJSON and fromJSON', () => {
    const state = setField(start(), 'title', 'Hi', 0);
    const json: unknown = state.toJSON({ frontMatter: frontMatterField });
    const back = EditorState.fromJSON(
      json,
      { extensions: [history(), frontMatterState('ignored')] },
      { frontMatter: frontMatterField },
    );
    expect(text(back)).toBe(text(state));
    expect(back.field(frontMatterField).base).toBe(saved);
  });
});

describe('the front matter state in the per-post history cache', () => {
  const keep = (opening: string): RestoreFit => ({
    fits: (state: EditorState) => frontMatterText(state) === opening,
  });
  const extensions = (opening: string) => [history(), frontMatterState(opening)];

  it('comes back with its edits and their undo when the post reopens as it was left', () => {
    const edited = setField(start(), 'title', 'Hi', 0);
    rememberState('a.md', edited);
    // Saved since: the post opens with the edited text.
    const opening = text(edited);
    const reopened = restoreState('a.md', 'Body', extensions(opening), keep(opening));
    expect(text(reopened)).toBe(opening);
    expect(text(run(undo, reopened))).toBe(saved);
    forgetStates();
  });

  it('is dropped when the front matter opens differently (edits thrown away, or changed on disk)', () => {
    rememberState('a.md', setField(start(), 'title', 'Hi', 0));
    const reopened = restoreState('a.md', 'Body', extensions(saved), keep(saved));
    expect(text(reopened)).toBe(saved);
    expect(text(run(undo, reopened))).toBe(saved);
    forgetStates();
  });
});
