import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  realpath,
  rm,
  stat,
  truncate,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { PostSummary } from '../../shared/api';
import { parsePost } from '../../shared/document';
import type { Result } from '../../shared/result';
import fc from 'fast-check';
import { fieldFor, inferFields } from '../../shared/schema';
import { loadConfig } from './config';
import {
  refitFolderIndex,
  saveFolderIndex,
  summarizeFile,
  updateFolderIndex,
} from './folder-index';
import type { FolderIndex, IndexOptions } from './folder-index';
import { indexCacheFile, indexFormatVersion, loadIndexCache } from './index-cache';
import { detailsOf } from './index-entry';
import { decodePost, indexFolder, summarize } from './library';
import { splitPost } from './post-file';
import { diskReader } from './scan';
import type { FileReader } from './scan';

let base: string;
let root: string;
let cacheDir: string;

/** A day ago: files older than the racy window, as a real folder's posts are. */
const longAgo = new Date(Date.now() - 86_400_000);

async function put(
  files: Readonly<Record<string, string | Buffer>>,
  when = longAgo,
): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
    await utimes(full, when, when);
  }
}

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`Expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

interface Counted {
  readonly reader: FileReader;
  /** Paths (relative to the root) of whole reads and of head reads, in order. */
  readonly reads: string[];
  readonly heads: string[];
  /** Most files open at once. */
  most: number;
}

/** The disk, counting reads and how many are open at once; each read holds its file a moment. */
function counted(fail: (path: string) => NodeJS.ErrnoException | null = () => null): Counted {
  let open = 0;
  const state: Counted = {
    reads: [],
    heads: [],
    most: 0,
    reader: {
      read: (file) => hold(file, state.reads, () => diskReader.read(file)),
      readHead: (file, bytes) => hold(file, state.heads, () => diskReader.readHead(file, bytes)),
      stat: (file) => diskReader.stat(file),
    },
  };
  async function hold<T>(file: string, log: string[], run: () => Promise<T>): Promise<T> {
    const path = relative(root, file).split('\\').join('/');
    log.push(path);
    open++;
    state.most = Math.max(state.most, open);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1));
      const error = fail(path);
      if (error !== null) throw error;
      return await run();
    } finally {
      open--;
    }
  }
  return state;
}

async function index(options: IndexOptions = {}): Promise<FolderIndex> {
  return valueOf(await indexFolder(root, { cacheDir, ...options }));
}

/** What the index must say: every file parsed and checked as the editor does, nothing cached. */
async function expected(): Promise<PostSummary[]> {
  return valueOf(await indexFolder(root)).posts;
}

/** The posts, as the old index computed them: parse every file, `summarize` with `validatePost`. */
async function summarizedTheOldWay(paths: readonly string[]): Promise<Map<string, PostSummary>> {
  const config = valueOf(await loadConfig(root));
  const docs = await Promise.all(
    paths.map(async (path) => {
      const text = decodePost(await readFile(join(root, path)));
      if (!text.ok) throw new Error(text.error.message);
      const { mtimeMs } = await stat(join(root, path));
      return { path, mtimeMs, doc: parsePost(text.value, splitPost(text.value)) };
    }),
  );
  const schema = inferFields(
    config.schema,
    docs.map(({ doc }) => doc.values),
  );
  // A parsed text has no file time: the row's is the file's.
  return new Map(
    docs.map(({ path, mtimeMs, doc }) => [
      path,
      { ...summarize(path, doc, schema), modified: mtimeMs },
    ]),
  );
}

const post = (title: string, extra = '', body = 'Some body text.\n'): string =>
  `---\ntitle: ${title}\ndate: 2024-05-01\ndescription: A post called ${title} for the tests here.\n${extra}---\n${body}`;

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'postwright-index-')));
  root = join(base, 'posts');
  cacheDir = join(base, 'cache');
  await mkdir(root);
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('indexFolder: reading', () => {
  test('never has more files open than the concurrency, and reads each file once', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`p${String(i).padStart(2, '0')}.md`] = post(`Post ${i}`);
    await put(files);
    const reads = counted();
    const result = await index({ reader: reads.reader, concurrency: 5 });
    expect(result.posts).toHaveLength(60);
    expect(reads.most).toBe(5);
    expect(reads.reads.sort()).toEqual(Object.keys(files).sort());
  });

  test('reports progress from the cached count up to (total, total), one step per file read', async () => {
    await put({ 'a.md': post('A'), 'b.md': post('B'), 'c.md': post('C') });
    const first: [number, number][] = [];
    await index({ onProgress: (done, total) => first.push([done, total]) });
    expect(first).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    await put({ 'b.md': post('B changed') });
    const second: [number, number][] = [];
    await index({ onProgress: (done, total) => second.push([done, total]) });
    expect(second).toEqual([
      [2, 3],
      [3, 3],
    ]);
  });

  test('gives an early list from the front matter before the body checks, then the complete index', async () => {
    const long = `${'A paragraph of text that goes on. '.repeat(200)}\n\n## Empty\n\nTODO: finish\n`;
    await put({ 'long.md': post('Long', '', long), 'short.md': post('Short') });
    const reads = counted();
    let early: FolderIndex | null = null;
    const done = await index({ reader: reads.reader, onListed: (listed) => (early = listed) });
    const listed = early as FolderIndex | null;
    expect(listed?.complete).toBe(false);
    expect(listed?.posts.map((each) => each.title).sort()).toEqual(['Long', 'Short']);
    // The long post's body was not read yet: no TODO warning, no word count.
    const longEarly = listed?.entries.get('long.md');
    expect(longEarly?.summary.problems.some((problem) => problem.rule === 'todo')).toBe(false);
    expect(longEarly && detailsOf(longEarly)).toMatchObject({ wordCount: null, checked: false });
    // Both front matters were in the first bytes; the bodies were read after the list was given.
    expect(reads.heads.sort()).toEqual(['long.md', 'short.md']);
    expect(reads.reads.sort()).toEqual(['long.md', 'short.md']);
    expect(done.complete).toBe(true);
    expect(done.posts).toEqual(await expected());
    expect(detailsOf(done.entries.get('long.md') ?? fail())).toMatchObject({
      checked: true,
      // 200 sentences of 7 words, the heading "Empty" and "TODO: finish".
      wordCount: 1403,
    });
  });

  test('the complete index keeps the early list’s front matter, and reads it again where it changed in between', async () => {
    await put({
      'kept.md': post('Kept', 'tags: [a, b]\n'),
      'changed.md': post('Before'),
      'grown.md': post('Grown'),
    });
    let early: FolderIndex | null = null;
    const done = await index({
      onListed: (listed) => {
        early = listed;
        // Written after the early list read them, before their second read.
        writeFileSync(join(root, 'changed.md'), post('After', 'tags: [c]\n'));
        writeFileSync(join(root, 'grown.md'), `${post('Grown')}More text, and TODO here.\n`);
      },
    });
    const listed = early as FolderIndex | null;
    const valuesOf = (of: FolderIndex | null, path: string): unknown =>
      of?.entries.get(path)?.facts.values;
    // Parsed once: the very same values.
    expect(valuesOf(done, 'kept.md')).toBe(valuesOf(listed, 'kept.md'));
    expect(valuesOf(done, 'grown.md')).toBe(valuesOf(listed, 'grown.md'));
    expect(valuesOf(done, 'changed.md')).not.toBe(valuesOf(listed, 'changed.md'));
    expect(done.entries.get('changed.md')?.summary).toMatchObject({ title: 'After', tags: ['c'] });
    expect(
      done.entries.get('grown.md')?.summary.problems.some((problem) => problem.rule === 'todo'),
    ).toBe(true);
    expect(done.posts).toEqual(await expected());
  });

  test('no early list when every post is in the cache', async () => {
    await put({ 'a.md': post('A') });
    await index();
    let called = false;
    await index({ onListed: () => (called = true) });
    expect(called).toBe(false);
  });

  test('lists a file that cannot be read with its problem, and one that is not text', async () => {
    await put({
      'fine.md': post('Fine'),
      'locked.md': post('Locked'),
      'binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
    });
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const reads = counted((path) => (path === 'locked.md' ? denied : null));
    const result = await index({ reader: reads.reader });
    const byPath = new Map(result.posts.map((each) => [each.path, each]));
    expect(byPath.get('locked.md')).toMatchObject({
      title: 'locked.md',
      problems: [{ severity: 'error', message: 'The file cannot be read: permission denied' }],
    });
    expect(byPath.get('binary.md')?.problems[0]?.message).toMatch(/NUL bytes/);
    expect(byPath.get('fine.md')?.title).toBe('Fine');
    // Unreadable files are tried again on the next open: permissions change no mtime.
    const cacheFile = indexCacheFile(cacheDir, root);
    const written = await stat(cacheFile);
    const again = counted((path) => (path === 'locked.md' ? denied : null));
    await index({ reader: again.reader });
    expect(again.reads.sort()).toEqual(['binary.md', 'locked.md']);
    // Nothing new to keep: the cache file is not rewritten (a rewrite is a new file, a new inode).
    expect((await stat(cacheFile)).ino).toBe(written.ino);
  });

  test('a file that vanishes between the scan and its read is left out', async () => {
    await put({ 'stays.md': post('Stays'), 'goes.md': post('Goes') });
    const gone = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    const reads = counted((path) => (path === 'goes.md' ? gone : null));
    const result = await index({ reader: reads.reader });
    expect(result.posts.map((each) => each.path)).toEqual(['stays.md']);
  });

  test('page bundles and .markdown files are posts; skipped folders are not read at all', async () => {
    await put({
      'bundle/index.md': post('Bundle'),
      'old/post.markdown': post('Old'),
      '.git/x.md': post('Git'),
      'node_modules/y.md': post('Dependency'),
      '.drafts/z.md': post('Hidden'),
    });
    const reads = counted();
    const result = await index({ reader: reads.reader });
    expect(result.posts.map((each) => each.path).sort()).toEqual([
      'bundle/index.md',
      'old/post.markdown',
    ]);
    expect(reads.reads.sort()).toEqual(['bundle/index.md', 'old/post.markdown']);
  });

  test('every row and problem is what parsing the file and validatePost give', async () => {
    const corpus = join(import.meta.dirname, '../../tests/fixtures/corpus');
    const names = (await readdir(corpus)).filter(
      (name) => name.endsWith('.md') && name !== 'SOURCES.md',
    );
    const files: Record<string, Buffer> = {};
    for (const name of names) files[name] = await readFile(join(corpus, name));
    await put({
      ...files,
      'todo.md': post(
        'Todo',
        'reading_time: "9 min read"\n',
        '## Empty\n\nTODO: write\n\n## Next\n',
      ),
      'broken.md': '---\ntitle: ok\nfoo: bar: baz\n---\nBody\n',
    });
    const paths = [...names, 'todo.md', 'broken.md'];
    const old = await summarizedTheOldWay(paths);
    const cold = await index({ onListed: () => undefined });
    const warm = await index();
    for (const result of [cold, warm]) {
      expect(result.posts).toHaveLength(paths.length);
      for (const row of result.posts) expect(row, row.path).toEqual(old.get(row.path));
    }
  });
});

