import { describe, expect, it } from 'vitest';
import { applyEdits, removed } from './field-edits';
import type { FieldEdits } from './field-edits';

const saved = 'title: Hello\n# a comment\ndate: 2024-02-28\ntags: [a, b]\npublished: false\n';
const order = ['title', 'description', 'date', 'published', 'tags'];

function apply(edits: FieldEdits): string {
  const result = applyEdits(saved, edits, order);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('applyEdits', () => {
  it('changes only the edited fields, typed values as YAML values', () => {
    const text = apply(
      new Map<string, unknown>([
        ['published', true],
        ['tags', ['a', 'b', 'c']],
      ]) as FieldEdits,
    );
    expect(text).toBe(
      saved.replace('published: false', 'published: true').replace('[a, b]', '[a, b, c]'),
    );
  });

  it('decides quoting from the saved text, not from a passing keystroke', () => {
    expect(apply(new Map([['title', 'Hello ']]))).toContain('title: "Hello "\n');
    expect(apply(new Map([['title', 'Hello you']]))).toContain('title: Hello you\n');
  });

  it('adds a new key where the schema order puts it, and removes keys by their lines', () => {
    expect(apply(new Map([['description', 'Hi']]))).toBe(
      saved.replace('title: Hello\n', 'title: Hello\ndescription: Hi\n'),
    );
    expect(apply(new Map([['date', removed]]))).toBe(saved.replace('date: 2024-02-28\n', ''));
  });

  it('gives back the saved bytes when the edits return to the saved values', () => {
    expect(
      apply(
        new Map<string, unknown>([
          ['published', false],
          ['gone', removed],
        ]) as FieldEdits,
      ),
    ).toBe(saved);
  });

  it('fails with the core message for an edit it refuses', () => {
    const result = applyEdits(saved, new Map([['seo', { a: 1 }]]), order);
    expect(result.ok).toBe(false);
  });
});
