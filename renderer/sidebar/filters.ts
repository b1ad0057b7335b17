import type { PostSummary, SearchHit, SidebarView } from '../../shared/api';
import { inSlices, sortInSlices } from '../app/slices';
import { changeOf, sortedPlace } from './posts-list';
import type { PostsChange } from './posts-list';

/** The sidebar's filters and sort (the same shape the preferences remember per folder). */
export type FilterState = SidebarView;

/** One of the status filters. */
export type StatusFilter = SidebarView['status'];

/** A post with what the filters compare precomputed once per posts list, never per keystroke. */
export interface Row {
  readonly post: PostSummary;
  /** The row's place in `PreparedPosts.rows`, for flag arrays; a changed post keeps its place. */
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
  /**
   * `day` as the number YYYYMMDD (0 without one): the filter pass compares it with today on every
   * post, and numbers compare in a fraction of the time of strings cut from a regular expression's
   * match. Digits of fixed width compare as numbers the way they do as text.
   */
  readonly dayNumber: number;
}

/**
 * The posts list ready for filtering: rows, names by folded key, and the sort orders (made on
 * first use). Made once per list; a list that `withPost` made from the previous one is followed
 * in place (one row out, one in), so the object of an older list then describes the newer one.
 */
export interface PreparedPosts {
  /** Every post's row at its `Row.index`; a removed post leaves a gap that a later one fills. */
  readonly rows: readonly (Row | undefined)[];
  readonly byPath: ReadonlyMap<string, Row>;
  /** Each tag's spelling as the first post in the list to use it writes it, by folded key. */
  readonly tagNames: ReadonlyMap<string, string>;
  readonly categoryNames: ReadonlyMap<string, string>;
  /**
   * Every folded tag key seen, in order of first use: the ids of `Row.tagIds`. A key no post uses
   * any more keeps its id but leaves `tagIds`.
   */
  readonly tagKeys: readonly string[];
  readonly tagIds: ReadonlyMap<string, number>;
  readonly categoryKeys: readonly string[];
  readonly categoryIds: ReadonlyMap<string, number>;
  /** What the filter pass reads of each row, by `Row.index`, in typed arrays (see `Columns`). */
  readonly columns: Columns;
  /** Row indexes in each sort order; computed once per posts list when first asked for. */
  order(sort: SidebarView['sort']): readonly number[];
}

/**
 * The filter pass's view of the rows: one typed array per field, indexed by `Row.index`. The pass
 * visits rows in sort order, which is far from the order their objects sit in memory; numbers side
 * by side are read several times faster than a field of each object.
 */
export interface Columns {
  /** `Row.bits`. */
  readonly bits: Uint8Array;
  /** `Row.dayNumber`. */
  readonly day: Int32Array;
  /** `Row.year`, -1 without one. */
  readonly year: Int32Array;
  /** `Row.month`, 0 without one. */
  readonly month: Uint8Array;
  /** `Row.categoryId`. */
  readonly category: Int32Array;
}

function columnsFor(size: number): Columns {
  return {
    bits: new Uint8Array(size),
    day: new Int32Array(size),
    year: new Int32Array(size),
    month: new Uint8Array(size),
    category: new Int32Array(size),
  };
}

