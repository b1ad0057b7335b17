import type { PostSummary } from '../../shared/api';

/** One post added, changed or removed: how a posts list became the next one (see `withPost`). */
export interface PostsChange {
  /** The list this one was made from. */
  readonly from: readonly PostSummary[];
  readonly path: string;
  /** The post's row in `from`, if it had one. */
  readonly before: PostSummary | undefined;
  /** Its row now; null when it was removed. */
  readonly after: PostSummary | null;
}

// Lists stay plain arrays (React state, props); what made each one is kept beside it, so whatever
// is derived from a list (the sidebar's filter model, the folder's facts) can be brought up to
// date for the one post that changed instead of made again from every post.
const changes = new WeakMap<readonly PostSummary[], PostsChange>();

/** How `list` was made from the list before it, when `withPost` made it; undefined otherwise. */
export function changeOf(list: readonly PostSummary[]): PostsChange | undefined {
  return changes.get(list);
}

function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Newest first, then by title, then by path: the order of the index's list (`listPosts`). The path
 * makes it total, so a row put in place by a binary search lands where a sort would put it.
 */
export function newestFirst(a: PostSummary, b: PostSummary): number {
  return b.date.localeCompare(a.date) || a.title.localeCompare(b.title) || byPath(a.path, b.path);
}

/** Where `post` goes in `list` (sorted by `compare`): after every row that does not sort after it. */
export function sortedPlace<T>(
  list: readonly T[],
  item: T,
  compare: (a: T, b: T) => number,
): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(list[middle] as T, item) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The list with the post at `path` replaced by `post` (null removes it), kept in `newestFirst`
 * order: the old row is taken out and the new one put in place by binary search. The change is
 * remembered (see `changeOf`), so what is derived from the list can follow it row by row.
 */
export function withPost(
  list: readonly PostSummary[],
  post: PostSummary | null,
  path: string,
): readonly PostSummary[] {
  const next = list.slice();
  const at = next.findIndex((each) => each.path === path);
  const before = at >= 0 ? next[at] : undefined;
  if (at >= 0) next.splice(at, 1);
  if (post !== null) next.splice(sortedPlace(next, post, newestFirst), 0, post);
  changes.set(next, { from: list, path, before, after: post });
  return next;
}
