import { describe, expect, it } from 'vitest';
import { defaultSchema, schemaOrder } from '../../shared/schema';
import type { Problem } from '../../shared/api';
import { formKeyOrder, sameFieldProps, wantedMissing } from './front-matter-form';
import type { FormFieldProps } from './front-matter-form';

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

describe('a field renders again', () => {
  const problem: Problem = {
    path: 'post.md',
    line: 3,
    column: 1,
    field: 'tags',
    rule: 'required',
    severity: 'warning',
    message: 'Add a tag',
  };
  const props: FormFieldProps = {
    fieldKey: 'tags',
    id: 'f-2',
    widget: 'tags',
    spec: undefined,
    label: 'Tags',
    value: ['go', 'rust'],
    missing: false,
    present: true,
    published: false,
    publishedValue: true,
    problems: [problem],
    setError: undefined,
    disabled: false,
    folderTags: new Map([['go', 3]]),
    folderCategories: [],
    postPath: 'post.md',
    body: () => '',
    onSet: () => true,
    onRemove: () => undefined,
    onOpenUrl: () => undefined,
    api: { imageUrl: () => '', importImage: () => Promise.reject(new Error('not here')) },
  };

  it('not for a key typed in another field: the same values and problems, read afresh', () => {
    const reread = { ...props, value: ['go', 'rust'], problems: [{ ...problem }] };
    expect(sameFieldProps(props, reread)).toBe(true);
  });

  it('when its value, its problems or anything else it shows changes', () => {
    expect(sameFieldProps(props, { ...props, value: ['go'] })).toBe(false);
    expect(sameFieldProps(props, { ...props, value: ['rust', 'go'] })).toBe(false);
    expect(sameFieldProps(props, { ...props, problems: [] })).toBe(false);
    expect(
      sameFieldProps(props, { ...props, problems: [{ ...problem, message: 'Add two' }] }),
    ).toBe(false);
    expect(sameFieldProps(props, { ...props, disabled: true })).toBe(false);
    expect(sameFieldProps(props, { ...props, setError: 'Cannot write that' })).toBe(false);
    expect(sameFieldProps(props, { ...props, folderTags: new Map() })).toBe(false);
  });

  it('always for the reading time, which reads the body as it renders', () => {
    const readingTime = { ...props, widget: 'reading-time' as const, value: '3 min' };
    expect(sameFieldProps(readingTime, { ...readingTime })).toBe(false);
  });
});
