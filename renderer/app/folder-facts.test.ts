import { describe, expect, it } from 'vitest';
import type { PostSummary } from '../../shared/api';
import { folderFacts, suggest } from './folder-facts';
import { postSummary } from './test-posts';

function post(tags: readonly string[], category = ''): PostSummary {
  return postSummary('p.md', { tags, category });
}

describe('folderFacts', () => {
  it('counts each tag once per post, most used first, then by name', () => {
    const facts = folderFacts([
      post(['go', 'rust']),
      post(['go', 'go', 'backend']),
      post(['backend', 'go']),
      post([' ']),
    ]);
    expect([...facts.tags]).toEqual([
      ['go', 3],
      ['backend', 2],
      ['rust', 1],
    ]);
  });

  it('lists the categories used, sorted, without blanks or repeats', () => {
    const facts = folderFacts([
      post([], 'Travel'),
      post([], ''),
      post([], 'Engineering'),
      post([], 'Travel'),
    ]);
    expect(facts.categories).toEqual(['Engineering', 'Travel']);
  });
});

describe('suggest', () => {
  const tags = new Map([
    ['go', 9],
    ['backend', 5],
    ['golang', 2],
    ['django', 1],
  ]);

  it('puts values that start with the text before those that contain it, in count order', () => {
    expect(suggest(tags, 'GO')).toEqual([
      { value: 'go', count: 9 },
      { value: 'golang', count: 2 },
      { value: 'django', count: 1 },
    ]);
  });

  it('leaves out values the post already has and stops at the limit', () => {
    expect(suggest(tags, '', new Set(['go']), 2).map((each) => each.value)).toEqual([
      'backend',
      'golang',
    ]);
  });

  it('suggests nothing when nothing matches', () => {
    expect(suggest(tags, 'zig')).toEqual([]);
  });
});
