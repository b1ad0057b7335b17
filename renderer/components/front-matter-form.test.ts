import { describe, expect, it } from 'vitest';
import { defaultSchema, schemaOrder } from '../../shared/schema';
import { formKeyOrder, wantedMissing } from './front-matter-form';

const order = schemaOrder(defaultSchema);

describe('missing fields the schema wants', () => {
  it('are the required and recommended fields the post lacks, in schema order', () => {
    const values = { date: '2024-01-01', tags: [] };
    expect(wantedMissing(defaultSchema, values).map((spec) => spec.key)).toEqual([
      'title',
      'description',
    ]);
    expect(wantedMissing(null, values)).toEqual([]);
  });

  it('are shown where setField will write them, so typing does not move the field', () => {
    // The file's own order is kept; missing keys go after the nearest earlier schema key.
    expect(formKeyOrder(['date', 'tags', 'series'], ['title', 'description'], order)).toEqual([
      'title',
      'description',
      'date',
      'tags',
      'series',
    ]);
    expect(formKeyOrder(['title', 'published', 'date'], ['description'], order)).toEqual([
      'title',
      'description',
      'published',
      'date',
    ]);
    expect(formKeyOrder(['series'], ['title'], order)).toEqual(['series', 'title']);
  });
});
