import { insertNewlineContinueMarkup } from '@codemirror/lang-markdown';
import { describe, expect, it } from 'vitest';
import { indentListOrMore, outdentListOrLess } from './list-indent';
import { markdownSyntax } from './markdown-syntax';
import { afterCommand } from './marked-text';

describe('Tab on list items', () => {
  it('nests a bullet item under the one above, at its text column', () => {
    expect(afterCommand('- one\n- tw|o', indentListOrMore)).toBe('- one\n  - tw|o');
  });

  it('nests a numbered item by the width of the marker above, as Markdown needs', () => {
    expect(afterCommand('1. one\n2. tw|o', indentListOrMore)).toBe('1. one\n   2. tw|o');
    expect(afterCommand('9. a\n10. b\n11. |c', indentListOrMore)).toBe('9. a\n10. b\n    11. |c');
  });

  it('leaves the first item of a list, which has nothing to nest under', () => {
    expect(afterCommand('- on|e\n- two', indentListOrMore)).toBe('- on|e\n- two');
  });

  it('nests every selected item', () => {
    expect(afterCommand('- a\n- «b\n- c»', indentListOrMore)).toBe('- a\n  - «b\n  - c»');
  });

  it('indents other lines by one unit', () => {
    expect(afterCommand('tex|t', indentListOrMore)).toBe('  tex|t');
  });
});

describe('Shift-Tab on list items', () => {
  it('moves a nested item out to its parent’s column', () => {
    expect(afterCommand('1. one\n   - tw|o', outdentListOrLess)).toBe('1. one\n- tw|o');
    expect(afterCommand('- a\n  - b\n    - |c', outdentListOrLess)).toBe('- a\n  - b\n  - |c');
  });

  it('leaves an unindented item', () => {
    expect(afterCommand('- |a', outdentListOrLess)).toBe('- |a');
  });
});

describe('Enter in a list (lang-markdown, relied on)', () => {
  const enter = (text: string): string | null =>
    afterCommand(text, insertNewlineContinueMarkup, markdownSyntax());

  it('continues a bullet list', () => {
    expect(enter('- one|')).toBe('- one\n- |');
  });

  it('continues a numbered list with the next number and renumbers the items after', () => {
    expect(enter('1. one|\n2. two\n3. three')).toBe('1. one\n2. |\n3. two\n4. three');
  });

  it('continues a task list with an open box', () => {
    expect(enter('- [x] done|')).toBe('- [x] done\n- [ ] |');
  });

  it('ends the list on Enter in an empty item (the second Enter, in a tight list)', () => {
    // The first Enter on an empty item makes room (a loose list); the next one ends the list.
    const first = enter('- one\n- |') ?? '';
    expect(first).toBe('- one\n\n- |');
    expect(enter(first)).toBe('- one\n\n|');
  });
});
