import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { lineFeedsOnly } from './line-feeds-only';

describe('lineFeedsOnly', () => {
  it('keeps a lone \\r inside its line, so the text comes back byte for byte', () => {
    const doc = 'one\rstill one\ntwo\n';
    const state = EditorState.create({ doc, extensions: lineFeedsOnly() });
    expect(state.doc.lines).toBe(3);
    expect(state.doc.line(1).text).toBe('one\rstill one');
    expect(state.doc.toString()).toBe(doc);
  });

  it('is needed: without it CodeMirror turns the \\r into a line break', () => {
    expect(EditorState.create({ doc: 'a\rb' }).doc.lines).toBe(2);
  });
});
