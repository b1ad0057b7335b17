import { stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { watch } from 'chokidar';
import { configFileNames } from '../../shared/config';

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
  /** Resolves once the initial scan is done and events are being reported. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

const postExtensions = /\.(md|markdown)$/i;

function isPostPath(path: string): boolean {
  return postExtensions.test(path);
}

/**
 * Ignored: dot-folders and dot-files (`.git`, `.postwright/trash`), node_modules. Our own atomic
 * saves write `name.md.<random>` temp files next to the post: those are not posts either, and
 * `isPostPath` drops them.
 */
function ignored(root: string): (path: string) => boolean {
  return (path) => {
    const rel = relative(root, path);
    if (rel === '') return false;
    return rel.split(sep).some((part) => part.startsWith('.') || part === 'node_modules');
  };
}

/** What tells two versions of a file apart without reading it; null once it is gone. */
async function stampOf(path: string): Promise<string | null> {
  try {
    const stats = await stat(path);
    return `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
  } catch {
    return null;
  }
}

/**
 * When to look again at files a batch reported: chokidar reports a file's first change at once
 * and drops further changes to it for 50 ms, so a file still being written when its batch went
 * out would keep its partial text until its next change. Past that window, a file whose stamp
 * moved since the batch is reported again.
 */
const lookAgainAfterMs = 60;

/**
 * Watches a posts folder for changes made by other programs and reports them in batches. There is
 * no rename event: a rename is a removal plus an addition, and an editor that saves by renaming a
 * temp file over the post shows up as unlink + add of the same path, which the batch confirms with
 * a stat and reports as a change.
 */
export function watchFolder(
  root: string,
  onChanges: (changes: FolderChanges) => void,
  options: WatchOptions = {},
): FolderWatcher {
  const settleMs = options.settleMs ?? 30;
  const maxWaitMs = options.maxWaitMs ?? 250;
  const watcher = watch(root, {
    ignoreInitial: true,
    ignored: ignored(root),
    // A post may be mid-write when its event arrives; the batch looks at it again a little later
    // (lookAgain). Waiting for writes to finish (awaitWriteFinish) would delay every change by seconds.
    awaitWriteFinish: false,
  });
  const touched = new Map<string, 'add' | 'change' | 'unlink'>();
  let configChanged = false;
  let timer: NodeJS.Timeout | undefined;
  let firstEventAt = 0;
  let closed = false;
  const lookAgainTimers = new Set<NodeJS.Timeout>();
  const absoluteOf = (path: string): string => `${root}${sep}${path.split('/').join(sep)}`;

  const flush = async (): Promise<void> => {
    timer = undefined;
    const batch = [...touched];
    touched.clear();
    const config = configChanged;
    configChanged = false;
    const added: string[] = [];
    const changed: string[] = [];
    const removed: string[] = [];
    const stamps = new Map<string, string>();
    await Promise.all(
      batch.map(async ([path, last]) => {
        const stamp = await stampOf(absoluteOf(path));
        if (stamp === null) removed.push(path);
        else {
          stamps.set(path, stamp);
          if (last === 'add') added.push(path);
          else changed.push(path);
        }
      }),
    );
    if (added.length + changed.length + removed.length === 0 && !config) return;
    onChanges({ added, changed, removed, configChanged: config });
    if (stamps.size > 0) lookAgain(stamps);
  };

  /** Reports again, as changes, the files of a batch whose stamp moved since it went out. */
  const lookAgain = (stamps: ReadonlyMap<string, string>): void => {
    const later = setTimeout(() => {
      lookAgainTimers.delete(later);
      void Promise.all(
        [...stamps].map(async ([path, stamp]) => {
          const now = await stampOf(absoluteOf(path));
          // Gone since: chokidar reports the unlink itself.
          if (!closed && now !== null && now !== stamp && !touched.has(path)) note('change', path);
        }),
      );
    }, lookAgainAfterMs);
    lookAgainTimers.add(later);
  };

  const schedule = (): void => {
    const now = Date.now();
    if (timer === undefined) firstEventAt = now;
    else clearTimeout(timer);
    const wait = Math.min(settleMs, Math.max(0, firstEventAt + maxWaitMs - now));
    timer = setTimeout(() => void flush(), wait);
  };

  /** Adds an event to the coming batch; `path` is relative to the folder, with `/`. */
  const note = (kind: 'add' | 'change' | 'unlink', path: string): void => {
    if (configFileNames.some((name) => name === path)) {
      configChanged = true;
      schedule();
      return;
    }
    if (!isPostPath(path)) return;
    const before = touched.get(path);
    // unlink then add within one batch is a save by rename: a change, if the file existed before.
    touched.set(
      path,
      before === 'unlink' && kind === 'add' ? 'change' : before === 'add' ? 'add' : kind,
    );
    schedule();
  };

  const relativeOf = (absolute: string): string => relative(root, absolute).split(sep).join('/');
  watcher.on('add', (path) => note('add', relativeOf(path)));
  watcher.on('change', (path) => note('change', relativeOf(path)));
  watcher.on('unlink', (path) => note('unlink', relativeOf(path)));
  // A removed folder takes its posts with it; chokidar reports each file's unlink too.
  const ready = new Promise<void>((resolveReady) => watcher.once('ready', () => resolveReady()));
  return {
    ready,
    async close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const later of lookAgainTimers) clearTimeout(later);
      await watcher.close();
    },
  };
}
