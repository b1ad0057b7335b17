import type { PostSplit, PostSummary } from '../../shared/api';
import { bodyStats, forgetLastParse } from '../../shared/derive';
import type { ReadingTime } from '../../shared/derive';
import { parsePost } from '../../shared/document';
import type { DocumentProblem, PostDocument } from '../../shared/document';
import { isPublished } from '../../shared/schema';
import type { Schema } from '../../shared/schema';
import { bodyCheckLimit, mergeProblems, validateBody, validateFields } from '../../shared/validate';
import type { Problem } from '../../shared/validate';
import { decodePost, wholeCharacters } from './decode-post';
import { splitPost } from './post-file';
import type { FileRead, FileReader, FileStamp, FoundPost, HeadRead } from './scan';

/** What the body checks found in one post. None of it depends on the schema. */
export interface BodyFacts {
  /** Body problems (sections, TODOs, assistant residue, too large), in file order. */
  readonly problems: readonly Problem[];
  /** Words a reader reads (`wordCount`); null when the body is too large to check. */
  readonly words: number | null;
  /** For computed reading-time fields; null when the body is too large to check. */
  readonly readingTime: ReadingTime | null;
}

/**
 * What the index keeps of one post file so it never reads it again while it is unchanged:
 * everything the checks need that does not depend on the schema. Field problems and the summary
 * are derived from these for whatever schema the folder has (see `indexPost`).
 */
export interface PostFacts {
  readonly path: string;
  readonly stamp: FileStamp;
  /** Why the file cannot be read (binary, not UTF-8, permission denied), or null. */
  readonly unreadable: string | null;
  readonly values: Readonly<Record<string, unknown>>;
  /**
   * Where each top-level key is, flat: `[key, line, column, key, line, column ...]` (1-based
   * file lines). Flat because ten thousand posts' worth of small objects is most of the work of
   * loading the cache, and only a schema change needs them.
   */
  readonly keys: readonly (string | number)[];
  /** Front matter that does not parse. */
  readonly problem: DocumentProblem | null;
  /** 1-based file line where the body starts. */
  readonly bodyLine: number;
  /** Null when only the front matter has been read so far (the first pass of a cold index). */
  readonly body: BodyFacts | null;
  /**
   * The stamp will change with the next write: the file was last written well before it was read.
   * A file written moments before (or dated in the future) could be written again within the same
   * mtime tick, same size, unseen by its stamp, so it is not cached (git calls this racily clean).
   */
  readonly settled: boolean;
}

/**
 * How long before a read a file must have been written for its stamp to be trusted: the coarsest
 * mtime resolution in use (FAT and exFAT keep two seconds).
 */
export const racyWindowMs = 2000;

/** Whether a file with this stamp, read from `readAt` (ms since the epoch) on, is settled. */
export function isSettled(stamp: FileStamp, readAt: number): boolean {
  return stamp.mtimeMs < readAt - racyWindowMs;
}

const noBody: BodyFacts = { problems: [], words: null, readingTime: null };

/** The stamp of a file known only from its first bytes, or not read at all: all zero. */
export const unknownStamp: FileStamp = { mtimeMs: 0, size: 0, ino: 0 };

/** Facts of a file that cannot be read or decoded: listed with the reason, never silently missing. */
export function unreadableFacts(path: string, stamp: FileStamp, message: string): PostFacts {
  return {
    path,
    stamp,
    unreadable: message,
    values: {},
    keys: [],
    problem: null,
    bodyLine: 1,
    body: noBody,
    // A file that could not be read is tried again next time (permissions change no mtime).
    settled: false,
  };
}

/**
 * `splitPost` on as little of the text as decides it. Its delimiter scan and gray-matter's block
 * split cost time and memory in proportion to the text (gray-matter copies it into a Buffer), yet
 * the split is decided by the first line when there is no block, or by the block through the
 * line ending of its closing line: `splitPost` of that start gives the offsets, format and error
 * of the whole text (only `eol`, which the index does not use, is counted over the start alone).
 * Null when `text` is only the start of a file (`complete` false) and does not decide it.
 */
