import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { PostSummary, Problem, SearchHit } from '../../shared/api';
import { defaultSidebarView } from '../../shared/preferences';
import { folderFacts, folderFactsInSlices } from '../app/folder-facts';
import { postSummary } from '../app/test-posts';
import { applyFilters, preparePosts, preparePostsInSlices } from './filters';
import type { FilterState } from './filters';
import { changeOf, newestFirst, withPost } from './posts-list';

const problem: Problem = {
  path: 'x.md',
  line: 1,
  column: 1,
  field: null,
  severity: 'warning',
  rule: 'todo',
  message: 'A TODO is left in',
};

const paths = ['a.md', 'b.md', 'c.md', 'd/index.md', 'e.md', 'f.md'];

/** A post drawn from small pools, so dates, titles, tags (in two spellings) and categories repeat. */
const summary = (path: string) =>
  fc
    .record({
      title: fc.constantFrom('Alpha', 'alpha', 'Beta', ''),
      date: fc.constantFrom('2024-05-01', '2024-05-01T10:00:00Z', '2023-12', '2099-01-01', ''),
      status: fc.constantFrom('draft' as const, 'published' as const),
      tags: fc.subarray(['go', 'Go', 'rust', 'web', ' ']),
      category: fc.constantFrom('Travel', 'travel', 'Tech', ''),
      problems: fc.constantFrom([], [problem]),
      featured: fc.boolean(),
      modified: fc.constantFrom(1, 2, 3),
    })
    .map((fields): PostSummary => ({ path, description: '', ...fields }));

const sorts = fc.constantFrom('date' as const, 'title' as const, 'modified' as const);

const anyPost = fc.constantFrom(...paths).chain(summary);
const step = fc.oneof(
  anyPost.map((post) => ({ path: post.path, post })),
  fc.constantFrom(...paths).map((path) => ({ path, post: null })),
);

const views: FilterState[] = [
  defaultSidebarView,
  { ...defaultSidebarView, sort: 'title' },
  { ...defaultSidebarView, sort: 'modified', status: 'scheduled' },
  { ...defaultSidebarView, status: 'drafts', tags: ['go'] },
  { ...defaultSidebarView, tags: ['GO', 'web'], tagMode: 'any', category: 'travel' },
  { ...defaultSidebarView, status: 'problems', year: 2024, month: 5 },
  { ...defaultSidebarView, tags: ['rust', 'gone'], category: 'Nowhere', year: 2023 },
  { ...defaultSidebarView, status: 'featured', sort: 'title', search: 'a' },
];

/** Everything the sidebar shows for a list, for each of `views` (the last with search hits). */
function shown(posts: readonly PostSummary[]) {
  const prepared = preparePosts(posts);
  const hits: SearchHit[] = ['e.md', 'a.md', 'zz.md', 'c.md'].map((path, i) => ({
    path,
    score: 4 - i,
    terms: ['alpha'],
  }));
  return views.map((view, i) =>
    applyFilters(prepared, view, i === views.length - 1 ? hits : null, '2026-06-01'),
  );
}

