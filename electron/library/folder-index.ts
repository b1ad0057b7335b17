import { realpath } from 'node:fs/promises';
import type { PostSummary } from '../../shared/api';
import { fail, ok } from '../../shared/result';
import type { Result } from '../../shared/result';
import { fieldFor, inferFields, schemaOrder } from '../../shared/schema';
import type { Schema } from '../../shared/schema';
import type { Problem } from '../../shared/validate';
import type { LoadedConfig } from './config';
import { defaultFactsThreads, defaultWorkerScript, openFactsPool } from './facts-pool';
import type { FactsPool } from './facts-pool';
import { parseIndexCache, readIndexCache, saveIndexCache, schemaKeyOf } from './index-cache';
import { indexPost, readHeadFacts, readWholeFacts } from './index-entry';
import type { CachedPost } from './index-cache';
import type { HeadFacts, IndexedPost, PostFacts } from './index-entry';
import { resolveInside } from './paths';
import {
  defaultConcurrency,
  diskReader,
  headBytes,
  isPostName,
  isSkippedName,
  mapBounded,
  scanPostFiles,
} from './scan';
import type { FileReader, FileStamp, FoundPost } from './scan';

/** The folder's posts, indexed, and the schema fitted to them. */
export interface FolderIndex {
  /** Every post's row, newest first, then by title. */
  readonly posts: PostSummary[];
  readonly schema: Schema;
  readonly config: LoadedConfig;
  /** Each readable post's front matter values, by path (what `inferFields` fits the schema to). */
  readonly values: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  /** Every post by path: its facts (stamp, values, body checks, word count), field problems, row. */
  readonly entries: ReadonlyMap<string, IndexedPost>;
  /** The fingerprint of `schema` (see `schemaKeyOf`). */
  readonly schemaKey: string;
  /**
   * False for the early listing `onListed` gets: posts not in the cache have their front matter
   * checked but not their body yet (`facts.body` null), so problems and word counts may grow.
   */
  readonly complete: boolean;
}

/** How `indexFolder` reads and reports. All optional. */
export interface IndexOptions {
  /**
   * The folder for index caches: the app's data folder, or for the CLI `defaultConfigDir()` +
   * `/index-cache`. Without it nothing is cached and every file is read.
   */
  readonly cacheDir?: string;
  /**
   * Posts fully indexed so far out of all found: once when the cache has been matched (the cached
   * posts count as done), then after each file read and checked.
   */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Called once, before the body checks of posts not in the cache, with an index of every post
   * (their front matter read from the first few kilobytes of each file, see `FolderIndex.complete`),
   * so a first open of a large folder can show its list at once. Not called when every post is
   * in the cache.
   */
  readonly onListed?: (index: FolderIndex) => void;
  /** Files open at once; 32 unless given. */
  readonly concurrency?: number;
  /** Where files are read from; the disk unless given (tests count and hold reads). */
  readonly reader?: FileReader;
  /**
   * Worker threads that read, parse and check files beside this thread on a cold index (see
   * facts-pool.ts): the built index-worker.cjs beside this bundle, as many as
   * `defaultFactsThreads` says for the files to read (none for a small folder), unless given. `threads: 0` or no script: all in this thread.
   * Only with the disk as `reader`.
   */
  readonly workers?: { readonly script: string | null; readonly threads: number };
}

const collator = new Intl.Collator();

/**
 * Newest first, then by title, then by path: the order of `listPosts` (a collator is
 * `localeCompare`, faster). The path makes it a total order, so a row put in place by a binary
 * search lands where sorting the whole list would put it.
 */
export function newestFirst(a: PostSummary, b: PostSummary): number {
  return (
    collator.compare(b.date, a.date) ||
    collator.compare(a.title, b.title) ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
  );
}

/** Where `row` goes in `rows` (sorted by `newestFirst`): after every row that sorts before it. */
function placeOf(rows: readonly PostSummary[], row: PostSummary): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (newestFirst(rows[middle] as PostSummary, row) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

function byPath(a: PostFacts, b: PostFacts): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.mtimeMs === b.mtimeMs && a.size === b.size && a.ino === b.ino;
}

/** `readWholeFacts`, by a worker of `pool` when given. */
function readWhole(
  reader: FileReader,
  post: FoundPost,
  pool?: FactsPool,
  head?: HeadFacts,
): Promise<PostFacts | null> {
  return pool === undefined ? readWholeFacts(reader, post, head) : pool.factsOf(post, head);
}

/** Front matter facts from the first bytes of a file (see `readHeadFacts`), by `pool` when given. */
function readHead(
  reader: FileReader,
  post: FoundPost,
  pool?: FactsPool,
): Promise<HeadFacts | null> {
  return pool === undefined ? readHeadFacts(reader, post, headBytes) : pool.headFactsOf(post);
}