export function splitFront(text: string, complete: boolean): PostSplit | null {
  for (let size = 1024; size < text.length || !complete; size *= 4) {
    const head = text.slice(0, size);
    const split = splitPost(head);
    if (split.error === null) {
      if (split.format === 'none' ? head.includes('\n') : head[split.bodyStart - 1] === '\n')
        return split;
    }
    // An error (a block never closed, an unknown language) is for the whole text to decide.
    if (split.error !== null || size >= text.length) break;
  }
  return complete ? splitPost(text) : null;
}

/**
 * Facts of a whole post file's text, as computed: values, keys and messages are mostly slices of
 * `text` and keep all of it alive. Only for handing across a thread (a message copies them); keep
 * what `factsFromText` gives.
 */
export function attachedFactsFromText(
  path: string,
  text: string,
  stamp: FileStamp,
  settled: boolean,
): PostFacts {
  const doc = parsePost(text, splitFront(text, true) ?? splitPost(text));
  return {
    path,
    stamp,
    unreadable: null,
    values: doc.values,
    keys: flatKeys(doc.keys),
    problem: doc.problem,
    bodyLine: doc.bodyLine,
    body: bodyFactsOf(path, doc.body, doc.bodyLine),
    settled,
  };
}

/** The body checks and word count of a post's body, which starts on file line `bodyLine`. */
function bodyFactsOf(path: string, body: string, bodyLine: number): BodyFacts {
  // validateBody and bodyStats share one Markdown parse (markdownTokens keeps the last one).
  const problems = validateBody({ body, bodyLine }, { path });
  const stats = body.length > bodyCheckLimit ? null : bodyStats(body);
  forgetLastParse();
  return { problems, words: stats?.words ?? null, readingTime: stats?.readingTime ?? null };
}

/**
 * Facts whose strings are slices of a file's text, detached from it: a slice keeps its whole text
 * alive, and ten thousand posts would hold every file in memory. A structured clone copies.
 */
function detached(facts: PostFacts): PostFacts {
  if (facts.unreadable !== null) return facts;
  const kept = structuredClone({
    values: facts.values,
    keys: facts.keys,
    problem: facts.problem,
    problems: facts.body?.problems ?? [],
  });
  return keptFacts({
    ...facts,
    values: kept.values,
    keys: kept.keys,
    problem: kept.problem,
    body: facts.body === null ? null : { ...facts.body, problems: kept.problems },
  });
}

/**
 * Facts as the index keeps them, from facts whose strings are copies already (a message from
 * another thread, a structured clone): each key name is the values' own property name.
 */
export function keptFacts(copied: PostFacts): PostFacts {
  return copied.unreadable !== null
    ? copied
    : { ...copied, keys: sharedKeyNames(copied.keys, copied.values) };
}

/** Facts of a whole post file's text: front matter, body checks and word count. */
export function factsFromText(
  path: string,
  text: string,
  stamp: FileStamp,
  settled: boolean,
): PostFacts {
  return detached(attachedFactsFromText(path, text, stamp, settled));
}

function flatKeys(keys: PostDocument['keys']): (string | number)[] {
  // A plain loop: flatMap's array per key is measurable over ten thousand posts.
  const flat: (string | number)[] = [];
  for (const { key, line, column } of keys) flat.push(key, line, column);
  return flat;
}

/**
 * The flat keys with each name taken from the values' own property names, which every post with
 * the same keys shares, rather than one more copy of `title` per post.
 */
function sharedKeyNames(
  keys: readonly (string | number)[],
  values: Readonly<Record<string, unknown>>,
): readonly (string | number)[] {
  const names = new Map(Object.keys(values).map((name) => [name, name]));
  return keys.map((item) => (typeof item === 'string' ? (names.get(item) ?? item) : item));
}

