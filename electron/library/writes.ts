import {
  cp,
  link,
  lstat,
  mkdir,
  readdir,
  readFile,
  realpath,
  rename,
  rm,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { slugify } from '../../shared/derive';
import { parsePost, setField } from '../../shared/document';
import type { PostDocument } from '../../shared/document';
import {
  checkTypedName,
  foldName,
  postExtensionOf,
  safeBaseName,
  splitPostName,
  suffixedBaseName,
} from '../../shared/file-names';
import { draftValue, newPostText } from '../../shared/new-post';
import { fail, ok } from '../../shared/result';
import type { Result } from '../../shared/result';
import { isPublished, schemaOrder } from '../../shared/schema';
import type { Schema } from '../../shared/schema';
import { loadConfig } from './config';
import { decodePost } from './decode-post';
import { resolveInside } from './paths';
import { splitPost } from './post-file';

/** Where browser mode puts deleted posts, relative to the posts folder. Dot-folders are never indexed. */
export const folderTrash = '.postwright/trash';

/** What `moveToFolderTrash` says, so the UI can tell the user where the post went. */
export const folderTrashMessage = 'Moved to .postwright/trash in the posts folder';

// Enough for any real folder; a bound so a full folder cannot make us loop forever.
const maxAttempts = 1000;

/** Today's date in the local time zone, as a post writes it: 2024-02-28. */
export function localDate(now = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

function reasonOf(error: unknown): string {
  switch (codeOf(error)) {
    case 'ENOENT':
      return 'it does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EXDEV':
      return 'it is on another disk';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** A post path's `/`-separated segments, without empty and `.` ones. */
function segmentsOf(path: string): string[] {
  return path.split(/[\\/]/).filter((segment) => segment !== '' && segment !== '.');
}

/** The posts folder's real path. */
async function realRootOf(root: string): Promise<Result<string>> {
  try {
    return ok(await realpath(root));
  } catch {
    return fail('folderUnreadable', `The posts folder ${root} cannot be read`);
  }
}

/**
 * The directory entry a post path names. The whole path is checked with `resolveInside` first (so
 * a symlink leading outside is refused); then only its folder is resolved, not the entry itself:
 * renaming or deleting a symlink acts on the link, never on what it points to.
 */
async function entryOf(root: string, path: string): Promise<Result<string>> {
  const inside = await resolveInside(root, path);
  if (!inside.ok) return inside;
  const segments = segmentsOf(path);
  const name = segments.pop() ?? '';
  const folder =
    segments.length > 0 ? await resolveInside(root, segments.join('/')) : await realRootOf(root);
  return folder.ok ? ok(join(folder.value, name)) : folder;
}

/** The names in a folder; a folder that does not exist (yet) has none. */
async function namesIn(folder: string): Promise<string[]> {
  return readdir(folder).catch(() => []);
}

/** Whether `name` is in use in `names`, in any case or normalization, by an entry other than `own`. */
function isTaken(names: readonly string[], name: string, own: string | null = null): boolean {
  const folded = foldName(name);
  return names.some((each) => each !== own && foldName(each) === folded);
}

/** Whether a folder holds a post file other than `except` (as the index would find it). */
async function holdsOtherPosts(folder: string, except: string): Promise<boolean> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(folder, entry.name);
    if (entry.isFile() && full !== except && postExtensionOf(entry.name) !== null) return true;
    if (entry.isDirectory() && (await holdsOtherPosts(full, except))) return true;
  }
  return false;
}

/** A post file to act on: where its entry is, and its page bundle's folder when it is one. */
interface PostEntry {
  /** The post file's entry on disk. */
  readonly file: string;
  /** Its page bundle: the folder's path relative to the root and on disk; null for a plain file. */
  readonly bundle: { readonly path: string; readonly folder: string } | null;
}

/**
 * Finds the post a path names and whether it is a page bundle (`my-post/index.md`): a folder
 * below the root whose index file is its only post. A folder holding other posts is a section,
 * not a bundle: only the index file itself is then renamed, copied or deleted.
 */
async function postEntry(root: string, path: string): Promise<Result<PostEntry>> {
  const file = await entryOf(root, path);
  if (!file.ok) return file;
  if (postExtensionOf(path) === null)
    return fail('invalidArgument', `"${path}" is not a post (.md or .markdown)`, path);
  try {
    const info = await lstat(file.value);
    const isFile = info.isSymbolicLink() ? (await stat(file.value)).isFile() : info.isFile();
    if (!isFile) return fail('invalidArgument', `"${path}" is not a post file`, path);
  } catch (error) {
    const kind = codeOf(error) === 'ENOENT' ? 'notFound' : 'unreadable';
    return fail(kind, `${path} cannot be found: ${reasonOf(error)}`, path);
  }
  const segments = segmentsOf(path);
  const name = segments.pop() ?? '';
  if (segments.length === 0 || splitPostName(name).base.toLowerCase() !== 'index')
    return ok({ file: file.value, bundle: null });
  const folder = await entryOf(root, segments.join('/'));
  if (!folder.ok) return folder;
  // lstat: a folder that is a symlink is not moved (that would break the link); its file is.
  const isFolder = await lstat(folder.value).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!isFolder || (await holdsOtherPosts(folder.value, file.value)))
    return ok({ file: file.value, bundle: null });
  return ok({ file: file.value, bundle: { path: segments.join('/'), folder: folder.value } });
}

/**
 * Creates a post from the schema's defaults in `folder` (relative to the posts folder, '' for the
 * top), named after the title's slug made safe for every file system; a name in use, even in
 * another case, gets `-2`, `-3` ... Never overwrites. Returns the new post's path.
 */
export async function createPost(
  root: string,
  schema: Schema,
  title: string,
  folder = '',
  today = localDate(),
): Promise<Result<string>> {
  if (title.trim() === '') return fail('invalidArgument', 'A new post needs a title');
  const text = newPostText(schema, title.trim(), today);
  if (!text.ok) return text;
  const base = safeBaseName(slugify(title));
  const where = folder === '' ? await realRootOf(root) : await resolveInside(root, folder);
  if (!where.ok) return where;
  const names = await namesIn(where.value);
  for (let n = 1; n <= maxAttempts; n++) {
    const name = `${n === 1 ? base : suffixedBaseName(base, `-${n}`)}.md`;
    if (isTaken(names, name)) continue;
    const path = [folder, name].filter(Boolean).join('/');
    const target = await resolveInside(root, path);
    if (!target.ok) return target;
    try {
      await writeFile(target.value, text.value, { flag: 'wx' });
      return ok(path);
    } catch (error) {
      if (codeOf(error) === 'EEXIST') continue;
      return fail('writeFailed', `${path} could not be created: ${reasonOf(error)}`, path);
    }
  }
  return fail('alreadyExists', `Too many posts are already named ${base}`);
}

/** Creates a post at the top of the folder with the folder's schema (its config, or the default). */
export async function createPostInFolder(root: string, title: string): Promise<Result<string>> {
  const config = await loadConfig(root);
  if (!config.ok) return config;
  return createPost(root, config.value.schema, title);
}

/**
 * Moves an entry to a name nobody has, without ever replacing one: a hard link fails if the name
 * exists (then the old name goes); where links are not supported, and for folders, the name is
 * checked just before the rename.
 */
export async function moveWithoutReplacing(
  from: string,
  to: string,
  isFolder: boolean,
): Promise<void> {
  if (!isFolder) {
    try {
      await link(from, to);
      await unlink(from);
      return;
    } catch (error) {
      if (codeOf(error) === 'EEXIST') throw error;
      // EPERM, ENOTSUP, EXDEV ...: file systems without hard links (FAT, some network shares).
    }
  }
  const exists = await lstat(to).then(
    () => true,
    () => false,
  );
  if (exists) throw Object.assign(new Error(`${to} exists`), { code: 'EEXIST' });
  await rename(from, to);
}

/**
 * Renames a post. `newName` is a file name (kept in the post's folder) or a path relative to the
 * posts folder (`drafts/new-name.md`, folders made as needed); `.md` is added when it has no post
 * extension. A page bundle (`my-post/index.md`) renames its folder instead. Refused, with nothing
 * changed: names that are unsafe on some system, paths outside the folder, and names in use,
 * including case-only variants (`Post.md` beside `post.md`), which clash on macOS and Windows.
 * Returns the post's new path.
 */
export async function renamePost(
  root: string,
  path: string,
  newName: string,
): Promise<Result<string>> {
  const found = await postEntry(root, path);
  if (!found.ok) return found;
  const { file, bundle } = found.value;
  const typed = newName.trim();
  if (typed.startsWith('/') || typed.startsWith('\\') || /^[a-zA-Z]:/.test(typed))
    return fail('outsideFolder', `"${newName}" is not inside the posts folder`, path);
  const segments = segmentsOf(typed);
  if (segments.includes('..'))
    return fail('outsideFolder', `"${newName}" is not inside the posts folder`, path);
  const last = segments.pop();
  if (last === undefined) return fail('invalidArgument', 'Give the post a new name', path);
  for (const folder of segments) {
    const checked = checkTypedName(folder, '', true);
    if (checked.problem !== null) return fail('invalidArgument', checked.problem, path);
  }
  const fromName = bundle === null ? basename(file) : basename(bundle.folder);
  const ext = bundle === null ? (postExtensionOf(fromName) ?? '.md') : '';
  // A bundle's folder has no extension; "my-post.md" typed for it means the folder my-post.
  const checked =
    bundle === null
      ? checkTypedName(last, ext)
      : checkTypedName(splitPostName(last).base, '', true);
  if (checked.problem !== null) return fail('invalidArgument', checked.problem, path);

  const fromPath = bundle?.path ?? segmentsOf(path).join('/');
  const fromFolder = segmentsOf(fromPath).slice(0, -1);
  const toPath = [...(segments.length > 0 ? segments : fromFolder), checked.name].join('/');
  const postPath = (item: string): string => (bundle === null ? item : `${item}/${basename(file)}`);
  if (toPath === fromPath) return ok(postPath(fromPath));
  const target = await resolveInside(root, toPath);
  if (!target.ok) return target;
  const from = bundle?.folder ?? file;
  const sameFolder = dirname(target.value) === dirname(from);
  const names = await namesIn(dirname(target.value));
  if (isTaken(names, checked.name, sameFolder ? fromName : null))
    return fail('alreadyExists', `A post or file named ${checked.name} is already there`, path);
  const caseOnly = sameFolder && foldName(checked.name) === foldName(fromName);
  try {
    await mkdir(dirname(target.value), { recursive: true });
    // A case-only change of one's own name: the hard link would find "itself" on macOS/Windows.
    if (caseOnly) await rename(from, target.value);
    else await moveWithoutReplacing(from, target.value, bundle !== null);
  } catch (error) {
    if (codeOf(error) === 'EEXIST' || codeOf(error) === 'ENOTEMPTY')
      return fail('alreadyExists', `A post or file named ${checked.name} is already there`, path);
    return fail('writeFailed', `${path} could not be renamed: ${reasonOf(error)}`, path);
  }
  return ok(postPath(toPath));
}

/**
 * A copy's text: the title gets " (copy)" so the two can be told apart in the list, and a
 * published post becomes a draft so the copy is never published by accident. Each change touches
 * only its field; front matter that cannot be edited that way (TOML, YAML with errors) is copied
 * as it is.
 */
function copyText(text: string, schema: Schema): string {
  let doc: PostDocument = parsePost(text, splitPost(text));
  const order = schemaOrder(schema);
  const title = doc.values.title;
  if (typeof title === 'string' && title !== '') {
    const next = setField(doc, 'title', `${title} (copy)`, order);
    if (!next.ok) return text;
    doc = next.value;
  }
  if (isPublished(doc.values, schema)) {
    const next = setField(doc, schema.status.field, draftValue(schema), order);
    if (!next.ok) return text;
    doc = next.value;
  }
  return doc.text;
}

/**
 * Copies a post beside it as `name-copy.md` (then `name-copy-2.md` ...; a page bundle's whole
 * folder as `name-copy/`), titled "… (copy)" and a draft. Never overwrites. Returns the copy's path.
 */
export async function duplicatePost(root: string, path: string): Promise<Result<string>> {
  const found = await postEntry(root, path);
  if (!found.ok) return found;
  const { file, bundle } = found.value;
  const source = await resolveInside(root, path);
  if (!source.ok) return source;
  let text: string;
  try {
    const decoded = decodePost(await readFile(source.value));
    if (!decoded.ok)
      return fail('unreadable', `${path} cannot be copied: ${decoded.error.message}`, path);
    text = decoded.value;
  } catch (error) {
    return fail('unreadable', `${path} cannot be read: ${reasonOf(error)}`, path);
  }
  const config = await loadConfig(root);
  if (!config.ok) return config;
  const copied = copyText(text, config.value.schema);

  const fromPath = bundle?.path ?? segmentsOf(path).join('/');
  const folder = segmentsOf(fromPath).slice(0, -1);
  const fromName = basename(bundle?.folder ?? file);
  const { base, ext } = bundle === null ? splitPostName(fromName) : { base: fromName, ext: '' };
  const names = await namesIn(dirname(bundle?.folder ?? file));
  for (let n = 1; n <= maxAttempts; n++) {
    const name = `${suffixedBaseName(base, n === 1 ? '-copy' : `-copy-${n}`)}${ext}`;
    if (isTaken(names, name)) continue;
    const copyPath = [...folder, name].join('/');
    const target = await resolveInside(root, copyPath);
    if (!target.ok) return target;
    try {
      if (bundle === null) {
        await writeFile(target.value, copied, { flag: 'wx' });
        return ok(copyPath);
      }
      // Claiming the folder first is what makes two copies at once get different names.
      await mkdir(target.value);
    } catch (error) {
      if (codeOf(error) === 'EEXIST') continue;
      return fail('writeFailed', `${path} could not be copied: ${reasonOf(error)}`, path);
    }
    try {
      // Links inside the bundle are copied as links, so nothing they point to is read.
      await cp(bundle.folder, target.value, { recursive: true, verbatimSymlinks: true });
      await writeFile(join(target.value, basename(file)), copied);
      return ok(`${copyPath}/${basename(file)}`);
    } catch (error) {
      await rm(target.value, { recursive: true, force: true });
      return fail('writeFailed', `${path} could not be copied: ${reasonOf(error)}`, path);
    }
  }
  return fail('alreadyExists', `Too many copies of ${fromName} already exist`, path);
}

/** Moves something to the system trash; resolves to what to tell the user ("Moved to the Trash"). */
export type Trash = (absolutePath: string, root: string) => Promise<Result<string>>;

/** A post that `deletePost` put aside, so that `restorePost` can put it back. */
export interface DeletedPost {
  /** Names the deletion for `restorePost` and `finishDelete`: a folder in the folder's trash. */
  readonly id: string;
  /** The deleted post's path (`trip/index.md` for a bundle), where a restore puts it back. */
  readonly path: string;
}

/** The file in a deletion's folder that says where its entry came from. */
const recordName = '.postwright-deleted.json';

/** What `recordName` holds. */
interface DeletionRecord {
  /** The entry that moved (the post file, or a bundle's folder), relative to the posts folder. */
  readonly entry: string;
  /** The post's own path, for the list. */
  readonly post: string;
  /** Whether the entry is a folder (a page bundle). */
  readonly folder: boolean;
}

// Ids are made by `deletePost`: a time stamp and random hex, so nothing else is accepted.
const deletionIdPattern = /^[0-9]{4}-[0-9T-]{10,30}Z-[0-9a-f]{8}$/;

/** `2024-05-03T10-20-30-123Z`: sortable, and free of the colons Windows refuses in names. */
function stampOf(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/** The record of a deletion, if the file holds a valid one. */
function readRecord(text: string): DeletionRecord | null {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const { entry, post, folder } = value as Record<string, unknown>;
    if (typeof entry !== 'string' || typeof post !== 'string' || typeof folder !== 'boolean')
      return null;
    return { entry, post, folder };
  } catch {
    return null;
  }
}

/** The folder of a deletion inside the folder's trash, after checking the id. */
async function deletionFolder(root: string, id: string): Promise<Result<string>> {
  if (!deletionIdPattern.test(id))
    return fail('invalidArgument', `"${id}" does not name a deleted post`);
  return resolveInside(root, `${folderTrash}/${id}`);
}

/**
 * Deletes a post so that it can be undone: the file, or a page bundle's whole folder, moves into
 * `.postwright/trash/<id>/` in the posts folder (the same disk, so a rename: bytes, dates and a
 * bundle's images stay as they were), beside a record of where it was. The index skips
 * dot-folders, so the post leaves the list; a `.gitignore` keeps the trash out of the user's
 * commits. `restorePost` puts it back; `finishDelete` hands it on to the system trash.
 */
export async function deletePost(
  root: string,
  path: string,
  now = new Date(),
): Promise<Result<DeletedPost>> {
  const found = await postEntry(root, path);
  if (!found.ok) return found;
  const { file, bundle } = found.value;
  const entry = bundle?.folder ?? file;
  const entryPath = bundle?.path ?? segmentsOf(path).join('/');
  const post = segmentsOf(path).join('/');
  const trash = await resolveInside(root, folderTrash);
  if (!trash.ok) return trash;
  const id = `${stampOf(now)}-${randomBytes(4).toString('hex')}`;
  const holder = join(trash.value, id);
  const record: DeletionRecord = { entry: entryPath, post, folder: bundle !== null };
  try {
    await mkdir(trash.value, { recursive: true });
    await writeFile(join(trash.value, '.gitignore'), '*\n', { flag: 'wx' }).catch(
      (error: unknown) => {
        if (codeOf(error) !== 'EEXIST') throw error;
      },
    );
    // A new folder of our own: a second delete can never land in it.
    await mkdir(holder);
    await writeFile(join(holder, recordName), `${JSON.stringify(record)}\n`, { flag: 'wx' });
  } catch (error) {
    await rm(holder, { recursive: true, force: true });
    return fail('writeFailed', `${path} could not be deleted: ${reasonOf(error)}`, path);
  }
  try {
    await moveWithoutReplacing(entry, join(holder, basename(entry)), bundle !== null);
  } catch (error) {
    await rm(holder, { recursive: true, force: true });
    return fail('writeFailed', `${path} could not be deleted: ${reasonOf(error)}`, path);
  }
  return ok({ id, path: post });
}

/**
 * Undoes `deletePost`: moves the post (a bundle with its folder) back to exactly where it was,
 * making its folder again if that went meanwhile. Never replaces anything: when another file took
 * the name since (in any case), it says so and the deleted post stays in `.postwright/trash/<id>`.
 * Resolves to the post's path.
 */
export async function restorePost(root: string, id: string): Promise<Result<string>> {
  const holder = await deletionFolder(root, id);
  if (!holder.ok) return holder;
  const text = await readFile(join(holder.value, recordName), 'utf8').catch(() => null);
  if (text === null)
    return fail(
      'notFound',
      'The deleted post is no longer in the folder’s trash, so it cannot be put back',
    );
  const record = readRecord(text);
  if (record === null) return fail('unreadable', `The record of ${folderTrash}/${id} is damaged`);
  const name = basename(record.entry);
  const from = join(holder.value, name);
  const present = await lstat(from).then(
    () => true,
    () => false,
  );
  if (!present)
    return fail(
      'notFound',
      `${record.post} is no longer in the folder’s trash, so it cannot be put back`,
    );
  const target = await entryOf(root, record.entry);
  if (!target.ok) return target;
  const kept = `it is kept in ${folderTrash}/${id}`;
  const names = await namesIn(dirname(target.value));
  if (isTaken(names, name))
    return fail(
      'alreadyExists',
      `${record.entry} was not put back: another file has taken its name since; ${kept}`,
      record.post,
    );
  try {
    await mkdir(dirname(target.value), { recursive: true });
    await moveWithoutReplacing(from, target.value, record.folder);
  } catch (error) {
    if (codeOf(error) === 'EEXIST' || codeOf(error) === 'ENOTEMPTY')
      return fail(
        'alreadyExists',
        `${record.entry} was not put back: another file has taken its name since; ${kept}`,
        record.post,
      );
    return fail('writeFailed', `${record.post} could not be put back: ${reasonOf(error)}; ${kept}`);
  }
  await rm(holder.value, { recursive: true, force: true });
  return ok(record.post);
}

/**
 * Ends a deletion's chance of undo on a host with a system trash: hands the post over to it, then
 * drops the deletion's folder. When the system trash refuses, the post stays in the folder's
 * trash (nothing is lost) and the refusal is returned.
 */
export async function finishDelete(root: string, id: string, trash: Trash): Promise<Result<null>> {
  const holder = await deletionFolder(root, id);
  if (!holder.ok) return holder;
  const text = await readFile(join(holder.value, recordName), 'utf8').catch(() => null);
  const record = text === null ? null : readRecord(text);
  // Restored meanwhile, or not ours: nothing to do.
  if (record === null) return ok(null);
  const entry = join(holder.value, basename(record.entry));
  const present = await lstat(entry).then(
    () => true,
    () => false,
  );
  if (present) {
    const moved = await trash(entry, root);
    if (!moved.ok) return moved;
  }
  await rm(holder.value, { recursive: true, force: true });
  return ok(null);
}

/** The deletions in the folder's trash not yet handed on to the system trash (crash leftovers). */
export async function pendingDeletions(root: string): Promise<string[]> {
  const trash = await resolveInside(root, folderTrash);
  if (!trash.ok) return [];
  return (await namesIn(trash.value)).filter((name) => deletionIdPattern.test(name)).sort();
}