/** What is already known of some posts: their facts and field problems under `schemaKey`. */
interface Known {
  readonly schemaKey: string | null;
  readonly posts: ReadonlyMap<
    string,
    { readonly facts: PostFacts; readonly fieldProblems: readonly Problem[] }
  >;
}

/**
 * The index of a set of posts' facts: the schema fitted to their values, then each post's row.
 * Field checks run only for posts whose facts or schema are new; the rest reuse `known`.
 */
function assemble(
  config: LoadedConfig,
  facts: readonly PostFacts[],
  known: Known,
  complete: boolean,
): FolderIndex {
  // Path order for fitting the schema, so the fields it adds come in the same order every time.
  const byPathOrder = [...facts].sort(byPath);
  const values = new Map<string, Readonly<Record<string, unknown>>>();
  for (const each of byPathOrder) if (each.unreadable === null) values.set(each.path, each.values);
  const schema = inferFields(config.schema, [...values.values()]);
  const schemaKey = schemaKeyOf(schema);
  const sameSchema = known.schemaKey === schemaKey;
  const entries = new Map<string, IndexedPost>();
  for (const each of byPathOrder) {
    const before = sameSchema ? known.posts.get(each.path) : undefined;
    if (before?.facts !== each) entries.set(each.path, indexPost(each, schema));
    else if ('summary' in before) entries.set(each.path, before as IndexedPost);
    else entries.set(each.path, indexPost(each, schema, before.fieldProblems));
  }
  // Facts from the cache come newest first already; sorting a list in order is one pass.
  const posts = facts.map((each) => (entries.get(each.path) as IndexedPost).summary);
  posts.sort(newestFirst);
  return { posts, schema, config, values, entries, schemaKey, complete };
}

/** An index's posts in the order of its list: the order the cache keeps them in. */
function inListOrder(index: FolderIndex): IndexedPost[] {
  return index.posts.map((post) => index.entries.get(post.path) as IndexedPost);
}

/**
 * Indexes every post under `root` with the folder's loaded config: scans (see `scanPostFiles`),
 * takes what the cache in `options.cacheDir` knows of files whose mtime, size and inode are
 * unchanged, reads the rest with at most `options.concurrency` files open, fits the schema, and
 * writes the cache back when anything changed. Unreadable files are listed with their problem.
 */
export async function buildFolderIndex(
  root: string,
  config: LoadedConfig,
  options: IndexOptions = {},
): Promise<FolderIndex> {
  const reader = options.reader ?? diskReader;
  const limit = Math.max(1, options.concurrency ?? defaultConcurrency);
  const realRoot = await realpath(root).catch(() => root);
  const script = options.workers?.script ?? defaultWorkerScript();
  // The cache file is read while the folder is scanned.
  const cacheBytes =
    options.cacheDir === undefined ? null : readIndexCache(options.cacheDir, realRoot);
  const found = await scanPostFiles(root, limit);
  const bytes = await cacheBytes;
  // Every file is stat'ed at once while the cache is parsed: a stat opens no file, and with all
  // of them queued the thread pool works through them while this thread parses.
  const stamps =
    bytes === null
      ? null
      : Promise.all(found.map((post) => reader.stat(post.file).catch(() => null)));
  const cache = options.cacheDir === undefined ? null : parseIndexCache(bytes, realRoot);
  const cached = cache?.posts ?? new Map<string, CachedPost>();

  const kept: PostFacts[] = [];
  let missing: FoundPost[] = found;
  if (stamps !== null) {
    const stampOf = new Map<string, FileStamp | null>();
    const stamped = await stamps;
    found.forEach((post, index) => stampOf.set(post.path, stamped[index] ?? null));
    // In the cache's order (the list's), so the list needs next to no sorting.
    for (const [path, hit] of cached) {
      const stamp = stampOf.get(path);
      if (stamp != null && sameStamp(hit.facts.stamp, stamp)) kept.push(hit.facts);
    }
    const keptPaths = new Set(kept.map((facts) => facts.path));
    missing = found.filter((post) => !keptPaths.has(post.path));
  }
  const known: Known = { schemaKey: cache?.schemaKey ?? null, posts: cached };
  // Opened before the early list, so the threads start while it is read. They read from the disk.
  const pool =
    missing.length === 0 || reader !== diskReader
      ? undefined
      : openFactsPool(
          await script,
          options.workers?.threads ?? defaultFactsThreads(missing.length),
        );
  try {
    return await readAndAssemble();
  } finally {
    await pool?.close();
  }

  async function readAndAssemble(): Promise<FolderIndex> {
    // Posts the first pass had to read whole (or found unreadable): no second read.
    const readAlready = new Map<string, PostFacts>();
    // The others' early facts, which the second pass completes when the front matter is the same
    // (the complete index then shares their values with the early list), each dropped once read.
    const heads = new Map<string, HeadFacts>();
    if (options.onListed !== undefined && missing.length > 0) {
      const early = await mapBounded(missing, limit, (post) => readHead(reader, post, pool));
      const listed: PostFacts[] = [];
      for (const head of early) {
        if (head === null) continue;
        listed.push(head.facts);
        if (head.facts.body !== null) readAlready.set(head.facts.path, head.facts);
        else heads.set(head.facts.path, head);
      }
      options.onListed(assemble(config, [...kept, ...listed], known, false));
    }

    let done = kept.length;
    options.onProgress?.(done, found.length);
    const fresh = await mapBounded(missing, limit, async (post) => {
      const head = heads.get(post.path);
      heads.delete(post.path);
      const facts = readAlready.get(post.path) ?? (await readWhole(reader, post, pool, head));
      done++;
      options.onProgress?.(done, found.length);
      return facts;
    });
    const read = fresh.filter((facts): facts is PostFacts => facts !== null);
    const index = assemble(config, [...kept, ...read], known, true);

    // Posts that cannot be cached (unreadable, just written) are read every time; rewriting the
    // cache for them alone would buy nothing.
    const changed =
      cache !== null &&
      (read.some((facts) => facts.settled && facts.unreadable === null) ||
        kept.length !== cached.size ||
        cache.rejected !== null ||
        index.schemaKey !== cache.schemaKey);
    if (options.cacheDir !== undefined && changed) {
      await saveIndexCache(options.cacheDir, realRoot, inListOrder(index), index.schemaKey);
    }
    return index;
  }
}

