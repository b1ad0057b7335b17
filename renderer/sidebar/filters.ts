import type { PostSummary, SearchHit, SidebarView } from '../../shared/api';

/** The sidebar's filters and sort (the same shape the preferences remember per folder). */
export type FilterState = SidebarView;

/** One of the status filters. */
export type StatusFilter = SidebarView['status'];

/** A post with what the filters compare precomputed once per posts list, never per keystroke. */
export interface Row {
  readonly post: PostSummary;
  /** Position in the posts list as given, for flag arrays. */
  readonly index: number;
  readonly tagKeys: readonly string[];
  /** The post's distinct tags as indexes into `PreparedPosts.tagKeys`. */
  readonly tagIds: readonly number[];
  readonly categoryKey: string;
  /** Index into `PreparedPosts.categoryKeys`; -1 without a category. */
  readonly categoryId: number;
  /** Draft, published, featured and problems as bits (scheduled depends on the day). */
  readonly bits: number;
  /** From the date as written (`YYYY`, `YYYY-MM`, `YYYY-MM-DD...`); null without one. */
  readonly year: number | null;
  readonly month: number | null;
  /** `YYYY-MM-DD` when the date starts with one, else ''. */
  readonly day: string;
}

/** The posts list ready for filtering: rows, names by folded key, and the sort orders (made on first use). */
export interface PreparedPosts {
  readonly rows: readonly Row[];
  readonly byPath: ReadonlyMap<string, Row>;
  /** Each tag's spelling as the first post to use it writes it, by folded key. */
  readonly tagNames: ReadonlyMap<string, string>;
  readonly categoryNames: ReadonlyMap<string, string>;
  /** Every folded tag key, in order of first use: the ids of `Row.tagIds`. */
  readonly tagKeys: readonly string[];
  readonly tagIds: ReadonlyMap<string, number>;
  readonly categoryKeys: readonly string[];
  readonly categoryIds: ReadonlyMap<string, number>;
  /** Row indexes in each sort order; computed once per posts list when first asked for. */
  order(sort: SidebarView['sort']): readonly number[];
}

/** A value a filter can take, with how many posts it would leave. */
export interface Facet<T> {
  readonly value: T;
  readonly count: number;
}

/** What the sidebar shows for a filter state. */
export interface FilterOutcome {
  /** The posts that pass, in the sort order (in rank order while searching). */
  readonly posts: readonly PostSummary[];
  /** Each status filter's count given the other filters. */
  readonly statusCounts: Readonly<Record<StatusFilter, number>>;
  /** Tags with their counts given the other filters, most used first (selected ones always listed). */
  readonly tags: readonly Facet<string>[];
  /** Categories with their counts given the other filters, by name. */
  readonly categories: readonly Facet<string>[];
  /** Years with posts given the other filters, newest first. */
  readonly years: readonly Facet<number>[];
  /** Months of the selected year with posts given the other filters, in order; empty without a year. */
  readonly months: readonly Facet<number>[];
  /** The matched words of each post found by the search, for highlighting. */
  readonly terms: ReadonlyMap<string, readonly string[]>;
}

// Ten thousand posts repeat a few hundred tags and categories: each is folded once, not once a
// post on every change of the list (a large part of a live update's time in the sidebar).
const folded = new Map<string, string>();
const foldedLimit = 50_000;

/** Case folding as `postwright list` does it (`matchesFilter`): tags and categories ignore case. */
export function fold(text: string): string {
  let result = folded.get(text);
  if (result === undefined) {
    result = text.normalize('NFC').toLocaleLowerCase();
    if (folded.size >= foldedLimit) folded.clear();
    folded.set(text, result);
  }
  return result;
}

const datePattern = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Today's date on the local clock as `YYYY-MM-DD`, the form post dates are compared in. */
export function today(now: Date = new Date()): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whether a post is published but dated after `day` (`YYYY-MM-DD`), comparing dates as written. */
export function isScheduled(row: Row, day: string): boolean {
  return row.post.status === 'published' && row.day !== '' && row.day > day;
}

/** Status bits of `Row.bits`. */
const bit = { drafts: 1, published: 2, featured: 4, problems: 8 } as const;

function titleOf(post: PostSummary): string {
  return post.title === '' ? post.path : post.title;
}

