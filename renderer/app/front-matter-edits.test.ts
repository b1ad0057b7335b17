import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../shared/front-matter';
import { applyFieldEdits } from './front-matter-edits';

const saved = 'title: Hello\n# a comment\ndate: 2024-02-28\ntags: [a, b]\nnote: |\n  block\n';
const { fields } = readFrontMatter(saved);

describe('applyFieldEdits', () => {
  it('changes only the edited value', () => {
    const edited = applyFieldEdits(saved, fields, new Map([['title', 'Hello world']]));
    expect(edited.text).toBe(saved.replace('title: Hello', 'title: Hello world'));
    expect(edited.errors.size).toBe(0);
  });

  it('decides quoting from the saved text, not from a passing keystroke', () => {
    // "Hello " alone needs quotes; the finished value does not, so the file keeps its plain style.
    expect(applyFieldEdits(saved, fields, new Map([['title', 'Hello ']])).text).toContain(
      'title: "Hello "',
    );
    expect(applyFieldEdits(saved, fields, new Map([['title', 'Hello you']])).text).toContain(
      'title: Hello you\n',
    );
  });

  it('gives back the saved bytes when edits return to the saved values', () => {
    const edits = new Map([
      ['title', 'Hello'],
      ['date', '2024-02-28'],
    ]);
    expect(applyFieldEdits(saved, fields, edits).text).toBe(saved);
  });

  it('applies several edits; a block scalar stays a block, chomped to the exact value', () => {
    const edits = new Map([
      ['date', '2024-03-01'],
      ['note', 'plain now'],
    ]);
    const edited = applyFieldEdits(saved, fields, edits);
    expect(edited.text).toBe(
      saved
        .replace('2024-02-28', '2024-03-01')
        .replace('note: |\n  block\n', 'note: |-\n  plain now\n'),
    );
    expect(edited.errors.size).toBe(0);
  });

  it('reports an edit it cannot make', () => {
    const broken = applyFieldEdits(
      saved,
      [...fields, { key: 'gone', kind: 'string', text: '', editable: true }],
      new Map([['gone', 'x']]),
    );
    expect(broken.errors.get('gone')).toMatch(/no field/);
    expect(broken.text).toBe(saved);
  });

  it('ignores edits to lists, which the form shows read-only', () => {
    expect(applyFieldEdits(saved, fields, new Map([['tags', 'x']])).text).toBe(saved);
  });
});
