import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { PostFile, PostSummary, SaveOutcome } from '../../shared/api';
import { parsePost } from '../../shared/document';
import type { PostDocument } from '../../shared/document';
import { isPublished } from '../../shared/schema';
import type { Schema } from '../../shared/schema';
import { imageRefs, validatePost } from '../../shared/validate';
import type { Problem } from '../../shared/validate';
import { collectImageChecks, loadConfig } from './config';
import { fail, ok } from '../../shared/result';
import type { Result } from '../../shared/result';
import { resolveInside } from './paths';
import { splitPost } from './post-file';
import { decodePost } from './decode-post';
import { buildFolderIndex } from './folder-index';
import { descriptionOf } from './index-entry';
import type { FolderIndex, IndexOptions } from './folder-index';
import { scanPostFiles } from './scan';

export { decodePost } from './decode-post';
export {
  refitFolderIndex,
  saveFolderIndex,
  summarizeFile,
  updateFolderIndex,
} from './folder-index';
export type { FolderIndex, IndexOptions } from './folder-index';
export { detailsOf } from './index-entry';
export type { IndexedPost, PostDetails, PostFacts } from './index-entry';

/** A version for what was read: the SHA-256 of the bytes, so equal content means equal version. */
export function versionOf(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function messageOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'it does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'it is not a folder';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** Checks that a posts folder exists and can be listed. */
export async function checkFolder(root: string): Promise<Result<null>> {
  try {
    const info = await stat(root);
    if (!info.isDirectory()) return fail('folderUnreadable', `${root} is not a folder`);
    await readdir(root);
    return ok(null);
  } catch (error) {
    return fail('folderUnreadable', `The posts folder ${root} cannot be read: ${messageOf(error)}`);
  }
}

/**
 * Every post file under `root`, as absolute paths sorted by their path in the folder (see
 * `scanPostFiles` for what is a post and what is skipped).
 */
export async function findPostFiles(root: string): Promise<string[]> {
  return (await scanPostFiles(root)).map((post) => post.file);
}

function stringOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** Summarizes one parsed post for the index, with the checks that need no disk access. */
export function summarize(path: string, doc: PostDocument, schema: Schema): PostSummary {
  const values = doc.values;
  const fileName = path.split('/').pop() ?? path;
  const tags = Array.isArray(values.tags) ? values.tags.map((tag) => String(tag)) : [];
  return {
    path,
    title: stringOf(values.title) || fileName,
    date: stringOf(values.date),
    status: isPublished(values, schema) ? 'published' : 'draft',
    tags,
    category: stringOf(values.category),
    problems: validatePost(doc, schema, { path }),
    featured: values.featured === true,
    // A parsed text alone has no file time.
    modified: 0,
    description: descriptionOf(values),
  };
}

/**
 * Indexes every post in the folder, newest first (then by title), with the folder's schema (its
 * config, plus the keys its posts use). Unreadable files are listed with their problem. With
 * `options.cacheDir`, files unchanged since the last index (same mtime, size and inode) are not
 * read again; see `IndexOptions` for progress and the early listing of a first open.
 */
export async function indexFolder(
  root: string,
  options: IndexOptions = {},
): Promise<Result<FolderIndex>> {
  const folder = await checkFolder(root);
  if (!folder.ok) return folder;
  const config = await loadConfig(root);
  if (!config.ok) return config;
  return ok(await buildFolderIndex(root, config.value, options));
}

/** Indexes every post in the folder (see `indexFolder`). */
export async function listPosts(
  root: string,
  options: IndexOptions = {},
): Promise<Result<PostSummary[]>> {
  const index = await indexFolder(root, options);
  return index.ok ? ok(index.value.posts) : index;
}

/** Every problem of one post's text, including images that do not exist on disk. */
export async function checkPostText(
  root: string,
  schema: Schema,
  path: string,
  text: string,
): Promise<Problem[]> {
  const doc = parsePost(text, splitPost(text));
  const imageExists = await collectImageChecks(root, schema, path, imageRefs(doc, schema));
  return validatePost(doc, schema, { path, imageExists });
}

/** Reads one post by its path relative to the folder. */
export async function readPost(
  root: string,
  path: string,
  /** The root's real path when the caller already has it (see `resolveInside`). */
  realRoot?: string,
): Promise<Result<PostFile>> {
  const resolved = await resolveInside(root, path, realRoot);
  if (!resolved.ok) return resolved;
  try {
    const bytes = await readFile(resolved.value);
    const text = decodePost(bytes);
    if (!text.ok)
      return fail('unreadable', `${path} cannot be opened: ${text.error.message}`, path);
    return ok({ path, text: text.value, version: versionOf(bytes), split: splitPost(text.value) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const kind = code === 'ENOENT' ? 'notFound' : 'unreadable';
    return fail(kind, `${path} cannot be read: ${messageOf(error)}`, path);
  }
}

/** Saves under way, by the path they were asked for (as resolved lexically under the root). */
const asked = new Map<string, Promise<unknown>>();
/** Saves under way, by the file they write (two paths can lead to one file: a case variant). */
const saving = new Map<string, Promise<unknown>>();

/** Runs the tasks queued under one key of `queues` one after another, in the order asked. */
function serialized<T>(
  queues: Map<string, Promise<unknown>>,
  key: string,
  task: () => Promise<T>,
): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(task, task);
  queues.set(key, next);
  void next.finally(() => {
    if (queues.get(key) === next) queues.delete(key);
  });
  return next;
}

/**
 * Saves a post atomically (temp file in the same folder, fsync, rename) if the file on disk is
 * still `baseVersion`. Otherwise returns a `conflict` and writes nothing. Identical text is not
 * written at all.
 */
export function savePost(
  root: string,
  path: string,
  text: string,
  baseVersion: string,
): Promise<Result<SaveOutcome>> {
  // Queued before the path is resolved (which waits on the disk), so saves of one post are
  // carried out in the order they were asked for, whichever resolves first.
  return serialized(asked, resolve(root, path), () => saveResolved(root, path, text, baseVersion));
}

async function saveResolved(
  root: string,
  path: string,
  text: string,
  baseVersion: string,
): Promise<Result<SaveOutcome>> {
  const resolved = await resolveInside(root, path);
  if (!resolved.ok) return resolved;
  const file = resolved.value;
  return serialized(saving, file, async (): Promise<Result<SaveOutcome>> => {
    let current: Buffer | null = null;
    try {
      current = await readFile(file);
    } catch (error) {
      // A post deleted by another program can be saved again; any other read failure is a stop.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        return fail('unreadable', `${path} cannot be read: ${messageOf(error)}`, path);
      }
    }
    if (current !== null && versionOf(current) !== baseVersion) {
      return fail('conflict', `${path} was changed on disk since it was opened`, path);
    }
    const bytes = Buffer.from(text, 'utf8');
    if (current !== null && current.equals(bytes))
      return ok({ version: baseVersion, written: false });
    try {
      await writeFileAtomic(file, bytes, { fsync: true });
    } catch (error) {
      return fail('writeFailed', `${path} could not be saved: ${messageOf(error)}`, path);
    }
    return ok({ version: versionOf(bytes), written: true });
  });
}
