import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Schema } from '../../shared/schema';
import type { Problem, Severity } from '../../shared/validate';
import type { BodyFacts, IndexedPost, PostFacts } from './index-entry';

/**
 * Bump when what the cache stores, or how the stored facts are computed (parsing, body checks,
 * word count), changes: every cache file of another version is then ignored and rebuilt.
 */
export const indexFormatVersion = 1;

const formatName = 'postwright-index';

/** The app's version is part of the cache's: a new release may check bodies differently. */
const appVersion = process.env.POSTWRIGHT_VERSION ?? 'dev';

/** One post as the cache gives it back; the cache keeps posts in the order of the index's list. */
export interface CachedPost {
  readonly facts: PostFacts;
  /** Field problems under the cache's `schemaKey`. */
  readonly fieldProblems: readonly Problem[];
}

/** What a cache file held, or why none could be used. */
export interface CachedIndex {
  readonly posts: ReadonlyMap<string, CachedPost>;
  /** The schema the field problems were computed with (see `schemaKeyOf`); null when rejected. */
  readonly schemaKey: string | null;
  /** Why the file was not used (missing, corrupt, another version or folder), or null when it was. */
  readonly rejected: string | null;
}

/** A fingerprint of a schema: equal schemas, equal keys. */
export function schemaKeyOf(schema: Schema): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 32);
}

/** The cache file of a posts folder (given as its real path) in a cache folder. */
export function indexCacheFile(cacheDir: string, realRoot: string): string {
  const name = createHash('sha256').update(realRoot).digest('hex').slice(0, 32);
  return join(cacheDir, `${name}.json`);
}

// The file is `{ rows, strings }` on one line, then a header line (last, so the file can be
// written as it is made: the header carries the checksum of everything before it). Each row is
// one post, as a positional array, which keeps the file small and JSON.parse's work (most of a
// warm open) low:
//   [path, mtimeMs, size, ino, values, keys, frontMatterProblem, bodyLine, words, readingTime,
//    bodyProblems, fieldProblems]
// keys are flat [key, line, column ...]; frontMatterProblem is [line, column, message] or null;
// readingTime is [minutes, text] or null, with text an index into `strings`; problems are flat
// numbers, six per problem: line, column, field (index + 1, 0 for none), severity (0 error,
// 1 warning), rule, message, all strings as indexes into `strings` (a folder's problems repeat a
// few hundred messages; their path is the row's).

interface Header {
  readonly format: string;
  readonly version: number;
  readonly app: string;
  readonly root: string;
  readonly schemaKey: string;
  readonly count: number;
  /** SHA-1 of everything before the header line: a damaged file that still parses is caught too. */
  readonly checksum: string;
}

type Row = unknown[];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isLine = (value: unknown): value is number => isCount(value) && value >= 1;
const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/**
 * True for what JSON gives back unchanged: no NaN, Infinity or -0 (JSON turns them into null or
 * 0), no bigint or undefined. TOML and YAML can say `nan` and `.inf`; such a post is not cached.
 */
function isJsonSafe(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every((item) => isJsonSafe(item, depth + 1));
  if (isObject(value)) {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return false;
    return Object.values(value).every((item) => isJsonSafe(item, depth + 1));
  }
  return false;
}

/** Numbers every string of the file once, in the order first used. */
class StringTable {
  readonly strings: string[] = [];
  private readonly indexes = new Map<string, number>();

  index(text: string): number {
    let index = this.indexes.get(text);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(text);
      this.indexes.set(text, index);
    }
    return index;
  }
}

function problemNumbers(problems: readonly Problem[], table: StringTable): number[] {
  const numbers: number[] = [];
  for (const problem of problems) {
    numbers.push(
      problem.line,
      problem.column,
      problem.field === null ? 0 : table.index(problem.field) + 1,
      problem.severity === 'error' ? 0 : 1,
      table.index(problem.rule),
      table.index(problem.message),
    );
  }
  return numbers;
}

function problemsFrom(
  path: string,
  numbers: unknown,
  strings: readonly string[],
): Problem[] | null {
  if (!Array.isArray(numbers) || numbers.length % 6 !== 0) return null;
  const problems: Problem[] = [];
  for (let i = 0; i < numbers.length; i += 6) {
    const [line, column, field, severity, rule, message] = numbers.slice(i, i + 6) as unknown[];
    if (!isLine(line) || !isLine(column) || !isCount(field) || !isCount(rule)) return null;
    if (!isCount(message) || (severity !== 0 && severity !== 1)) return null;
    const fieldName = field === 0 ? null : strings[field - 1];
    const ruleName = strings[rule];
    const text = strings[message];
    if (fieldName === undefined || ruleName === undefined || text === undefined) return null;
    problems.push({
      path,
      line,
      column,
      field: fieldName,
      severity: (severity === 0 ? 'error' : 'warning') satisfies Severity,
      rule: ruleName as Problem['rule'],
      message: text,
    });
  }
  return problems;
}

