import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  realpath,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { maxImportBytes } from '../../shared/image-import';
import type { Result } from '../../shared/result';
import { decodeBase64, importImage } from './import-image';
import type { ImportPlaces } from './import-image';

/** A 1x1 PNG. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
/** Another PNG: the same signature, other bytes after it. */
const otherPng = Buffer.concat([png, Buffer.from('different')]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]);

let base: string;
let root: string;
let site: ImportPlaces;
let beside: ImportPlaces;

function kindOf(result: Result<unknown>): string {
  return result.ok ? 'ok' : result.error.kind;
}

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'postwright-import-')));
  root = join(base, 'posts');
  await mkdir(join(root, 'trip'), { recursive: true });
  await mkdir(join(base, 'public'));
  await writeFile(join(root, 'flat.md'), '---\ntitle: Flat\n---\n');
  await writeFile(join(root, 'trip', 'index.md'), '---\ntitle: Trip\n---\n');
  site = { root, publicFolder: '../public', imageFolder: '/images/blog' };
  beside = { root, publicFolder: null, imageFolder: null };
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('importImage: where the image goes', () => {
  test('into publicFolder + imageFolder, with the site path for the field', async () => {
    const result = await importImage(site, 'flat.md', 'My Cover.PNG', png);
    expect(result).toEqual({
      ok: true,
      value: { path: '/images/blog/my-cover.png', reused: false },
    });
    expect(await readFile(join(base, 'public', 'images', 'blog', 'my-cover.png'))).toEqual(png);
  });

  test('beside a page bundle’s index.md, as a name relative to it', async () => {
    const result = await importImage(beside, 'trip/index.md', 'cover.png', png);
    expect(result).toEqual({ ok: true, value: { path: 'cover.png', reused: false } });
    expect(await readFile(join(root, 'trip', 'cover.png'))).toEqual(png);
  });

  test('into an images folder next to a flat post', async () => {
    const result = await importImage(beside, 'flat.md', 'cover.png', png);
    expect(result).toEqual({ ok: true, value: { path: 'images/cover.png', reused: false } });
    expect(await readFile(join(root, 'images', 'cover.png'))).toEqual(png);
  });

  test('beside the post when only one of publicFolder and imageFolder is set', async () => {
    const result = await importImage({ ...site, imageFolder: null }, 'flat.md', 'a.png', png);
    expect(result).toMatchObject({ ok: true, value: { path: 'images/a.png' } });
  });

  test('leaves no temp file behind', async () => {
    await importImage(site, 'flat.md', 'a.png', png);
    await importImage(site, 'flat.md', 'a.png', otherPng);
    expect((await readdir(join(base, 'public', 'images', 'blog'))).sort()).toEqual([
      'a-2.png',
      'a.png',
    ]);
  });
});

describe('importImage: names', () => {
  test('reuses a file with the same bytes, and gives different bytes -2, -3', async () => {
    const first = await importImage(site, 'flat.md', 'cover.png', png);
    const again = await importImage(site, 'flat.md', 'cover.png', png);
    const other = await importImage(site, 'flat.md', 'cover.png', otherPng);
    const third = await importImage(site, 'flat.md', 'cover.png', jpeg);
    expect(first).toMatchObject({ ok: true, value: { path: '/images/blog/cover.png' } });
    expect(again).toEqual({ ok: true, value: { path: '/images/blog/cover.png', reused: true } });
    expect(other).toEqual({ ok: true, value: { path: '/images/blog/cover-2.png', reused: false } });
    // A JPEG named .png is named .jpg: no clash with cover.png at all.
    expect(third).toMatchObject({ ok: true, value: { path: '/images/blog/cover.jpg' } });
    expect(await readFile(join(base, 'public', 'images', 'blog', 'cover.png'))).toEqual(png);
    expect(await readFile(join(base, 'public', 'images', 'blog', 'cover-2.png'))).toEqual(otherPng);
  });

  test('never takes a name that differs only in case, and never overwrites it', async () => {
    await mkdir(join(root, 'images'));
    await writeFile(join(root, 'images', 'Cover.png'), 'an existing file');
    const result = await importImage(beside, 'flat.md', 'cover.png', png);
    expect(result).toMatchObject({ ok: true, value: { path: 'images/cover-2.png' } });
    expect(await readFile(join(root, 'images', 'Cover.png'), 'utf8')).toBe('an existing file');
  });

  test('does not reuse a folder or a symlink that has the name', async () => {
    await mkdir(join(root, 'images', 'cover.png'), { recursive: true });
    await writeFile(join(base, 'outside.png'), png);
    await symlink(join(base, 'outside.png'), join(root, 'images', 'cover-2.png'));
    const result = await importImage(beside, 'flat.md', 'cover.png', png);
    expect(result).toMatchObject({ ok: true, value: { path: 'images/cover-3.png' } });
  });
});

