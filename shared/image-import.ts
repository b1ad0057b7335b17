import { slugify } from './derive';
import { safeBaseName, suffixedBaseName } from './file-names';

/** The largest image `importImage` copies into the site: 25 MB, far above any web image. */
export const maxImportBytes = 25 * 1024 * 1024;

/** The image formats that can be imported. */
export type ImportKind = 'png' | 'jpeg' | 'gif' | 'webp' | 'avif' | 'svg';

/** The extensions each format may have; the first is the one given when the name has another. */
export const importExtensions: Readonly<Record<ImportKind, readonly string[]>> = {
  png: ['.png'],
  jpeg: ['.jpg', '.jpeg'],
  gif: ['.gif'],
  webp: ['.webp'],
  avif: ['.avif'],
  svg: ['.svg'],
};

/** The formats by name, for messages. */
export const importKindNames = 'PNG, JPEG, GIF, WebP, AVIF or SVG';

/** What falls back as the name of an image whose name has nothing usable in it. */
const fallbackImageName = 'image';

/** A file name's extension, lower-cased (`.png`), or '' when it has none. */
function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

/** The format an image file name's extension stands for, or null for any other name. */
export function kindOfName(name: string): ImportKind | null {
  const ext = extensionOf(name);
  for (const [kind, extensions] of Object.entries(importExtensions)) {
    if (extensions.includes(ext)) return kind as ImportKind;
  }
  return null;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return prefix.every((byte, i) => bytes[at + i] === byte);
}

function ascii(text: string): number[] {
  return Array.from(text, (char) => char.charCodeAt(0));
}

function indexOfBytes(bytes: Uint8Array, needle: readonly number[], limit: number): number {
  const end = Math.min(bytes.length, limit) - needle.length;
  for (let i = 0; i <= end; i++) if (startsWith(bytes, needle, i)) return i;
  return -1;
}

/** AVIF is an ISO-BMFF file whose `ftyp` box names `avif` (still) or `avis` (sequence). */
function isAvif(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, ascii('ftyp'), 4)) return false;
  const boxSize = [0, 1, 2, 3].reduce((size, i) => size * 256 + (bytes[i] ?? 0), 0);
  const size = Math.min(boxSize, bytes.length, 256);
  // The major brand at 8, then compatible brands from 16 on, 4 bytes each.
  for (let at = 8; at + 4 <= size; at += at === 8 ? 8 : 4) {
    if (startsWith(bytes, ascii('avif'), at) || startsWith(bytes, ascii('avis'), at)) return true;
  }
  return false;
}

/**
 * An SVG is text starting (after a BOM and white space) with `<svg`, or with `<?xml` and an
 * `<svg` element early on; anything else named `.svg` (HTML, a script) is not one.
 */
function isSvg(bytes: Uint8Array): boolean {
  let at = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (at < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[at] ?? 0)) at++;
  if (startsWith(bytes, ascii('<svg'), at)) return true;
  return startsWith(bytes, ascii('<?xml'), at) && indexOfBytes(bytes, ascii('<svg'), 65536) !== -1;
}

/** The format a file's first bytes show (its magic number), or null when it is none we import. */
export function sniffImage(bytes: Uint8Array): ImportKind | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  if (isAvif(bytes)) return 'avif';
  if (isSvg(bytes)) return 'svg';
  return null;
}

/**
 * The name an imported image gets, from the name it had and the format its bytes show: the name
 * part slugified (`My Photo!.PNG` -> `my-photo.png`) and made safe for every file system, then an
 * extension of that format: the one it had, lower-cased, when it fits, else the format's own (a
 * JPEG named `.png` becomes `.jpg`). `n` > 1 adds `-n` for a name in use.
 */
export function importedImageName(fileName: string, kind: ImportKind, n = 1): string {
  // Only the last segment: a browser gives a bare name, but a path could come over the wire.
  const last = fileName.split(/[\\/]/).pop() ?? '';
  const ext = extensionOf(last);
  const stem = ext === '' ? last : last.slice(0, last.length - ext.length);
  const base = safeBaseName(slugify(stem), fallbackImageName);
  const extensions = importExtensions[kind];
  const kept = extensions.includes(ext) ? ext : (extensions[0] ?? '');
  return `${n === 1 ? base : suffixedBaseName(base, `-${n}`)}${kept}`;
}
