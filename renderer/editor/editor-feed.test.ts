// @vitest-environment jsdom
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEditorFeed } from './editor-feed';
import { frames, tasks } from './test-frames';

describe('editor feed', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reports edits and cursor moves after the next paint, once, with the latest state', async () => {
    const callbacks = frames();
    const feed = createEditorFeed();
    const view = new EditorView({
      state: EditorState.create({ doc: 'hello', extensions: feed.extension }),
      parent: document.body,
    });
    expect(feed.current()?.doc.toString()).toBe('hello');
    const heard: [string, number, boolean][] = [];
    feed.subscribe((state, docChanged) =>
      heard.push([state.doc.toString(), state.selection.main.head, docChanged]),
    );
    view.dispatch({ changes: { from: 5, insert: '!' } });
    view.dispatch({ selection: { anchor: 2 } });
    // Nothing during the key's update, nor before the frame.
    await tasks();
    expect(heard).toEqual([]);
    expect(feed.current()?.doc.toString()).toBe('hello!');
    for (const callback of callbacks.splice(0)) callback();
    await tasks();
    expect(heard).toEqual([['hello!', 2, true]]);
    // A cursor move alone is reported as one.
    view.dispatch({ selection: { anchor: 0 } });
    for (const callback of callbacks.splice(0)) callback();
    await tasks();
    expect(heard).toEqual([
      ['hello!', 2, true],
      ['hello!', 0, false],
    ]);
    view.destroy();
  });
});
