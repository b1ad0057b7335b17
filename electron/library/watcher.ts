import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { sep } from 'node:path';
import { configFileNames } from '../../shared/config';
import { isPostName, isSkippedName } from './scan';

/** What changed in the posts folder since the last batch, as post paths relative to the folder. */
export interface FolderChanges {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  /** The config file was added, changed or removed: the schema (and every post's checks) may differ. */
  readonly configChanged: boolean;
}

/** Options for `watchFolder`. */
export interface WatchOptions {
  /** Quiet time that ends a batch; a burst (a `git checkout`) arrives as one batch. */
  readonly settleMs?: number;
  /** The longest a batch waits while events keep coming. */
  readonly maxWaitMs?: number;
}

/** A running watcher. */
export interface FolderWatcher {
  /** Resolves once every folder is watched and events are being reported. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/** What tells two versions of a file apart without reading it. */
function stampOf(stats: Stats): string {
  return `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}

async function lstatOrNull(path: string): Promise<Stats | null> {
  try {
    return await lstat(path);
  } catch {
    return null;
  }
}

/** The posts folder's own stats: it may be a symlink (to a synced or mounted folder), followed. */
async function rootStatsOrNull(root: string): Promise<Stats | null> {
  try {
    return await stat(root);
  } catch {
    return null;
  }
}

/**
 * When to look again at files a batch reported: a file still being written when its batch went
 * out would keep its partial text until its next change, should the system fold the rest of the
 * write into the event already reported (macOS folds events together). Past that window, a file
 * whose stamp moved since the batch is reported again.
 */
const lookAgainAfterMs = 60;

/** A watched folder: its watcher, inode, and the post files and folders in it (names). */
interface Folder {
  watcher: FSWatcher | null;
  readonly ino: number;
  readonly files: Set<string>;
  readonly folders: Set<string>;
}

/** The folder a path (relative, `/`) is in, '' for the root, and its name. */
function splitPath(path: string): { parent: string; name: string } {
  const slash = path.lastIndexOf('/');
  return slash < 0
    ? { parent: '', name: path }
    : { parent: path.slice(0, slash), name: path.slice(slash + 1) };
}

const joinPath = (folder: string, name: string): string =>
  folder === '' ? name : `${folder}/${name}`;

/**
 * Watches a posts folder for changes made by other programs and reports them in batches. One
 * `fs.watch` per folder (the operating system reports changes to the files in it), never one per
 * file: at ten thousand posts chokidar, which watches every file, took 2 s and 125 MB before it
 * was ready, and Node's own recursive watch on Linux stats every file synchronously and took
 * 42 MB; this takes about 0.1 s and 20 MB. The folders are those the scan enters
 * (see `scanPostFiles`): no dot-folders, no node_modules, no symlinks, and a symlink is not a
 * post. What happened to a path is decided when its batch goes out, from the disk and what the
 * watcher knows was there: there is no rename event, and an editor that saves by renaming a temp
 * file over the post (unlink + add of the same path) is a change; a folder that appears (moved
 * in, a `git checkout`) adds its posts, and one that goes removes them.
 */
export function watchFolder(
  root: string,
  onChanges: (changes: FolderChanges) => void,
  options: WatchOptions = {},
): FolderWatcher {
  const settleMs = options.settleMs ?? 30;
  const maxWaitMs = options.maxWaitMs ?? 250;
  const folders = new Map<string, Folder>();
  const touched = new Set<string>();
  let configChanged = false;
  let timer: NodeJS.Timeout | undefined;
  let firstEventAt = 0;
  let closed = false;
  let flushing: Promise<void> = Promise.resolve();
  const lookAgainTimers = new Set<NodeJS.Timeout>();
  const absoluteOf = (path: string): string =>
    path === '' ? root : `${root}${sep}${path.split('/').join(sep)}`;

  const schedule = (): void => {
    if (closed) return;
    const now = Date.now();
    if (timer === undefined) firstEventAt = now;
    else clearTimeout(timer);
    const wait = Math.min(settleMs, Math.max(0, firstEventAt + maxWaitMs - now));
    timer = setTimeout(() => {
      timer = undefined;
      // Batches go out one after another, so each starts from what the last one learned.
      flushing = flushing.then(flush);
    }, wait);
  };

  /** Adds a path (relative, `/`) to the coming batch. */
  const note = (path: string): void => {
    if (configFileNames.some((name) => name === path)) configChanged = true;
    else touched.add(path);
    schedule();
  };

  /** Starts watching a folder (relative path) that is on disk with inode `ino`; false if it cannot be. */
  const watchOne = (path: string, ino: number): Folder | null => {
    let watcher: FSWatcher;
    try {
      watcher = watch(absoluteOf(path), { persistent: false }, (_event, name) => {
        // No name (some systems, sometimes): the folder's listing says what changed.
        if (name === null || name === '') note(path);
        else {
          // A name is one entry of the folder; should a system give a deeper path, it is taken
          // apart the same way.
          const parts = name.split(/[\\/]/);
          if (!parts.some(isSkippedName)) note(joinPath(path, parts.join('/')));
        }
      });
    } catch {
      return null;
    }
    // The folder was removed or cannot be watched any more: its parent's batch sorts it out.
    watcher.on('error', () => {
      watcher.close();
      note(path);
    });
    const folder: Folder = { watcher, ino, files: new Set(), folders: new Set() };
    folders.set(path, folder);
    return folder;
  };

  /**
   * Watches a folder and everything under it, adding the post files found to `found` (relative
   * paths). The watch starts before the listing, so a file made meanwhile is in one or the other.
   */
  const enter = async (path: string, ino: number, found: string[]): Promise<void> => {
    if (closed || folders.has(path)) return;
    const folder = watchOne(path, ino);
    if (folder === null) return;
    const entries = await readdir(absoluteOf(path), { withFileTypes: true }).catch(() => []);
    const deeper: Promise<void>[] = [];
    for (const entry of entries) {
      if (isSkippedName(entry.name)) continue;
      const child = joinPath(path, entry.name);
      if (entry.isDirectory()) {
        folder.folders.add(entry.name);
        deeper.push(
          lstatOrNull(absoluteOf(child)).then((stats) =>
            stats?.isDirectory() === true ? enter(child, stats.ino, found) : undefined,
          ),
        );
      } else if (entry.isFile() && isPostName(entry.name)) {
        folder.files.add(entry.name);
        found.push(child);
      }
    }
    await Promise.all(deeper);
  };

  /** Stops watching a folder and what is under it; the post files it had go to `gone`. */
  const leave = (path: string, gone: string[]): void => {
    const folder = folders.get(path);
    if (folder === undefined) return;
    folders.delete(path);
    folder.watcher?.close();
    folder.watcher = null;
    for (const name of folder.files) gone.push(joinPath(path, name));
    for (const name of folder.folders) leave(joinPath(path, name), gone);
  };

  /** What a batch found: posts added, changed and removed, and the stamps of those still there. */
  interface Found {
    readonly added: string[];
    readonly changed: string[];
    readonly removed: string[];
    readonly stamps: Map<string, string>;
  }

  /** Where a path (now `stats` on disk, null when gone) stands against what was known. */
  const settle = async (path: string, stats: Stats | null, into: Found): Promise<void> => {
    const { added, changed, removed } = into;
    const { parent, name } = splitPath(path);
    const inFolder = folders.get(parent);
    const known = folders.get(path);
    if (known !== undefined) {
      // A watched folder: still the same one (its own event, or one without a name), or replaced
      // or gone. The same folder is listed again for names it gained or lost.
      const gone: string[] = [];
      leave(path, gone);
      const found: string[] = [];
      if (stats?.isDirectory() === true) await enter(path, stats.ino, found);
      else inFolder?.folders.delete(name);
      const before = new Set(gone);
      const sameFolder = stats?.isDirectory() === true && stats.ino === known.ino;
      for (const post of found) {
        if (!before.has(post)) added.push(post);
        // A folder replaced by another (a rename over it): its posts are new files.
        else if (!sameFolder) changed.push(post);
        before.delete(post);
      }
      removed.push(...before);
      return;
    }
    if (inFolder === undefined) return;
    if (stats?.isDirectory() === true) {
      if (isSkippedName(name)) return;
      inFolder.folders.add(name);
      const found: string[] = [];
      await enter(path, stats.ino, found);
      added.push(...found);
    } else if (stats?.isFile() === true && isPostName(name) && !isSkippedName(name)) {
      into.stamps.set(path, stampOf(stats));
      if (inFolder.files.has(name)) changed.push(path);
      else {
        inFolder.files.add(name);
        added.push(path);
      }
    } else if (inFolder.files.delete(name)) {
      // Gone, or no longer a post file (a symlink now).
      removed.push(path);
    }
  };

  const flush = async (): Promise<void> => {
    if (closed) return;
    const batch = [...touched];
    touched.clear();
    const config = configChanged;
    configChanged = false;
    const found: Found = { added: [], changed: [], removed: [], stamps: new Map() };
    // Every path's state at once, then settled in order: shallow first, so a folder that went is
    // left (its posts removed) before the events of the files that were in it come up.
    const stats = await Promise.all(
      batch.map((path) => (path === '' ? rootStatsOrNull(root) : lstatOrNull(absoluteOf(path)))),
    );
    const order = batch.map((path, i) => ({ path, stats: stats[i] ?? null }));
    order.sort((a, b) => a.path.split('/').length - b.path.split('/').length);
    for (const { path, stats: now } of order) await settle(path, now, found);
    if (closed) return;
    const removed = new Set(found.removed);
    const added = new Set(found.added.filter((path) => !removed.has(path)));
    const changed = new Set(found.changed.filter((path) => !removed.has(path) && !added.has(path)));
    if (added.size + changed.size + removed.size === 0 && !config) return;
    onChanges({
      added: [...added],
      changed: [...changed],
      removed: [...removed],
      configChanged: config,
    });
    lookAgain(found.stamps);
  };

  /** Reports again, as changes, the files of a batch whose stamp moved since it went out. */
  const lookAgain = (stamps: ReadonlyMap<string, string>): void => {
    if (stamps.size === 0) return;
    const later = setTimeout(() => {
      lookAgainTimers.delete(later);
      void Promise.all(
        [...stamps].map(async ([path, stamp]) => {
          const stats = await lstatOrNull(absoluteOf(path));
          // Gone since: that has an event of its own.
          if (!closed && stats !== null && stampOf(stats) !== stamp && !touched.has(path))
            note(path);
        }),
      );
    }, lookAgainAfterMs);
    lookAgainTimers.add(later);
  };

  const ready = rootStatsOrNull(root).then(async (stats) => {
    if (stats?.isDirectory() === true) await enter('', stats.ino, []);
  });
  return {
    ready,
    async close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const later of lookAgainTimers) clearTimeout(later);
      await ready;
      leave('', []);
    },
  };
}
