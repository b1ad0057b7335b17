import { realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fail, ok } from '../../shared/result';
import type { Result } from '../../shared/result';

/** Whether `target` is `folder` or inside it (paths as given: resolve symlinks first when it matters). */
export function isInside(folder: string, target: string): boolean {
  const rel = relative(folder, target);
  // `..` or `../x` is outside; a name like `..notes.md` is not.
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** The real path (symlinks followed), or null when it does not exist or cannot be read. */
export async function realpathOrNull(path: string): Promise<string | null> {
  try {
    return await realpath(path);
  } catch {
    return null;
  }
}

/**
 * Resolves a post path that came from the UI (relative, `/` separators) to an absolute path inside
 * `root`. Refuses absolute paths, `..` segments, NUL bytes, and symlinks that lead outside, before
 * anything is read. A path that does not exist yet is checked through its nearest existing parent.
 */
export async function resolveInside(
  root: string,
  path: string,
  /** The root's real path when the caller already has it (many paths of one folder in a row). */
  knownRealRoot?: string,
): Promise<Result<string>> {
  const refuse = fail<string>('outsideFolder', `"${path}" is not inside the posts folder`, path);
  if (path === '' || path.includes('\0') || isAbsolute(path) || /^[a-zA-Z]:/.test(path))
    return refuse;
  const segments = path.split(/[\\/]/);
  if (segments.some((segment) => segment === '..')) return refuse;
  const realRoot = knownRealRoot ?? (await realpathOrNull(root));
  if (realRoot === null) return fail('folderUnreadable', `The posts folder ${root} cannot be read`);
  const target = resolve(realRoot, ...segments);
  if (!isInside(realRoot, target)) return refuse;
  // Follow symlinks: the file itself, or the nearest parent that exists, must stay inside.
  let probe = target;
  for (;;) {
    const real = await realpathOrNull(probe);
    if (real !== null) {
      if (!isInside(realRoot, real)) return refuse;
      return ok(real === probe ? target : join(real, relative(probe, target)));
    }
    const parent = resolve(probe, '..');
    if (parent === probe) return refuse;
    probe = parent;
  }
}

/** The UI's form of a path: relative to the root, `/` separators. */
export function toPostPath(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}