describe('indexFolder: the cache', () => {
  const three = { 'a.md': post('A'), 'b.md': post('B'), 'nested/c.md': post('C') };

  test('reopening an unchanged folder reads no file and gives the same index', async () => {
    await put(three);
    const first = await index();
    const reads = counted();
    const second = await index({ reader: reads.reader, onListed: () => undefined });
    expect(reads.reads).toEqual([]);
    expect(reads.heads).toEqual([]);
    expect(second.posts).toEqual(first.posts);
    expect(second.schema).toEqual(first.schema);
  });

  test('a changed mtime, or a changed size, reads just that file again', async () => {
    await put(three);
    await index();
    await put({ 'a.md': post('A, edited') });
    let reads = counted();
    let result = await index({ reader: reads.reader });
    expect(reads.reads).toEqual(['a.md']);
    expect(result.posts.find((each) => each.path === 'a.md')?.title).toBe('A, edited');

    // Same mtime, different size.
    const before = await stat(join(root, 'b.md'));
    await writeFile(join(root, 'b.md'), post('B, longer title'));
    await utimes(join(root, 'b.md'), before.atime, before.mtime);
    reads = counted();
    result = await index({ reader: reads.reader });
    expect(reads.reads).toEqual(['b.md']);
    expect(result.posts).toEqual(await expected());
  });

  test('added and removed posts are picked up without reading the others', async () => {
    await put(three);
    await index();
    await rm(join(root, 'b.md'));
    await put({ 'new.md': post('New') });
    const reads = counted();
    const result = await index({ reader: reads.reader });
    expect(reads.reads).toEqual(['new.md']);
    expect(result.posts.map((each) => each.path).sort()).toEqual(['a.md', 'nested/c.md', 'new.md']);
  });

  test('a config change re-checks every post against the new schema without reading any post', async () => {
    await put(three);
    const before = await index();
    expect(before.posts.every((each) => each.problems.every((p) => p.field !== 'category'))).toBe(
      true,
    );
    await writeFile(
      join(root, 'postwright.config.yml'),
      'fields:\n  category:\n    type: string\n    required: true\n',
    );
    const reads = counted();
    const after = await index({ reader: reads.reader });
    expect(reads.reads).toEqual([]);
    expect(after.config.file).toBe('postwright.config.yml');
    expect(after.posts).toEqual(await expected());
    expect(after.posts.every((each) => each.problems.some((p) => p.field === 'category'))).toBe(
      true,
    );
  });

  test('a post that brings a new key changes the schema; the others are re-checked from the cache', async () => {
    await put(three);
    await index();
    await put({ 'b.md': post('B', 'series: one\n') });
    const reads = counted();
    const result = await index({ reader: reads.reader });
    expect(reads.reads).toEqual(['b.md']);
    expect(result.schema.fields.some((spec) => spec.key === 'series')).toBe(true);
    expect(result.posts).toEqual(await expected());
  });

  test('a file written moments before it was read is not trusted from the cache next time', async () => {
    await put({ 'fresh.md': post('Fresh') }, new Date());
    await put({ 'old.md': post('Old') });
    await index();
    const reads = counted();
    await index({ reader: reads.reader });
    expect(reads.reads).toEqual(['fresh.md']);
  });

  test('text past ASCII (accents, emoji, CJK, a lone surrogate escape) comes back from the cache as it was', async () => {
    await put({
      'cafe.md': post(
        'Café 🙂 日本語',
        'tags: [Über, "naïve"]\nnote: "\\uD800 lone"\n',
        '## Ça va\n\nTODO: écrire\n',
      ),
    });
    const first = await index();
    const reads = counted();
    const second = await index({ reader: reads.reader });
    expect(reads.reads).toEqual([]);
    expect(second.posts).toEqual(first.posts);
    expect(second.values).toEqual(first.values);
    expect(second.posts[0]?.title).toBe('Café 🙂 日本語');
    expect(second.values.get('cafe.md')?.note).toBe('\uD800 lone');
  });

  test('values JSON cannot carry (NaN, Infinity) are not cached, and still indexed right', async () => {
    await put({ 'nan.md': post('Nan', 'score: .nan\nlimit: .inf\n'), 'plain.md': post('Plain') });
    const first = await index();
    expect(first.values.get('nan.md')).toMatchObject({ score: NaN, limit: Infinity });
    const reads = counted();
    const second = await index({ reader: reads.reader });
    expect(reads.reads).toEqual(['nan.md']);
    expect(second.posts).toEqual(first.posts);
  });

  const damages: [string, (file: string, text: string) => Promise<void>][] = [
    ['truncated', async (file, text) => truncate(file, Math.floor(text.length / 2))],
    ['cut before its header', async (file, text) => truncate(file, text.indexOf('\n') + 1)],
    ['cut inside its header', async (file, text) => truncate(file, text.length - 20)],
    ['garbage', async (file) => writeFile(file, Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x0a, 0x00]))],
    ['empty', async (file) => writeFile(file, '')],
    [
      'another format version',
      async (file, text) =>
        writeFile(file, text.replace(`"version":${indexFormatVersion}`, '"version":999')),
    ],
    [
      // Valid JSON, valid header, but the content changed: the checksum catches it.
      'edited entries',
      async (file, text) => writeFile(file, text.replace('"A"', '"Not A"')),
    ],
    [
      'a malformed entry with a matching checksum',
      async (file, text) => {
        const [payload = '', header = ''] = text.split('\n');
        const parsed = JSON.parse(payload) as { rows: unknown[][] };
        (parsed.rows[0] as unknown[])[2] = 'not a size';
        const body = JSON.stringify(parsed);
        const { createHash } = await import('node:crypto');
        const fixed = JSON.parse(header) as Record<string, unknown>;
        fixed.checksum = createHash('sha1').update(body).digest('hex');
        await writeFile(file, `${body}\n${JSON.stringify(fixed)}\n`);
      },
    ],
  ];

  for (const [name, damage] of damages) {
    test(`a cache file that is ${name} is rebuilt and the index is still right`, async () => {
      await put(three);
      await index();
      const file = indexCacheFile(cacheDir, root);
      await damage(file, await readFile(file, 'utf8'));
      expect((await loadIndexCache(cacheDir, root)).rejected).not.toBeNull();
      const reads = counted();
      const result = await index({ reader: reads.reader });
      expect(reads.reads.sort()).toEqual(['a.md', 'b.md', 'nested/c.md']);
      expect(result.posts).toEqual(await expected());
      // Rewritten whole: the next open trusts it again.
      expect((await loadIndexCache(cacheDir, root)).rejected).toBeNull();
      const after = counted();
      await index({ reader: after.reader });
      expect(after.reads).toEqual([]);
    });
  }

  test('a cache file written for another folder is not used for this one', async () => {
    await put(three);
    const other = join(base, 'other');
    await mkdir(other);
    await writeFile(join(other, 'a.md'), post('Other A'));
    await utimes(join(other, 'a.md'), longAgo, longAgo);
    valueOf(await indexFolder(other, { cacheDir }));
    await index();
    // The other folder's cache put where this folder's belongs, same paths and stamps aside.
    await writeFile(
      indexCacheFile(cacheDir, root),
      await readFile(indexCacheFile(cacheDir, other)),
    );
    expect((await loadIndexCache(cacheDir, root)).rejected).toBe('another folder');
    const result = await index();
    expect(result.posts).toEqual(await expected());
  });

  test('a save leaves only the cache file, and clears temp files a crash left behind', async () => {
    await put(three);
    await index();
    const file = indexCacheFile(cacheDir, root);
    const name = file.split('/').pop() ?? '';
    expect(await readdir(cacheDir)).toEqual([name]);
    const stale = join(cacheDir, `${name}.123.abc.tmp`);
    const recent = join(cacheDir, `${name}.456.def.tmp`);
    await writeFile(stale, 'half a file');
    await utimes(stale, longAgo, longAgo);
    await writeFile(recent, 'another process, writing now');
    await put({ 'a.md': post('A, again') });
    await index();
    expect((await readdir(cacheDir)).sort()).toEqual([name, `${name}.456.def.tmp`].sort());
  });

  test('a cache folder that cannot be written does not stop the index', async () => {
    await put(three);
    await writeFile(join(base, 'not-a-folder'), 'x');
    const result = valueOf(await indexFolder(root, { cacheDir: join(base, 'not-a-folder') }));
    expect(result.posts).toEqual(await expected());
  });
});

