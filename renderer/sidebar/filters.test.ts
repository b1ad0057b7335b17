import { describe, expect, it } from 'vitest';
import type { PostSummary, Problem } from '../../shared/api';
import { defaultSidebarView } from '../../shared/preferences';
import { postSummary } from '../app/test-posts';
import { applyFilters, isFiltered, preparePosts, today } from './filters';
import type { FilterState } from './filters';

const problem: Problem = {
  path: 'x.md',
  line: 1,
  column: 1,
  field: null,
  severity: 'error',
  rule: 'front-matter',
  message: 'Broken',
};

function post(path: string, extra: Partial<PostSummary> = {}): PostSummary {
  return postSummary(path, { title: path.replace('.md', ''), ...extra });
}

const posts = [
  post('go-intro.md', {
    title: 'Go intro',
    date: '2024-03-01',
    status: 'published',
    tags: ['Go', 'intro'],
    category: 'Technology',
    modified: 30,
  }),
  post('go-deep.md', {
    title: 'Deep Go',
    date: '2024-07-15',
    tags: ['go', 'concurrency'],
    category: 'technology',
    featured: true,
    modified: 50,
  }),
  post('rust.md', {
    title: 'Rust notes',
    date: '2023-11-02T10:00:00+02:00',
    status: 'published',
    tags: ['rust'],
    category: 'Technology',
    problems: [problem],
    modified: 10,
  }),
  post('future.md', {
    title: 'Coming soon',
    date: '2099-01-01',
    status: 'published',
    tags: ['go'],
    category: 'News',
    featured: true,
    modified: 20,
  }),
  post('untitled.md', { title: '', modified: 40 }),
];

const day = '2026-06-01';
const prepared = preparePosts(posts);
const view = (change: Partial<FilterState>): FilterState => ({ ...defaultSidebarView, ...change });
const paths = (change: Partial<FilterState>, hits: Parameters<typeof applyFilters>[2] = null) =>
  applyFilters(prepared, view(change), hits, day).posts.map((each) => each.path);

