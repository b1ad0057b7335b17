import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { configFileNames, configMaxCharacters } from '../../shared/config';
import type { ExportTarget, ExportTargets } from '../../shared/export';
import { readExportTargets, replaceExportSection } from '../../shared/export-config';
import { fail, ok } from '../../shared/result';
import type { Result } from '../../shared/result';
import type { Problem } from '../../shared/validate';

/** The config file a posts folder uses (the first of the names that exists), or null. */
async function configFile(root: string): Promise<string | null> {
  for (const name of configFileNames) {
    try {
      if ((await stat(join(root, name))).isFile()) return name;
    } catch {
      // Not there: try the next name.
    }
  }
  return null;
}

async function readText(path: string): Promise<Result<string>> {
  try {
    const info = await stat(path);
    if (info.size > configMaxCharacters * 4)
      return fail('unreadable', `${path} is too large to be a config`);
    return ok(await readFile(path, 'utf8'));
  } catch (error) {
    return fail(
      'unreadable',
      `${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function toProblems(file: string, read: ReturnType<typeof readExportTargets>): Problem[] {
  return read.issues.map((issue) => ({
    path: file,
    line: issue.line,
    column: issue.column,
    field: null,
    severity: issue.severity,
    rule: 'config',
    message: issue.message,
  }));
}

/** The export targets in a posts folder's config, and what is wrong with them (no config: none). */
export async function loadExportTargets(root: string): Promise<Result<ExportTargets>> {
  const file = await configFile(root);
  if (file === null) return ok({ targets: [], problems: [] });
  const text = await readText(join(root, file));
  if (!text.ok) return text;
  const read = readExportTargets(text.value);
  return ok({ targets: read.targets, problems: toProblems(file, read) });
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Checks the shape of targets that came from outside the process; the message says what is wrong. */
export function checkTargetShape(value: unknown): Result<ExportTarget[]> {
  if (!Array.isArray(value)) return fail('invalidArgument', 'targets should be a list');
  const targets: ExportTarget[] = [];
  for (const [index, item] of value.entries()) {
    const where = `Target ${index + 1}`;
    if (item === null || typeof item !== 'object')
      return fail('invalidArgument', `${where} is not an object`);
    const t = item as Record<string, unknown>;
    for (const key of ['name', 'repo', 'content', 'message'] as const) {
      if (typeof t[key] !== 'string')
        return fail('invalidArgument', `${where}: ${key} should be text`);
    }
    for (const key of ['images', 'imageUrl'] as const) {
      if (t[key] !== null && typeof t[key] !== 'string') {
        return fail('invalidArgument', `${where}: ${key} should be text or null`);
      }
    }
    if (t.include !== 'published' && t.include !== 'all') {
      return fail('invalidArgument', `${where}: include should be "published" or "all"`);
    }
    if (!isStringArray(t.drop))
      return fail('invalidArgument', `${where}: drop should be a list of keys`);
    const rename = t.rename;
    if (
      rename === null ||
      typeof rename !== 'object' ||
      Array.isArray(rename) ||
      !Object.values(rename).every((each) => typeof each === 'string')
    ) {
      return fail('invalidArgument', `${where}: rename should map keys to new keys`);
    }
    targets.push({
      name: t.name as string,
      repo: t.repo as string,
      content: t.content as string,
      images: t.images as string | null,
      imageUrl: t.imageUrl as string | null,
      include: t.include,
      drop: [...t.drop],
      rename: Object.fromEntries(Object.entries(rename as Record<string, string>)),
      message: t.message as string,
    });
  }
  return ok(targets);
}

function canonical(target: ExportTarget): string {
  const rename = Object.entries(target.rename).sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([
    target.name,
    target.repo,
    target.content,
    target.images,
    target.imageUrl,
    target.include,
    target.drop,
    rename,
    target.message,
  ]);
}

function sameTargets(a: readonly ExportTarget[], b: readonly ExportTarget[]): boolean {
  return (
    a.length === b.length &&
    a.every((target, index) => canonical(target) === canonical(b[index] as ExportTarget))
  );
}

/**
 * Replaces the config's export targets, keeping every other byte of the file (comments, order,
 * quoting). Creates `postwright.config.yml` when the folder has no config. Targets with problems
 * are refused (nothing is written) with the problems in the message; identical text is not written.
 */
export async function saveExportTargets(
  root: string,
  value: unknown,
): Promise<Result<ExportTargets>> {
  const shaped = checkTargetShape(value);
  if (!shaped.ok) return shaped;
  const file = (await configFile(root)) ?? configFileNames[0];
  const path = join(root, file);
  let before = '';
  try {
    before = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      return fail(
        'unreadable',
        `${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  // The same targets, however they are spelled in the file: nothing to write.
  const current = readExportTargets(before);
  if (
    sameTargets(current.targets, shaped.value) &&
    current.targets.length === shaped.value.length
  ) {
    if (current.issues.every((issue) => issue.severity !== 'error')) {
      return ok({ targets: current.targets, problems: toProblems(file, current) });
    }
  }
  const next = replaceExportSection(before, shaped.value);
  if (!next.ok) return fail(next.error.kind, `${file}: ${next.error.message}`);
  const read = readExportTargets(next.value);
  const errors = read.issues.filter((issue) => issue.severity === 'error');
  if (errors.length > 0 || read.targets.length !== shaped.value.length) {
    return fail(
      'invalidArgument',
      `The targets were not saved: ${errors.map((issue) => issue.message).join(' ')}`,
    );
  }
  if (next.value !== before) {
    try {
      await writeFileAtomic(path, next.value, { fsync: true });
    } catch (error) {
      return fail(
        'writeFailed',
        `${file} could not be saved: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return ok({ targets: read.targets, problems: toProblems(file, read) });
}

/** A target's repository folder as an absolute path: `~/…` from home, relative from the posts folder. */
export function repoFolder(root: string, repo: string): string {
  const trimmed = repo.trim();
  if (trimmed === '~' || trimmed.startsWith('~/')) return join(homedir(), trimmed.slice(1));
  return isAbsolute(trimmed) ? resolve(trimmed) : resolve(root, trimmed);
}
