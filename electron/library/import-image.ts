import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { ImportedImage } from '../../shared/api';
import { foldName, postExtensionOf, splitPostName } from '../../shared/file-names';
import {
  importedImageName,
  importKindNames,
  kindOfName,
  maxImportBytes,
  sniffImage,
} from '../../shared/image-import';
import { fail, ok } from '../../shared/result';
import type { Result } from '../../shared/result';
import { isInside, realpathOrNull, resolveInside } from './paths';
import { moveWithoutReplacing } from './writes';

/** Where imported images may go: the folder's settings from its config. */
export interface ImportPlaces {
  /** The posts folder. */
  readonly root: string;
  /** The config's `publicFolder` (relative to the posts folder, or absolute), or null. */
  readonly publicFolder: string | null;
  /** The config's `imageFolder`, a site path like `/images/blog`, or null. */
  readonly imageFolder: string | null;
}

/** Where a flat post's images go, relative to the post's folder (and as written in the field). */
export const besidePostFolder = 'images';

// Enough for any real folder; a bound so a full folder cannot make us loop forever.
const maxAttempts = 1000;

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Decodes the base64 text an image arrives as. Refuses anything that is not strict base64 (Node
 * would skip bad characters silently) and, before decoding, anything larger than the import limit.
 */
export function decodeBase64(data: string): Result<Buffer> {
  // Four characters carry three bytes; padding makes the last group whole.
  if (data.length > Math.ceil(maxImportBytes / 3) * 4) {
    return fail(
      'invalidArgument',
      `This image is larger than ${megabytes(maxImportBytes)}, the most Postwright imports`,
    );
  }
  if (data.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) {
    return fail('invalidArgument', 'The image data is not base64');
  }
  return ok(Buffer.from(data, 'base64'));
}

/** Where an image goes, and what the field says for a file there (a prefix to add its name to). */
interface Target {
  readonly folder: string;
  readonly fieldPrefix: string;
  /** The folders the target must stay in once symlinks are followed. */
  readonly allowed: readonly string[];
}

async function targetOf(places: ImportPlaces, postPath: string): Promise<Result<Target>> {
  const root = await realpathOrNull(places.root);
  if (root === null)
    return fail('folderUnreadable', `The posts folder ${places.root} cannot be read`);
  const post = await resolveInside(root, postPath);
  if (!post.ok) return post;
  if (postExtensionOf(postPath) === null)
    return fail('invalidArgument', `"${postPath}" is not a post (.md or .markdown)`, postPath);
  const isFile = await stat(post.value).then(
    (info) => info.isFile(),
    () => false,
  );
  if (!isFile) return fail('notFound', `${postPath} cannot be found`, postPath);

  if (places.publicFolder !== null && places.imageFolder !== null) {
    const publicFolder = await realpathOrNull(resolve(root, places.publicFolder));
    if (publicFolder === null)
      return fail('notFound', `The public folder "${places.publicFolder}" does not exist`);
    const segments = places.imageFolder.split('/').filter((segment) => segment !== '');
    if (segments.some((s) => s === '.' || s === '..' || s.includes('\\') || s.includes('\0')))
      return fail(
        'outsideFolder',
        `The imageFolder "${places.imageFolder}" leaves the public folder`,
      );
    return ok({
      folder: resolve(publicFolder, ...segments),
      fieldPrefix: `/${segments.map((segment) => `${segment}/`).join('')}`,
      allowed: [publicFolder, root],
    });
  }
  const postFolder = dirname(post.value);
  // A page bundle (`my-trip/index.md`) keeps its images beside it, where bundles keep resources;
  // a flat post gets an images folder so a folder of posts does not fill up with pictures.
  const isBundle =
    postPath.split('/').filter(Boolean).length > 1 &&
    splitPostName(basename(postPath)).base.toLowerCase() === 'index';
  return isBundle
    ? ok({ folder: postFolder, fieldPrefix: '', allowed: [root] })
    : ok({
        folder: join(postFolder, besidePostFolder),
        fieldPrefix: `${besidePostFolder}/`,
        allowed: [root],
      });
}

/**
 * Makes the target folder (and the folders above it that are missing), after checking that the
 * nearest one that exists is inside the allowed folders once symlinks are followed, so nothing is
 * ever created outside them; then checks the folder itself again.
 */
