import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/** What Postwright last wrote at one repository path. */
export interface RecordedFile {
  /** SHA-256 of the bytes written. */
  readonly hash: string;
  /** For images: the file they were copied from (absolute), so a changed image can replace its own copy. */
  readonly source?: string;
}

/** Per repository path, what the last export wrote there (this clone only). */
export type ExportRecord = Readonly<Record<string, RecordedFile>>;

/**
 * Where a clone's record lives: inside its git folder, so it is never committed and belongs to this
 * clone alone (another clone, or a fresh one, has not written anything yet).
 */
export function recordPath(gitDir: string): string {
  return join(gitDir, 'postwright', 'exports.json');
}

/** The record of a clone; empty when there is none or it cannot be read (every file then counts as not ours). */
export async function loadRecord(gitDir: string): Promise<ExportRecord> {
  try {
    const parsed: unknown = JSON.parse(await readFile(recordPath(gitDir), 'utf8'));
    const files = (parsed as { files?: unknown } | null)?.files;
    if (files === null || typeof files !== 'object' || Array.isArray(files)) return {};
    const record: Record<string, RecordedFile> = {};
    for (const [path, entry] of Object.entries(files as Record<string, unknown>)) {
      const hash = (entry as { hash?: unknown } | null)?.hash;
      const source = (entry as { source?: unknown } | null)?.source;
      if (typeof hash !== 'string') continue;
      Object.defineProperty(record, path, {
        value: typeof source === 'string' ? { hash, source } : { hash },
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return record;
  } catch {
    return {};
  }
}

/** Writes a clone's record atomically. */
export async function saveRecord(gitDir: string, record: ExportRecord): Promise<void> {
  const path = recordPath(gitDir);
  await mkdir(dirname(path), { recursive: true });
  const sorted = Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
  await writeFileAtomic(path, `${JSON.stringify({ version: 1, files: sorted }, null, 1)}\n`);
}
