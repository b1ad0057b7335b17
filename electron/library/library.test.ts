import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  realpath,
  rm,
  stat,
  symlink,
  unlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { PostSummary } from '../../shared/api';
import type { Result } from '../../shared/result';
import { listPosts, readPost, savePost, versionOf } from './library';

let base: string;
let root: string;
let outside: string;

async function put(files: Readonly<Record<string, string>>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
  }
}

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`Expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

function kindOf(result: Result<unknown>): string {
  return result.ok ? 'ok' : result.error.kind;
}

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'postwright-library-')));
  root = join(base, 'posts');
  outside = join(base, 'outside');
  await mkdir(root);
  await mkdir(outside);
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('listPosts', () => {
  test('finds .md and .markdown posts in nested folders and page bundles, and nothing else', async () => {
    await put({
      'top.md': '---\ntitle: Top\n---\n',
      'nested/deeper/deep.markdown': '---\ntitle: Deep\n---\n',
      'bundle/index.md': '---\ntitle: Bundle\n---\n',
      'bundle/photo.png': 'not a post',
      'UPPER.MD': '# Upper',
      'notes.txt': 'not a post',
      '.git/COMMIT.md': 'git internals',
      '.drafts/hidden.md': 'hidden folder',
      '.hidden.md': 'hidden file',
      'node_modules/pkg/README.md': 'dependency',
      'nested/node_modules/x.md': 'dependency',
    });
    const posts = valueOf(await listPosts(root));
    expect(posts.map((post) => post.path).sort()).toEqual([
      'UPPER.MD',
      'bundle/index.md',
      'nested/deeper/deep.markdown',
      'top.md',
    ]);
  });

  test('indexes title, date as written, status, tags and category; falls back to the file name', async () => {
    await put({
      'a.md': [
        '---',
        'title: First',
        'date: 2024-05-03',
        'description: A complete first post with every recommended field.',
        'published: true',
        'tags: [one, two]',
        'category: notes',
        '---',
        'Body',
      ].join('\n'),
      'b.md': '---\ntitle: Second\ndate: "2024-02-28T10:00:00+02:00"\npublished: false\n---\n',
      'untitled.md': 'No front matter at all.\n',
    });
    const posts = valueOf(await listPosts(root));
    const byPath = Object.fromEntries(posts.map((post) => [post.path, post]));
    expect(byPath['a.md']).toEqual<PostSummary>({
      path: 'a.md',
      title: 'First',
      date: '2024-05-03',
      status: 'published',
      tags: ['one', 'two'],
      category: 'notes',
      problems: [],
      featured: false,
      modified: (await stat(join(root, 'a.md'))).mtimeMs,
      description: 'A complete first post with every recommended field.',
    });
    expect(byPath['b.md']).toMatchObject({
      title: 'Second',
      date: '2024-02-28T10:00:00+02:00',
      status: 'draft',
    });
    expect(byPath['untitled.md']).toMatchObject({
      title: 'untitled.md',
      date: '',
      status: 'draft',
    });
  });

  test('lists newest first, then by title', async () => {
    await put({
      'old.md': '---\ntitle: Old\ndate: 2023-01-01\n---\n',
      'new.md': '---\ntitle: New\ndate: 2024-06-01\n---\n',
      'b-same.md': '---\ntitle: B\ndate: 2024-01-01\n---\n',
      'a-same.md': '---\ntitle: A\ndate: 2024-01-01\n---\n',
    });
    const posts = valueOf(await listPosts(root));
    expect(posts.map((post) => post.title)).toEqual(['New', 'A', 'B', 'Old']);
  });

  test('lists a post whose front matter does not parse, with a problem naming its line and column in the file', async () => {
    await put({
      'broken.md': '---\ntitle: ok\nfoo: bar: baz\n---\nBody\n',
      'fine.md': '---\ntitle: Fine\n---\n',
    });
    const posts = valueOf(await listPosts(root));
    const broken = posts.find((post) => post.path === 'broken.md');
    const frontMatter = broken?.problems.filter((problem) => problem.rule === 'front-matter');
    // Line 3 of the file (line 2 of the front matter), column 6 where "bar: baz" starts.
    expect(frontMatter).toMatchObject([{ severity: 'error', line: 3, column: 6 }]);
    const fine = posts.find((post) => post.path === 'fine.md');
    expect(fine?.problems.filter((problem) => problem.severity === 'error')).toMatchObject([
      { rule: 'required', field: 'date' },
    ]);
  });

  test('lists a post with a "---js" block with a problem, without running it', async () => {
    await put({
      'js.md': '---js\nmodule.exports = (() => { globalThis.pwnedList = true })()\n---\n',
    });
    const posts = valueOf(await listPosts(root));
    expect((globalThis as { pwnedList?: unknown }).pwnedList).toBeUndefined();
    expect(posts[0]?.problems[0]?.message).toMatch(/not supported/);
  });

  test('an empty folder lists no posts', async () => {
    expect(await listPosts(root)).toEqual({ ok: true, value: [] });
  });

  test('a missing folder, or a file given as the folder, is folderUnreadable', async () => {
    expect(kindOf(await listPosts(join(base, 'missing')))).toBe('folderUnreadable');
    await writeFile(join(base, 'file.md'), 'x');
    expect(kindOf(await listPosts(join(base, 'file.md')))).toBe('folderUnreadable');
  });
});

describe('readPost', () => {
  test('returns the exact text (BOM and CRLF kept), its split, and the SHA-256 of the bytes as version', async () => {
    const text = '\uFEFF---\r\ntitle: Hi\r\n---\r\nBody\r\n';
    await put({ 'nested/post.md': text });
    const file = valueOf(await readPost(root, 'nested/post.md'));
    expect(file.path).toBe('nested/post.md');
    expect(file.text).toBe(text);
    expect(file.version).toBe(versionOf(Buffer.from(text, 'utf8')));
    expect(file.split).toMatchObject({ format: 'yaml', eol: '\r\n', error: null });
  });

  test('a missing post is notFound; a path outside the folder is outsideFolder', async () => {
    await writeFile(join(outside, 'secret.md'), 'secret');
    expect(kindOf(await readPost(root, 'missing.md'))).toBe('notFound');
    expect(kindOf(await readPost(root, '../outside/secret.md'))).toBe('outsideFolder');
    expect(kindOf(await readPost(root, join(outside, 'secret.md')))).toBe('outsideFolder');
    await symlink(join(outside, 'secret.md'), join(root, 'link.md'));
    const linked = await readPost(root, 'link.md');
    expect(kindOf(linked)).toBe('outsideFolder');
    expect(JSON.stringify(linked)).not.toContain('secret"');
  });
});

describe('savePost', () => {
  const original = '---\ntitle: Hello\n---\nBody\n';

  async function opened(path = 'post.md', text = original): Promise<string> {
    await put({ [path]: text });
    return valueOf(await readPost(root, path)).version;
  }

  test('writes the new text and returns the version of what is now on disk', async () => {
    const version = await opened();
    const edited = '---\ntitle: Hello\n---\nEdited body\n';
    const saved = valueOf(await savePost(root, 'post.md', edited, version));
    expect(saved).toEqual({ version: versionOf(edited), written: true });
    expect(await readFile(join(root, 'post.md'), 'utf8')).toBe(edited);
    // The returned version is what the next save must present.
    expect(valueOf(await readPost(root, 'post.md')).version).toBe(saved.version);
  });

  test('leaves no temp file behind', async () => {
    const version = await opened();
    valueOf(await savePost(root, 'post.md', 'new text', version));
    expect(await readdir(root)).toEqual(['post.md']);
  });

  test('returns a conflict and leaves the file untouched when it changed on disk since it was read', async () => {
    const version = await opened();
    const theirs = '---\ntitle: Changed elsewhere\n---\n';
    await writeFile(join(root, 'post.md'), theirs);
    const result = await savePost(root, 'post.md', 'mine', version);
    expect(result.ok ? null : result.error).toMatchObject({ kind: 'conflict', path: 'post.md' });
    expect(await readFile(join(root, 'post.md'), 'utf8')).toBe(theirs);
  });

  test('two saves from the same version: one is written, the other is a conflict', async () => {
    const version = await opened();
    const [first, second] = await Promise.all([
      savePost(root, 'post.md', 'first', version),
      savePost(root, 'post.md', 'second', version),
    ]);
    expect([kindOf(first), kindOf(second)]).toEqual(['ok', 'conflict']);
    expect(await readFile(join(root, 'post.md'), 'utf8')).toBe('first');
  });

  test('saves of one post are carried out in the order they were asked for', async () => {
    const version = await opened();
    const texts = Array.from({ length: 24 }, (_, i) => `save ${i}`);
    const results = await Promise.all(
      texts.map((text) => savePost(root, 'post.md', text, version)),
    );
    // The first asked is written; every later one finds the file changed since its version.
    expect(results.map(kindOf)).toEqual(['ok', ...texts.slice(1).map(() => 'conflict')]);
    expect(await readFile(join(root, 'post.md'), 'utf8')).toBe('save 0');
  });

  test('identical text writes nothing: written is false and the mtime is unchanged', async () => {
    const version = await opened();
    const past = new Date('2020-01-01T00:00:00Z');
    await utimes(join(root, 'post.md'), past, past);
    const result = valueOf(await savePost(root, 'post.md', original, version));
    expect(result).toEqual({ version, written: false });
    expect((await stat(join(root, 'post.md'))).mtime.getTime()).toBe(past.getTime());
  });

  test('a post deleted by another program can be saved again', async () => {
    const version = await opened();
    await unlink(join(root, 'post.md'));
    const result = valueOf(await savePost(root, 'post.md', 'back again', version));
    expect(result.written).toBe(true);
    expect(await readFile(join(root, 'post.md'), 'utf8')).toBe('back again');
  });

  test('keeps the bytes exactly: BOM, CRLF and non-ASCII text', async () => {
    const version = await opened();
    const text = '\uFEFF---\r\ntitle: Grüße 🌍\r\n---\r\nBody\r\n';
    valueOf(await savePost(root, 'post.md', text, version));
    expect(await readFile(join(root, 'post.md'))).toEqual(Buffer.from(text, 'utf8'));
  });

  test('a path outside the folder is refused and nothing is written outside', async () => {
    for (const path of ['../outside/new.md', join(outside, 'new.md'), 'a/../../outside/new.md']) {
      const result = await savePost(root, path, 'pwned', versionOf(''));
      expect(kindOf(result), path).toBe('outsideFolder');
    }
    expect(await readdir(outside)).toEqual([]);
  });

  test('a symlink inside the folder that points outside is refused and the outside file is untouched', async () => {
    await writeFile(join(outside, 'secret.md'), 'secret');
    await symlink(join(outside, 'secret.md'), join(root, 'link.md'));
    await symlink(outside, join(root, 'linked-folder'));
    const version = versionOf('secret');
    expect(kindOf(await savePost(root, 'link.md', 'pwned', version))).toBe('outsideFolder');
    expect(kindOf(await savePost(root, 'linked-folder/secret.md', 'pwned', version))).toBe(
      'outsideFolder',
    );
    expect(kindOf(await savePost(root, 'linked-folder/new.md', 'pwned', version))).toBe(
      'outsideFolder',
    );
    expect(await readFile(join(outside, 'secret.md'), 'utf8')).toBe('secret');
    expect(await readdir(outside)).toEqual(['secret.md']);
  });

  test('a dangling symlink that points outside never leads to a file written outside', async () => {
    await symlink(join(outside, 'created.md'), join(root, 'dangling.md'));
    await savePost(root, 'dangling.md', 'pwned', versionOf(''));
    expect(await readdir(outside)).toEqual([]);
  });
});