async function ensureFolder(target: Target): Promise<Result<string>> {
  const refuse = fail<string>(
    'outsideFolder',
    'The image folder leads outside the posts and public folders',
  );
  let probe = target.folder;
  let real = await realpathOrNull(probe);
  while (real === null) {
    const parent = dirname(probe);
    if (parent === probe) return refuse;
    probe = parent;
    real = await realpathOrNull(probe);
  }
  if (!target.allowed.some((folder) => isInside(folder, real))) return refuse;
  try {
    await mkdir(target.folder, { recursive: true });
  } catch (error) {
    return fail('writeFailed', `The image folder could not be made: ${reasonOf(error)}`);
  }
  const folder = await realpathOrNull(target.folder);
  if (folder === null || !target.allowed.some((allowed) => isInside(allowed, folder)))
    return refuse;
  if (!(await stat(folder)).isDirectory())
    return fail('writeFailed', 'The image folder is not a folder');
  return ok(folder);
}

/** Whether `path` is a plain file holding exactly `bytes`. */
async function holdsBytes(path: string, bytes: Uint8Array): Promise<boolean> {
  try {
    const info = await lstat(path);
    if (!info.isFile() || info.size !== bytes.length) return false;
    return (await readFile(path)).equals(bytes);
  } catch {
    return false;
  }
}

/** Writes `bytes` to a new hidden file in `folder` and flushes it to disk; returns its path. */
async function writeTemp(folder: string, bytes: Uint8Array): Promise<string> {
  const path = join(folder, `.postwright-import-${randomBytes(8).toString('hex')}.tmp`);
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return path;
}

/**
 * Copies an image into the site and says what to write in the front matter field.
 *
 * Where: with both `publicFolder` and `imageFolder` configured, into the public folder's image
 * folder (the field gets the site path, `/images/blog/name.png`); otherwise beside the post: a page
 * bundle's `index.md` gets it in its own folder (`name.png`), a flat post in an `images` folder
 * next to it (`images/name.png`). The target folder is made when missing, but only inside the
 * posts or public folder, symlinks followed.
 *
 * What: only PNG, JPEG, GIF, WebP, AVIF and SVG, by name and by content (magic bytes), up to
 * `maxImportBytes`. The name is the slugified name part and an extension of the format the bytes
 * show. Never overwrites: a file with the same bytes under that name is reused, another name in use
 * (in any case) gets `-2`, `-3` ... The file is written to a hidden temp file, flushed, then
 * hard-linked to its name, which fails rather than replace a file that appeared meanwhile.
 */
export async function importImage(
  places: ImportPlaces,
  postPath: string,
  fileName: string,
  bytes: Uint8Array,
): Promise<Result<ImportedImage>> {
  if (bytes.length === 0) return fail('invalidArgument', `${fileName} is empty`);
  if (bytes.length > maxImportBytes) {
    return fail(
      'invalidArgument',
      `${fileName} is ${megabytes(bytes.length)}; Postwright imports images up to ${megabytes(maxImportBytes)}`,
    );
  }
  if (kindOfName(fileName) === null)
    return fail('unsupported', `${fileName} is not a ${importKindNames} file`);
  const kind = sniffImage(bytes);
  if (kind === null)
    return fail('unsupported', `${fileName} does not hold a ${importKindNames} image`);

  const target = await targetOf(places, postPath);
  if (!target.ok) return target;
  const folder = await ensureFolder(target.value);
  if (!folder.ok) return folder;

  const names = await readdir(folder.value).catch(() => [] as string[]);
  let temp: string | null = null;
  try {
    for (let n = 1; n <= maxAttempts; n++) {
      const name = importedImageName(fileName, kind, n);
      const inUse = names.find((each) => foldName(each) === foldName(name));
      if (inUse !== undefined) {
        if (await holdsBytes(join(folder.value, inUse), bytes))
          return ok({ path: `${target.value.fieldPrefix}${inUse}`, reused: true });
        continue;
      }
      temp ??= await writeTemp(folder.value, bytes);
      try {
        await moveWithoutReplacing(temp, join(folder.value, name), false);
        temp = null;
        return ok({ path: `${target.value.fieldPrefix}${name}`, reused: false });
      } catch (error) {
        if (codeOf(error) !== 'EEXIST') throw error;
        // Appeared since the folder was listed: judge it like the others.
        names.push(name);
        n--;
      }
    }
  } catch (error) {
    return fail('writeFailed', `${fileName} could not be copied: ${reasonOf(error)}`);
  } finally {
    if (temp !== null) await unlink(temp).catch(() => undefined);
  }
  return fail('alreadyExists', `Too many images are already named like ${fileName}`);
}
