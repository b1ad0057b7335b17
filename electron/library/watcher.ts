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

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

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
    // A post may be mid-write when its event arrives; the next event brings the rest. Waiting for
    // writes to finish (awaitWriteFinish) would delay every change by seconds.
    awaitWriteFinish: false,
  });
  const touched = new Map<string, 'add' | 'change' | 'unlink'>();
  let configChanged = false;
  let timer: NodeJS.Timeout | undefined;
  let firstEventAt = 0;

  const flush = async (): Promise<void> => {
    timer = undefined;
    const batch = [...touched];
    touched.clear();
    const config = configChanged;
    configChanged = false;
    const added: string[] = [];
    const changed: string[] = [];
    const removed: string[] = [];
    await Promise.all(
      batch.map(async ([path, last]) => {
        const there = await exists(`${root}${sep}${path.split('/').join(sep)}`);
        if (!there) removed.push(path);
        else if (last === 'add') added.push(path);
        else changed.push(path);
      }),
    );
    if (added.length + changed.length + removed.length === 0 && !config) return;
    onChanges({ added, changed, removed, configChanged: config });
  };

  const schedule = (): void => {
    const now = Date.now();
    if (timer === undefined) firstEventAt = now;
    else clearTimeout(timer);
    const wait = Math.min(settleMs, Math.max(0, firstEventAt + maxWaitMs - now));
    timer = setTimeout(() => void flush(), wait);
  };

  const note = (kind: 'add' | 'change' | 'unlink', absolute: string): void => {
    const path = relative(root, absolute).split(sep).join('/');
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

  watcher.on('add', (path) => note('add', path));
  watcher.on('change', (path) => note('change', path));
  watcher.on('unlink', (path) => note('unlink', path));
  // A removed folder takes its posts with it; chokidar reports each file's unlink too.
  const ready = new Promise<void>((resolveReady) => watcher.once('ready', () => resolveReady()));
  return {
    ready,
    async close() {
      if (timer !== undefined) clearTimeout(timer);
      await watcher.close();
    },
  };
}