/** Facts of a whole file as read from disk, the read having started at `readAt`. */
export function factsFromRead(path: string, read: FileRead, readAt: number): PostFacts {
  const text = decodePost(read.bytes);
  if (!text.ok) return unreadableFacts(path, read.stamp, text.error.message);
  return factsFromText(path, text.value, read.stamp, isSettled(read.stamp, readAt));
}

/** Why a file could not be read, in words for its problem. */
export function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Facts of a file read whole, or null when it is gone; a file that cannot be read gets facts
 * saying why. `toFacts` is `factsFromRead` unless a worker thread passes its own.
 */
export function readFacts(
  reader: FileReader,
  post: FoundPost,
  toFacts: (path: string, read: FileRead, readAt: number) => PostFacts = factsFromRead,
): Promise<PostFacts | null> {
  return readWith(reader, post, (read, readAt) => toFacts(post.path, read, readAt));
}

/**
 * What `use` makes of a file read whole, or null when it is gone; a file that cannot be read gets
 * facts saying why.
 */
async function readWith<T>(
  reader: FileReader,
  post: FoundPost,
  use: (read: FileRead, readAt: number) => T,
): Promise<T | PostFacts | null> {
  const readAt = Date.now();
  try {
    return use(await reader.read(post.file), readAt);
  } catch (error) {
    if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') return null;
    return unreadableFacts(post.path, unknownStamp, readFailure(error));
  }
}

/** Early facts of a post (see `factsFromHead`), and the text that decided them. */
export interface HeadFacts {
  readonly facts: PostFacts;
  /**
   * The file's text through the end of its front matter block, which decides the values, the key
   * places and the body line (see `splitFront`): a whole read that starts with it adds only the
   * body's facts (see `laterFactsFromRead`). Null when `facts` are of the whole file already.
   */
  readonly front: string | null;
}

/** What a whole read of a post listed early is checked against: its front, and its body line. */
export interface Front {
  readonly text: string;
  readonly bodyLine: number;
}

/** What a whole read adds to early facts whose front matter it still has. */
export interface LaterFacts {
  readonly stamp: FileStamp;
  readonly settled: boolean;
  readonly body: BodyFacts;
}

/**
 * Front matter facts (see `factsFromHead`) from the first `bytes` of a file, or null when it is
 * gone. When they are not enough the whole file is read (and then checked whole: a second pass
 * can skip it).
 */
export async function readHeadFacts(
  reader: FileReader,
  post: FoundPost,
  bytes: number,
): Promise<HeadFacts | null> {
  try {
    const head = factsFromHead(post.path, await reader.readHead(post.file, bytes));
    if (head !== null) return head;
    const facts = await readFacts(reader, post);
    return facts === null ? null : { facts, front: null };
  } catch (error) {
    if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') return null;
    return { facts: unreadableFacts(post.path, unknownStamp, readFailure(error)), front: null };
  }
}

/**
 * `factsFromRead` for a worker thread: the same facts, still holding slices of the file's text,
 * which the message back to the index's thread copies (see `keptFacts`).
 */
export function attachedFactsFromRead(path: string, read: FileRead, readAt: number): PostFacts {
  const text = decodePost(read.bytes);
  if (!text.ok) return unreadableFacts(path, read.stamp, text.error.message);
  return attachedFactsFromText(path, text.value, read.stamp, isSettled(read.stamp, readAt));
}

/** `factsFromHead` before its facts and front are detached from the text read. */
function attachedFactsFromHead(path: string, read: HeadRead): HeadFacts | null {
  const text = decodePost(read.complete ? read.bytes : wholeCharacters(read.bytes));
  if (!text.ok)
    return { facts: unreadableFacts(path, unknownStamp, text.error.message), front: null };
  const split = splitFront(text.value, read.complete);
  if (split === null) return null;
  const doc = parsePost(text.value, split);
  return {
    facts: {
      path,
      stamp: unknownStamp,
      unreadable: null,
      values: doc.values,
      keys: flatKeys(doc.keys),
      problem: doc.problem,
      bodyLine: doc.bodyLine,
      body: null,
      settled: false,
    },
    front: text.value.slice(0, split.bodyStart),
  };
}

