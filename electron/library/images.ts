import { stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import type { Commands } from '../../shared/api';
import { isLocalImageRef } from '../../shared/image-url';
import { assertNever, fail, ok } from '../../shared/result';
import type { AppError, Result } from '../../shared/result';
import { isInside, realpathOrNull, resolveInside } from './paths';

/** The image types served, by extension; anything else is refused, whatever its content. */
export const imageTypes: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.apng': 'image/apng',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.bmp': 'image/bmp',
};

/** Where images may come from: the posts folder, and the site's public folder when one is named. */
export interface ImageFolders {
  /** The posts folder. */
  readonly root: string;
  /** The config's `publicFolder`: relative to the posts folder, or absolute; null when unset. */
  readonly publicFolder: string | null;
  /**
   * The posts folder's real path when the caller already has it (an export resolves thousands of
   * images of one folder): saves looking it up again for each image.
   */
  readonly realRoot?: string;
  /** The public folder's real path (null: not there) when the caller already has it. */
  readonly realPublicFolder?: string | null;
  /** The post's path as `resolveInside` gives it, when the caller already has it. */
  readonly realPost?: string;
}

/** An image file found for a reference, ready to be sent. */
export interface ImageFile {
  /** Absolute real path (symlinks followed), inside one of the allowed folders. */
  readonly path: string;
  readonly contentType: string;
  readonly size: number;
  /** Changes whenever the file's size or modification time does. */
  readonly etag: string;
}

function typeOf(path: string): string | undefined {
  const ext = extname(path).toLowerCase();
  return Object.hasOwn(imageTypes, ext) ? imageTypes[ext] : undefined;
}

/**
 * Resolves an image reference from a post (its `src`, as written or as markdown-it encoded it) to
 * an image file. Site paths (`/images/blogs/x.png`) resolve against the public folder when the
 * config names one, else against the posts folder; relative paths (`x.png`, `../shared/x.png`)
 * against the post's own folder. The file must be inside the posts folder or the public folder,
 * also after following symlinks; `..` (plain or percent-encoded) may move within them, never out.
 * Only known image types by extension, only files. Nothing is read from disk before the lexical
 * checks pass. Failures: `invalidArgument` (not a local reference, malformed escapes),
 * `outsideFolder`, `unsupported` (not an image type), `notFound` (missing, or a directory).
 */
export async function resolveImage(
  folders: ImageFolders,
  postPath: string,
  src: string,
): Promise<Result<ImageFile>> {
  const refuse = fail<ImageFile>('outsideFolder', `"${src}" is outside the allowed folders`);
  const missing = fail<ImageFile>('notFound', `Image not found: ${src}`);
  if (!isLocalImageRef(src)) return fail('invalidArgument', `"${src}" is not a local image`);
  let path: string;
  try {
    path = decodeURIComponent(src.trim().replace(/[?#][\s\S]*$/, ''));
  } catch {
    return fail('invalidArgument', `"${src}" has a malformed %-escape`);
  }
  // Backslashes are not separators in a URL; on Windows they would be. Refuse rather than guess.
  if (path === '' || path.includes('\0') || path.includes('\\')) {
    return fail('invalidArgument', `"${src}" is not a usable image path`);
  }
  const root = folders.realRoot ?? (await realpathOrNull(folders.root));
  if (root === null)
    return fail('folderUnreadable', `The posts folder ${folders.root} cannot be read`);
  const publicFolder =
    folders.publicFolder === null
      ? null
      : folders.realPublicFolder !== undefined
        ? folders.realPublicFolder
        : await realpathOrNull(resolve(root, folders.publicFolder));
  const allowed = publicFolder === null ? [root] : [root, publicFolder];
  const segments = path.split('/').filter((segment) => segment !== '');

  let candidate: string;
  if (path.startsWith('/')) {
    // A configured public folder that does not exist holds no images; the posts folder is not a
    // stand-in for it.
    if (folders.publicFolder !== null && publicFolder === null) return missing;
    const base = publicFolder ?? root;
    candidate = resolve(base, ...segments);
    if (!isInside(base, candidate)) return refuse;
  } else {
    const post =
      folders.realPost !== undefined
        ? ok(folders.realPost)
        : await resolveInside(root, postPath, root);
    if (!post.ok) return fail('outsideFolder', post.error.message);
    candidate = resolve(dirname(post.value), ...segments);
    if (!allowed.some((folder) => isInside(folder, candidate))) return refuse;
  }
  if (typeOf(candidate) === undefined) {
    return fail('unsupported', `"${src}" is not an image file Postwright shows`);
  }
  const real = await realpathOrNull(candidate);
  if (real === null) return missing;
  if (!allowed.some((folder) => isInside(folder, real))) return refuse;
  const contentType = typeOf(real);
  if (contentType === undefined) {
    return fail('unsupported', `"${src}" leads to a file that is not an image`);
  }
  try {
    const info = await stat(real);
    if (!info.isFile()) return missing;
    const etag = `"${info.size.toString(36)}-${Math.trunc(info.mtimeMs).toString(36)}"`;
    return ok({ path: real, contentType, size: info.size, etag });
  } catch {
    return missing;
  }
}

/**
 * An image source over the open folder: the service says which folder is open and what its
 * config names as the public folder, so a folder switch or a config edit applies at once.
 */
export function imageSource(
  service: Pick<Commands, 'getWorkspace' | 'getSchema'>,
): (postPath: string, src: string) => Promise<Result<ImageFile>> {
  return async (postPath, src) => {
    const workspace = await service.getWorkspace();
    if (!workspace.ok) return workspace;
    const schema = await service.getSchema();
    const publicFolder = schema.ok ? schema.value.schema.publicFolder : null;
    return resolveImage({ root: workspace.value.root, publicFolder }, postPath, src);
  };
}

/** The HTTP status for a failed image lookup. */
export function imageErrorStatus(error: AppError): number {
  switch (error.kind) {
    case 'notFound':
      return 404;
    case 'outsideFolder':
    case 'unsupported':
      return 403;
    case 'invalidArgument':
      return 400;
    case 'folderUnreadable':
    case 'unreadable':
    case 'conflict':
    case 'alreadyExists':
    case 'writeFailed':
      return 500;
    default:
      return assertNever(error.kind);
  }
}

/**
 * Response headers for an image. The ETag lets the browser keep a loaded image and revalidate it
 * cheaply; `no-cache` makes it ask, so an image changed on disk shows on the next load. An SVG
 * opened directly is a document: its own CSP keeps any script in it from running.
 */
export function imageHeaders(file: ImageFile): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': file.contentType,
    'Content-Length': String(file.size),
    ETag: file.etag,
    'Cache-Control': 'private, no-cache',
    'X-Content-Type-Options': 'nosniff',
  };
  if (file.contentType === 'image/svg+xml') {
    headers['Content-Security-Policy'] = "default-src 'none'; style-src 'unsafe-inline'";
  }
  return headers;
}

/** The query of an image URL (`?post=...&src=...`), or null when either is missing. */
export function imageQuery(params: URLSearchParams): { post: string; src: string } | null {
  const post = params.get('post');
  const src = params.get('src');
  return post === null || src === null ? null : { post, src };
}
