import type { PostSummary, SearchHit, SidebarView } from '../../shared/api';
import { sidebarStatuses } from '../../shared/preferences';

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
  readonly categoryKey: string;
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

/** Case folding as `postwright list` does it (`matchesFilter`): tags and categories ignore case. */
export const fold = (text: string): string => text.normalize('NFC').toLocaleLowerCase();

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

function titleOf(post: PostSummary): string {
  return post.title === '' ? post.path : post.title;
}

/** Prepares a posts list for filtering: once per list, in one pass. */
export function preparePosts(posts: readonly PostSummary[]): PreparedPosts {
  const tagNames = new Map<string, string>();
  const categoryNames = new Map<string, string>();
  const byPath = new Map<string, Row>();
  const rows = posts.map((post, index): Row => {
    const tagKeys = post.tags.map((tag) => {
      const key = fold(tag);
      if (!tagNames.has(key) && key.trim() !== '') tagNames.set(key, tag);
      return key;
    });
    const categoryKey = fold(post.category);
    if (categoryKey.trim() !== '' && !categoryNames.has(categoryKey))
      categoryNames.set(categoryKey, post.category);
    const date = datePattern.exec(post.date);
    const month = date?.[2] === undefined ? null : Number(date[2]);
    const row: Row = {
      post,
      index,
      tagKeys,
      categoryKey,
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

function statusMatches(row: Row, status: StatusFilter, day: string): boolean {
  switch (status) {
    case 'all':
      return true;
    case 'drafts':
      return row.post.status === 'draft';
    case 'published':
      return row.post.status === 'published';
    case 'scheduled':
      return isScheduled(row, day);
    case 'featured':
      return row.post.featured;
    case 'problems':
      return row.post.problems.length > 0;
    default: {
      const never: never = status;
      throw new Error(`Unknown status filter ${String(never)}`);
    }
  }
}

function bump<K>(counts: Map<K, number>, key: K): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
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
  const wanted = state.tags.map(fold);
  const category = state.category === null ? null : fold(state.category);
  const searched = hits === null ? null : new Set(hits.map((hit) => hit.path));
  const statusCounts = Object.fromEntries(sidebarStatuses.map((status) => [status, 0])) as Record<
    StatusFilter,
    number
  >;
  const tagCounts = new Map<string, number>();
  const categoryCounts = new Map<string, number>();
  const yearCounts = new Map<number, number>();
  const monthCounts = new Map<number, number>();
  const passed: PostSummary[] = [];
  const passing = hits === null ? null : new Uint8Array(prepared.rows.length);

  for (const index of prepared.order(state.sort)) {
    const row = prepared.rows[index] as Row;
    const byStatus = statusMatches(row, state.status, day);
    const byTags =
      wanted.length === 0 ||
      (state.tagMode === 'all'
        ? wanted.every((tag) => row.tagKeys.includes(tag))
        : wanted.some((tag) => row.tagKeys.includes(tag)));
    const byCategory = category === null || row.categoryKey === category;
    const byYear = state.year === null || row.year === state.year;
    const byMonth = state.month === null || row.month === state.month;
    const bySearch = searched === null || searched.has(row.post.path);

    if (byTags && byCategory && byYear && byMonth && bySearch) {
      statusCounts.all++;
      for (const status of sidebarStatuses)
        if (status !== 'all' && statusMatches(row, status, day)) statusCounts[status]++;
    }
    const rest = byStatus && bySearch;
    if (rest && byCategory && byYear && byMonth && (state.tagMode === 'any' || byTags))
      for (const key of new Set(row.tagKeys)) if (prepared.tagNames.has(key)) bump(tagCounts, key);
    if (rest && byTags && byYear && byMonth && row.categoryKey !== '')
      bump(categoryCounts, row.categoryKey);
    if (rest && byTags && byCategory && row.year !== null) {
      bump(yearCounts, row.year);
      if (byYear && row.month !== null) bump(monthCounts, row.month);
    }
    if (rest && byTags && byCategory && byYear && byMonth) {
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

  for (const key of wanted) if (!tagCounts.has(key)) tagCounts.set(key, 0);
  if (category !== null && !categoryCounts.has(category)) categoryCounts.set(category, 0);
  const name = (names: ReadonlyMap<string, string>, key: string, given: readonly string[]) =>
    names.get(key) ?? given.find((each) => fold(each) === key) ?? key;
  return {
    posts: passed,
    statusCounts,
    tags: [...tagCounts]
      .map(([key, count]) => ({ value: name(prepared.tagNames, key, state.tags), count }))
      .sort((a, b) => b.count - a.count || collator.compare(a.value, b.value)),
    categories: [...categoryCounts]
      .map(([key, count]) => ({
        value: name(prepared.categoryNames, key, state.category === null ? [] : [state.category]),
        count,
      }))
      .sort((a, b) => collator.compare(a.value, b.value)),
    years: [...yearCounts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.value - a.value),
    months:
      state.year === null
        ? []
        : [...monthCounts]
            .map(([value, count]) => ({ value, count }))
            .sort((a, b) => a.value - b.value),
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
