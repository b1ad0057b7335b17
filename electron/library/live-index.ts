import { stat } from 'node:fs/promises';
import type { PostSummary, SearchHit } from '../../shared/api';
import { ok } from '../../shared/result';
import type { Result } from '../../shared/result';
import type { Schema } from '../../shared/schema';
import type { Emit } from '../events';
import { loadConfig } from './config';
import type { LoadedConfig } from './config';
import { refitFolderIndex, saveFolderIndex, updateFolderIndex } from './folder-index';
import type { FolderIndex } from './folder-index';
import { indexFolder } from './library';
import { resolveInside } from './paths';
import { createBackgroundSearch } from './search-thread';
import type { FileReader } from './scan';
import { watchFolder } from './watcher';
import type { FolderChanges, FolderWatcher } from './watcher';

/** The posts of one open folder, kept current as other programs change files. */
export interface LiveIndex {
  /**
   * The index, built on first use (from the index cache where it is valid). On a first open of a
   * large folder this answers as soon as every post is listed, before the body checks end; the
   * complete index follows as `postsReindexed`.
   */
  posts(): Promise<Result<readonly PostSummary[]>>;
  /** The folder's schema (config plus the keys its posts use) and the config as loaded. */
  schema(): Promise<Result<{ readonly schema: Schema; readonly config: LoadedConfig }>>;
  /**
   * Brings the given posts up to date now, after our own write, so the next `posts()` already
   * has them; the watcher's later report of the same write changes nothing.
   */
  touch(paths: readonly string[]): Promise<void>;
  /**
   * Full-text search (see `SearchIndex.search`). The first search starts building the search index
   * in the background (once the complete index is there), newest posts first; it emits
   * `searchIndexed` when done, and until then hits come from the posts indexed so far. Changes reach it with the list's events.
   */
  search(query: string): Promise<Result<readonly SearchHit[]>>;
  /** Stops watching and writes the index cache. */
  close(): Promise<void>;
}

/** Options for `createLiveIndex`. */
export interface LiveIndexOptions {
  readonly emit: Emit;
  /** Where index caches live; without it every open reads every file. */
  readonly cacheDir?: string;
  /** Whether to watch the folder (default true). */
  readonly watch?: boolean;
  /** Where the first index reads files; the disk unless given (tests hold reads). */
  readonly reader?: FileReader;
}

const cacheDelayMs = 2_000;
const progressEveryMs = 200;

/**
 * How long the watcher waits for more events before reporting a batch. Short, so one change shows
 * at once: a write still going on when its event comes is caught by the watcher looking again, not by
 * waiting longer (a longer wait never covered a slow writer anyway).
 */
const settleMs = 10;

/**
 * The index of one posts folder that the app keeps in memory: built once, then updated file by
 * file from the watcher's batches (and from our own writes), emitting `postAddedOnDisk`,
 * `postChangedOnDisk` and `postRemovedOnDisk`. A config change, or a change that refits the
 * schema (every post's checks may move), emits `postsReindexed` so the list reloads. The cache is
 * written a little after the index settles.
 */
