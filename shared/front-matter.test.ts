import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFrontMatter, setScalarField } from './front-matter';

const sample = `title: "Go vs Node.js: Choosing the Right Backend"
# keep this comment
description: 'Single quoted, isn''t it'
date: 2024-02-28
published: true
featured: false
tags: ["Go", "Node.js"]
categories:
  - Technology
  - Backend
reading_time: 10 min read
external_url:
series:
  name: Backends
  part: 2
`;

function ok<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('readFrontMatter', () => {
  it('keeps dates as the strings written, never Date objects', () => {
    const read = readFrontMatter('date: 2024-02-28\nupdated: 2024-02-28T10:00:00+02:00\n');
    expect(read.values.date).toBe('2024-02-28');
    expect(read.values.updated).toBe('2024-02-28T10:00:00+02:00');
  });

  it('shows every key in order, unknown ones included, with its kind', () => {
    const read = readFrontMatter(sample);
    expect(read.problem).toBeNull();
    expect(read.fields.map((field) => [field.key, field.kind, field.editable])).toEqual([
      ['title', 'string', true],
      ['description', 'string', true],
      ['date', 'string', true],
      ['published', 'boolean', true],
      ['featured', 'boolean', true],
      ['tags', 'list', false],
      ['categories', 'list', false],
      ['reading_time', 'string', true],
      ['external_url', 'null', true],
      ['series', 'map', false],
    ]);
    expect(read.fields.find((field) => field.key === 'tags')?.text).toBe('Go, Node.js');
  });

  it('reports a parse error with its line and column', () => {
    const read = readFrontMatter('title: ok\ntags: [a, b\ndate: 2024-01-01\n');
    expect(read.problem).not.toBeNull();
    expect(read.problem?.line).toBeGreaterThanOrEqual(2);
    expect(read.problem?.column).toBeGreaterThanOrEqual(1);
    expect(read.fields).toEqual([]);
  });

  it('refuses front matter that is not a map', () => {
    expect(readFrontMatter('- a\n- b\n').problem?.message).toMatch(/key: value/);
  });
});

describe('setScalarField', () => {
  it('changes only the value of the edited key, keeping its double quotes', () => {
    const next = ok(setScalarField(sample, 'title', 'A "new" title'));
    expect(next).toBe(
      sample.replace('"Go vs Node.js: Choosing the Right Backend"', '"A \\"new\\" title"'),
    );
    expect(readFrontMatter(next).values.title).toBe('A "new" title');
  });

  it('keeps single quotes, escaping the quote inside', () => {
    const next = ok(setScalarField(sample, 'description', "It's fine"));
    expect(next).toBe(sample.replace("'Single quoted, isn''t it'", "'It''s fine'"));
  });

  it('keeps a plain value plain when it reads back the same, quotes it otherwise', () => {
    expect(ok(setScalarField(sample, 'reading_time', '5 min read'))).toBe(
      sample.replace('reading_time: 10 min read', 'reading_time: 5 min read'),
    );
    // "true" typed into a string field must stay a string.
    const quoted = ok(setScalarField(sample, 'reading_time', 'true'));
    expect(quoted).toContain('reading_time: "true"');
    expect(readFrontMatter(quoted).values.reading_time).toBe('true');
    // A date stays as typed, unquoted like the original.
    expect(ok(setScalarField(sample, 'date', '2025-01-02'))).toContain('\ndate: 2025-01-02\n');
  });

  it('sets a boolean as written', () => {
    const next = ok(setScalarField(sample, 'published', 'false'));
    expect(next).toBe(sample.replace('published: true', 'published: false'));
    expect(readFrontMatter(next).values.published).toBe(false);
  });

  it('fills a key that has no value, keeping the line', () => {
    const next = ok(setScalarField(sample, 'external_url', 'https://example.com/post'));
    expect(next).toBe(
      sample.replace('external_url:\n', 'external_url: https://example.com/post\n'),
    );
  });

  it('refuses lists, maps and unknown keys without changing anything', () => {
    expect(setScalarField(sample, 'tags', 'x').ok).toBe(false);
    expect(setScalarField(sample, 'series', 'x').ok).toBe(false);
    expect(setScalarField(sample, 'missing', 'x').ok).toBe(false);
  });

  it('refuses to edit front matter that does not parse', () => {
    expect(setScalarField('title: [oops\n', 'title', 'x').ok).toBe(false);
  });

  it('for any new title, changes only the title line and reads back exactly that title', () => {
    const lines = sample.split('\n');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (title) => {
        const result = setScalarField(sample, 'title', title);
        if (!result.ok) return false;
        const next = result.value;
        expect(readFrontMatter(next).values.title).toBe(title);
        // Every line after the title is untouched.
        expect(next.split('\n').slice(-(lines.length - 1))).toEqual(lines.slice(1));
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
