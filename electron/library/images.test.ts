import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppErrorKind } from '../../shared/result';
import { imageErrorStatus, imageHeaders, resolveImage } from './images';

let base: string;
let site: string;
let posts: string;

async function put(path: string, content = 'x'): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}

beforeAll(async () => {
  // site/ holds public/ (the static folder) and content/posts/ (the posts folder), Hugo-style.
  base = await realpath(await mkdtemp(join(tmpdir(), 'postwright-images-')));
  site = join(base, 'site');
  posts = join(site, 'content', 'posts');
  await put(join(posts, 'hello.md'), '# Hello');
  await put(join(posts, 'beside.png'));
  await put(join(posts, 'img', 'deep.jpg'));
  await put(join(posts, 'shared', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await put(join(posts, 'bundle', 'index.md'), '![cover](cover.png)');
  await put(join(posts, 'bundle', 'cover.png'));
  await put(join(posts, 'images', 'blogs', 'in-posts.png'));
  await put(join(posts, 'notes.txt'), 'not an image');
  await mkdir(join(posts, 'folder.png'));
  await put(join(site, 'public', 'images', 'blogs', 'x.png'));
  await put(join(site, 'secret.png'), 'outside');
  await put(join(base, 'passwords.txt'), 'outside');
  await symlink(join(site, 'secret.png'), join(posts, 'link-out.png'));
  await symlink(join(base, 'passwords.txt'), join(posts, 'text-link.png'));
  await symlink(site, join(posts, 'dir-link'));
  await symlink(join(posts, 'beside.png'), join(posts, 'link-in.png'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const withPublic = (): { root: string; publicFolder: string | null } => ({
  root: posts,
  publicFolder: '../../public',
});
const withoutPublic = (): { root: string; publicFolder: string | null } => ({
  root: posts,
  publicFolder: null,
});

async function found(
  folders: { root: string; publicFolder: string | null },
  post: string,
  src: string,
): Promise<string> {
  const result = await resolveImage(folders, post, src);
  if (!result.ok) throw new Error(`${src}: ${result.error.kind} ${result.error.message}`);
  return result.value.path;
}

async function refused(
  folders: { root: string; publicFolder: string | null },
  post: string,
  src: string,
): Promise<AppErrorKind> {
  const result = await resolveImage(folders, post, src);
  if (result.ok) throw new Error(`${src} was served: ${result.value.path}`);
  return result.error.kind;
}

describe('site paths', () => {
  test('resolve against the public folder when the config names one', async () => {
    expect(await found(withPublic(), 'hello.md', '/images/blogs/x.png')).toBe(
      join(site, 'public', 'images', 'blogs', 'x.png'),
    );
    // Not looked for in the posts folder then.
    expect(await refused(withPublic(), 'hello.md', '/images/blogs/in-posts.png')).toBe('notFound');
  });

  test('resolve against the posts folder when no public folder is named', async () => {
    expect(await found(withoutPublic(), 'bundle/index.md', '/images/blogs/in-posts.png')).toBe(
      join(posts, 'images', 'blogs', 'in-posts.png'),
    );
    expect(await refused(withoutPublic(), 'hello.md', '/images/blogs/x.png')).toBe('notFound');
  });

  test('a named public folder that does not exist holds nothing', async () => {
    const folders = { root: posts, publicFolder: 'static' };
    expect(await refused(folders, 'hello.md', '/images/blogs/in-posts.png')).toBe('notFound');
  });

  test('cannot climb out of their base, plainly or percent-encoded', async () => {
    expect(await refused(withPublic(), 'hello.md', '/../secret.png')).toBe('outsideFolder');
    expect(await refused(withPublic(), 'hello.md', '/%2e%2e/secret.png')).toBe('outsideFolder');
    expect(await refused(withPublic(), 'hello.md', '/images/%2E%2E/%2E%2E/../secret.png')).toBe(
      'outsideFolder',
    );
    expect(await refused(withoutPublic(), 'hello.md', '/../../secret.png')).toBe('outsideFolder');
  });
});

describe('relative paths', () => {
  test('resolve against the post’s own folder', async () => {
    expect(await found(withoutPublic(), 'hello.md', 'beside.png')).toBe(join(posts, 'beside.png'));
    expect(await found(withoutPublic(), 'hello.md', './img/deep.jpg')).toBe(
      join(posts, 'img', 'deep.jpg'),
    );
  });

  test('a page bundle finds the image beside its index.md', async () => {
    expect(await found(withoutPublic(), 'bundle/index.md', 'cover.png')).toBe(
      join(posts, 'bundle', 'cover.png'),
    );
    expect(await found(withPublic(), 'bundle/index.md', './cover.png?v=2#top')).toBe(
      join(posts, 'bundle', 'cover.png'),
    );
  });

  test('may use .. within the posts folder, and into the public folder', async () => {
    expect(await found(withoutPublic(), 'bundle/index.md', '../shared/logo.svg')).toBe(
      join(posts, 'shared', 'logo.svg'),
    );
    expect(await found(withPublic(), 'hello.md', '../../public/images/blogs/x.png')).toBe(
      join(site, 'public', 'images', 'blogs', 'x.png'),
    );
  });

  test('cannot climb out of the allowed folders, plainly or percent-encoded', async () => {
    expect(await refused(withoutPublic(), 'hello.md', '../../secret.png')).toBe('outsideFolder');
    expect(await refused(withPublic(), 'hello.md', '../../secret.png')).toBe('outsideFolder');
    expect(await refused(withoutPublic(), 'hello.md', '%2e%2e/%2e%2e/secret.png')).toBe(
      'outsideFolder',
    );
    expect(await refused(withoutPublic(), 'hello.md', '..%2f..%2fsecret.png')).toBe(
      'outsideFolder',
    );
  });

  test('a post path outside the folder is refused before any image is looked for', async () => {
    expect(await refused(withoutPublic(), '../../x.md', 'secret.png')).toBe('outsideFolder');
    expect(await refused(withoutPublic(), join(site, 'x.md'), 'secret.png')).toBe('outsideFolder');
  });
});

describe('refusals', () => {
  test('symlinks leading outside are refused; symlinks within are followed', async () => {
    expect(await refused(withoutPublic(), 'hello.md', 'link-out.png')).toBe('outsideFolder');
    expect(await refused(withoutPublic(), 'hello.md', 'dir-link/secret.png')).toBe('outsideFolder');
    expect(await found(withoutPublic(), 'hello.md', 'link-in.png')).toBe(join(posts, 'beside.png'));
  });

  test('a symlink named like an image leading to another kind of file is refused', async () => {
    // It leads outside as well; either way it is never served.
    expect(await refused(withoutPublic(), 'hello.md', 'text-link.png')).not.toBe('notFound');
  });

  test('absolute file paths and URLs with a scheme are not local images', async () => {
    expect(await refused(withoutPublic(), 'hello.md', 'file:///etc/passwd')).toBe(
      'invalidArgument',
    );
    expect(await refused(withoutPublic(), 'hello.md', '//example.com/x.png')).toBe(
      'invalidArgument',
    );
    expect(await refused(withoutPublic(), 'hello.md', 'https://example.com/x.png')).toBe(
      'invalidArgument',
    );
    expect(await refused(withoutPublic(), 'hello.md', 'C:\\secret.png')).toBe('invalidArgument');
    // A site path is never a disk path: /etc/passwd.png is looked for under the posts folder.
    expect(await refused(withoutPublic(), 'hello.md', `${site}/secret.png`)).toBe('notFound');
  });

  test('non-image files and directories are refused', async () => {
    expect(await refused(withoutPublic(), 'hello.md', 'notes.txt')).toBe('unsupported');
    expect(await refused(withoutPublic(), 'hello.md', 'hello.md')).toBe('unsupported');
    expect(await refused(withoutPublic(), 'hello.md', 'folder.png')).toBe('notFound');
    expect(await refused(withoutPublic(), 'hello.md', '')).toBe('invalidArgument');
  });

  test('missing images and malformed escapes', async () => {
    expect(await refused(withoutPublic(), 'hello.md', 'nope.png')).toBe('notFound');
    expect(await refused(withoutPublic(), 'hello.md', '%E0%A4%A.png')).toBe('invalidArgument');
    expect(await refused(withoutPublic(), 'hello.md', 'a%00.png')).toBe('invalidArgument');
  });
});

describe('responses', () => {
  test('content type by extension, SVG with its own CSP, an ETag from size and time', async () => {
    const png = await resolveImage(withoutPublic(), 'hello.md', 'beside.png');
    const svg = await resolveImage(withoutPublic(), 'hello.md', 'shared/logo.svg');
    if (!png.ok || !svg.ok) throw new Error('not found');
    expect(imageHeaders(png.value)).toMatchObject({
      'Content-Type': 'image/png',
      'Cache-Control': 'private, no-cache',
    });
    expect(imageHeaders(png.value)['Content-Security-Policy']).toBeUndefined();
    expect(imageHeaders(svg.value)).toMatchObject({
      'Content-Type': 'image/svg+xml',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'X-Content-Type-Options': 'nosniff',
    });
    expect(png.value.etag).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/);
    await writeFile(join(posts, 'beside.png'), 'changed');
    const again = await resolveImage(withoutPublic(), 'hello.md', 'beside.png');
    expect(again.ok && again.value.etag).not.toBe(png.value.etag);
  });

  test('failures map to 404, 403 and 400', () => {
    expect(imageErrorStatus({ kind: 'notFound', message: '' })).toBe(404);
    expect(imageErrorStatus({ kind: 'outsideFolder', message: '' })).toBe(403);
    expect(imageErrorStatus({ kind: 'unsupported', message: '' })).toBe(403);
    expect(imageErrorStatus({ kind: 'invalidArgument', message: '' })).toBe(400);
  });
});