describe('importImage: what is refused', () => {
  test('non-image bytes named .png', async () => {
    const result = await importImage(site, 'flat.md', 'cover.png', Buffer.from('<html>hi</html>'));
    expect(kindOf(result)).toBe('unsupported');
    await expect(readdir(join(base, 'public'))).resolves.toEqual([]);
  });

  test('an image under a name that is not an image’s', async () => {
    expect(kindOf(await importImage(site, 'flat.md', 'cover.exe', png))).toBe('unsupported');
    expect(kindOf(await importImage(site, 'flat.md', 'cover', png))).toBe('unsupported');
    expect(kindOf(await importImage(site, 'flat.md', 'cover.html', png))).toBe('unsupported');
  });

  test('an image over the size limit, with the limit in the message', async () => {
    const big = Buffer.alloc(maxImportBytes + 1);
    png.copy(big);
    const result = await importImage(site, 'flat.md', 'big.png', big);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalidArgument' } });
    expect(result.ok ? '' : result.error.message).toMatch(/25\.0 MB/);
    expect(kindOf(await importImage(site, 'flat.md', 'empty.png', Buffer.alloc(0)))).toBe(
      'invalidArgument',
    );
  });

  test('an image folder that is a symlink leading outside, creating nothing there', async () => {
    const outside = join(base, 'outside');
    await mkdir(outside);
    await mkdir(join(base, 'public', 'images'));
    await symlink(outside, join(base, 'public', 'images', 'blog'));
    expect(kindOf(await importImage(site, 'flat.md', 'a.png', png))).toBe('outsideFolder');
    // A folder below the link is not made either.
    const deeper = { ...site, imageFolder: '/images/blog/deeper' };
    expect(kindOf(await importImage(deeper, 'flat.md', 'a.png', png))).toBe('outsideFolder');
    expect(await readdir(outside)).toEqual([]);
  });

  test('a flat post whose images folder is a symlink leading outside', async () => {
    const outside = join(base, 'outside');
    await mkdir(outside);
    await symlink(outside, join(root, 'images'));
    expect(kindOf(await importImage(beside, 'flat.md', 'a.png', png))).toBe('outsideFolder');
    expect(await readdir(outside)).toEqual([]);
  });

  test('an imageFolder that climbs out of the public folder', async () => {
    const climbing = { ...site, imageFolder: '/images/../../posts' };
    expect(kindOf(await importImage(climbing, 'flat.md', 'a.png', png))).toBe('outsideFolder');
  });

  test('a post path outside the posts folder, or that is not a post', async () => {
    await writeFile(join(base, 'elsewhere.md'), '---\ntitle: Elsewhere\n---\n');
    for (const path of ['../elsewhere.md', '/etc/passwd', join(base, 'elsewhere.md')]) {
      expect(kindOf(await importImage(beside, path, 'a.png', png)), path).toBe('outsideFolder');
    }
    expect(kindOf(await importImage(beside, 'missing.md', 'a.png', png))).toBe('notFound');
    expect(kindOf(await importImage(beside, 'trip', 'a.png', png))).toBe('invalidArgument');
    expect(await readdir(base)).not.toContain('images');
  });

  test('a public folder that does not exist', async () => {
    const missing = { ...site, publicFolder: '../nowhere' };
    expect(kindOf(await importImage(missing, 'flat.md', 'a.png', png))).toBe('notFound');
  });
});

describe('decodeBase64', () => {
  test('decodes strict base64', () => {
    expect(decodeBase64(png.toString('base64'))).toEqual({ ok: true, value: png });
  });

  test('refuses text that is not base64, rather than skipping what it cannot read', () => {
    for (const text of ['abc', 'ab$d', 'data:image/png;base64,AAAA', 'AA AA']) {
      expect(kindOf(decodeBase64(text)), text).toBe('invalidArgument');
    }
  });

  test('refuses data over the size limit before decoding it', () => {
    const result = decodeBase64('A'.repeat(Math.ceil(maxImportBytes / 3) * 4 + 4));
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalidArgument' } });
  });
});
