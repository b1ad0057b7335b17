import { fail, ok } from '../../shared/result';
import type { Result } from '../../shared/result';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes a post file's bytes as UTF-8, keeping a BOM as text so saving gives it back. Anything
 * that is not UTF-8 text is refused rather than decoded lossily, so a save can never corrupt it.
 */
export function decodePost(bytes: Uint8Array): Result<string> {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail('unreadable', 'the file is saved as UTF-16; Postwright reads UTF-8 text only');
  }
  if (bytes.includes(0))
    return fail('unreadable', 'the file contains NUL bytes: it looks binary, not text');
  try {
    return ok(utf8.decode(bytes));
  } catch {
    return fail('unreadable', 'the file is not valid UTF-8 text');
  }
}

/**
 * The longest start of `bytes` that does not end inside a UTF-8 character: a file's first few
 * kilobytes can cut one in two, which is not an encoding error.
 */
export function wholeCharacters(bytes: Uint8Array): Uint8Array {
  // Look back over at most three continuation bytes (10xxxxxx) for the lead byte.
  for (let back = 1; back <= 4 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back] as number;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? bytes.subarray(0, bytes.length - back) : bytes;
  }
  return bytes;
}