function entryRow(post: IndexedPost, table: StringTable): Row | null {
  const { facts } = post;
  const body = facts.body;
  if (body === null || !facts.settled || facts.unreadable !== null) return null;
  if (!isJsonSafe(facts.values)) return null;
  return [
    facts.path,
    facts.stamp.mtimeMs,
    facts.stamp.size,
    facts.stamp.ino,
    facts.values,
    facts.keys,
    facts.problem === null
      ? null
      : [facts.problem.line, facts.problem.column, facts.problem.message],
    facts.bodyLine,
    body.words,
    body.readingTime === null
      ? null
      : [body.readingTime.minutes, table.index(body.readingTime.text)],
    problemNumbers(body.problems, table),
    problemNumbers(post.fieldProblems, table),
  ];
}

function isFlatKeys(keys: unknown): keys is (string | number)[] {
  if (!Array.isArray(keys) || keys.length % 3 !== 0) return false;
  for (let i = 0; i < keys.length; i += 3) {
    if (typeof keys[i] !== 'string' || !isLine(keys[i + 1]) || !isLine(keys[i + 2])) return false;
  }
  return true;
}

function entryFrom(row: unknown, strings: readonly string[]): CachedPost | null {
  if (!Array.isArray(row) || row.length !== 12) return null;
  const [path, mtimeMs, size, ino, values, keys, fmRow, bodyLine, words, timeRow, body, fields] =
    row as unknown[];
  if (typeof path !== 'string' || path === '' || !isTime(mtimeMs) || !isCount(size)) return null;
  if (!isTime(ino) || !isObject(values) || !isFlatKeys(keys) || !isLine(bodyLine)) return null;
  if (!(words === null || isCount(words))) return null;
  let problem: PostFacts['problem'] = null;
  if (fmRow !== null) {
    if (!Array.isArray(fmRow) || fmRow.length !== 3) return null;
    const [line, column, message] = fmRow as unknown[];
    if (!isLine(line) || !isLine(column) || typeof message !== 'string') return null;
    problem = { line, column, message };
  }
  let readingTime: BodyFacts['readingTime'] = null;
  if (timeRow !== null) {
    if (!Array.isArray(timeRow) || timeRow.length !== 2) return null;
    const [minutes, text] = timeRow as unknown[];
    const written = isCount(text) ? strings[text] : undefined;
    if (!isCount(minutes) || written === undefined) return null;
    readingTime = { minutes, text: written };
  }
  const bodyProblems = problemsFrom(path, body, strings);
  const fieldProblems = problemsFrom(path, fields, strings);
  if (bodyProblems === null || fieldProblems === null) return null;
  return {
    facts: {
      path,
      stamp: { mtimeMs, size, ino },
      unreadable: null,
      values,
      keys,
      problem,
      bodyLine,
      body: { problems: bodyProblems, words, readingTime },
      settled: true,
    },
    fieldProblems,
  };
}

function checksumOf(bytes: Uint8Array | string): string {
  // Integrity against damage, not against an attacker (who could rewrite the checksum too): SHA-1
  // is half the time of SHA-256 on a 15 MB file.
  return createHash('sha1').update(bytes).digest('hex');
}

function rejected(reason: string): CachedIndex {
  return { posts: new Map(), schemaKey: null, rejected: reason };
}

function headerFrom(text: string): Header | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(parsed)) return null;
  const { format, version, app, root, schemaKey, count, checksum } = parsed;
  if (typeof format !== 'string' || typeof version !== 'number' || typeof app !== 'string')
    return null;
  if (typeof root !== 'string' || typeof schemaKey !== 'string' || !isCount(count)) return null;
  if (typeof checksum !== 'string') return null;
  return { format, version, app, root, schemaKey, count, checksum };
}

/** The bytes of a posts folder's cache file (see `parseIndexCache`), or null when there is none. */
export async function readIndexCache(cacheDir: string, realRoot: string): Promise<Buffer | null> {
  try {
    return await readFile(indexCacheFile(cacheDir, realRoot));
  } catch {
    return null;
  }
}

/**
 * What a cache file of a posts folder (given as its real path) holds. Never trusts it blindly: a
 * missing, truncated or garbled file, one of another format or app version, one written for
 * another folder, one whose checksum does not match, and one with any malformed entry are all
 * rejected whole (the index is then built from the files). Never fails.
 */