describe('withPost', () => {
  it('replaces, adds and removes one row, keeping the list newest first, and records the change', () => {
    const a = { path: 'a.md', title: 'A', date: '2024-01-01' } as PostSummary;
    const b = { path: 'b.md', title: 'B', date: '2023-01-01' } as PostSummary;
    const list = [a, b];
    const newer = { ...b, date: '2025-01-01' };
    const next = withPost(list, newer, 'b.md');
    expect(next).toEqual([newer, a]);
    expect(changeOf(next)).toEqual({ from: list, path: 'b.md', before: b, after: newer });
    expect(withPost(next, null, 'a.md')).toEqual([newer]);
    expect(list).toEqual([a, b]);
    expect(changeOf(list)).toBeUndefined();
  });

  it('in place equals a rebuild: any sequence of adds, changes and removes', () => {
    fc.assert(
      fc.property(
        fc.array(anyPost, { maxLength: 6 }),
        fc.array(step, { minLength: 1, maxLength: 12 }),
        (start, steps) => {
          let list: readonly PostSummary[] = [
            ...new Map(start.map((post) => [post.path, post])).values(),
          ].sort(newestFirst);
          // Prepared and counted once, then followed change by change.
          shown(list);
          folderFacts(list);
          for (const { path, post } of steps) {
            list = withPost(list, post, path);
            const incremental = { shown: shown(list), facts: folderFacts(list) };
            // A copy has no recorded change: prepared and counted from scratch.
            const copy = [...list];
            expect(list).toEqual(copy.sort(newestFirst));
            expect(incremental).toEqual({ shown: shown([...list]), facts: folderFacts([...list]) });
          }
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);

  it('a change that keeps the tags and category keeps the folder facts object', () => {
    const a = {
      path: 'a.md',
      title: 'A',
      date: '',
      tags: ['go'],
      category: 'Tech',
    } as unknown as PostSummary;
    const list = [a];
    const facts = folderFacts(list);
    const retitled = withPost(list, { ...a, title: 'B' }, 'a.md');
    expect(folderFacts(retitled)).toBe(facts);
    const retagged = withPost(retitled, { ...a, tags: ['rust'] }, 'a.md');
    expect([...folderFacts(retagged).tags]).toEqual([['rust', 1]]);
  });

  it('a prepared list follows one change without preparing every row again', () => {
    const many = Array.from({ length: 2000 }, (_, i) =>
      postSummary(`p${i}.md`, {
        title: `Post ${i}`,
        date: `20${10 + (i % 15)}-01-01`,
        tags: ['go'],
        modified: i,
      }),
    ).sort(newestFirst);
    const before = preparePosts(many);
    const untouched = before.byPath.get('p1.md');
    const next = withPost(
      many,
      { ...(many[5] as PostSummary), title: 'Renamed' },
      (many[5] as PostSummary).path,
    );
    const after = preparePosts(next);
    expect(after).not.toBe(before);
    // The same row object: a rebuild would have made every row anew.
    expect(after.byPath.get('p1.md')).toBe(untouched);
    expect(after.byPath.get((many[5] as PostSummary).path)?.post.title).toBe('Renamed');
  });
});

describe('a whole new list prepared in slices', () => {
  it('shows and counts the same as prepared at once, and is then found ready', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyPost, { maxLength: 6 }), sorts, async (start, sort) => {
        const list = [...new Map(start.map((post) => [post.path, post])).values()].sort(
          newestFirst,
        );
        await Promise.all([preparePostsInSlices(list, sort), folderFactsInSlices(list)]);
        const sliced = preparePosts(list);
        const facts = folderFacts(list);
        // Found, not prepared again, and already in the sort asked for: no sort left to run.
        expect(preparePosts(list)).toBe(sliced);
        const sortCalls = vi.spyOn(Array.prototype, 'sort');
        sliced.order(sort);
        expect(sortCalls).not.toHaveBeenCalled();
        sortCalls.mockRestore();
        const copy = [...list];
        expect({ shown: shown(list), facts }).toEqual({
          shown: shown(copy),
          facts: folderFacts(copy),
        });
      }),
      { numRuns: 100 },
    );
  });

  it('sorts a longer list, in the order it arrives or any other, as the one-piece sort does', async () => {
    // Every clock read ends a slice, so the sort crosses many of them.
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 1));
    const longList = fc
      .integer({ min: 0, max: 300 })
      .chain((length) =>
        fc.tuple(fc.tuple(...Array.from({ length }, (_, i) => summary(`p${i}.md`))), fc.boolean()),
      )
      .map(([posts, arrived]) => (arrived ? [...posts].sort(newestFirst) : posts));
    try {
      await fc.assert(
        fc.asyncProperty(longList, sorts, async (list, sort) => {
          await preparePostsInSlices(list, sort);
          const copy = [...list];
          expect(preparePosts(list).order(sort)).toEqual(preparePosts(copy).order(sort));
        }),
        { numRuns: 100 },
      );
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('sorts a new list in the sort the sidebar last showed', async () => {
    const titled = (path: string, title: string, date: string): PostSummary =>
      postSummary(path, { title, date });
    const shownBefore = [
      titled('a.md', 'Zebra', '2024-01-01'),
      titled('b.md', 'Apple', '2023-01-01'),
    ];
    preparePosts(shownBefore).order('title');
    const fresh = [titled('c.md', 'Zebra', '2024-01-01'), titled('d.md', 'Apple', '2023-01-01')];
    await preparePostsInSlices(fresh);
    const sortCalls = vi.spyOn(Array.prototype, 'sort');
    expect(preparePosts(fresh).order('title')).toEqual([1, 0]);
    expect(sortCalls).not.toHaveBeenCalled();
    sortCalls.mockRestore();
  });

  it('lets other tasks run while it prepares 20,000 posts', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) =>
      postSummary(`p${i}.md`, {
        title: `Post ${i}`,
        date: `20${10 + (i % 15)}-01-01`,
        tags: [`tag${i % 300}`, 'go'],
        category: `c${i % 7}`,
        modified: i,
      }),
    ).sort(newestFirst);
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 0);
    const started = performance.now();
    await Promise.all([preparePostsInSlices(many), folderFactsInSlices(many)]);
    const took = performance.now() - started;
    clearInterval(ticking);
    // Timers got through between the slices (one piece would have let none run).
    expect(ticks).toBeGreaterThan(1);
    expect(took).toBeGreaterThan(0);
    expect(preparePosts(many).byPath.size).toBe(20_000);
    expect(folderFacts(many).tags.get('go')).toBe(20_000);
  });
});