describe('applyFilters', () => {
  it('shows every post newest first by default, undated last', () => {
    expect(paths({})).toEqual(['future.md', 'go-deep.md', 'go-intro.md', 'rust.md', 'untitled.md']);
  });

  it('filters by each status; scheduled is published and dated after today as written', () => {
    expect(paths({ status: 'drafts' })).toEqual(['go-deep.md', 'untitled.md']);
    expect(paths({ status: 'published' })).toEqual(['future.md', 'go-intro.md', 'rust.md']);
    expect(paths({ status: 'scheduled' })).toEqual(['future.md']);
    expect(paths({ status: 'featured' })).toEqual(['future.md', 'go-deep.md']);
    expect(paths({ status: 'problems' })).toEqual(['rust.md']);
  });

  it('a post dated today is not scheduled, one dated tomorrow is', () => {
    const both = preparePosts([
      post('a.md', { date: '2026-06-01T23:00:00Z', status: 'published' }),
      post('b.md', { date: '2026-06-02', status: 'published' }),
    ]);
    const scheduled = applyFilters(both, view({ status: 'scheduled' }), null, day);
    expect(scheduled.posts.map((each) => each.path)).toEqual(['b.md']);
  });

  it('matches tags ignoring case, all of them by default or any of them', () => {
    expect(paths({ tags: ['GO'] })).toEqual(['future.md', 'go-deep.md', 'go-intro.md']);
    expect(paths({ tags: ['go', 'intro'] })).toEqual(['go-intro.md']);
    expect(paths({ tags: ['intro', 'rust'], tagMode: 'any' })).toEqual(['go-intro.md', 'rust.md']);
  });

  it('matches the category ignoring case, and the year and month of the date', () => {
    expect(paths({ category: 'TECHNOLOGY' })).toEqual(['go-deep.md', 'go-intro.md', 'rust.md']);
    expect(paths({ year: 2024 })).toEqual(['go-deep.md', 'go-intro.md']);
    expect(paths({ year: 2024, month: 3 })).toEqual(['go-intro.md']);
    expect(paths({ year: 2023, month: 11 })).toEqual(['rust.md']);
  });

  it('combines filters', () => {
    expect(paths({ status: 'published', tags: ['go'], category: 'technology' })).toEqual([
      'go-intro.md',
    ]);
    expect(paths({ status: 'featured', tags: ['go'], year: 2099 })).toEqual(['future.md']);
    expect(paths({ status: 'drafts', category: 'News' })).toEqual([]);
  });

  it('while searching, keeps only the hits that pass the other filters, in rank order', () => {
    const hits = [
      { path: 'rust.md', score: 9, terms: ['rust'] },
      { path: 'go-intro.md', score: 5, terms: ['go'] },
      { path: 'go-deep.md', score: 3, terms: ['go'] },
      { path: 'gone.md', score: 2, terms: ['go'] },
    ];
    expect(paths({ search: 'go' }, hits)).toEqual(['rust.md', 'go-intro.md', 'go-deep.md']);
    const outcome = applyFilters(prepared, view({ search: 'go', status: 'drafts' }), hits, day);
    expect(outcome.posts.map((each) => each.path)).toEqual(['go-deep.md']);
    expect(outcome.terms.get('go-deep.md')).toEqual(['go']);
    expect(outcome.statusCounts.all).toBe(3);
  });

  it('sorts by title (file name when untitled) and by last modified', () => {
    expect(paths({ sort: 'title' })).toEqual([
      'future.md',
      'go-deep.md',
      'go-intro.md',
      'rust.md',
      'untitled.md',
    ]);
    expect(paths({ sort: 'modified' })).toEqual([
      'go-deep.md',
      'untitled.md',
      'go-intro.md',
      'future.md',
      'rust.md',
    ]);
  });

  it('counts each status given the other filters', () => {
    const { statusCounts } = applyFilters(
      prepared,
      view({ status: 'drafts', tags: ['go'] }),
      null,
      day,
    );
    expect(statusCounts).toEqual({
      all: 3,
      drafts: 1,
      published: 2,
      scheduled: 1,
      featured: 2,
      problems: 0,
    });
  });

  it('counts tags given the other filters, once per post, with the first spelling seen', () => {
    const all = applyFilters(prepared, view({}), null, day);
    expect(all.tags).toEqual([
      { value: 'Go', count: 3 },
      { value: 'concurrency', count: 1 },
      { value: 'intro', count: 1 },
      { value: 'rust', count: 1 },
    ]);
    const published = applyFilters(
      prepared,
      view({ status: 'published', tags: ['go'] }),
      null,
      day,
    );
    expect(published.tags).toEqual([
      { value: 'Go', count: 2 },
      { value: 'intro', count: 1 },
    ]);
    const any = applyFilters(prepared, view({ tags: ['rust'], tagMode: 'any' }), null, day);
    expect(any.tags.find((tag) => tag.value === 'Go')?.count).toBe(3);
  });

  it('keeps a selected tag that no post has any more, with count 0, so it can be removed', () => {
    const outcome = applyFilters(prepared, view({ tags: ['gone'] }), null, day);
    expect(outcome.posts).toEqual([]);
    expect(outcome.tags).toContainEqual({ value: 'gone', count: 0 });
  });

  it('counts categories, years and months given the other filters', () => {
    const outcome = applyFilters(prepared, view({ category: 'news', year: 2024 }), null, day);
    expect(outcome.categories).toEqual([
      { value: 'News', count: 0 },
      { value: 'Technology', count: 2 },
    ]);
    expect(outcome.years).toEqual([{ value: 2099, count: 1 }]);
    expect(outcome.months).toEqual([]);
    const in2024 = applyFilters(prepared, view({ year: 2024, month: 3 }), null, day);
    expect(in2024.months).toEqual([
      { value: 3, count: 1 },
      { value: 7, count: 1 },
    ]);
    expect(in2024.years).toEqual([
      { value: 2099, count: 1 },
      { value: 2024, count: 2 },
      { value: 2023, count: 1 },
    ]);
  });

  // Speed is the sidebar bench's business (never a timed test); this checks the answer at scale.
  it('gives what a plain Array.filter gives at 10,000 posts', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      post(`p${i}.md`, { date: `20${10 + (i % 15)}-0${1 + (i % 9)}-01`, tags: [`t${i % 40}`] }),
    );
    const big = preparePosts(many);
    const outcome = applyFilters(big, view({ tags: ['T3'], year: 2013 }), null, day);
    const plain = many.filter((p) => p.tags.includes('t3') && p.date.startsWith('2013-'));
    expect(plain.length).toBeGreaterThan(0);
    expect(outcome.posts.map((p) => p.path).sort()).toEqual(plain.map((p) => p.path).sort());
  });
});

describe('today and isFiltered', () => {
  it('today is the local date as YYYY-MM-DD', () => {
    expect(today(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it('a sort alone is not a filter; a search is', () => {
    expect(isFiltered(view({ sort: 'title' }))).toBe(false);
    expect(isFiltered(view({ search: 'go' }))).toBe(true);
    expect(isFiltered(view({ search: '  ' }))).toBe(false);
  });
});