/** `columns` with room for at least `size` rows (the same object when they fit). */
function withRoom(columns: Columns, size: number): Columns {
  if (size <= columns.bits.length) return columns;
  const grown = columnsFor(Math.max(size, columns.bits.length * 2, 64));
  grown.bits.set(columns.bits);
  grown.day.set(columns.day);
  grown.year.set(columns.year);
  grown.month.set(columns.month);
  grown.category.set(columns.category);
  return grown;
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

/** `YYYY-MM-DD` as the number YYYYMMDD (see `Row.dayNumber`); 0 for anything else. */
function dayNumberOf(day: string): number {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return parts === null ? 0 : Number(parts[1]) * 10_000 + Number(parts[2]) * 100 + Number(parts[3]);
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

function byCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The sort orders over rows; each ends on the path, so it is total and a binary search can place a row. */
const compare: Record<SidebarView['sort'], (a: Row, b: Row) => number> = {
  date: (a, b) =>
    b.post.date.localeCompare(a.post.date) ||
    collator.compare(titleOf(a.post), titleOf(b.post)) ||
    byCodePoints(a.post.path, b.post.path),
  title: (a, b) =>
    collator.compare(titleOf(a.post), titleOf(b.post)) ||
    a.post.path.localeCompare(b.post.path) ||
    byCodePoints(a.post.path, b.post.path),
  modified: (a, b) => b.post.modified - a.post.modified || compare.date(a, b),
};

/** Folded keys (tags or categories) with ids, the posts using each, and their names. */
interface Keys {
  readonly keys: string[];
  readonly ids: Map<string, number>;
  /** Posts using each id. */
  readonly uses: number[];
  readonly names: Map<string, string>;
  /** Keys written in more than one way (`Go`, `go`) since they were first used. */
  readonly variants: Set<string>;
}

function noKeys(): Keys {
  return { keys: [], ids: new Map(), uses: [], names: new Map(), variants: new Set() };
}

/** The id of `key`, made when new, named by its first spelling. */
function useKey(keys: Keys, key: string, spelling: string): number {
  let id = keys.ids.get(key);
  if (id === undefined) {
    id = keys.keys.push(key) - 1;
    keys.ids.set(key, id);
    keys.names.set(key, spelling);
  } else if (keys.names.get(key) !== spelling) {
    keys.variants.add(key);
  }
  return id;
}

/** The filter model of one posts list and what it was made from; followed in place by `advance`. */
interface Model {
  posts: readonly PostSummary[];
  readonly rows: (Row | undefined)[];
  /** Gaps in `rows` left by removed posts. */
  readonly free: number[];
  readonly byPath: Map<string, Row>;
  readonly tags: Keys;
  readonly categories: Keys;
  readonly orders: Map<SidebarView['sort'], number[]>;
  columns: Columns;
  /** The object handed out for `posts`. */
  view: PreparedPosts;
}

const models = new WeakMap<readonly PostSummary[], Model>();

/** The sort the sidebar last showed a list in: the one a new list is sorted in ahead. */
let lastSort: SidebarView['sort'] = 'date';

/** A post's row at `index`, its tags and category counted in. */
function addRow(model: Model, post: PostSummary, index: number): Row {
  const ids: number[] = [];
  const tagKeys = post.tags.map((tag) => {
    const key = fold(tag);
    if (key.trim() === '') return key;
    const id = useKey(model.tags, key, tag);
    if (!ids.includes(id)) {
      ids.push(id);
      model.tags.uses[id] = (model.tags.uses[id] ?? 0) + 1;
    }
    return key;
  });
  const categoryKey = fold(post.category);
  let categoryId = -1;
  if (categoryKey.trim() !== '') {
    categoryId = useKey(model.categories, categoryKey, post.category);
    model.categories.uses[categoryId] = (model.categories.uses[categoryId] ?? 0) + 1;
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
    dayNumber:
      date?.[3] === undefined
        ? 0
        : Number(date[1]) * 10_000 + Number(date[2]) * 100 + Number(date[3]),
  };
  model.rows[index] = row;
  model.byPath.set(post.path, row);
  const columns = (model.columns = withRoom(model.columns, index + 1));
  columns.bits[index] = row.bits;
  columns.day[index] = row.dayNumber;
  columns.year[index] = row.year ?? -1;
  columns.month[index] = row.month ?? 0;
  columns.category[index] = row.categoryId;
  return row;
}

/** Takes a row out: its tags and category counted out, its place left free. */
function removeRow(model: Model, row: Row): void {
  for (const id of row.tagIds) model.tags.uses[id] = (model.tags.uses[id] ?? 1) - 1;
  if (row.categoryId >= 0) {
    model.categories.uses[row.categoryId] = (model.categories.uses[row.categoryId] ?? 1) - 1;
  }
  model.rows[row.index] = undefined;
  model.byPath.delete(row.post.path);
}

/**
 * After a change to the posts using `key`: a key no post uses leaves the ids; otherwise its name
 * is the spelling of the first post in the list that writes it. With one spelling ever seen that
 * is the name it has; with several (rare) the list is searched for it.
 */
function renameKey(
  keys: Keys,
  key: string,
  posts: readonly PostSummary[],
  spellingsOf: (post: PostSummary) => readonly string[],
): void {
  const id = keys.ids.get(key);
  if (id === undefined) return;
  if ((keys.uses[id] ?? 0) <= 0) {
    keys.ids.delete(key);
    keys.names.delete(key);
    keys.variants.delete(key);
    return;
  }
  if (!keys.variants.has(key)) return;
  for (const post of posts) {
    const spelling = spellingsOf(post).find((each) => fold(each) === key);
    if (spelling !== undefined) {
      keys.names.set(key, spelling);
      return;
    }
  }
}

function viewOf(model: Model): PreparedPosts {
  return {
    rows: model.rows,
    byPath: model.byPath,
    tagNames: model.tags.names,
    categoryNames: model.categories.names,
    tagKeys: model.tags.keys,
    tagIds: model.tags.ids,
    categoryKeys: model.categories.keys,
    categoryIds: model.categories.ids,
    columns: model.columns,
    order(sort) {
      lastSort = sort;
      let order = model.orders.get(sort);
      if (order === undefined) {
        const rows = model.rows.filter((row): row is Row => row !== undefined);
        order = rows.sort(compare[sort]).map((row) => row.index);
        model.orders.set(sort, order);
      }
      return order;
    },
  };
}

/** Brings `model` from `change.from` to `posts`: the changed post's row out, its new row in. */
function advance(model: Model, change: PostsChange, posts: readonly PostSummary[]): void {
  const old = model.byPath.get(change.path);
  const touchedTags = new Set<string>();
  const touchedCategories = new Set<string>();
  const slotOrders = [...model.orders];
  let index: number;
  if (old !== undefined) {
    for (const [, order] of slotOrders) {
      const at = order.indexOf(old.index);
      if (at >= 0) order.splice(at, 1);
    }
    for (const key of old.tagKeys) touchedTags.add(key);
    touchedCategories.add(old.categoryKey);
    removeRow(model, old);
    index = old.index;
  } else {
    index = model.free.pop() ?? model.rows.length;
  }
  if (change.after === null) {
    model.free.push(index);
  } else {
    const row = addRow(model, change.after, index);
    for (const key of row.tagKeys) touchedTags.add(key);
    touchedCategories.add(row.categoryKey);
    for (const [sort, order] of slotOrders) {
      const by = compare[sort];
      const rows = model.rows;
      order.splice(
        sortedPlace(order, index, (a, b) => by(rows[a] as Row, rows[b] as Row)),
        0,
        index,
      );
    }
  }
  model.posts = posts;
  for (const key of touchedTags) renameKey(model.tags, key, posts, (post) => post.tags);
  for (const key of touchedCategories)
    renameKey(model.categories, key, posts, (post) => [post.category]);
}

/**
 * Prepares a posts list for filtering: once per list, in one pass. A list that `withPost` made
 * from the last one prepared is followed in place instead (see `PreparedPosts`).
 */
export function preparePosts(posts: readonly PostSummary[]): PreparedPosts {
  const known = models.get(posts);
  if (known !== undefined) return known.view;
  const change = changeOf(posts);
  const base = change === undefined ? undefined : models.get(change.from);
  if (change !== undefined && base !== undefined) {
    advance(base, change, posts);
    models.delete(change.from);
    base.view = viewOf(base);
    models.set(posts, base);
    return base.view;
  }
  const model = emptyModel(posts);
  posts.forEach((post, index) => addRow(model, post, index));
  model.view = viewOf(model);
  models.set(posts, model);
  return model.view;
}

/**
 * Prepares a whole new list (a folder opened, its checks complete) before it is shown, in slices
 * that let a key typed meanwhile through (10,000 posts take ~45 ms in one piece), and sorts it in
 * `sort` (by default the sort the sidebar last showed) the same way, which the first filter pass
 * would otherwise do in one piece (10,000 posts: 2–6 ms by date, tens of milliseconds by title);
 * `preparePosts` then finds it ready. A list `withPost` made is followed in place by
 * `preparePosts` at once.
 */
export async function preparePostsInSlices(
  posts: readonly PostSummary[],
  sort: SidebarView['sort'] = lastSort,
): Promise<void> {
  if (models.has(posts) || changeOf(posts) !== undefined) return;
  const model = emptyModel(posts);
  await inSlices(posts.length, (index) => addRow(model, posts[index] as PostSummary, index));
  // Every row is in place (no gaps yet): sorted as `order` would sort them.
  const sorted = await sortInSlices(model.rows as readonly Row[], compare[sort]);
  model.orders.set(
    sort,
    sorted.map((row) => row.index),
  );
  model.view = viewOf(model);
  // Prepared at once meanwhile (shown before this ended): that one stays.
  if (!models.has(posts)) models.set(posts, model);
}

function emptyModel(posts: readonly PostSummary[]): Model {
  return {
    posts,
    rows: [],
    free: [],
    byPath: new Map(),
    tags: noKeys(),
    categories: noKeys(),
    orders: new Map(),
    columns: columnsFor(posts.length),
    view: undefined as unknown as PreparedPosts,
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
  const todayNumber = dayNumberOf(day);
  const wantedKeys = state.tags.map(fold);
  const wanted = wantedKeys.map((key) => prepared.tagIds.get(key) ?? -1);
  const tagsAll = state.tagMode === 'all';
  const category =
    state.category === null ? null : (prepared.categoryIds.get(fold(state.category)) ?? -2);
  const rows = prepared.rows;
  const {
    bits: bitsOf,
    day: dayOf,
    year: yearOf,
    month: monthOf,
    category: categoryOf,
  } = prepared.columns;
  // The posts the search found, by row index.
  let searched: Uint8Array | null = null;
  if (hits !== null) {
    searched = new Uint8Array(rows.length);
    for (const hit of hits) {
      const row = prepared.byPath.get(hit.path);
      if (row !== undefined) searched[row.index] = 1;
    }
  }
  const status = state.status;
  const statusBit = status === 'all' || status === 'scheduled' ? 0 : bit[status];
  const wantYear = state.year ?? -2;
  const wantMonth = state.month ?? -2;
  let all = 0;
  let drafts = 0;
  let published = 0;
  let scheduledCount = 0;
  let featured = 0;
  let problems = 0;
  const tagCounts = new Int32Array(prepared.tagKeys.length);
  const categoryCounts = new Int32Array(prepared.categoryKeys.length);
  // Years as written are four digits.
  const yearCounts = new Int32Array(10_000);
  let firstYear = yearCounts.length;
  let lastYear = -1;
  const monthCounts = new Int32Array(13);
  const passed: PostSummary[] = [];
  const passing = hits === null ? null : new Uint8Array(rows.length);

  for (const index of prepared.order(state.sort)) {
    const bits = bitsOf[index] as number;
    const scheduled = (bits & bit.published) !== 0 && (dayOf[index] as number) > todayNumber;
    const byStatus =
      status === 'all' || (status === 'scheduled' ? scheduled : (bits & statusBit) !== 0);
    let byTags = true;
    if (wanted.length > 0) {
      const ids = (rows[index] as Row).tagIds;
      if (tagsAll) {
        for (const id of wanted) if (!ids.includes(id)) byTags = false;
      } else {
        byTags = false;
        for (const id of wanted) if (ids.includes(id)) byTags = true;
      }
    }
    const categoryId = categoryOf[index] as number;
    const year = yearOf[index] as number;
    const month = monthOf[index] as number;
    const byCategory = category === null || categoryId === category;
    const byYear = wantYear === -2 || year === wantYear;
    const byMonth = wantMonth === -2 || month === wantMonth;
    const bySearch = searched === null || searched[index] === 1;

    if (byTags && byCategory && byYear && byMonth && bySearch) {
      all++;
      if (bits & bit.drafts) drafts++;
      if (bits & bit.published) published++;
      if (bits & bit.featured) featured++;
      if (bits & bit.problems) problems++;
      if (scheduled) scheduledCount++;
    }
    if (!byStatus || !bySearch) continue;
    if (byCategory && byYear && byMonth && (byTags || !tagsAll))
      for (const id of (rows[index] as Row).tagIds) tagCounts[id] = (tagCounts[id] as number) + 1;
    if (!byTags) continue;
    if (byYear && byMonth && categoryId >= 0)
      categoryCounts[categoryId] = (categoryCounts[categoryId] as number) + 1;
    if (!byCategory) continue;
    if (year >= 0) {
      yearCounts[year] = (yearCounts[year] as number) + 1;
      if (year < firstYear) firstYear = year;
      if (year > lastYear) lastYear = year;
      if (byYear && month !== 0) monthCounts[month] = (monthCounts[month] as number) + 1;
    }
    if (byYear && byMonth) {
      if (passing === null) passed.push((rows[index] as Row).post);
      else passing[index] = 1;
    }
  }
  const counts = { all, drafts, published, scheduled: scheduledCount, featured, problems };

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
    // A key no post uses any more keeps its id but is no longer in `tagIds`.
    if (count > 0 || (wantedKeys.includes(key) && prepared.tagIds.get(key) === id))
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
  const years: Facet<number>[] = [];
  for (let value = lastYear; value >= firstYear; value--) {
    const count = yearCounts[value] as number;
    if (count > 0) years.push({ value, count });
  }
  const months: Facet<number>[] = [];
  if (state.year !== null)
    monthCounts.forEach((count, value) => {
      if (count > 0) months.push({ value, count });
    });
  return {
    posts: passed,
    statusCounts: counts,
    tags: tags.sort(
      (a, b) =>
        b.count - a.count || collator.compare(a.value, b.value) || byCodePoints(a.value, b.value),
    ),
    categories: categories.sort(
      (a, b) => collator.compare(a.value, b.value) || byCodePoints(a.value, b.value),
    ),
    years,
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