/**
 * The front matter facts of a file (`body` null, stamp unknown) from its first bytes, for the
 * early list, with the text that decided them: the body checks wait, even when the read got the
 * whole file, so the list is not held up by them.
 * Null when the front matter does not end inside what was read (or something about it is
 * unusual), so the caller must read more: the result must be what a whole read would give.
 */
export function factsFromHead(path: string, read: HeadRead): HeadFacts | null {
  const head = attachedFactsFromHead(path, read);
  if (head === null) return null;
  // Both outlive the text read: the facts go on into the complete index (see `withLaterFacts`),
  // the front is kept until the file is read whole. A slice would keep all the bytes read alive.
  const front = head.front === null ? null : head.front.padEnd(head.front.length + 1).slice(0, -1);
  return { facts: detached(head.facts), front };
}

/**
 * What a whole read of a post listed early adds to its early facts (stamp, body checks), when
 * its text still starts with the early read's `front`: the front matter is then parsed once. Null
 * when it does not (the file changed in between) or is not text: its facts are then taken whole.
 * The body facts hold slices of the text (see `detachedLater`).
 */
export function laterFactsFromRead(
  path: string,
  read: FileRead,
  readAt: number,
  front: Front,
): LaterFacts | null {
  const text = decodePost(read.bytes);
  if (!text.ok || !text.value.startsWith(front.text)) return null;
  return {
    stamp: read.stamp,
    settled: isSettled(read.stamp, readAt),
    body: bodyFactsOf(path, text.value.slice(front.text.length), front.bodyLine),
  };
}

/** Later facts detached from the text they were taken from (see `detached`). */
export function detachedLater(later: LaterFacts): LaterFacts {
  return { ...later, body: { ...later.body, problems: structuredClone(later.body.problems) } };
}

/** Early facts (`body` null) completed by what a whole read of the same front matter added. */
export function withLaterFacts(early: PostFacts, later: LaterFacts): PostFacts {
  return { ...early, stamp: later.stamp, settled: later.settled, body: later.body };
}

/** Whether a whole read of a post listed early added to its early facts (else it gave facts). */
export function isLater(read: LaterFacts | PostFacts): read is LaterFacts {
  return !('path' in read);
}

/**
 * A whole read of a post listed early with `front`: what it adds to the early facts
 * (`laterFactsFromRead`), or its facts taken whole by `toFacts` when the front matter changed, or
 * null when it is gone.
 */
export function readLater(
  reader: FileReader,
  post: FoundPost,
  front: Front,
  toFacts: (path: string, read: FileRead, readAt: number) => PostFacts = factsFromRead,
): Promise<LaterFacts | PostFacts | null> {
  return readWith(
    reader,
    post,
    (read, readAt): LaterFacts | PostFacts =>
      laterFactsFromRead(post.path, read, readAt, front) ?? toFacts(post.path, read, readAt),
  );
}

/**
 * Facts of a file read whole, or null when it is gone. For a post listed early (`head` with a
 * front), its early facts completed by the body's when the front matter is unchanged (it is then
 * parsed once), else taken whole.
 */
export async function readWholeFacts(
  reader: FileReader,
  post: FoundPost,
  head?: HeadFacts,
): Promise<PostFacts | null> {
  const front = frontOf(head);
  if (head === undefined || front === undefined) return readFacts(reader, post);
  const read = await readLater(reader, post, front);
  if (read === null || !isLater(read)) return read;
  return withLaterFacts(head.facts, detachedLater(read));
}

/** What a whole read of a post listed early is checked against; undefined when there is nothing to check. */
export function frontOf(head: HeadFacts | undefined): Front | undefined {
  return head?.front == null ? undefined : { text: head.front, bodyLine: head.facts.bodyLine };
}

