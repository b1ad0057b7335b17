import { describe, expect, it } from 'vitest';
import {
  defaultSchema,
  fieldFor,
  inferFields,
  isPublished,
  labelFromKey,
  schemaOrder,
} from './schema';
import type { Schema } from './schema';

describe('the default schema', () => {
  it('orders keys as our users write them', () => {
    expect(schemaOrder(defaultSchema)).toEqual([
      'title',
      'description',
      'date',
      'published',
      'featured',
      'tags',
      'category',
      'reading_time',
      'excerpt',
      'image',
      'external_url',
    ]);
  });

  it('requires title and date, and recommends a description', () => {
    const required = defaultSchema.fields.filter((spec) => spec.required).map((spec) => spec.key);
    expect(required).toEqual(['title', 'date']);
    expect(fieldFor(defaultSchema, 'description')).toMatchObject({
      recommended: true,
      warnLength: 160,
    });
    expect(fieldFor(defaultSchema, 'title')?.warnLength).toBe(70);
  });
});

describe('isPublished', () => {
  const hugo: Schema = { ...defaultSchema, status: { field: 'draft', publishedValue: false } };
  const named: Schema = { ...defaultSchema, status: { field: 'status', publishedValue: 'live' } };

  it.each([
    [defaultSchema, { published: true }, true],
    [defaultSchema, { published: false }, false],
    [defaultSchema, {}, false],
    [defaultSchema, { published: 'true' }, false],
    [hugo, { draft: false }, true],
    [hugo, { draft: true }, false],
    [hugo, {}, true],
    [named, { status: 'live' }, true],
    [named, { status: 'draft' }, false],
    [named, {}, false],
  ])('%#', (schema, values, published) => {
    expect(isPublished(values, schema)).toBe(published);
  });
});

describe('labelFromKey', () => {
  it.each([
    ['title', 'Title'],
    ['external_url', 'External URL'],
    ['reading_time', 'Reading time'],
    ['coverImage', 'Cover image'],
    ['og-image', 'OG image'],
    ['_', '_'],
  ])('%s -> %s', (key, label) => {
    expect(labelFromKey(key)).toBe(label);
  });
});

describe('inferFields', () => {
  const posts = [
    {
      title: 'A',
      category: 'Technology',
      author: 'Ann',
      weight: 3,
      updated: '2024-03-01',
      series: { name: 'Backends', part: 1 },
      canonical: 'https://a.dev/x',
      cover: '/images/a.png',
      aliases: ['/old/a'],
      toc: true,
      notes: 'line one\nline two',
    },
    {
      title: 'B',
      category: 'Go',
      author: null,
      weight: 'heavy',
      updated: '2024-03-02T10:00:00+02:00',
      toc: false,
    },
    { title: 'C', category: 'Technology', extra: '' },
  ];
  const schema = inferFields(defaultSchema, posts);

  it('keeps the schema fields first and adds unknown keys in the order first seen', () => {
    expect(schemaOrder(schema)).toEqual([
      ...schemaOrder(defaultSchema),
      'author',
      'weight',
      'updated',
      'series',
      'canonical',
      'cover',
      'aliases',
      'toc',
      'notes',
      'extra',
    ]);
  });

  it('infers a kind that accepts every value seen', () => {
    const kinds = Object.fromEntries(
      schema.fields.filter((spec) => spec.inferred === true).map((spec) => [spec.key, spec.kind]),
    );
    expect(kinds).toEqual({
      author: 'string',
      weight: 'yaml',
      updated: 'datetime',
      series: 'yaml',
      canonical: 'url',
      cover: 'image',
      aliases: 'tags',
      toc: 'boolean',
      notes: 'text',
      extra: 'string',
    });
    expect(fieldFor(schema, 'canonical')).toMatchObject({
      label: 'Canonical',
      required: false,
      inferred: true,
    });
  });

  it('fills folder choices with the values the posts use, sorted and once each', () => {
    expect(fieldFor(schema, 'category')?.choices).toEqual(['Go', 'Technology']);
    expect(fieldFor(defaultSchema, 'category')?.choices).toEqual([]);
  });

  it('changes nothing for a folder with no posts', () => {
    expect(inferFields(defaultSchema, [])).toEqual(defaultSchema);
  });
});
