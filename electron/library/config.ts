import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  configFileNames,
  configMaxCharacters,
  readConfig,
  schemaFromConfig,
} from '../../shared/config';
import { fail, ok } from '../../shared/result';
import type { Result } from '../../shared/result';
import { defaultSchema } from '../../shared/schema';
import type { Schema } from '../../shared/schema';
import type { Problem, Severity } from '../../shared/validate';
import { isInside, realpathOrNull, resolveInside } from './paths';

/** The schema a posts folder uses, and what is wrong with its config file, if anything. */
export interface LoadedConfig {
  readonly schema: Schema;
  readonly problems: readonly Problem[];
  /** The config file used, relative to the posts folder; null when there is none (or it is unusable). */
  readonly file: string | null;
}

function configProblem(
  file: string,
  severity: Severity,
  message: string,
  line = 1,
  column = 1,
): Problem {
  return { path: file, line, column, field: null, severity, rule: 'config', message };
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

const usingDefault = 'Postwright uses the default fields until this is fixed.';

async function folderExists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Reads `postwright.config.yml` (or `.yaml`) from a posts folder into the folder's schema. No file
 * gives the default schema. A file that cannot be read or has errors gives the default schema plus
 * problems naming the file, line and column: a broken config never stops the folder from opening.
 * Fails only when the posts folder itself cannot be read.
 */
export async function loadConfig(root: string): Promise<Result<LoadedConfig>> {
  if (!(await folderExists(root))) {
    return fail('folderUnreadable', `The posts folder ${root} cannot be read`);
  }
  const problems: Problem[] = [];
  const present: string[] = [];
  for (const name of configFileNames) {
    try {
      await stat(resolve(root, name));
      present.push(name);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT' && errorCode(error) !== 'ENOTDIR') present.push(name);
    }
  }
  const [file, ...ignored] = present;
  if (file === undefined) return ok({ schema: defaultSchema, problems, file: null });
  for (const other of ignored) {
    problems.push(configProblem(other, 'warning', `${other} is ignored because ${file} is used.`));
  }
  const fallback = (message: string): Result<LoadedConfig> =>
    ok({
      schema: defaultSchema,
      problems: [configProblem(file, 'error', `${message} ${usingDefault}`), ...problems],
      file: null,
    });

  const path = await resolveInside(root, file);
  if (!path.ok) return fallback(`${file} leads outside the posts folder.`);
  let text: string;
  try {
    const info = await stat(path.value);
    if (!info.isFile()) return fallback(`${file} is not a file.`);
    // Bytes, not characters, but any real config is far below either limit.
    if (info.size > configMaxCharacters * 4)
      return fallback(`${file} is too large to be a config.`);
    text = await readFile(path.value, 'utf8');
  } catch (error) {
    return fallback(
      `${file} cannot be read (${error instanceof Error ? error.message : String(error)}).`,
    );
  }

  const read = readConfig(text.replace(/^\uFEFF/, ''));
  const issues = read.issues.map((issue) =>
    configProblem(file, issue.severity, issue.message, issue.line, issue.column),
  );
  if (read.config === null) {
    const firstError = issues.findIndex((issue) => issue.severity === 'error');
    const marked = issues.map((issue, index) =>
      index === firstError ? { ...issue, message: `${issue.message} ${usingDefault}` } : issue,
    );
    return ok({ schema: defaultSchema, problems: [...marked, ...problems], file: null });
  }
  const schema = schemaFromConfig(read.config);
  if (schema.publicFolder !== null && !(await folderExists(resolve(root, schema.publicFolder)))) {
    problems.push(
      configProblem(
        file,
        'warning',
        `The publicFolder "${schema.publicFolder}" does not exist, so image paths cannot be checked.`,
      ),
    );
  }
  return ok({ schema, problems: [...issues, ...problems], file });
}

/** The path part of a reference: no query or fragment, percent-escapes decoded. */
function pathPart(ref: string): string {
  const bare = ref.replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(bare);
  } catch {
    return bare;
  }
}

interface Places {
  readonly root: string;
  readonly publicFolder: string | null;
  /** The post's own folder, when the post path is a safe one. */
  readonly postFolder: string | null;
}

async function lookUp(ref: string, places: Places): Promise<boolean | undefined> {
  const path = pathPart(ref);
  if (path === '' || path.includes('\0') || /^[a-z][a-z0-9+.-]*:/i.test(path)) return undefined;
  const segments = path.split('/').filter((segment) => segment !== '');
  const allowed = [places.root, places.publicFolder].filter(
    (folder): folder is string => folder !== null,
  );
  let candidate: string;
  if (path.startsWith('/')) {
    // A site path: under the public folder; without one, the posts folder is only a guess, so a
    // miss there says nothing (no false warnings for sites whose images live elsewhere).
    const base = places.publicFolder ?? places.root;
    candidate = resolve(base, ...segments);
    if (!isInside(base, candidate)) return undefined;
    const found = await existsInside(candidate, allowed);
    return found === false && places.publicFolder === null ? undefined : found;
  }
  if (places.postFolder === null) return undefined;
  candidate = resolve(places.postFolder, ...segments);
  if (!allowed.some((folder) => isInside(folder, candidate))) return undefined;
  return existsInside(candidate, allowed);
}

async function existsInside(
  candidate: string,
  allowed: readonly string[],
): Promise<boolean | undefined> {
  const real = await realpathOrNull(candidate);
  if (real === null) return false;
  // A symlink out of the allowed folders: not ours to look at.
  if (!allowed.some((folder) => isInside(folder, real))) return undefined;
  try {
    return (await stat(real)).isFile();
  } catch {
    return false;
  }
}

/**
 * Looks up, ahead of validation, whether the images a post refers to exist, and returns the
 * synchronous answer `validatePost` takes as `imageExists`. Site paths (`/images/blogs/x.png`)
 * resolve against the schema's public folder (relative to the posts folder, or absolute); relative
 * paths against the post's own folder. Nothing outside the posts folder and the public folder is
 * looked at; for such references, and ones not collected, the answer is undefined (cannot tell).
 */
export async function collectImageChecks(
  root: string,
  schema: Schema,
  postPath: string,
  refs: readonly string[],
): Promise<(ref: string) => boolean | undefined> {
  const realRoot = await realpathOrNull(root);
  if (realRoot === null) return () => undefined;
  const publicFolder =
    schema.publicFolder === null
      ? null
      : await realpathOrNull(resolve(realRoot, schema.publicFolder));
  const post = await resolveInside(realRoot, postPath);
  const postFolder = post.ok ? resolve(post.value, '..') : null;
  const places: Places = { root: realRoot, publicFolder, postFolder };
  const unique = [...new Set(refs)];
  const answers = await Promise.all(unique.map((ref) => lookUp(ref, places)));
  const known = new Map(unique.map((ref, index) => [ref, answers[index]]));
  return (ref) => known.get(ref);
}

async function hasConfig(folder: string): Promise<boolean> {
  const names = await readdir(folder).catch(() => [] as string[]);
  return configFileNames.some((name) => names.includes(name));
}

/**
 * The posts folder a lone file belongs to (for the CLI): the nearest folder above it that has a
 * config file, else the file's own folder.
 */
export async function findPostsRoot(file: string): Promise<string> {
  for (let folder = dirname(file); ; folder = dirname(folder)) {
    if (await hasConfig(folder)) return folder;
    if (dirname(folder) === folder) return dirname(file);
  }
}