/** Prepares a posts list for filtering: once per list, in one pass. */
export function preparePosts(posts: readonly PostSummary[]): PreparedPosts {
  const tagNames = new Map<string, string>();
  const categoryNames = new Map<string, string>();
  const tagIds = new Map<string, number>();
  const tagKeyList: string[] = [];
  const categoryIds = new Map<string, number>();
  const categoryKeyList: string[] = [];
  const byPath = new Map<string, Row>();
  const rows = posts.map((post, index): Row => {
    const ids: number[] = [];
    const tagKeys = post.tags.map((tag) => {
      const key = fold(tag);
      if (key.trim() === '') return key;
      let id = tagIds.get(key);
      if (id === undefined) {
        id = tagKeyList.push(key) - 1;
        tagIds.set(key, id);
        tagNames.set(key, tag);
      }
      if (!ids.includes(id)) ids.push(id);
      return key;
    });
    const categoryKey = fold(post.category);
    let categoryId = -1;
    if (categoryKey.trim() !== '') {
      categoryId = categoryIds.get(categoryKey) ?? -1;
      if (categoryId === -1) {
        categoryId = categoryKeyList.push(categoryKey) - 1;
        categoryIds.set(categoryKey, categoryId);
        categoryNames.set(categoryKey, post.category);
      }
    }
    const date = datePattern.exec(post.date);
    const month = date?.[2] === undefined ? null : Number(date[2]);
    const row: Row = {
      post,
      index,
      tagKeys,
      tagIds: ids,
      categoryKey,
      categoryId,
      bits:
        (post.status === 'draft' ? bit.drafts : bit.published) |
        (post.featured ? bit.featured : 0) |
        (post.problems.length > 0 ? bit.problems : 0),
      year: date === null ? null : Number(date[1]),
      month: month !== null && month >= 1 && month <= 12 ? month : null,
      day: date?.[3] === undefined ? '' : date[0],
    };
    byPath.set(post.path, row);
    return row;
  });
  const orders = new Map<SidebarView['sort'], readonly number[]>();
  const compare: Record<SidebarView['sort'], (a: Row, b: Row) => number> = {
    date: (a, b) =>
      b.post.date.localeCompare(a.post.date) || collator.compare(titleOf(a.post), titleOf(b.post)),
    title: (a, b) =>
      collator.compare(titleOf(a.post), titleOf(b.post)) || a.post.path.localeCompare(b.post.path),
    modified: (a, b) => b.post.modified - a.post.modified || compare.date(a, b),
  };
  return {
    rows,
    byPath,
    tagNames,
    categoryNames,
    tagKeys: tagKeyList,
    tagIds,
    categoryKeys: categoryKeyList,
    categoryIds,
    order(sort) {
      let order = orders.get(sort);
      if (order === undefined) {
        order = [...rows].sort(compare[sort]).map((row) => row.index);
        orders.set(sort, order);
      }
      return order;
    },
  };
}

/**
 * The posts that pass `state` and every count the sidebar shows, in one pass over the rows.
 * `hits` is the search's answer for `state.search` (null when not searching): posts it does not
 * name do not pass, and the passing posts come in its rank order. `day` is today (`YYYY-MM-DD`).
 * Each count is what that choice would leave given the other filters: a status's count ignores the
 * status filter, a category's the category filter, and so on; tag counts keep the selected tags
 * when they must all match (adding one narrows) and ignore them when any may match (adding one widens).
 */
