import { describe, expect, test } from 'vitest';
import { parsePost } from './document';
import { newPostText } from './new-post';
import { defaultSchema } from './schema';
import type { Schema } from './schema';
import { validatePost } from './validate';

describe('newPostText', () => {
  test('writes every default field in order, in the shape of our users posts, as a draft', () => {
    const result = newPostText(defaultSchema, 'Hello: world', '2026-01-02');
    expect(result).toEqual({
      ok: true,
      value: [
        '---',
        'title: "Hello: world"',
        'description: ""',
        'date: "2026-01-02"',
        'published: false',
        'featured: false',
        'tags: []',
        'category: ""',
        'reading_time: "1 min read"',
        'excerpt: ""',
        'image: ""',
        'external_url: ""',
        '---',
        '',
        '',
      ].join('\n'),
    });
  });

  test('a Hugo-style status field makes a draft with draft: true, and the post has no errors', () => {
    const hugo: Schema = {
      ...defaultSchema,
      status: { field: 'draft', publishedValue: false },
      fields: defaultSchema.fields.map((spec) =>
        spec.key === 'published' ? { ...spec, key: 'draft' } : spec,
      ),
    };
    const result = newPostText(hugo, 'Hugo', '2026-01-02');
    expect(result.ok && result.value).toContain('\ndraft: true\n');
    const doc = parsePost(result.ok ? result.value : '');
    expect(validatePost(doc, hugo).filter((problem) => problem.severity === 'error')).toEqual([]);
  });
});
