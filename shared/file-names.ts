/**
 * Longest name part (before `.md`) in UTF-8 bytes. File systems allow 255 bytes per name; staying
 * well below leaves room for `-copy-12`, the trash's timestamp prefix, and sync tools' suffixes.
 */
export const maxNameBytes = 100;

/** Extensions a post file can have; anything else gets `.md`. */
export const postExtensions = ['.md', '.markdown'] as const;

/** What a name falls back to when nothing usable is left of the input. */
export const fallbackName = 'untitled';

// Windows refuses these in any name; `/` and `\` separate paths everywhere.
const forbidden = /[/\\<>:"|?*]+/g;
// Control characters, line and paragraph separators, and bidirectional overrides (which can make
// `evil\u202Edm.exe` display as `evilexe.md`).
const invisible = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]+/gu;
// The part before the first dot is what Windows checks, whatever follows: `con.md` is the console.
const reserved = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** The UTF-8 length of a string, without needing TextEncoder (shared code has no DOM or Node). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Cuts text to at most `limit` UTF-8 bytes, never inside a code point. */
function truncateBytes(text: string, limit: number): string {
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = utf8Bytes(char);
    if (bytes + size > limit) break;
    out += char;
    bytes += size;
  }
  return out;
}

/** Drops what Windows and hidden-file rules forbid at the ends: leading dots would hide the post. */
function trimEnds(text: string): string {
  return text.replace(/^[.\s]+/u, '').replace(/[.\s]+$/u, '');
}

/**
 * A name (no extension added) that is safe as a file or folder name on Windows, macOS and Linux:
 * NFC, no path separators, control characters or characters Windows refuses (each run becomes
 * `-`), no leading or trailing dots or spaces, not a Windows device name (`con` -> `con_`), at most
 * `limit` UTF-8 bytes. Nothing usable left gives `fallback`. Applying it twice changes nothing.
 */
export function safeBaseName(
  input: string,
  fallback: string = fallbackName,
  limit: number = maxNameBytes,
): string {
  const cut = (text: string): string => {
    let name = trimEnds(text);
    // Cutting can leave a new trailing dot or space, or (rarely) text that NFC composes anew.
    while (utf8Bytes(name) > limit) name = trimEnds(truncateBytes(name, limit).normalize('NFC'));
    return name;
  };
  let name = cut(input.normalize('NFC').replace(invisible, '-').replace(forbidden, '-'));
  if (name === '')
    return safeBaseName(fallback === '' ? fallbackName : fallback, fallbackName, limit);
  const dot = name.indexOf('.');
  const stem = dot === -1 ? name : name.slice(0, dot);
  // Cutting again only shortens the end, so the stem stays `con_`.
  if (reserved.test(stem)) name = cut(`${stem}_${name.slice(stem.length)}`);
  return name;
}

/** The extension of a post file name (`.md`, `.markdown`, lower-cased), or null for any other name. */
export function postExtensionOf(name: string): string | null {
  const lower = name.toLowerCase();
  return postExtensions.find((ext) => lower.endsWith(ext)) ?? null;
}

/** Splits a file name into its name part and its post extension (`''` when it has none). */
export function splitPostName(name: string): { readonly base: string; readonly ext: string } {
  const ext = postExtensionOf(name);
  return ext === null
    ? { base: name, ext: '' }
    : { base: name.slice(0, name.length - ext.length), ext };
}

/**
 * A post file name from a slug or what the user typed: the name part made safe by
 * `safeBaseName`, then `.md` (or the `.markdown` the input already ends with; `defaultExt` when
 * it has neither). Applying it twice changes nothing.
 */
export function safeFileName(input: string, defaultExt: string = '.md'): string {
  const { base, ext } = splitPostName(input.normalize('NFC').trim());
  return `${safeBaseName(base)}${ext === '' ? defaultExt : ext}`;
}

/**
 * A safe name with a suffix such as `-copy-2`, cutting the name (not the suffix) so the whole stays
 * within the length limit: a long name then still gets a distinct suffix.
 */
export function suffixedBaseName(base: string, suffix: string): string {
  const room = maxNameBytes - utf8Bytes(suffix);
  return safeBaseName(`${safeBaseName(base, fallbackName, room)}${suffix}`);
}

/** Whether a name is exactly what `safeFileName` would make of it. */
export function isSafeFileName(name: string): boolean {
  return postExtensionOf(name) !== null && safeFileName(name) === name;
}

/**
 * The form two names are compared in to find a case-only clash: macOS and Windows usually treat
 * `Post.md` and `post.md` (and NFC and NFD spellings) as the same file, so a folder synced there
 * must never hold both, whichever system the app runs on.
 */
export function foldName(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** A name the user typed for a post file, checked: the name it gives, or why it cannot be used. */
export interface CheckedFileName {
  /** The safe name: what was typed with an extension added, or what it would have to become. */
  readonly name: string;
  /** Why what was typed cannot be used as it is; null when it can. */
  readonly problem: string | null;
}

/**
 * Checks a file name the user typed (rename). Adding the extension, trimming spaces at the ends
 * and NFC are done quietly; anything else `safeFileName` would change is refused with the reason
 * and the safe name offered instead, so a typed name is never silently turned into another.
 * With `folder`, checks a folder name (no extension).
 */
export function checkTypedName(
  input: string,
  defaultExt: string = '.md',
  folder = false,
): CheckedFileName {
  const typed = input.normalize('NFC').trim();
  if (typed === '') return { name: '', problem: 'Give a name' };
  const { base, ext } = splitPostName(typed);
  const wanted = folder ? typed : `${base}${ext === '' ? defaultExt : ext}`;
  const name = folder ? safeBaseName(typed) : safeFileName(typed, defaultExt);
  if (name === wanted) return { name, problem: null };
  return { name, problem: whyUnsafe(folder ? typed : base) };
}

/** Says what is wrong with a name part that `safeBaseName` would change. */
function whyUnsafe(base: string): string {
  if (new RegExp(forbidden.source).test(base) || new RegExp(invisible.source, 'u').test(base))
    return 'A name cannot contain / \\ < > : " | ? * or control characters (Windows refuses them).';
  if (/^[.\s]/u.test(base)) return 'A name starting with a dot would hide the post.';
  if (/[.\s]$/u.test(base)) return 'A name cannot end with a dot or a space (Windows drops them).';
  if (utf8Bytes(base) > maxNameBytes) return `A name can be at most ${maxNameBytes} bytes long.`;
  const stem = base.split('.')[0] ?? base;
  if (reserved.test(stem)) return `"${stem}" is a device name on Windows.`;
  return 'This name cannot be used on every system.';
}
