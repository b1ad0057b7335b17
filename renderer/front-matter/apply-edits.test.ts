import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits } from './apply-edits';
import type { FieldValue } from '../../shared/document';
import type { FieldEdit } from './apply-edits';

const saved = 'title: Hello\n# a comment\ndate: 2024-02-28\ntags: [a, b]\nnote: |\n  block\n';

const set = (value: FieldValue): FieldEdit => ({ kind: 'set', value });
const edits = (...entries: [string, FieldEdit][]) => new Map(entries);

describe('applyEdits', () => {
  it('changes only the edited value', () => {
    const edited = applyEdits(saved, edits(['title', set('Hello world')]));
    expect(edited.text).toBe(saved.replace('title: Hello', 'title: Hello world'));
    expect(edited.errors.size).toBe(0);
  });

  it('decides quoting from the base text, not from a passing keystroke', () => {
    // "Hello " alone needs quotes; the finished value does not, so the file keeps its plain style.
    expect(applyEdits(saved, edits(['title', set('Hello ')])).text).toContain('title: "Hello "');
    expect(applyEdits(saved, edits(['title', set('Hello you')])).text).toContain(
      'title: Hello you\n',
    );
    const single = "title: 'It''s'\n";
    expect(applyEdits(single, edits(['title', set("It's here")])).text).toBe(
      "title: 'It''s here'\n",
    );
  });

  it('writes a nested map as block YAML, replacing only its entry', () => {
    const base =
      'title: Hello\nseo:\n  canonical: https://a.dev\n  keywords: [go]\ndate: 2024-02-28\n';
    const edited = applyEdits(
      base,
      edits(['seo', set({ canonical: 'https://b.dev', keywords: ['go'] })]),
    );
    expect(edited.errors.size).toBe(0);
    expect(edited.text).toBe(base.replace('https://a.dev', 'https://b.dev'));
  });

  it('keeps every other line byte for byte, whatever the value', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const text = applyEdits(saved, edits(['date', set(value)])).text;
        const lines = text.split('\n');
        const before = saved.split('\n');
        // The date line is the third; a value may span lines only as a quoted scalar: never here.
        expect(lines.slice(0, 2)).toEqual(before.slice(0, 2));
        expect(lines.slice(3)).toEqual(before.slice(3));
      }),
    );
  });

  it('removes a key with its lines and nothing else', () => {
    expect(applyEdits(saved, edits(['note', { kind: 'remove' }])).text).toBe(
      'title: Hello\n# a comment\ndate: 2024-02-28\ntags: [a, b]\n',
    );
  });

  it("adds a new key at the schema's place, else at the end", () => {
    const order = ['title', 'description', 'date'];
    expect(applyEdits(saved, edits(['description', set('About')]), order).text).toBe(
      saved.replace('title: Hello\n', 'title: Hello\ndescription: About\n'),
    );
    expect(applyEdits(saved, edits(['extra', set(3)]), order).text).toBe(`${saved}extra: 3\n`);
  });

  it('sets lists keeping their flow style', () => {
    expect(applyEdits(saved, edits(['tags', set(['a', 'b', 'c'])])).text).toBe(
      saved.replace('[a, b]', '[a, b, c]'),
    );
  });

  it('applies several edits; a block scalar stays a block', () => {
    const edited = applyEdits(saved, edits(['date', set('2024-03-01')], ['note', set('plain')]));
    expect(edited.text).toBe(
      saved
        .replace('2024-02-28', '2024-03-01')
        .replace('note: |\n  block\n', 'note: |-\n  plain\n'),
    );
  });

  it('keeps CRLF line endings, also on a new key', () => {
    const crlf = saved.replaceAll('\n', '\r\n');
    expect(applyEdits(crlf, edits(['title', set('Hi')], ['extra', set(true)])).text).toBe(
      crlf.replace('title: Hello', 'title: Hi') + 'extra: true\r\n',
    );
  });

  it('works on a text without a final line break, and on an empty one', () => {
    expect(applyEdits('title: a', edits(['title', set('b')])).text).toBe('title: b');
    // An empty block has no style to follow: shared/document writes new strings double-quoted.
    expect(applyEdits('', edits(['title', set('New')])).text).toBe('title: "New"\n');
  });

  it('reports, per key, an edit it cannot make, and makes the others', () => {
    const result = applyEdits(
      saved,
      edits(['gone', { kind: 'remove' }], ['title', set('Hi')], ['n', set(Number.NaN)]),
    );
    expect(result.errors.get('gone')).toMatch(/no field/);
    expect(result.errors.get('n')).toMatch(/not a number/);
    expect(result.text).toBe(saved.replace('Hello', 'Hi'));
  });

  it('gives back the base untouched without edits', () => {
    expect(applyEdits('a: [1,\n', new Map()).text).toBe('a: [1,\n');
  });
});
