import { mkdir, mkdtemp, open, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { watchFolder } from './watcher';
import type { FolderChanges, FolderWatcher } from './watcher';

let root: string;
let watcher: FolderWatcher | null = null;
let batches: FolderChanges[];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'postwright-watch-'));
  await writeFile(join(root, 'existing.md'), '---\ntitle: A\n---\n');
  batches = [];
});

afterEach(async () => {
  await watcher?.close();
  watcher = null;
  await rm(root, { recursive: true, force: true });
});

/** When each batch arrived, by index in `batches`. */
let arrivals: number[];

async function start(settleMs?: number): Promise<void> {
  arrivals = [];
  watcher = watchFolder(
    root,
    (changes) => {
      batches.push(changes);
      arrivals.push(Date.now());
    },
    { settleMs },
  );
  await watcher.ready;
}

function all(kind: 'added' | 'changed' | 'removed'): string[] {
  return batches.flatMap((batch) => batch[kind]).sort();
}

async function until(condition: () => boolean): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > 5000)
      throw new Error(`Timed out; batches: ${JSON.stringify(batches)}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

test('reports additions, changes and removals of posts, relative to the folder', async () => {
  await start();
  await mkdir(join(root, 'bundle'));
  await writeFile(join(root, 'bundle', 'index.md'), 'x');
  await writeFile(join(root, 'existing.md'), 'changed');
  await until(() => all('added').length === 1 && all('changed').length === 1);
  expect(all('added')).toEqual(['bundle/index.md']);
  expect(all('changed')).toEqual(['existing.md']);
  await rm(join(root, 'existing.md'));
  await until(() => all('removed').length === 1);
  expect(all('removed')).toEqual(['existing.md']);
});

test('a save by rename (temp file moved over the post) is a change, and atomic temp files are not posts', async () => {
  await start();
  await writeFile(join(root, 'existing.md.tmp123'), 'new');
  await rename(join(root, 'existing.md.tmp123'), join(root, 'existing.md'));
  await writeFileAtomic(join(root, 'existing.md'), 'newer');
  await until(() => all('changed').includes('existing.md'));
  expect(all('added')).toEqual([]);
  expect(all('removed')).toEqual([]);
});

test('a burst of 300 files arrives in a few batches with every path; dot-folders are ignored', async () => {
  await start();
  await mkdir(join(root, '.git'));
  await writeFile(join(root, '.git', 'HEAD.md'), 'ignored');
  await Promise.all(
    Array.from({ length: 300 }, (_, i) => writeFile(join(root, `post-${i}.md`), `post ${i}`)),
  );
  await until(() => all('added').length === 300);
  expect(new Set(all('added')).size).toBe(300);
  expect(batches.length).toBeLessThan(30);
  expect(all('added').some((path) => path.startsWith('.git'))).toBe(false);
});

test('a folder moved in adds its posts, renamed moves them, removed removes them; deeper folders too', async () => {
  const outside = await mkdtemp(join(tmpdir(), 'postwright-watch-outside-'));
  try {
    await mkdir(join(outside, 'trip', 'day-2'), { recursive: true });
    await writeFile(join(outside, 'trip', 'index.md'), 'trip');
    await writeFile(join(outside, 'trip', 'day-2', 'index.md'), 'day 2');
    await writeFile(join(outside, 'trip', 'photo.jpg'), 'not a post');
    await start();
    await rename(join(outside, 'trip'), join(root, 'trip'));
    await until(() => all('added').length === 2);
    expect(all('added')).toEqual(['trip/day-2/index.md', 'trip/index.md']);

    // A file written later inside the moved-in folder is seen: the folder is watched.
    await writeFile(join(root, 'trip', 'day-2', 'notes.md'), 'more');
    await until(() => all('added').length === 3);

    batches = [];
    await rename(join(root, 'trip'), join(root, 'journey'));
    await until(() => all('added').length === 3 && all('removed').length === 3);
    expect(all('removed')).toEqual(['trip/day-2/index.md', 'trip/day-2/notes.md', 'trip/index.md']);
    expect(all('added')).toEqual([
      'journey/day-2/index.md',
      'journey/day-2/notes.md',
      'journey/index.md',
    ]);

    batches = [];
    await rm(join(root, 'journey'), { recursive: true });
    await until(() => all('removed').length === 3);
    expect(all('removed')).toEqual([
      'journey/day-2/index.md',
      'journey/day-2/notes.md',
      'journey/index.md',
    ]);
    expect(all('added')).toEqual([]);
    expect(all('changed')).toEqual([]);
  } finally {
    await rm(outside, { recursive: true, force: true });
  }
});

test('a folder made after the watch starts is watched, and a post in it then changed is a change', async () => {
  await start();
  await mkdir(join(root, 'a', 'b'), { recursive: true });
  await writeFile(join(root, 'a', 'b', 'deep.md'), 'one');
  await until(() => all('added').includes('a/b/deep.md'));
  batches = [];
  await writeFile(join(root, 'a', 'b', 'deep.md'), 'two');
  await until(() => all('changed').includes('a/b/deep.md'));
  expect(all('added')).toEqual([]);
});

test('a symlink is not a post, as in the scan, and a post replaced by one is removed', async () => {
  await writeFile(join(root, 'target.txt'), '---\ntitle: T\n---\n');
  await start();
  await symlink(join(root, 'target.txt'), join(root, 'link.md'));
  await rm(join(root, 'existing.md'));
  await symlink(join(root, 'target.txt'), join(root, 'existing.md'));
  await until(() => all('removed').includes('existing.md'));
  // A later real post shows the batch with the link went by without it.
  await writeFile(join(root, 'real.md'), 'x');
  await until(() => all('added').includes('real.md'));
  expect(all('added')).toEqual(['real.md']);
});

test('a posts folder that is itself a symlink (to a synced or mounted folder) is watched', async () => {
  const link = `${root}-link`;
  await symlink(root, link);
  try {
    watcher = watchFolder(link, (changes) => batches.push(changes));
    await watcher.ready;
    await mkdir(join(link, 'bundle'));
    await writeFile(join(link, 'bundle', 'index.md'), 'x');
    await writeFile(join(root, 'existing.md'), 'changed');
    await until(() => all('added').length === 1 && all('changed').length === 1);
    expect(all('added')).toEqual(['bundle/index.md']);
    expect(all('changed')).toEqual(['existing.md']);
  } finally {
    await rm(link, { force: true });
  }
});

test('a change to the config file is reported as such', async () => {
  await start();
  await writeFile(join(root, 'postwright.config.yml'), 'fields: {}\n');
  await until(() => batches.some((batch) => batch.configChanged));
});

test('a post still being written when its batch went out is reported again once the write ends', async () => {
  await start(10);
  // The watcher may not be ready at once: write until it reports.
  while (!all('changed').includes('existing.md')) {
    await writeFile(join(root, 'existing.md'), 'ready?');
    const wrote = Date.now();
    await until(() => all('changed').includes('existing.md') || Date.now() - wrote > 300);
  }
  await new Promise((done) => setTimeout(done, 150));

  // One write in two parts, 45 ms apart: the batch goes out mid-write, and the end of the write
  // must be reported after it (by its own event, or by the watcher looking again where the
  // system folds events together).
  const changedBefore = batches.length;
  const file = await open(join(root, 'existing.md'), 'w');
  await file.write('---\ntitle: Half');
  await new Promise((done) => setTimeout(done, 45));
  await file.write(' and the rest\n---\n');
  await file.close();
  const ended = Date.now();
  const reportedAfter = (): boolean =>
    batches.some(
      (batch, i) =>
        i >= changedBefore && (arrivals[i] ?? 0) >= ended && batch.changed.includes('existing.md'),
    );
  await until(reportedAfter);
  expect(all('removed')).toEqual([]);
});
