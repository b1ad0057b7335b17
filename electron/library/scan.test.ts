import { mkdir, mkdtemp, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { diskReader, mapBounded, scanPostFiles } from './scan';

let base: string;
let root: string;

async function put(files: Readonly<Record<string, string>>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
  }
}

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'postwright-scan-')));
  root = join(base, 'posts');
  await mkdir(root);
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('scanPostFiles', () => {
  test('lists .md and .markdown posts at any depth and in page bundles, sorted by path', async () => {
    await put({
      'top.md': '# Top',
      'b/deep/deeper/post.markdown': '# Deep',
      'bundle/index.md': '# Bundle',
      'bundle/photo.png': 'image',
      'UPPER.MD': '# Upper',
      'notes.txt': 'not a post',
      'draft.md.bak': 'not a post',
    });
    const found = await scanPostFiles(root);
    expect(found.map((post) => post.path)).toEqual([
      'UPPER.MD',
      'b/deep/deeper/post.markdown',
      'bundle/index.md',
      'top.md',
    ]);
    expect(found.find((post) => post.path === 'bundle/index.md')?.file).toBe(
      join(root, 'bundle', 'index.md'),
    );
  });

  test('never enters .git, node_modules or any dot-folder, and lists no dot-files', async () => {
    await put({
      'kept.md': '# Kept',
      '.git/COMMIT_EDITMSG.md': 'git internals',
      '.postwright/trash/deleted.md': 'trash',
      '.drafts/hidden.md': 'hidden folder',
      '.hidden.md': 'hidden file',
      'node_modules/pkg/README.md': 'dependency',
      'nested/node_modules/x.md': 'dependency',
      'nested/.cache/x.md': 'cache',
    });
    expect((await scanPostFiles(root)).map((post) => post.path)).toEqual(['kept.md']);
  });

  test('does not follow symlinks, which could lead outside the folder or loop', async () => {
    const outside = join(base, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'secret.md'), 'secret');
    await put({ 'real.md': '# Real' });
    await symlink(outside, join(root, 'linked-folder'));
    await symlink(join(outside, 'secret.md'), join(root, 'linked.md'));
    await symlink(root, join(root, 'loop'));
    expect((await scanPostFiles(root)).map((post) => post.path)).toEqual(['real.md']);
  });

  test('an empty or missing folder lists nothing', async () => {
    expect(await scanPostFiles(root)).toEqual([]);
    expect(await scanPostFiles(join(base, 'missing'))).toEqual([]);
  });
});

describe('mapBounded', () => {
  test('never runs more than the limit at once, and gives results in input order', async () => {
    let running = 0;
    let most = 0;
    const items = Array.from({ length: 50 }, (_, index) => index);
    const results = await mapBounded(items, 4, async (item) => {
      running++;
      most = Math.max(most, running);
      // Later items finish sooner, so completion order differs from input order.
      await new Promise((resolve) => setTimeout(resolve, (50 - item) % 7));
      running--;
      return item * 2;
    });
    expect(most).toBe(4);
    expect(results).toEqual(items.map((item) => item * 2));
  });

  test('reports progress once per finished item, ending at (total, total)', async () => {
    const calls: [number, number][] = [];
    await mapBounded(
      [1, 2, 3, 4, 5],
      2,
      async (item) => item,
      (done, total) => {
        calls.push([done, total]);
      },
    );
    expect(calls).toEqual([
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
      [5, 5],
    ]);
  });

  test('no items: no progress, no results', async () => {
    const calls: number[] = [];
    expect(
      await mapBounded(
        [],
        8,
        async () => 1,
        (done) => calls.push(done),
      ),
    ).toEqual([]);
    expect(calls).toEqual([]);
  });
});

describe('diskReader', () => {
  test('reads a whole file with the stamp of the open file', async () => {
    await put({ 'post.md': 'x'.repeat(70_000) });
    const read = await diskReader.read(join(root, 'post.md'));
    const info = await stat(join(root, 'post.md'));
    expect(read.bytes.length).toBe(70_000);
    expect(read.stamp).toEqual({ mtimeMs: info.mtimeMs, size: info.size, ino: info.ino });
    expect(await diskReader.stat(join(root, 'post.md'))).toEqual(read.stamp);
  });

  test('reads only the first bytes when asked, and says whether that was the whole file', async () => {
    await put({ 'long.md': 'abcdef'.repeat(1000), 'short.md': 'abc', 'exact.md': 'abcdefghij' });
    const head = await diskReader.readHead(join(root, 'long.md'), 10);
    expect(head).toEqual({ bytes: Buffer.from('abcdefabcd'), complete: false });
    const short = await diskReader.readHead(join(root, 'short.md'), 10);
    expect(short).toEqual({ bytes: Buffer.from('abc'), complete: true });
    const exact = await diskReader.readHead(join(root, 'exact.md'), 10);
    expect(exact).toEqual({ bytes: Buffer.from('abcdefghij'), complete: true });
  });

  test('an empty file reads as no bytes; a missing one rejects with ENOENT', async () => {
    await put({ 'empty.md': '' });
    expect((await diskReader.read(join(root, 'empty.md'))).bytes.length).toBe(0);
    await expect(diskReader.read(join(root, 'missing.md'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});
