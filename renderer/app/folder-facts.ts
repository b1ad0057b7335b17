import type { PostSummary } from '../../shared/api';
import { changeOf } from '../sidebar/posts-list';
import { inSlices } from './slices';

/** What the form suggests from the whole folder: computed once per posts list, never per keystroke. */
export interface FolderFacts {
  /** Every tag used in the folder with how many posts use it, most used first (then by name). */
  readonly tags: ReadonlyMap<string, number>;
  /** Every category used in the folder, sorted by name. */
  readonly categories: readonly string[];
}

/** Facts of a folder without posts (or before its list has loaded). */
export const noFolderFacts: FolderFacts = { tags: new Map(), categories: [] };

/** What `folderFacts` counted for one posts list, to follow the next list in place. */
interface Tally {
  readonly tags: Map<string, number>;
  readonly categories: Map<string, number>;
  facts: FolderFacts;
}

const tallies = new WeakMap<readonly PostSummary[], Tally>();

function byCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Counts one post in (+1) or out (-1). */
function count(tally: Tally, post: PostSummary, by: 1 | -1): void {
  // A post that lists a tag twice counts once.
  for (const tag of new Set(post.tags)) {
    if (tag.trim() === '') continue;
    const left = (tally.tags.get(tag) ?? 0) + by;
    if (left > 0) tally.tags.set(tag, left);
    else tally.tags.delete(tag);
  }
  if (post.category.trim() === '') return;
  const left = (tally.categories.get(post.category) ?? 0) + by;
  if (left > 0) tally.categories.set(post.category, left);
  else tally.categories.delete(post.category);
}

function factsOf(tally: Tally): FolderFacts {
  const tags = new Map(
    [...tally.tags].sort(
      ([a, countA], [b, countB]) => countB - countA || a.localeCompare(b) || byCodePoints(a, b),
    ),
  );
  const categories = [...tally.categories.keys()].sort(
    (a, b) => a.localeCompare(b) || byCodePoints(a, b),
  );
  return { tags, categories };
}

/** Whether two posts add the same to the facts: the same distinct tags and category. */
function sameFacts(a: PostSummary | undefined | null, b: PostSummary | undefined | null): boolean {
  if (a === undefined || a === null || b === undefined || b === null) return !a === !b;
  if (a.category !== b.category) return false;
  const tagsA = new Set(a.tags);
  const tagsB = new Set(b.tags);
  return tagsA.size === tagsB.size && [...tagsA].every((tag) => tagsB.has(tag));
}

/**
 * Tags with their counts and the categories of a folder's posts, in the order suggestions show
 * them. A list `withPost` made from the last one counted is followed in place; when the changed
 * post adds the same tags and category as before, the facts are the same object (so nothing that
 * shows them renders again).
 */
export function folderFacts(posts: readonly PostSummary[]): FolderFacts {
  const known = tallies.get(posts);
  if (known !== undefined) return known.facts;
  const change = changeOf(posts);
  const base = change === undefined ? undefined : tallies.get(change.from);
  if (change !== undefined && base !== undefined) {
    tallies.delete(change.from);
    tallies.set(posts, base);
    if (sameFacts(change.before, change.after)) return base.facts;
    if (change.before !== undefined) count(base, change.before, -1);
    if (change.after !== null) count(base, change.after, 1);
    base.facts = factsOf(base);
    return base.facts;
  }
  const tally: Tally = { tags: new Map(), categories: new Map(), facts: noFolderFacts };
  for (const post of posts) count(tally, post, 1);
  tally.facts = factsOf(tally);
  tallies.set(posts, tally);
  return tally.facts;
}

/**
 * Counts a whole new list before it is shown, in slices that let a key typed meanwhile through;
 * `folderFacts` then finds it counted.
 */
export async function folderFactsInSlices(posts: readonly PostSummary[]): Promise<void> {
  if (tallies.has(posts) || changeOf(posts) !== undefined) return;
  const tally: Tally = { tags: new Map(), categories: new Map(), facts: noFolderFacts };
  await inSlices(posts.length, (index) => count(tally, posts[index] as PostSummary, 1));
  tally.facts = factsOf(tally);
  if (!tallies.has(posts)) tallies.set(posts, tally);
}

/** One suggestion of a combobox: the value, and how many posts use it when that is known. */
export interface Suggestion {
  readonly value: string;
  readonly count?: number;
}

/**
 * Up to `limit` suggestions for what was typed: values that start with it first, then values that
 * contain it, each group in the given order (most used first for tags); `exclude` (tags the post
 * already has) left out. Case-insensitive. An empty query suggests the first values.
 */
export function suggest(
  values: Iterable<readonly [string, number | undefined]>,
  query: string,
  exclude: ReadonlySet<string> = new Set(),
  limit = 8,
): Suggestion[] {
  const needle = query.trim().toLowerCase();
  const starts: Suggestion[] = [];
  const contains: Suggestion[] = [];
  for (const [value, count] of values) {
    if (exclude.has(value)) continue;
    const hay = value.toLowerCase();
    const suggestion = count === undefined ? { value } : { value, count };
    if (hay.startsWith(needle)) {
      starts.push(suggestion);
      if (starts.length >= limit) break;
    } else if (contains.length < limit && hay.includes(needle)) {
      contains.push(suggestion);
    }
  }
  return [...starts, ...contains].slice(0, limit);
}
