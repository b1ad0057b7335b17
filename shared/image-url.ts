/** The desktop app's scheme for images from the posts and public folders. */
export const imageScheme = 'postwright-image';

/** Browser mode's route for images from the posts and public folders. */
export const imageRoute = '/api/image';

/**
 * True for an image reference that names a file of the site (`/images/x.png`, `x.png`,
 * `../shared/x.png`): no scheme (`https:`, `data:`, `blob:` load as they are) and not
 * protocol-relative (`//cdn.example/x.png` is another host).
 */
export function isLocalImageRef(src: string): boolean {
  const ref = src.trim();
  return ref !== '' && !ref.startsWith('//') && !/^[a-z][a-z0-9+.-]*:/i.test(ref);
}

/**
 * The URL an image reference of a post loads from, behind `base` (`/api/image` in browser mode,
 * `postwright-image://local/` on the desktop); null when the reference is not local and loads as
 * written. The same reference always gives the same URL, so the preview's DOM patcher keeps a
 * loaded image instead of reloading it.
 */
export function localImageUrl(base: string, postPath: string, src: string): string | null {
  if (!isLocalImageRef(src)) return null;
  return `${base}?post=${encodeURIComponent(postPath)}&src=${encodeURIComponent(src.trim())}`;
}