describe('keeping an index current', () => {
  test('updateFolderIndex reads only the changed paths and refits the schema for the rest', async () => {
    await put({ 'a.md': post('A'), 'b.md': post('B'), 'c.md': post('C') });
    const start = await index();
    await put({ 'a.md': post('A2', 'series: one\n'), 'd.md': post('D') });
    await rm(join(root, 'c.md'));
    const reads = counted();
    const next = await updateFolderIndex(root, start, ['a.md', 'c.md', 'd.md'], {
      reader: reads.reader,
    });
    // c.md is tried and found gone; b.md is not touched.
    expect(reads.reads.sort()).toEqual(['a.md', 'c.md', 'd.md']);
    expect(next.posts).toEqual(await expected());
    expect(next.schema).toEqual((await index()).schema);
  });

  test('updateFolderIndex drops paths outside the folder or that the scan would skip', async () => {
    await put({ 'a.md': post('A') });
    const start = await index();
    const reads = counted();
    const next = await updateFolderIndex(root, start, ['../x.md', '.git/y.md', 'notes.txt'], {
      reader: reads.reader,
    });
    expect(reads.reads).toEqual([]);
    expect(next.posts.map((each) => each.path)).toEqual(['a.md']);
  });

  test('an unchanged schema keeps every other post as it was', async () => {
    await put({ 'a.md': post('A'), 'b.md': post('B') });
    const start = await index();
    await put({ 'a.md': post('A again') });
    const next = await updateFolderIndex(root, start, ['a.md']);
    expect(next.schemaKey).toBe(start.schemaKey);
    expect(next.entries.get('b.md')).toBe(start.entries.get('b.md'));
  });

  test('summarizeFile indexes one post; a missing one is notFound, an escaping path outsideFolder', async () => {
    await put({ 'a.md': post('A', 'tags: [x, y]\nfeatured: true\n') });
    const start = await index();
    const one = valueOf(await summarizeFile(root, start.schema, 'a.md'));
    expect(one.summary).toEqual(start.posts[0]);
    expect(one.facts.values).toMatchObject({ title: 'A', tags: ['x', 'y'] });
    expect(detailsOf(one)).toMatchObject({ featured: true, errors: 0, checked: true });
    const missing = await summarizeFile(root, start.schema, 'missing.md');
    expect(missing.ok ? 'ok' : missing.error.kind).toBe('notFound');
    const outside = await summarizeFile(root, start.schema, '../x.md');
    expect(outside.ok ? 'ok' : outside.error.kind).toBe('outsideFolder');
  });

  test('refitFolderIndex applies a new config without reading any post', async () => {
    await put({ 'a.md': post('A') });
    const start = await index();
    await writeFile(
      join(root, 'postwright.config.yml'),
      'fields:\n  category:\n    type: string\n    required: true\n',
    );
    const next = refitFolderIndex(start, valueOf(await loadConfig(root)));
    expect(next.posts).toEqual(await expected());
  });

  test('saveFolderIndex stores an updated index, so the next open reads nothing', async () => {
    await put({ 'a.md': post('A'), 'b.md': post('B') });
    const start = await index();
    await put({ 'a.md': post('A changed') });
    const next = await updateFolderIndex(root, start, ['a.md']);
    expect(await saveFolderIndex(cacheDir, root, next)).toBe(true);
    const reads = counted();
    const reopened = await index({ reader: reads.reader });
    expect(reads.reads).toEqual([]);
    expect(reopened.posts).toEqual(next.posts);
  });
});

