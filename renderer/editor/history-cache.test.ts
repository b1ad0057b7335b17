import { history, historyField, undo } from '@codemirror/commands';
import { EditorState, StateField } from '@codemirror/state';
import type { Extension, Transaction } from '@codemirror/state';
import { afterEach, describe, expect, it } from 'vitest';
import {
  forgetStates,
  historyCacheSize,
  rememberState,
  rememberedKeys,
  restoreState,
} from './history-cache';

afterEach(forgetStates);

/** A state with `typed` typed at the end of `text`, as one undoable edit. */
function typedInto(text: string, typed: string, more: Extension = []): EditorState {
  const state = restoreState('unused', text, [history(), more]);
  return state.update({ changes: { from: text.length, insert: typed }, userEvent: 'input.type' })
    .state;
}

function undone(state: EditorState): EditorState {
  let result = state;
  undo({ state, dispatch: (tr: Transaction) => (result = tr.state) });
  return result;
}

describe('the undo history cache', () => {
  it('gives back the history of a post reopened with the same text', () => {
    rememberState('a.md', typedInto('Hello', ' world'));
    const reopened = restoreState('a.md', 'Hello world', history());
    expect(reopened.field(historyField, false)).toBeDefined();
    expect(undone(reopened).doc.toString()).toBe('Hello');
  });

  it('keeps the cursor where it was', () => {
    const state = typedInto('Hello', ' world');
    rememberState('a.md', state.update({ selection: { anchor: 2 } }).state);
    expect(restoreState('a.md', 'Hello world', history()).selection.main.head).toBe(2);
  });

  it('starts fresh when the text differs (changed on disk, or edits thrown away)', () => {
    rememberState('a.md', typedInto('Hello', ' world'));
    const reopened = restoreState('a.md', 'Hello', history());
    expect(undone(reopened).doc.toString()).toBe('Hello');
    // And the stale entry is gone, so it cannot come back later.
    expect(rememberedKeys()).toEqual([]);
  });

  it('keeps each post apart', () => {
    rememberState('a.md', typedInto('A', '1'));
    rememberState('b.md', typedInto('B', '2'));
    expect(undone(restoreState('a.md', 'A1', history())).doc.toString()).toBe('A');
    expect(undone(restoreState('b.md', 'B2', history())).doc.toString()).toBe('B');
  });

  it('uses the extensions it is given, not those of the closed editor', () => {
    rememberState('a.md', typedInto('Hello', ' world'));
    const reopened = restoreState('a.md', 'Hello world', [history(), EditorState.tabSize.of(8)]);
    expect(reopened.tabSize).toBe(8);
    expect(undone(reopened).doc.toString()).toBe('Hello');
  });

  it(`forgets the least recently used post beyond ${historyCacheSize}`, () => {
    for (let i = 0; i <= historyCacheSize; i++) rememberState(`${i}.md`, typedInto('x', 'y'));
    expect(rememberedKeys()).toHaveLength(historyCacheSize);
    expect(rememberedKeys()).not.toContain('0.md');
    // Reading one makes it the youngest, so the next to go is another.
    restoreState('1.md', 'xy', history());
    rememberState('new.md', typedInto('x', 'y'));
    expect(rememberedKeys()).toContain('1.md');
    expect(rememberedKeys()).not.toContain('2.md');
  });
});

describe('the undo history cache with a fit test', () => {
  const counter = StateField.define<number>({
    create: () => 0,
    update: (value, tr) => (tr.docChanged ? value + 1 : value),
  });
  const fitting = (fits: (count: number) => boolean) => ({
    fits: (state: EditorState) => fits(state.field(counter)),
  });

  it('keeps the fields of the closed state with the history', () => {
    rememberState('a.md', typedInto('Hello', ' world', counter));
    const reopened = restoreState(
      'a.md',
      'Hello world',
      [history(), counter],
      fitting(() => true),
    );
    expect(reopened.field(counter)).toBe(1);
    expect(undone(reopened).doc.toString()).toBe('Hello');
  });

  it('starts fresh when the kept state does not fit the post as it opens', () => {
    rememberState('a.md', typedInto('Hello', ' world', counter));
    const reopened = restoreState(
      'a.md',
      'Hello world',
      [history(), counter],
      fitting((n) => n === 0),
    );
    expect(reopened.field(counter)).toBe(0);
    expect(undone(reopened).doc.toString()).toBe('Hello world');
    expect(rememberedKeys()).toEqual([]);
  });
});
