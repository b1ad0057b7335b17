import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  realpath,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parsePost } from '../../shared/document';
import { fail, ok } from '../../shared/result';
import type { Result } from '../../shared/result';
import { defaultSchema } from '../../shared/schema';
import { listPosts } from './library';
import {
  createPost,
  createPostInFolder,
  deletePost,
  duplicatePost,
  finishDelete,
  folderTrash,
  pendingDeletions,
  renamePost,
  restorePost,
} from './writes';
import type { Trash } from './writes';

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

/** Every file under a folder, relative, sorted; links shown as `name -> target`. */
async function tree(folder: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const rel = `${prefix}${entry.name}`;
      if (entry.isSymbolicLink()) out.push(`${rel} -> ${await readlink(join(dir, entry.name))}`);
      else if (entry.isDirectory()) await walk(join(dir, entry.name), `${rel}/`);
      else out.push(rel);
    }
  };
  await walk(folder, '');
  return out.sort();
}

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`Expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

function kindOf(result: Result<unknown>): string {
  return result.ok ? 'ok' : result.error.kind;
}

const read = (path: string): Promise<string> => readFile(join(root, path), 'utf8');

const post = (title: string, extra = ''): string =>
  `---\ntitle: ${title}\ndate: 2024-03-01\npublished: true\n${extra}---\n\nBody of ${title}.\n`;

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'postwright-writes-')));
  root = join(base, 'posts');
  outside = join(base, 'outside');
  await mkdir(root);
  await mkdir(outside);
  await writeFile(join(outside, 'secret.md'), post('Secret'));
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('createPost', () => {
  test("writes the schema's front matter under the title's slug, as a draft", async () => {
    const path = valueOf(await createPost(root, defaultSchema, 'Hello, World!', '', '2024-05-03'));
    expect(path).toBe('hello-world.md');
    const doc = parsePost(await read(path));
    expect(doc.values).toMatchObject({
      title: 'Hello, World!',
      date: '2024-05-03',
      published: false,
    });
  });

  test('uses the folder config when there is one', async () => {
    await put({
      'postwright.config.yml':
        'status:\n  field: draft\n  published: false\nfields:\n  published: false\n',
    });
    const path = valueOf(await createPostInFolder(root, 'Configured'));
    const { values } = parsePost(await read(path));
    expect(values).toMatchObject({ title: 'Configured', draft: true });
    expect(values).not.toHaveProperty('published');
  });

  test('never overwrites: a taken name, even in another case, gets -2, -3', async () => {
    await put({ 'same.md': 'mine', 'Same-2.md': 'also mine' });
    expect(valueOf(await createPost(root, defaultSchema, 'Same'))).toBe('same-3.md');
    expect(await read('same.md')).toBe('mine');
    expect(await read('Same-2.md')).toBe('also mine');
  });

  test('makes a safe file name from any title', async () => {
    expect(valueOf(await createPost(root, defaultSchema, 'CON'))).toBe('con_.md');
    expect(valueOf(await createPost(root, defaultSchema, '!!!'))).toBe('untitled.md');
    expect(valueOf(await createPost(root, defaultSchema, 'x'.repeat(300)))).toBe(
      `${'x'.repeat(100)}.md`,
    );
    expect(kindOf(await createPost(root, defaultSchema, '   '))).toBe('invalidArgument');
  });

  test('refuses a folder outside the posts folder', async () => {
    expect(kindOf(await createPost(root, defaultSchema, 'Escape', '../outside'))).toBe(
      'outsideFolder',
    );
    await symlink(outside, join(root, 'linked'));
    expect(kindOf(await createPost(root, defaultSchema, 'Escape', 'linked'))).toBe('outsideFolder');
    expect(await readdir(outside)).toEqual(['secret.md']);
  });
});

describe('renamePost', () => {
  test('renames within the folder, adding the extension, and keeps the bytes', async () => {
    await put({ 'notes/old.md': post('Old'), 'legacy.markdown': post('Legacy') });
    expect(valueOf(await renamePost(root, 'notes/old.md', 'new-name'))).toBe('notes/new-name.md');
    expect(await read('notes/new-name.md')).toBe(post('Old'));
    expect(valueOf(await renamePost(root, 'legacy.markdown', 'kept'))).toBe('kept.markdown');
    expect(await tree(root)).toEqual(['kept.markdown', 'notes/new-name.md']);
  });

  test('moves to a path relative to the posts folder, making folders', async () => {
    await put({ 'a.md': post('A') });
    expect(valueOf(await renamePost(root, 'a.md', 'drafts/2024/a.md'))).toBe('drafts/2024/a.md');
    expect(await tree(root)).toEqual(['drafts/2024/a.md']);
  });

  test('renames a page bundle by its folder, images and all', async () => {
    await put({ 'trip/index.md': post('Trip'), 'trip/photo.png': 'png' });
    expect(valueOf(await renamePost(root, 'trip/index.md', 'summer-trip.md'))).toBe(
      'summer-trip/index.md',
    );
    expect(await tree(root)).toEqual(['summer-trip/index.md', 'summer-trip/photo.png']);
  });

  test('renames only the index behind a symlinked bundle folder, keeping the link whole', async () => {
    await put({ 'real/index.md': post('Real') });
    await symlink('real', join(root, 'alias'));
    expect(valueOf(await renamePost(root, 'alias/index.md', 'moved'))).toBe('alias/moved.md');
    expect(await tree(root)).toEqual(['alias -> real', 'real/moved.md']);
  });

  test('renames only the index of a folder that holds other posts', async () => {
    await put({ 'section/index.md': post('Section'), 'section/child.md': post('Child') });
    expect(valueOf(await renamePost(root, 'section/index.md', 'overview'))).toBe(
      'section/overview.md',
    );
    expect(await tree(root)).toEqual(['section/child.md', 'section/overview.md']);
  });

  test('refuses a name in use, and a case-only variant of one, changing nothing', async () => {
    await put({
      'a.md': post('A'),
      'b.md': post('B'),
      'bundle/index.md': post('Bundle'),
      'folder/file.txt': 'not a post',
    });
    const before = await tree(root);
    expect(kindOf(await renamePost(root, 'a.md', 'b.md'))).toBe('alreadyExists');
    expect(kindOf(await renamePost(root, 'a.md', 'B.md'))).toBe('alreadyExists');
    expect(kindOf(await renamePost(root, 'bundle/index.md', 'Folder'))).toBe('alreadyExists');
    expect(await tree(root)).toEqual(before);
    expect(await read('b.md')).toBe(post('B'));
  });

  test('changes only the case of its own name', async () => {
    await put({ 'post.md': post('Post') });
    expect(valueOf(await renamePost(root, 'post.md', 'Post.md'))).toBe('Post.md');
    expect(await tree(root)).toEqual(['Post.md']);
  });

  test('does not take a case-only variant that is a different file (case-sensitive disks)', async () => {
    await put({ 'Post.md': post('Upper') });
    // On a case-insensitive disk the second file cannot exist; there, the first check covers it.
    const both = await writeFile(join(root, 'post.md'), post('Lower')).then(
      async () => (await readdir(root)).length === 2,
    );
    if (!both) return;
    expect(kindOf(await renamePost(root, 'Post.md', 'post.md'))).toBe('alreadyExists');
    expect(await read('post.md')).toBe(post('Lower'));
  });

  test('keeps the name when it is unchanged', async () => {
    await put({ 'same.md': post('Same') });
    expect(valueOf(await renamePost(root, 'same.md', 'same'))).toBe('same.md');
    expect(await tree(root)).toEqual(['same.md']);
  });

  test.each([
    ['time: 10:30.md', 'invalidArgument'],
    ['con.md', 'invalidArgument'],
    ['.hidden.md', 'invalidArgument'],
    ['trailing..md', 'invalidArgument'],
    ['bad|folder/x.md', 'invalidArgument'],
    ['', 'invalidArgument'],
    ['../outside/x.md', 'outsideFolder'],
    ['sub/../../x.md', 'outsideFolder'],
    ['/tmp/x.md', 'outsideFolder'],
    ['C:\\x.md', 'outsideFolder'],
  ])('refuses %j with %s', async (name, kind) => {
    await put({ 'a.md': post('A') });
    expect(kindOf(await renamePost(root, 'a.md', name))).toBe(kind);
    expect(await tree(root)).toEqual(['a.md']);
    expect(await readdir(outside)).toEqual(['secret.md']);
  });

  test('refuses paths and symlinks leading outside, writing nothing there', async () => {
    await put({ 'a.md': post('A') });
    await symlink(outside, join(root, 'linked'));
    await symlink(join(outside, 'secret.md'), join(root, 'secret.md'));
    expect(kindOf(await renamePost(root, 'a.md', 'linked/a.md'))).toBe('outsideFolder');
    expect(kindOf(await renamePost(root, 'secret.md', 'mine.md'))).toBe('outsideFolder');
    expect(kindOf(await renamePost(root, 'linked/secret.md', 'mine.md'))).toBe('outsideFolder');
    expect(kindOf(await renamePost(root, '../outside/secret.md', 'mine.md'))).toBe('outsideFolder');
    expect(await readdir(outside)).toEqual(['secret.md']);
    expect((await tree(root)).filter((each) => !each.includes(' -> '))).toEqual(['a.md']);
  });

  test('renames a link inside the folder as a link, not what it points to', async () => {
    await put({ 'real.md': post('Real') });
    await symlink('real.md', join(root, 'alias.md'));
    expect(valueOf(await renamePost(root, 'alias.md', 'other-alias'))).toBe('other-alias.md');
    expect(await tree(root)).toEqual(['other-alias.md -> real.md', 'real.md']);
  });

  test('refuses what is not a post, and what does not exist', async () => {
    await put({ 'postwright.config.yml': 'fields: []\n', 'folder.md/x.md': post('X') });
    expect(kindOf(await renamePost(root, 'postwright.config.yml', 'x.md'))).toBe('invalidArgument');
    expect(kindOf(await renamePost(root, 'folder.md', 'y.md'))).toBe('invalidArgument');
    expect(kindOf(await renamePost(root, 'missing.md', 'x.md'))).toBe('notFound');
  });
});

describe('duplicatePost', () => {
  test('copies beside it as name-copy.md, then -copy-2, titled (copy) and a draft', async () => {
    const original = post('Launch', '# keep this comment\ntags: [a, b]\n');
    await put({ 'news/launch.md': original });
    expect(valueOf(await duplicatePost(root, 'news/launch.md'))).toBe('news/launch-copy.md');
    expect(valueOf(await duplicatePost(root, 'news/launch.md'))).toBe('news/launch-copy-2.md');
    expect(await read('news/launch.md')).toBe(original);
    expect(await read('news/launch-copy.md')).toBe(
      original
        .replace('title: Launch', 'title: Launch (copy)')
        .replace('published: true', 'published: false'),
    );
    const summaries = valueOf(await listPosts(root));
    expect(summaries.map((each) => [each.path, each.title, each.status]).sort()).toEqual([
      ['news/launch-copy-2.md', 'Launch (copy)', 'draft'],
      ['news/launch-copy.md', 'Launch (copy)', 'draft'],
      ['news/launch.md', 'Launch', 'published'],
    ]);
  });

  test('skips names taken in another case', async () => {
    await put({ 'a.md': post('A'), 'A-Copy.md': 'taken' });
    expect(valueOf(await duplicatePost(root, 'a.md'))).toBe('a-copy-2.md');
    expect(await read('A-Copy.md')).toBe('taken');
  });

  test('copies a page bundle folder, links as links', async () => {
    await put({ 'trip/index.md': post('Trip'), 'trip/img/photo.png': 'png' });
    await symlink(join(outside, 'secret.md'), join(root, 'trip', 'outside-link'));
    expect(valueOf(await duplicatePost(root, 'trip/index.md'))).toBe('trip-copy/index.md');
    expect(await tree(join(root, 'trip-copy'))).toEqual([
      'img/photo.png',
      'index.md',
      `outside-link -> ${join(outside, 'secret.md')}`,
    ]);
    expect(parsePost(await read('trip-copy/index.md')).values.title).toBe('Trip (copy)');
    expect(await read('trip/index.md')).toBe(post('Trip'));
  });

  test('copies front matter it cannot edit as it is', async () => {
    const toml = '+++\ntitle = "Toml"\n+++\nBody\n';
    await put({ 'toml.md': toml });
    expect(valueOf(await duplicatePost(root, 'toml.md'))).toBe('toml-copy.md');
    expect(await read('toml-copy.md')).toBe(toml);
  });

  test('refuses paths and symlinks leading outside', async () => {
    await symlink(join(outside, 'secret.md'), join(root, 'secret.md'));
    expect(kindOf(await duplicatePost(root, 'secret.md'))).toBe('outsideFolder');
    expect(kindOf(await duplicatePost(root, '../outside/secret.md'))).toBe('outsideFolder');
    expect(await readdir(outside)).toEqual(['secret.md']);
    expect(await readdir(root)).toEqual(['secret.md']);
  });

  test('refuses a file that is not UTF-8 text', async () => {
    await writeFile(join(root, 'binary.md'), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    expect(kindOf(await duplicatePost(root, 'binary.md'))).toBe('unreadable');
    expect(await readdir(root)).toEqual(['binary.md']);
  });
});

describe('deletePost and restorePost', () => {
  const at = new Date('2024-05-03T10:20:30.123Z');
  const trashed: string[] = [];
  const recordingTrash: Trash = (path) => {
    trashed.push(path);
    return Promise.resolve(ok('Moved to the trash'));
  };
  beforeEach(() => {
    trashed.length = 0;
  });
  const bytes = (path: string): Promise<Buffer> => readFile(join(root, path));

  test('moves the post out of the list into .postwright/trash, and undo puts back the same bytes', async () => {
    // Bytes a text round trip would change: a BOM, CRLF, a lone CR and invalid UTF-8 in an image.
    const text = Buffer.from('\ufeff---\r\ntitle: Ünïcode\r\n---\r\n\r\nBody\rend\n', 'utf8');
    const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00, 0xfe]);
    await mkdir(join(root, 'notes'));
    await writeFile(join(root, 'notes', 'a.md'), text);
    await put({ 'keep.md': post('Keep') });
    const before = await lstat(join(root, 'notes', 'a.md'));
    const deleted = valueOf(await deletePost(root, 'notes/a.md', at));
    expect(deleted.path).toBe('notes/a.md');
    expect(deleted.id).toMatch(/^2024-05-03T10-20-30-123Z-[0-9a-f]{8}$/);
    expect(await tree(join(root, folderTrash))).toEqual([
      '.gitignore',
      `${deleted.id}/.postwright-deleted.json`,
      `${deleted.id}/a.md`,
    ]);
    expect(valueOf(await listPosts(root)).map((each) => each.path)).toEqual(['keep.md']);

    expect(valueOf(await restorePost(root, deleted.id))).toBe('notes/a.md');
    expect((await bytes('notes/a.md')).equals(text)).toBe(true);
    expect((await lstat(join(root, 'notes', 'a.md'))).mtimeMs).toBe(before.mtimeMs);
    expect(await tree(join(root, folderTrash))).toEqual(['.gitignore']);
    expect(await readdir(join(root, 'notes'))).toEqual(['a.md']);

    // A page bundle goes and comes back with its folder and images.
    await mkdir(join(root, 'trip'));
    await writeFile(join(root, 'trip', 'index.md'), text);
    await writeFile(join(root, 'trip', 'photo.png'), image);
    const bundle = valueOf(await deletePost(root, 'trip/index.md', at));
    expect(bundle.path).toBe('trip/index.md');
    expect(await readdir(root)).not.toContain('trip');
    expect(valueOf(await restorePost(root, bundle.id))).toBe('trip/index.md');
    expect(await tree(join(root, 'trip'))).toEqual(['index.md', 'photo.png']);
    expect((await bytes('trip/photo.png')).equals(image)).toBe(true);
    expect((await bytes('trip/index.md')).equals(text)).toBe(true);
  });

  test('two deletes at the same moment get their own places; each restores its own post', async () => {
    await put({ 'a.md': post('A') });
    const first = valueOf(await deletePost(root, 'a.md', at));
    await put({ 'a.md': post('A again') });
    const second = valueOf(await deletePost(root, 'a.md', at));
    expect(first.id).not.toBe(second.id);
    expect(valueOf(await restorePost(root, first.id))).toBe('a.md');
    expect(await read('a.md')).toBe(post('A'));
    expect(kindOf(await restorePost(root, first.id))).toBe('notFound');
  });

  test('makes the folder again when it went meanwhile', async () => {
    await put({ 'drafts/deep/a.md': post('A') });
    const deleted = valueOf(await deletePost(root, 'drafts/deep/a.md', at));
    await rm(join(root, 'drafts'), { recursive: true });
    expect(valueOf(await restorePost(root, deleted.id))).toBe('drafts/deep/a.md');
    expect(await read('drafts/deep/a.md')).toBe(post('A'));
  });

  test('an undo whose name was taken meanwhile says so and loses nothing', async () => {
    await put({ 'a.md': post('A'), 'trip/index.md': post('Trip') });
    const deleted = valueOf(await deletePost(root, 'a.md', at));
    await put({ 'A.md': post('Someone else') });
    const refused = await restorePost(root, deleted.id);
    expect(kindOf(refused)).toBe('alreadyExists');
    expect(refused.ok ? '' : refused.error.message).toBe(
      `a.md was not put back: another file has taken its name since; it is kept in .postwright/trash/${deleted.id}`,
    );
    expect(await read('A.md')).toBe(post('Someone else'));
    expect(await readFile(join(root, folderTrash, deleted.id, 'a.md'), 'utf8')).toBe(post('A'));
    // Once the name is free again, the same undo works.
    await rm(join(root, 'A.md'));
    expect(valueOf(await restorePost(root, deleted.id))).toBe('a.md');

    const bundle = valueOf(await deletePost(root, 'trip/index.md', at));
    await put({ 'trip/other.md': post('New') });
    expect(kindOf(await restorePost(root, bundle.id))).toBe('alreadyExists');
    expect(await tree(join(root, 'trip'))).toEqual(['other.md']);
    expect(await tree(join(root, folderTrash, bundle.id))).toEqual([
      '.postwright-deleted.json',
      'trip/index.md',
    ]);
  });

  test('refuses ids that are not deletions, and records that lead outside', async () => {
    for (const id of ['', '..', '../outside', '2024-05-03T10-20-30-123Z-../../x', 'a/b'])
      expect(kindOf(await restorePost(root, id)), id).toBe('invalidArgument');
    expect(kindOf(await restorePost(root, '2024-05-03T10-20-30-123Z-0000abcd'))).toBe('notFound');
    // A record edited to point outside the folder is refused before anything moves.
    await put({ 'a.md': post('A') });
    const deleted = valueOf(await deletePost(root, 'a.md', at));
    const record = join(root, folderTrash, deleted.id, '.postwright-deleted.json');
    await writeFile(
      record,
      JSON.stringify({ entry: '../outside/a.md', post: 'a.md', folder: false }),
    );
    expect(kindOf(await restorePost(root, deleted.id))).toBe('outsideFolder');
    expect(await readdir(outside)).toEqual(['secret.md']);
    await writeFile(record, '{"entry": 1}');
    expect(kindOf(await restorePost(root, deleted.id))).toBe('unreadable');
  });

  test('refuses what is outside, missing or not a post, moving nothing', async () => {
    await put({ 'postwright.config.yml': 'fields: []\n' });
    await symlink(join(outside, 'secret.md'), join(root, 'secret.md'));
    expect(kindOf(await deletePost(root, 'secret.md'))).toBe('outsideFolder');
    expect(kindOf(await deletePost(root, '../outside/secret.md'))).toBe('outsideFolder');
    expect(kindOf(await deletePost(root, join(outside, 'secret.md')))).toBe('outsideFolder');
    expect(kindOf(await deletePost(root, 'postwright.config.yml'))).toBe('invalidArgument');
    expect(kindOf(await deletePost(root, 'missing.md'))).toBe('notFound');
    expect((await readdir(root)).sort()).toEqual(['postwright.config.yml', 'secret.md']);
  });

  test('refuses a trash folder that leads outside', async () => {
    await put({ 'a.md': post('A') });
    await symlink(outside, join(root, '.postwright'));
    expect(kindOf(await deletePost(root, 'a.md'))).toBe('outsideFolder');
    expect(await readdir(outside)).toEqual(['secret.md']);
    expect(await read('a.md')).toBe(post('A'));
  });

  test('reports a trash it cannot write to, leaving the post', async () => {
    if (process.getuid?.() === 0) return; // root ignores permissions
    await put({ 'a.md': post('A'), '.postwright/trash/.gitignore': '*\n' });
    await chmod(join(root, '.postwright', 'trash'), 0o500);
    try {
      expect(kindOf(await deletePost(root, 'a.md'))).toBe('writeFailed');
      expect(await read('a.md')).toBe(post('A'));
    } finally {
      await chmod(join(root, '.postwright', 'trash'), 0o700);
    }
  });

  test('finishDelete hands the post on to the system trash and clears its place', async () => {
    await put({ 'a.md': post('A'), 'trip/index.md': post('Trip') });
    const file = valueOf(await deletePost(root, 'a.md', at));
    const bundle = valueOf(await deletePost(root, 'trip/index.md', at));
    expect(await pendingDeletions(root)).toEqual([file.id, bundle.id].sort());
    expect(valueOf(await finishDelete(root, file.id, recordingTrash))).toBe(null);
    expect(valueOf(await finishDelete(root, bundle.id, recordingTrash))).toBe(null);
    expect(trashed).toEqual([
      join(root, folderTrash, file.id, 'a.md'),
      join(root, folderTrash, bundle.id, 'trip'),
    ]);
    expect(await pendingDeletions(root)).toEqual([]);
    // Too late to undo now.
    expect(kindOf(await restorePost(root, file.id))).toBe('notFound');
  });

  test('finishDelete keeps the post when the system trash refuses it', async () => {
    await put({ 'a.md': post('A') });
    const deleted = valueOf(await deletePost(root, 'a.md', at));
    const refusing: Trash = () => Promise.resolve(fail('writeFailed', 'no trash here'));
    expect(kindOf(await finishDelete(root, deleted.id, refusing))).toBe('writeFailed');
    expect(valueOf(await restorePost(root, deleted.id))).toBe('a.md');
    expect(await read('a.md')).toBe(post('A'));
  });
});