describe('updateFolderIndex in place equals a rebuild', () => {
  /** One post's front matter drawn from small pools, so dates, titles, tags and categories repeat. */
  const frontMatter = fc.record({
    title: fc.constantFrom('Alpha', 'Beta', 'alpha', ''),
    date: fc.constantFrom('2024-05-01', '2024-05-02', '2023-01-01', ''),
    published: fc.boolean(),
    tags: fc.subarray(['go', 'Go', 'rust', 'web']),
    category: fc.constantFrom('Travel', 'travel', 'Tech', ''),
    // Keys the default schema does not name: the schema grows and shrinks with them.
    series: fc.option(fc.constantFrom('one', 'two', 2024, '2024-01-01'), { nil: undefined }),
  });
  const text = (values: typeof frontMatter extends fc.Arbitrary<infer T> ? T : never): string =>
    [
      '---',
      `title: ${JSON.stringify(values.title)}`,
      ...(values.date === '' ? [] : [`date: ${values.date}`]),
      `published: ${String(values.published)}`,
      `tags: [${values.tags.join(', ')}]`,
      `category: ${JSON.stringify(values.category)}`,
      ...(values.series === undefined ? [] : [`series: ${JSON.stringify(values.series)}`]),
      '---',
      'Some body text.',
      '',
    ].join('\n');
  const paths = ['a.md', 'b.md', 'c.md', 'd/index.md', 'e.md'];
  const step = fc.oneof(
    fc.record({ path: fc.constantFrom(...paths), values: frontMatter }),
    fc.record({ path: fc.constantFrom(...paths), values: fc.constant(null) }),
  );
  const rowsOf = (each: FolderIndex) =>
    [...each.entries].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, entry]) => entry.summary);

  test('a random sequence of adds, changes and removes gives the same rows, order and schema', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(frontMatter, { minLength: 2, maxLength: 2 }),
        fc.array(step, { minLength: 1, maxLength: 8 }),
        async (first, steps) => {
          await rm(root, { recursive: true, force: true });
          await mkdir(root);
          await put({ 'a.md': text(first[0] as never), 'b.md': text(first[1] as never) });
          let current = valueOf(await indexFolder(root));
          for (const { path, values } of steps) {
            if (values === null) await rm(join(root, path), { force: true });
            else await put({ [path]: text(values) });
            current = await updateFolderIndex(root, current, [path]);
            const rebuilt = valueOf(await indexFolder(root));
            expect(current.posts).toEqual(rebuilt.posts);
            expect(current.schema).toEqual(rebuilt.schema);
            expect(current.schemaKey).toBe(rebuilt.schemaKey);
            expect(rowsOf(current)).toEqual(rowsOf(rebuilt));
            expect([...current.values].sort()).toEqual([...rebuilt.values].sort());
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  test('a changed title is put in place: the schema is not fitted again', async () => {
    await put({ 'a.md': post('A', 'category: Tech\n'), 'b.md': post('B', 'category: Tech\n') });
    const start = await index();
    await put({ 'a.md': post('Z', 'category: Tech\n') });
    const next = await updateFolderIndex(root, start, ['a.md']);
    // The same object: refitting would have made a new (equal) one.
    expect(next.schema).toBe(start.schema);
    expect(next.entries.get('b.md')).toBe(start.entries.get('b.md'));
    expect(next.posts.map((each) => each.title)).toEqual(['B', 'Z']);
  });

  test('a category no post uses any more is no longer offered', async () => {
    await put({ 'a.md': post('A', 'category: Travel\n'), 'b.md': post('B', 'category: Tech\n') });
    const start = await index();
    await put({ 'a.md': post('A', 'category: Tech\n') });
    const next = await updateFolderIndex(root, start, ['a.md']);
    expect(fieldFor(start.schema, 'category')?.choices).toEqual(['Tech', 'Travel']);
    expect(fieldFor(next.schema, 'category')?.choices).toEqual(['Tech']);
  });
});

function fail(): never {
  throw new Error('missing entry');
}

describe('indexFolder: the row fields the sidebar sorts and searches by', () => {
  test('featured, modified (the mtime) and description (else the excerpt), cold and from the cache', async () => {
    await put({
      'a.md':
        '---\ntitle: A\nfeatured: true\ndescription: The description\nexcerpt: Not this\n---\nBody\n',
      'b.md': '---\ntitle: B\nfeatured: "yes"\nexcerpt: Only an excerpt\n---\nBody\n',
      'c.md': 'No front matter.\n',
    });
    const old = new Date('2024-01-01T00:00:00Z');
    for (const name of ['a.md', 'b.md', 'c.md']) await utimes(join(root, name), old, old);
    const fieldsOf = (result: FolderIndex): unknown[] =>
      [...result.posts]
        .sort((x, y) => (x.path < y.path ? -1 : 1))
        .map(({ path, featured, modified, description }) => ({
          path,
          featured,
          modified,
          description,
        }));
    const want = [
      { path: 'a.md', featured: true, modified: old.getTime(), description: 'The description' },
      { path: 'b.md', featured: false, modified: old.getTime(), description: 'Only an excerpt' },
      { path: 'c.md', featured: false, modified: old.getTime(), description: '' },
    ];
    const reads = counted();
    expect(fieldsOf(await index())).toEqual(want);
    // The cache keeps the facts these come from (values and stamp): a warm open gives the same.
    expect(fieldsOf(await index({ reader: reads.reader }))).toEqual(want);
    expect(reads.reads).toEqual([]);
  });

  test('the early list has modified 0 until the file is read whole', async () => {
    await put({ 'a.md': '---\ntitle: A\nfeatured: true\n---\nBody\n' });
    let early: FolderIndex | null = null;
    const done = await index({ onListed: (listed) => (early = listed) });
    expect((early as FolderIndex | null)?.posts[0]).toMatchObject({ featured: true, modified: 0 });
    expect(done.posts[0]?.modified).toBe((await stat(join(root, 'a.md'))).mtimeMs);
  });
});
