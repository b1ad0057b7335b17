import type { PostSummary } from '../../shared/api';

/** What the form suggests from the whole folder: computed once per posts list, never per keystroke. */
export interface FolderFacts {
  /** Every tag used in the folder with how many posts use it, most used first (then by name). */
  readonly tags: ReadonlyMap<string, number>;
  /** Every category used in the folder, sorted by name. */
  readonly categories: readonly string[];
}

/** Facts of a folder without posts (or before its list has loaded). */
export const noFolderFacts: FolderFacts = { tags: new Map(), categories: [] };

/** Tags with their counts and the categories of a folder's posts, in the order suggestions show them. */
export function folderFacts(posts: readonly PostSummary[]): FolderFacts {
  const counts = new Map<string, number>();
  const categories = new Set<string>();
  for (const post of posts) {
    // A post that lists a tag twice counts once.
    for (const tag of new Set(post.tags)) {
      if (tag.trim() !== '') counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
    if (post.category.trim() !== '') categories.add(post.category);
  }
  const tags = new Map(
    [...counts].sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b)),
  );
  return { tags, categories: [...categories].sort((a, b) => a.localeCompare(b)) };
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