/**
 * The index again for another config (the config file changed): every post's facts are kept, so
 * nothing is read; the schema is fitted anew and field problems are checked again only when the
 * schema changed. Body problems and word counts never depend on the config.
 */
export function refitFolderIndex(index: FolderIndex, config: LoadedConfig): FolderIndex {
  const facts = [...index.entries.values()].map((entry) => entry.facts);
  return assemble(config, facts, { schemaKey: index.schemaKey, posts: index.entries }, true);
}

/** Whether a post path is one the scan lists (a post's name, no dot-folder or node_modules). */
export function isIndexedPath(path: string): boolean {
  const segments = path.split('/');
  return (
    segments.every((segment) => segment !== '' && !isSkippedName(segment)) &&
    isPostName(segments[segments.length - 1] ?? '')
  );
}

/**
 * The index after some posts changed on disk (added, changed or removed; paths relative to the
 * root): reads only those files, refits the schema, and checks fields again only for those posts,
 * or for all when the schema changed (from kept facts; no other file is read). Paths outside the
 * root or that the scan would not list are dropped from the index.
 */
export async function updateFolderIndex(
  root: string,
  index: FolderIndex,
  paths: readonly string[],
  options: Pick<IndexOptions, 'concurrency' | 'reader'> = {},
): Promise<FolderIndex> {
  const reader = options.reader ?? diskReader;
  const unique = [...new Set(paths)];
  const read = new Map<string, PostFacts | null>();
  await mapBounded(unique, options.concurrency ?? defaultConcurrency, async (path) => {
    const file = isIndexedPath(path) ? await resolveInside(root, path) : null;
    read.set(path, file?.ok === true ? await readWhole(reader, { path, file: file.value }) : null);
  });
  return updateInPlace(index, unique, read) ?? rebuildWith(index, read);
}

/** The index rebuilt from its kept facts with `read` applied (null: the post is gone). */
function rebuildWith(index: FolderIndex, read: ReadonlyMap<string, PostFacts | null>): FolderIndex {
  const facts = new Map([...index.entries].map(([path, entry]) => [path, entry.facts]));
  for (const [path, each] of read) {
    if (each === null) facts.delete(path);
    else facts.set(path, each);
  }
  // An early list stays early: the posts it has not checked yet are still unchecked.
  return assemble(
    index.config,
    [...facts.values()],
    { schemaKey: index.schemaKey, posts: index.entries },
    index.complete,
  );
}

/** Equal as parsed front matter values are (plain data; `Object.is` so NaN equals NaN). */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key, i) =>
      keysB[i] === key &&
      sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/** The values of the keys the config's schema does not name, in the post's order. */
function unknownEntries(
  values: Readonly<Record<string, unknown>> | undefined,
  known: ReadonlySet<string>,
): [string, unknown][] {
  if (values === undefined) return [];
  return Object.entries(values).filter(([key]) => !known.has(key));
}