/** The front matter checks of one post under a schema (an unreadable file: why it cannot be read). */
export function fieldProblemsOf(facts: PostFacts, schema: Schema): Problem[] {
  if (facts.unreadable !== null) {
    return [
      {
        path: facts.path,
        line: 1,
        column: 1,
        field: null,
        severity: 'error',
        rule: 'front-matter',
        message: `The file cannot be read: ${facts.unreadable}`,
      },
    ];
  }
  const readingTime = facts.body?.readingTime ?? null;
  const keys: { key: string; line: number; column: number }[] = [];
  for (let i = 0; i + 2 < facts.keys.length; i += 3) {
    keys.push({
      key: String(facts.keys[i]),
      line: Number(facts.keys[i + 1]),
      column: Number(facts.keys[i + 2]),
    });
  }
  return validateFields({ values: facts.values, keys, problem: facts.problem }, schema, {
    path: facts.path,
    // Before the body is read, computed fields are checked for their kind only.
    readingTimeOf: facts.body === null ? undefined : () => readingTime,
  });
}

/** One post of the index: its facts, its field problems under the folder's schema, its row. */
export interface IndexedPost {
  readonly facts: PostFacts;
  /** The part of `summary.problems` that depends on the schema. */
  readonly fieldProblems: readonly Problem[];
  readonly summary: PostSummary;
}

const noTags: readonly string[] = [];

/** The tags as text; the front matter's own list when it is all text already (ten thousand copies add up). */
function tagsOf(value: unknown): readonly string[] {
  if (!Array.isArray(value)) return noTags;
  return value.every((tag) => typeof tag === 'string')
    ? (value as string[])
    : value.map((tag) => String(tag));
}

function stringOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** The front matter's `description`, else its `excerpt`, else ''. */
export function descriptionOf(values: Readonly<Record<string, unknown>>): string {
  return stringOf(values.description) || stringOf(values.excerpt);
}

/**
 * A post's index row under a schema: the same as `summarize` on the parsed file gives, with
 * `validatePost`'s problems. Pass `fieldProblems` when they are known for this schema already
 * (from the cache) to skip the field checks.
 */
export function indexPost(
  facts: PostFacts,
  schema: Schema,
  fieldProblems: readonly Problem[] = fieldProblemsOf(facts, schema),
): IndexedPost {
  const problems = mergeProblems(fieldProblems, facts.body?.problems ?? []);
  if (facts.unreadable !== null) {
    return {
      facts,
      fieldProblems,
      summary: {
        path: facts.path,
        title: facts.path,
        date: '',
        status: 'draft',
        tags: [],
        category: '',
        problems,
        featured: false,
        modified: facts.stamp.mtimeMs,
        description: '',
      },
    };
  }
  const values = facts.values;
  const fileName = facts.path.split('/').pop() ?? facts.path;
  return {
    facts,
    fieldProblems,
    summary: {
      path: facts.path,
      title: stringOf(values.title) || fileName,
      date: stringOf(values.date),
      status: isPublished(values, schema) ? 'published' : 'draft',
      tags: tagsOf(values.tags),
      category: stringOf(values.category),
      problems,
      featured: values.featured === true,
      modified: facts.stamp.mtimeMs,
      description: descriptionOf(values),
    },
  };
}

/** What the index knows of a post beyond its sidebar row. */
export interface PostDetails {
  /** The front matter says `featured: true`. */
  readonly featured: boolean;
  /** Null while the body has not been read, or when it is too large to count. */
  readonly wordCount: number | null;
  readonly errors: number;
  readonly warnings: number;
  readonly mtimeMs: number;
  readonly size: number;
  /** False until the body checks ran: problems and word count are then front matter only. */
  readonly checked: boolean;
}

/** The details of an indexed post: featured, word count, problem counts, mtime, size. */
export function detailsOf(post: IndexedPost): PostDetails {
  const errors = post.summary.problems.filter((problem) => problem.severity === 'error').length;
  return {
    featured: post.summary.featured,
    wordCount: post.facts.body?.words ?? null,
    errors,
    warnings: post.summary.problems.length - errors,
    mtimeMs: post.facts.stamp.mtimeMs,
    size: post.facts.stamp.size,
    checked: post.facts.body !== null,
  };
}