export function parseIndexCache(bytes: Buffer | null, realRoot: string): CachedIndex {
  if (bytes === null) return rejected('missing');
  // The header is the last line; a file cut short has none.
  const newline = bytes.lastIndexOf(0x0a, bytes.length - 2);
  if (newline < 0 || bytes[bytes.length - 1] !== 0x0a) return rejected('no header');
  const header = headerFrom(bytes.toString('utf8', newline + 1, bytes.length - 1));
  if (header === null || header.format !== formatName) return rejected('not an index cache');
  if (header.version !== indexFormatVersion || header.app !== appVersion)
    return rejected('another version');
  if (header.root !== realRoot) return rejected('another folder');
  const payload = bytes.subarray(0, newline);
  if (checksumOf(payload) !== header.checksum) return rejected('checksum mismatch');
  let parsed: unknown;
  try {
    // The writer escapes everything past ASCII (and the checksum matched, so this is its file).
    parsed = JSON.parse(payload.toString('latin1'));
  } catch {
    return rejected('entries do not parse');
  }
  if (!isObject(parsed)) return rejected('entries do not parse');
  const { strings, rows } = parsed;
  if (!Array.isArray(strings) || !strings.every((text) => typeof text === 'string'))
    return rejected('malformed strings');
  if (!Array.isArray(rows) || rows.length !== header.count) return rejected('wrong entry count');
  const posts = new Map<string, CachedPost>();
  for (const row of rows) {
    const entry = entryFrom(row, strings as string[]);
    if (entry === null || posts.has(entry.facts.path)) return rejected('malformed entry');
    posts.set(entry.facts.path, entry);
  }
  return { posts, schemaKey: header.schemaKey, rejected: null };
}

/** Reads and checks the index cache of a posts folder (see `parseIndexCache`). */
export async function loadIndexCache(cacheDir: string, realRoot: string): Promise<CachedIndex> {
  return parseIndexCache(await readIndexCache(cacheDir, realRoot), realRoot);
}

/** Everything past ASCII as a `\u` escape: an ASCII file decodes as latin1, a plain copy a third faster than UTF-8. */
function asciiOnly(json: string): string {
  return json.replace(
    /[\u0080-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Rows are made and written this many at a time. */
const rowsPerChunk = 500;

/** Temp files older than this in the cache folder are left over from a crash. */
const staleTempMs = 10 * 60_000;

async function removeStaleTemps(cacheDir: string, file: string): Promise<void> {
  const prefix = `${basename(file)}.`;
  const names = await readdir(cacheDir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const path = join(cacheDir, name);
    const info = await stat(path).catch(() => null);
    if (info !== null && Date.now() - info.mtimeMs > staleTempMs) await rm(path, { force: true });
  }
}

/**
 * Writes the index cache of a posts folder: every post whose facts are complete and settled, with
 * its field problems under `schemaKey`. Atomic, as write-file-atomic does it (a temp file in the
 * same folder, renamed over the old one), so a reader sees the old file or the new, never half of
 * one; but written a few hundred posts at a time, so the file never exists whole in memory (a
 * 10,000-post index is a 10 MB string, three times over by the time it is written) and the event
 * loop is never held for the whole of it. No fsync: after a crash the file is the old one, the new
 * one, or damaged and then rejected by its checksum. Returns false when it could not be written;
 * a cache is only ever an optimization, so that is not an error.
 */
export async function saveIndexCache(
  cacheDir: string,
  realRoot: string,
  posts: Iterable<IndexedPost>,
  schemaKey: string,
): Promise<boolean> {
  const file = indexCacheFile(cacheDir, realRoot);
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const all = [...posts];
  try {
    await mkdir(cacheDir, { recursive: true });
    await removeStaleTemps(cacheDir, file);
    const handle = await open(temp, 'w');
    try {
      const hash = createHash('sha1');
      const write = async (text: string): Promise<void> => {
        hash.update(text, 'latin1');
        await handle.write(text, null, 'latin1');
      };
      const table = new StringTable();
      let count = 0;
      await write('{"rows":[');
      for (let start = 0; start < all.length; start += rowsPerChunk) {
        const rows: string[] = [];
        for (const post of all.slice(start, start + rowsPerChunk)) {
          const row = entryRow(post, table);
          if (row !== null) rows.push(JSON.stringify(row));
        }
        if (rows.length === 0) continue;
        await write(`${count === 0 ? '' : ','}${asciiOnly(rows.join(','))}`);
        count += rows.length;
      }
      await write(`],"strings":${asciiOnly(JSON.stringify(table.strings))}}`);
      const header: Header = {
        format: formatName,
        version: indexFormatVersion,
        app: appVersion,
        root: realRoot,
        schemaKey,
        count,
        checksum: hash.digest('hex'),
      };
      await handle.write(`\n${JSON.stringify(header)}\n`);
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    return true;
  } catch {
    await rm(temp, { force: true }).catch(() => undefined);
    return false;
  }
}
