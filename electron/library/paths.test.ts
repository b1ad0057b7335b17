import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { resolveInside, toPostPath } from './paths';

let base: string;
let root: string;
let outside: string;

beforeEach(async () => {
  // realpath: the temp dir itself may sit behind a symlink (macOS /tmp); results are real paths.
  base = await realpath(await mkdtemp(join(tmpdir(), 'postwright-paths-')));
  root = join(base, 'posts');
  outside = join(base, 'outside');
  await mkdir(join(root, 'nested', 'deeper'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(root, 'hello.md'), 'hello');
  await writeFile(join(root, 'nested', 'deeper', 'post.md'), 'deep');
  await writeFile(join(outside, 'secret.md'), 'secret');
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

async function refused(path: string): Promise<void> {
  const result = await resolveInside(root, path);
  expect(result, path).toEqual({
    ok: false,
    error: expect.objectContaining({ kind: 'outsideFolder', path }) as unknown,
  });
}

describe('resolveInside', () => {
  test('resolves a top-level and a nested post to its absolute path inside the folder', async () => {
    expect(await resolveInside(root, 'hello.md')).toEqual({
      ok: true,
      value: join(root, 'hello.md'),
    });
    expect(await resolveInside(root, 'nested/deeper/post.md')).toEqual({
      ok: true,
      value: join(root, 'nested', 'deeper', 'post.md'),
    });
  });

  test('accepts a file that does not exist yet, even in a folder that does not exist yet', async () => {
    expect(await resolveInside(root, 'new.md')).toEqual({ ok: true, value: join(root, 'new.md') });
    expect(await resolveInside(root, 'nested/new-folder/new.md')).toEqual({
      ok: true,
      value: join(root, 'nested', 'new-folder', 'new.md'),
    });
  });

  test('accepts a name that merely starts with two dots (it is not a parent reference)', async () => {
    await writeFile(join(root, '..notes.md'), 'notes');
    expect(await resolveInside(root, '..notes.md')).toEqual({
      ok: true,
      value: join(root, '..notes.md'),
    });
  });

  test('refuses absolute paths, even ones that point inside the folder', async () => {
    await refused(join(outside, 'secret.md'));
    await refused(join(root, 'hello.md'));
    await refused('/etc/passwd');
    await refused('C:\\Windows\\win.ini');
    await refused('c:relative-to-drive.md');
  });

  test('refuses any ".." segment, with either separator', async () => {
    await refused('../outside/secret.md');
    await refused('nested/../../outside/secret.md');
    await refused('nested/../hello.md');
    await refused('..');
    await refused('..\\outside\\secret.md');
  });

  test('refuses a NUL byte and an empty path', async () => {
    await refused('hello.md\0.txt');
    await refused('');
  });

  test('refuses a symlinked file that points outside the folder', async () => {
    await symlink(join(outside, 'secret.md'), join(root, 'link.md'));
    await refused('link.md');
  });

  test('refuses a file under a symlinked folder that points outside, existing or not', async () => {
    await symlink(outside, join(root, 'linked-folder'));
    await refused('linked-folder/secret.md');
    await refused('linked-folder/new.md');
    await refused('linked-folder/not/yet/there.md');
  });

  test('follows a symlink that stays inside the folder', async () => {
    await symlink(join(root, 'nested'), join(root, 'alias'));
    expect(await resolveInside(root, 'alias/deeper/post.md')).toEqual({
      ok: true,
      value: join(root, 'nested', 'deeper', 'post.md'),
    });
  });

  test('works when the folder itself is reached through a symlink', async () => {
    const viaLink = join(base, 'posts-link');
    await symlink(root, viaLink);
    expect(await resolveInside(viaLink, 'hello.md')).toEqual({
      ok: true,
      value: join(root, 'hello.md'),
    });
  });

  test('reports a folder that does not exist as folderUnreadable', async () => {
    const result = await resolveInside(join(base, 'missing'), 'hello.md');
    expect(result.ok ? null : result.error.kind).toBe('folderUnreadable');
  });
});

describe('toPostPath', () => {
  test('gives the path relative to the folder with "/" separators', () => {
    expect(toPostPath(root, join(root, 'nested', 'deeper', 'post.md'))).toBe(
      'nested/deeper/post.md',
    );
    expect(toPostPath(root, join(root, 'hello.md'))).toBe('hello.md');
  });
});