export function createLiveIndex(root: string, options: LiveIndexOptions): LiveIndex {
  let index: FolderIndex | null = null;
  // Whether the index is there (early or complete) or failed. Not the index itself: that is
  // `index`, and a promise holding the early list would keep it alive beside the complete one
  // (25 MB at ten thousand posts).
  let ready: Promise<Result<null>> | null = null;
  // While the first complete index is being built: what batches changed on the early list.
  let building: { paths: Set<string>; configChanged: boolean } | null = null;
  let watcher: FolderWatcher | null = null;
  let closed = false;
  let cacheTimer: NodeJS.Timeout | undefined;
  // Batches apply one after another, so no change is lost or reordered. On a first open of a large
  // folder they apply to the early list at once (a change from another program shows while the
  // body checks still run) and again on top of the complete index when it arrives.
  let applying: Promise<void> = Promise.resolve();
  const search = createBackgroundSearch(
    root,
    options.reader === undefined ? {} : { reader: options.reader },
  );
  let searchStarted = false;
  const rowOf = (path: string): PostSummary | undefined => index?.entries.get(path)?.summary;

  const saveSoon = (): void => {
    if (options.cacheDir === undefined) return;
    clearTimeout(cacheTimer);
    cacheTimer = setTimeout(() => {
      if (index !== null && index.complete && options.cacheDir !== undefined) {
        void saveFolderIndex(options.cacheDir, root, index);
      }
    }, cacheDelayMs);
  };

  const start = (): Promise<Result<null>> => {
    let answer: (result: Result<null>) => void = () => undefined;
    const first = new Promise<Result<null>>((resolve) => (answer = resolve));
    let listedEarly = false;
    let lastProgress = 0;
    const full = indexFolder(root, {
      ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
      ...(options.reader === undefined ? {} : { reader: options.reader }),
      onListed: (early) => {
        listedEarly = true;
        index = early;
        answer(ok(null));
      },
      onProgress: (done, total) => {
        const now = Date.now();
        if (done < total && now - lastProgress < progressEveryMs) return;
        lastProgress = now;
        options.emit('indexProgress', { done, total });
      },
    });
    building = { paths: new Set(), configChanged: false };
    // The complete index joins the queue of batches when it arrives: batches before it applied to
    // the early list (a change from another program shows while the body checks still run), and
    // what they touched is read again on top of it, so none is lost to an older read.
    const finish = async (result: Result<FolderIndex>): Promise<void> => {
      const touched = building;
      building = null;
      if (!result.ok) return answer(result);
      let next = result.value;
      if (touched?.configChanged) {
        const config = await loadConfig(root);
        if (config.ok) next = refitFolderIndex(next, config.value);
      }
      if (touched !== null && touched.paths.size > 0)
        next = await updateFolderIndex(root, next, [...touched.paths]);
      index = next;
      saveSoon();
      if (listedEarly) options.emit('postsReindexed', { count: next.posts.length });
      answer(ok(null));
      if (searchWanted) startSearch();
    };
    void full.then((result) => {
      applying = applying.then(() => finish(result)).catch(() => undefined);
    });
    if (options.watch !== false) {
      watcher = watchFolder(
        root,
        (changes) => {
          applying = applying.then(() => apply(changes)).catch(() => undefined);
        },
        { settleMs },
      );
    }
    return first;
  };

  // The search index reads every body again and costs memory: it is built on the first search,
  // not for every folder opened (most sessions never search).
  let searchWanted = false;
  const startSearch = (): void => {
    const current = index;
    if (searchStarted || closed || current === null || !current.complete) return;
    // Not awaited: batches of the watcher go on while it builds, and reach it in turn.
    searchStarted = true;
    void search
      .build(
        current.posts.map((post) => post.path),
        rowOf,
      )
      .then(() => {
        if (!closed) options.emit('searchIndexed', { count: search.count });
      });
  };

  /** The index as it is now, once there is one. */
  const ensure = async (): Promise<Result<FolderIndex>> => {
    ready ??= start();
    const result = await ready;
    if (!result.ok) return result;
    // Set before `ready` says so, and never unset.
    if (index === null) throw new Error('The index is ready but missing');
    return ok(index);
  };

  const apply = async (changes: FolderChanges): Promise<void> => {
    if (closed) return;
    const paths = [...changes.added, ...changes.changed, ...changes.removed];
    if (building !== null) {
      for (const path of paths) building.paths.add(path);
      building.configChanged ||= changes.configChanged;
    }
    // Nothing listed yet: the complete index reads these paths again when it arrives.
    const before = index;
    if (before === null) return;
    if (changes.configChanged) {
      const config = await loadConfig(root);
      if (config.ok) index = refitFolderIndex(before, config.value);
    }
    if (paths.length > 0) index = await updateFolderIndex(root, index ?? before, paths);
    const after = index ?? before;
    saveSoon();
    if (after.schemaKey !== before.schemaKey) {
      options.emit('postsReindexed', { count: after.posts.length });
      if (searchStarted && paths.length > 0) await search.update(paths, rowOf);
      return;
    }
    for (const path of paths) {
      const row = after.entries.get(path)?.summary;
      const known = before.entries.has(path);
      if (row === undefined) {
        if (known) options.emit('postRemovedOnDisk', { path });
      } else {
        options.emit(known ? 'postChangedOnDisk' : 'postAddedOnDisk', row);
      }
    }
    // Before the search build starts, it reads every post as it is then.
    if (searchStarted && paths.length > 0) await search.update(paths, rowOf);
  };

  return {
    async posts() {
      const result = await ensure();
      if (!result.ok) return result;
      return ok(result.value.posts);
    },
    async schema() {
      const result = await ensure();
      if (!result.ok) return result;
      return ok({ schema: result.value.schema, config: result.value.config });
    },
    touch(paths) {
      const run = async (): Promise<void> => {
        if (ready === null) return;
        const present: string[] = [];
        const gone: string[] = [];
        for (const path of paths) {
          const file = await resolveInside(root, path);
          if (!file.ok) continue;
          const there = await stat(file.value).then(
            () => true,
            () => false,
          );
          (there ? present : gone).push(path);
        }
        await apply({ added: present, changed: [], removed: gone, configChanged: false });
      };
      applying = applying.then(run).catch(() => undefined);
      return applying;
    },
    async search(query) {
      const result = await ensure();
      if (!result.ok) return result;
      searchWanted = true;
      startSearch();
      return ok(await search.search(query));
    },
    async close() {
      closed = true;
      search.stop();
      clearTimeout(cacheTimer);
      await watcher?.close();
      if (index !== null && index.complete && options.cacheDir !== undefined) {
        await saveFolderIndex(options.cacheDir, root, index);
      }
    },
  };
}