/** What a choice field that takes its values from the folder gets from one post (as `inferFields`). */
function choiceOf(
  values: Readonly<Record<string, unknown>> | undefined,
  key: string,
): string | null {
  const value = values?.[key];
  if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number') {
    return String(value);
  }
  return null;
}

/**
 * Whether `inferFields` gives the same schema once one post's values go from `before` to `after`
 * (undefined: not among the values): true when the keys the config does not name and their values
 * stay exactly the same (a post that has none may come and go: it adds no field and moves none),
 * and every choice the folder offers is still used after and was offered before. False means "not
 * sure", never "different": the caller then fits the schema again from every post.
 */
function keepsSchema(
  index: FolderIndex,
  values: ReadonlyMap<string, Readonly<Record<string, unknown>>>,
  path: string,
  before: Readonly<Record<string, unknown>> | undefined,
  after: Readonly<Record<string, unknown>> | undefined,
): boolean {
  const known = new Set(schemaOrder(index.config.schema));
  const unknownBefore = unknownEntries(before, known);
  const unknownAfter = unknownEntries(after, known);
  if (before === undefined || after === undefined) {
    if (unknownBefore.length > 0 || unknownAfter.length > 0) return false;
  } else if (
    unknownBefore.length !== unknownAfter.length ||
    unknownBefore.some(
      ([key, value], i) =>
        unknownAfter[i]?.[0] !== key ||
        !sameValue(value, (unknownAfter[i] as [string, unknown])[1]),
    )
  ) {
    return false;
  }
  for (const spec of index.config.schema.fields) {
    if (spec.kind !== 'choice' || spec.choicesFromFolder !== true) continue;
    const gone = choiceOf(before, spec.key);
    const added = choiceOf(after, spec.key);
    if (gone === added) continue;
    const offered = fieldFor(index.schema, spec.key)?.choices ?? [];
    if (added !== null && !offered.includes(added)) return false;
    if (gone === null || (spec.choices ?? []).includes(gone)) continue;
    // Still offered only while another post uses it; a folder repeats a few categories, so the
    // first post with it is usually near.
    let used = false;
    for (const [other, each] of values) {
      if (other !== path && choiceOf(each, spec.key) === gone) {
        used = true;
        break;
      }
    }
    if (!used) return false;
  }
  return true;
}

/**
 * The index with `read` applied post by post, when the schema stays the same (see
 * `keepsSchema`): the changed posts are checked, and their rows taken out of and put back into
 * the sorted list by binary search; nothing else is touched. Null when the schema may change.
 */
function updateInPlace(
  index: FolderIndex,
  paths: readonly string[],
  read: ReadonlyMap<string, PostFacts | null>,
): FolderIndex | null {
  const values = new Map(index.values);
  for (const path of paths) {
    const each = read.get(path) ?? null;
    const before = values.get(path);
    const after = each === null || each.unreadable !== null ? undefined : each.values;
    if (!keepsSchema(index, values, path, before, after)) return null;
    if (after === undefined) values.delete(path);
    else values.set(path, after);
  }
  const entries = new Map(index.entries);
  const posts = index.posts.slice();
  for (const path of paths) {
    const old = entries.get(path);
    if (old !== undefined) {
      const at = placeOf(posts, old.summary) - 1;
      // The list is sorted by a total order, so the row is right before its place.
      if (posts[at] !== old.summary) return null;
      posts.splice(at, 1);
      entries.delete(path);
    }
    const each = read.get(path) ?? null;
    if (each === null) continue;
    const entry = indexPost(each, index.schema);
    entries.set(path, entry);
    posts.splice(placeOf(posts, entry.summary), 0, entry.summary);
  }
  return { ...index, posts, values, entries };
}

/**
 * Reads one post for the index, with its field problems under `schema` (the folder's): what a
 * watcher needs for one changed file. `notFound` when it is gone, `outsideFolder` for a path that
 * escapes the root. The facts carry its front matter values, for refitting the schema.
 */
export async function summarizeFile(
  root: string,
  schema: Schema,
  path: string,
  reader: FileReader = diskReader,
): Promise<Result<IndexedPost>> {
  const file = await resolveInside(root, path);
  if (!file.ok) return file;
  const facts = await readWhole(reader, { path, file: file.value });
  if (facts === null) return fail('notFound', `${path} does not exist`, path);
  return ok(indexPost(facts, schema));
}

/**
 * Writes the cache of an index that a long-lived owner kept up to date (see `updateFolderIndex`),
 * so the next open reads only what changed after this. False when it could not be written.
 */
export async function saveFolderIndex(
  cacheDir: string,
  root: string,
  index: FolderIndex,
): Promise<boolean> {
  const realRoot = await realpath(root).catch(() => root);
  return saveIndexCache(cacheDir, realRoot, inListOrder(index), index.schemaKey);
}
