import { slugify } from '../../shared/derive';
import { postExtensionOf, safeBaseName, splitPostName } from '../../shared/file-names';

/** A post's name as the author renames it: the file name, or a page bundle's folder name. */
export interface PostName {
  /** The name now: `my-post.md`, or `my-post` for `my-post/index.md`. */
  readonly current: string;
  /** True for `folder/index.md`: renaming it renames the folder. */
  readonly bundle: boolean;
  /** The extension a typed name without one gets (`''` for a bundle folder). */
  readonly ext: string;
}

/**
 * The name a rename starts from. `folder/index.md` reads as a page bundle, named by its folder;
 * the Node side has the last word (a folder holding other posts is a section, and only its index
 * file is renamed).
 */
export function postNameOf(path: string): PostName {
  const segments = path.split('/');
  const file = segments.pop() ?? path;
  const folder = segments.pop();
  const { base } = splitPostName(file);
  if (folder !== undefined && base.toLowerCase() === 'index')
    return { current: folder, bundle: true, ext: '' };
  return { current: file, bundle: false, ext: postExtensionOf(file) ?? '.md' };
}

/**
 * The name the post would have if it followed its title's slug (`My Title` -> `my-title.md`), or
 * null when it already does or the title gives no slug. Offered, never applied by itself: a file's
 * name is often part of the post's address.
 */
export function nameFromTitle(title: string, path: string): string | null {
  const slug = slugify(title);
  if (slug === '') return null;
  const name = postNameOf(path);
  const wanted = `${safeBaseName(slug)}${name.ext}`;
  return wanted === name.current ? null : wanted;
}
