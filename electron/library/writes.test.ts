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
import { ok } from '../../shared/result';
import type { Result } from '../../shared/result';
import { defaultSchema } from '../../shared/schema';
import { listPosts } from './library';
import {
  createPost,
  createPostInFolder,
  deletePost,
  duplicatePost,
  folderTrash,
  folderTrashMessage,
  moveToFolderTrash,
  renamePost,
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

describe('deletePost', () => {
  const trashed: string[] = [];
  const recordingTrash: Trash = (path) => {
    trashed.push(path);
    return Promise.resolve(ok('Moved to the trash'));
  };
  beforeEach(() => {
    trashed.length = 0;
  });

  test('hands the file, or a bundle folder, to the trash', async () => {
    await put({ 'a.md': post('A'), 'trip/index.md': post('Trip'), 'trip/p.png': 'png' });
    expect(valueOf(await deletePost(root, 'a.md', recordingTrash))).toBe('Moved to the trash');
    expect(valueOf(await deletePost(root, 'trip/index.md', recordingTrash))).toBe(
      'Moved to the trash',
    );
    expect(trashed).toEqual([join(root, 'a.md'), join(root, 'trip')]);
  });

  test('refuses what is outside, missing or not a post, trashing nothing', async () => {
    await put({ 'postwright.config.yml': 'fields: []\n' });
    await symlink(join(outside, 'secret.md'), join(root, 'secret.md'));
    expect(kindOf(await deletePost(root, 'secret.md', recordingTrash))).toBe('outsideFolder');
    expect(kindOf(await deletePost(root, '../outside/secret.md', recordingTrash))).toBe(
      'outsideFolder',
    );
    expect(kindOf(await deletePost(root, join(outside, 'secret.md'), recordingTrash))).toBe(
      'outsideFolder',
    );
    expect(kindOf(await deletePost(root, 'postwright.config.yml', recordingTrash))).toBe(
      'invalidArgument',
    );
    expect(kindOf(await deletePost(root, 'missing.md', recordingTrash))).toBe('notFound');
    expect(trashed).toEqual([]);
  });

  test("browser mode moves it into .postwright/trash, out of the list and out of git's way", async () => {
    await put({ 'a.md': post('A'), 'keep.md': post('Keep'), 'trip/index.md': post('Trip') });
    const trash: Trash = (path, folder) =>
      moveToFolderTrash(folder, path, new Date('2024-05-03T10:20:30.123Z'));
    expect(valueOf(await deletePost(root, 'a.md', trash))).toBe(folderTrashMessage);
    expect(valueOf(await deletePost(root, 'trip/index.md', trash))).toBe(folderTrashMessage);
    await put({ 'a.md': post('A again') });
    expect(valueOf(await deletePost(root, 'a.md', trash))).toBe(folderTrashMessage);
    expect(await tree(join(root, folderTrash))).toEqual([
      '.gitignore',
      '2024-05-03T10-20-30-123Z-2-a.md',
      '2024-05-03T10-20-30-123Z-a.md',
      '2024-05-03T10-20-30-123Z-trip/index.md',
    ]);
    expect(await readFile(join(root, folderTrash, '2024-05-03T10-20-30-123Z-a.md'), 'utf8')).toBe(
      post('A'),
    );
    expect(valueOf(await listPosts(root)).map((each) => each.path)).toEqual(['keep.md']);
  });

  test('browser mode refuses a trash folder that leads outside', async () => {
    await put({ 'a.md': post('A') });
    await symlink(outside, join(root, '.postwright'));
    const result = await deletePost(root, 'a.md', (path, folder) =>
      moveToFolderTrash(folder, path),
    );
    expect(kindOf(result)).toBe('outsideFolder');
    expect(await readdir(outside)).toEqual(['secret.md']);
    expect(await read('a.md')).toBe(post('A'));
  });

  test('browser mode reports a trash it cannot write to', async () => {
    if (process.getuid?.() === 0) return; // root ignores permissions
    await put({ 'a.md': post('A'), '.postwright/trash/.gitignore': '*\n' });
    await chmod(join(root, '.postwright', 'trash'), 0o500);
    try {
      const result = await deletePost(root, 'a.md', (path, folder) =>
        moveToFolderTrash(folder, path),
      );
      expect(kindOf(result)).toBe('writeFailed');
      expect((await lstat(join(root, 'a.md'))).isFile()).toBe(true);
    } finally {
      await chmod(join(root, '.postwright', 'trash'), 0o700);
    }
  });
});
