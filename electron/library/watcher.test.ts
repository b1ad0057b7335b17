import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
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

async function start(): Promise<void> {
  watcher = watchFolder(root, (changes) => batches.push(changes));
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

test('a change to the config file is reported as such', async () => {
  await start();
  await writeFile(join(root, 'postwright.config.yml'), 'fields: {}\n');
  await until(() => batches.some((batch) => batch.configChanged));
});
