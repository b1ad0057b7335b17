import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { PostFile, PostSummary, SaveOutcome } from '../../shared/api';
import { parsePost } from '../../shared/document';
import type { PostDocument } from '../../shared/document';
import { inferFields, isPublished } from '../../shared/schema';
import type { Schema } from '../../shared/schema';
import { imageRefs, validatePost } from '../../shared/validate';
import type { Problem } from '../../shared/validate';
import { collectImageChecks, loadConfig } from './config';
import type { LoadedConfig } from './config';
import { fail, ok } from '../../shared/result';
import type { Result } from '../../shared/result';
import { resolveInside, toPostPath } from './paths';
import { splitPost } from './post-file';

const postExtensions = ['.md', '.markdown'];

/** A file or folder name the scan never enters or lists. */
function isSkipped(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

function isPostName(name: string): boolean {
  const lower = name.toLowerCase();
  return postExtensions.some((ext) => lower.endsWith(ext));
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes a post file's bytes as UTF-8, keeping a BOM as text so saving gives it back. Anything
 * that is not UTF-8 text is refused rather than decoded lossily, so a save can never corrupt it.
 */
export function decodePost(bytes: Uint8Array): Result<string> {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail('unreadable', 'the file is saved as UTF-16; Postwright reads UTF-8 text only');
  }
  if (bytes.includes(0))
    return fail('unreadable', 'the file contains NUL bytes: it looks binary, not text');
  try {
    return ok(utf8.decode(bytes));
  } catch {
    return fail('unreadable', 'the file is not valid UTF-8 text');
  }
}

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

/** Every post file under `root` (recursively; skips dot-folders and node_modules), as absolute paths. */
export async function findPostFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    // An unreadable subfolder is left out rather than failing the whole index.
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (isSkipped(entry.name)) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && isPostName(entry.name)) found.push(full);
    }
  };
  await walk(root);
  return found;
}

function stringOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** A post that cannot be read at all: listed with the reason, so it is never silently missing. */
function unreadableSummary(path: string, message: string): PostSummary {
  const problem: Problem = {
    path,
    line: 1,
    column: 1,
    field: null,
    severity: 'error',
    rule: 'front-matter',
    message: `The file cannot be read: ${message}`,
  };
  return {
    path,
    title: path,
    date: '',
    status: 'draft',
    tags: [],
    category: '',
    problems: [problem],
  };
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
  };
}

/** The folder's posts, parsed, and the schema fitted to them. */
export interface FolderIndex {
  readonly posts: PostSummary[];
  readonly schema: Schema;
  readonly config: LoadedConfig;
  /** Each readable post's front matter values, by path (what `inferFields` fits the schema to). */
  readonly values: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
}

/**
 * Indexes every post in the folder, newest first (then by title), with the folder's schema (its
 * config, plus the keys its posts use). Unreadable files are listed with their problem.
 */
export async function indexFolder(root: string): Promise<Result<FolderIndex>> {
  const folder = await checkFolder(root);
  if (!folder.ok) return folder;
  const config = await loadConfig(root);
  if (!config.ok) return config;
  const files = await findPostFiles(root);
  const read = await Promise.all(
    files.map(async (file): Promise<{ path: string; doc: PostDocument } | PostSummary> => {
      const path = toPostPath(root, file);
      try {
        const text = decodePost(await readFile(file));
        if (!text.ok) return unreadableSummary(path, text.error.message);
        return { path, doc: parsePost(text.value, splitPost(text.value)) };
      } catch (error) {
        return unreadableSummary(path, messageOf(error));
      }
    }),
  );
  const parsed = read.filter(
    (entry): entry is { path: string; doc: PostDocument } => 'doc' in entry,
  );
  const schema = inferFields(
    config.value.schema,
    parsed.map((entry) => entry.doc.values),
  );
  const posts = read.map((entry) =>
    'doc' in entry ? summarize(entry.path, entry.doc, schema) : entry,
  );
  posts.sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title));
  const values = new Map(parsed.map((entry) => [entry.path, entry.doc.values]));
  return ok({ posts, schema, config: config.value, values });
}

/** Indexes every post in the folder (see `indexFolder`). */
export async function listPosts(root: string): Promise<Result<PostSummary[]>> {
  const index = await indexFolder(root);
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
export async function readPost(root: string, path: string): Promise<Result<PostFile>> {
  const resolved = await resolveInside(root, path);
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

const saving = new Map<string, Promise<unknown>>();

/** Runs saves of one file one after another. */
function serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = saving.get(key) ?? Promise.resolve();
  const next = previous.then(task, task);
  saving.set(key, next);
  void next.finally(() => {
    if (saving.get(key) === next) saving.delete(key);
  });
  return next;
}

/**
 * Saves a post atomically (temp file in the same folder, fsync, rename) if the file on disk is
 * still `baseVersion`. Otherwise returns a `conflict` and writes nothing. Identical text is not
 * written at all.
 */
export async function savePost(
  root: string,
  path: string,
  text: string,
  baseVersion: string,
): Promise<Result<SaveOutcome>> {
  const resolved = await resolveInside(root, path);
  if (!resolved.ok) return resolved;
  const file = resolved.value;
  return serialized(file, async (): Promise<Result<SaveOutcome>> => {
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