export function applyFilters(
  prepared: PreparedPosts,
  state: FilterState,
  hits: readonly SearchHit[] | null,
  day: string,
): FilterOutcome {
  // Ids, typed-array counters and bit tests: this runs over every post on every change.
  const wantedKeys = state.tags.map(fold);
  const wanted = wantedKeys.map((key) => prepared.tagIds.get(key) ?? -1);
  const tagsAll = state.tagMode === 'all';
  const category =
    state.category === null ? null : (prepared.categoryIds.get(fold(state.category)) ?? -2);
  const searched = hits === null ? null : new Set(hits.map((hit) => hit.path));
  const statusBit = state.status === 'all' || state.status === 'scheduled' ? 0 : bit[state.status];
  const counts = { all: 0, drafts: 0, published: 0, scheduled: 0, featured: 0, problems: 0 };
  const tagCounts = new Int32Array(prepared.tagKeys.length);
  const categoryCounts = new Int32Array(prepared.categoryKeys.length);
  const yearCounts = new Map<number, number>();
  const monthCounts = new Int32Array(13);
  const passed: PostSummary[] = [];
  const passing = hits === null ? null : new Uint8Array(prepared.rows.length);

  for (const index of prepared.order(state.sort)) {
    const row = prepared.rows[index] as Row;
    const scheduled = (row.bits & bit.published) !== 0 && row.day !== '' && row.day > day;
    const byStatus =
      state.status === 'all' ||
      (state.status === 'scheduled' ? scheduled : (row.bits & statusBit) !== 0);
    let byTags = true;
    if (wanted.length > 0) {
      const ids = row.tagIds;
      if (tagsAll) {
        for (const id of wanted) if (!ids.includes(id)) byTags = false;
      } else {
        byTags = false;
        for (const id of wanted) if (ids.includes(id)) byTags = true;
      }
    }
    const byCategory = category === null || row.categoryId === category;
    const byYear = state.year === null || row.year === state.year;
    const byMonth = state.month === null || row.month === state.month;
    const bySearch = searched === null || searched.has(row.post.path);

    if (byTags && byCategory && byYear && byMonth && bySearch) {
      counts.all++;
      const bits = row.bits;
      if (bits & bit.drafts) counts.drafts++;
      if (bits & bit.published) counts.published++;
      if (bits & bit.featured) counts.featured++;
      if (bits & bit.problems) counts.problems++;
      if (scheduled) counts.scheduled++;
    }
    if (!byStatus || !bySearch) continue;
    if (byCategory && byYear && byMonth && (byTags || !tagsAll))
      for (const id of row.tagIds) tagCounts[id] = (tagCounts[id] as number) + 1;
    if (!byTags) continue;
    if (byYear && byMonth && row.categoryId >= 0)
      categoryCounts[row.categoryId] = (categoryCounts[row.categoryId] as number) + 1;
    if (!byCategory) continue;
    if (row.year !== null) {
      yearCounts.set(row.year, (yearCounts.get(row.year) ?? 0) + 1);
      if (byYear && row.month !== null)
        monthCounts[row.month] = (monthCounts[row.month] as number) + 1;
    }
    if (byYear && byMonth) {
      if (passing === null) passed.push(row.post);
      else passing[index] = 1;
    }
  }

  const terms = new Map<string, readonly string[]>();
  if (hits !== null && passing !== null) {
    for (const hit of hits) {
      const row = prepared.byPath.get(hit.path);
      if (row === undefined || passing[row.index] !== 1) continue;
      passing[row.index] = 0;
      passed.push(row.post);
      terms.set(hit.path, hit.terms);
    }
  }

  const tags: Facet<string>[] = [];
  tagCounts.forEach((count, id) => {
    const key = prepared.tagKeys[id] as string;
    if (count > 0 || wantedKeys.includes(key))
      tags.push({ value: prepared.tagNames.get(key) ?? key, count });
  });
  // A selected tag no post has (any more) stays listed, so it can be unselected.
  state.tags.forEach((tag, i) => {
    if (wanted[i] === -1) tags.push({ value: tag, count: 0 });
  });
  const categories: Facet<string>[] = [];
  categoryCounts.forEach((count, id) => {
    const key = prepared.categoryKeys[id] as string;
    if (count > 0 || id === category)
      categories.push({ value: prepared.categoryNames.get(key) ?? key, count });
  });
  if (category === -2 && state.category !== null)
    categories.push({ value: state.category, count: 0 });
  const months: Facet<number>[] = [];
  if (state.year !== null)
    monthCounts.forEach((count, value) => {
      if (count > 0) months.push({ value, count });
    });
  return {
    posts: passed,
    statusCounts: counts,
    tags: tags.sort((a, b) => b.count - a.count || collator.compare(a.value, b.value)),
    categories: categories.sort((a, b) => collator.compare(a.value, b.value)),
    years: [...yearCounts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.value - a.value),
    months,
    terms,
  };
}

/** Whether any filter narrows the list (the sort does not count). */
export function isFiltered(state: FilterState): boolean {
  return (
    state.status !== 'all' ||
    state.tags.length > 0 ||
    state.category !== null ||
    state.year !== null ||
    state.search.trim() !== ''
  );
}
