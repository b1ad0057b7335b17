import { close, fstat, open, read, readdir, stat } from 'node:fs';
import type { Dirent, Stats } from 'node:fs';
import { resolve, sep } from 'node:path';

/** Open files the scan allows at once: enough to keep the disk and the thread pool busy, far below any ulimit. */
export const defaultConcurrency = 32;

/**
 * Bytes the first pass reads of a post: front matter is almost always well inside this (a post
 * whose block runs longer is read whole), and below 4 KB Node hands out buffers from its pool.
 */
export const headBytes = 2047;

const postExtensions = ['.md', '.markdown'];

/** A file or folder name the scan never enters or lists: dot names (`.git`, `.drafts`) and node_modules. */
export function isSkippedName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** Whether a file name is a post's: `.md` or `.markdown`, in any case. */
export function isPostName(name: string): boolean {
  const lower = name.toLowerCase();
  return postExtensions.some((ext) => lower.endsWith(ext));
}

/** One post file the scan found. */
export interface FoundPost {
  /** Relative to the posts folder, `/` separators: the UI's form. */
  readonly path: string;
  /** Absolute. */
  readonly file: string;
}

/** When a file was last changed, as far as the index can tell without reading it. */
export interface FileStamp {
  readonly mtimeMs: number;
  readonly size: number;
  /** Tells a file replaced by another of the same size and time apart (a rename over it). */
  readonly ino: number;
}

/** The bytes of one file and its stamp, taken from the open file before reading. */
export interface FileRead {
  readonly bytes: Buffer;
  readonly stamp: FileStamp;
}

/** The first bytes of a file. */
export interface HeadRead {
  readonly bytes: Buffer;
  /** True when these are all its bytes. */
  readonly complete: boolean;
}

/**
 * How the index touches post files. The disk is the only real one; tests pass their own to
 * count reads, hold them open, or make them fail.
 */
export interface FileReader {
  /** Reads the whole file. */
  read(file: string): Promise<FileRead>;
  /**
   * Reads at most `bytes` from the start of the file, without its stamp: the early list needs
   * only the front matter, and a stat is a quarter of the work of a small read.
   */
  readHead(file: string, bytes: number): Promise<HeadRead>;
  /** The file's stamp, without opening it. */
  stat(file: string): Promise<FileStamp>;
}

function stampOf(stats: Stats): FileStamp {
  return { mtimeMs: stats.mtimeMs, size: stats.size, ino: stats.ino };
}

/**
 * Opens a file, takes its stamp and reads it whole. Callback fs rather than fs/promises: a
 * FileHandle costs an extra allocation and promise hops per call, measurable over ten thousand
 * files. The stamp comes before the bytes, so a file changed while it is read gets a stamp older
 * than its content and is read again next time, never the other way round.
 */
function readWhole(file: string): Promise<FileRead> {
  return new Promise((resolve, reject) => {
    open(file, 'r', (openError, fd) => {
      if (openError) return reject(openError);
      const finish = (error: Error | null, result?: FileRead): void => {
        close(fd, () => (error ? reject(error) : resolve(result as FileRead)));
      };
      fstat(fd, (statError, stats) => {
        if (statError) return finish(statError);
        const stamp = stampOf(stats);
        const bytes = Buffer.allocUnsafe(stats.size);
        const next = (offset: number): void => {
          if (offset >= bytes.length) return finish(null, { bytes, stamp });
          read(fd, bytes, offset, bytes.length - offset, offset, (readError, got) => {
            if (readError) return finish(readError);
            // The file shrank while we read it: keep what is there; its stamp is already stale.
            if (got === 0) return finish(null, { bytes: bytes.subarray(0, offset), stamp });
            next(offset + got);
          });
        };
        next(0);
      });
    });
  });
}

/** Opens a file and reads at most `limit` bytes from its start: one read, no stat. */
function readStart(file: string, limit: number): Promise<HeadRead> {
  return new Promise((resolve, reject) => {
    open(file, 'r', (openError, fd) => {
      if (openError) return reject(openError);
      // One byte more than asked tells a file of exactly `limit` bytes from a longer one.
      const bytes = Buffer.allocUnsafe(limit + 1);
      read(fd, bytes, 0, bytes.length, 0, (readError, got) => {
        close(fd, () => {
          if (readError) return reject(readError);
          resolve({ bytes: bytes.subarray(0, Math.min(got, limit)), complete: got <= limit });
        });
      });
    });
  });
}

/** The disk. */
export const diskReader: FileReader = {
  read: readWhole,
  readHead: readStart,
  stat: (file) =>
    new Promise((resolve, reject) => {
      stat(file, (error, stats) => (error ? reject(error) : resolve(stampOf(stats))));
    }),
};

/**
 * Runs `task` over `items` with at most `limit` tasks running at once and gives the results in the
 * order of `items`. `onProgress(done, total)` is called after each task. A task that throws
 * rejects the whole run, so tasks catch their own expected failures.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
  onProgress?: (done: number, total: number) => void,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
      done++;
      onProgress?.(done, items.length);
    }
  };
  const workers = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

function listFolder(dir: string): Promise<Dirent[]> {
  return new Promise((resolve) => {
    // An unreadable subfolder is left out rather than failing the whole index.
    readdir(dir, { withFileTypes: true }, (error, entries) => resolve(error ? [] : entries));
  });
}

/**
 * Every post file under `root`: `.md` and `.markdown` files, flat or in page bundles
 * (`my-post/index.md`), at any depth. Never enters `.git`, `node_modules` or any dot-folder, and
 * lists no dot-files; symlinks are not followed (they could lead outside the folder or loop).
 * Folders are listed concurrently, `concurrency` at a time. Sorted by path.
 */
export async function scanPostFiles(
  root: string,
  concurrency = defaultConcurrency,
): Promise<FoundPost[]> {
  const found: FoundPost[] = [];
  let level: { dir: string; prefix: string }[] = [{ dir: resolve(root), prefix: '' }];
  // Breadth first, one level at a time, so listing stays bounded without a work queue.
  while (level.length > 0) {
    const listed = await mapBounded(level, concurrency, (folder) => listFolder(folder.dir));
    const deeper: { dir: string; prefix: string }[] = [];
    listed.forEach((entries, index) => {
      const { dir, prefix } = level[index] as { dir: string; prefix: string };
      // Only a root (`/`, `E:\`) ends in a separator once resolved.
      const base = dir.endsWith(sep) ? dir : dir + sep;
      for (const entry of entries) {
        if (isSkippedName(entry.name)) continue;
        const path = prefix + entry.name;
        // `dir` is normalized already and a name has no separators: plain concatenation is what
        // join would give, without normalizing ten thousand paths again.
        const full = base + entry.name;
        if (entry.isDirectory()) deeper.push({ dir: full, prefix: `${path}/` });
        else if (entry.isFile() && isPostName(entry.name)) found.push({ path, file: full });
      }
    });
    level = deeper;
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
