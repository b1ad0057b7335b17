import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slugify } from './derive';
import {
  checkTypedName,
  foldName,
  isSafeFileName,
  maxNameBytes,
  safeBaseName,
  safeFileName,
  splitPostName,
  suffixedBaseName,
  utf8Bytes,
} from './file-names';

describe('safeFileName', () => {
  it.each([
    ['my-post', 'my-post.md'],
    ['my-post.md', 'my-post.md'],
    ['Notes.MD', 'Notes.md'],
    ['old.markdown', 'old.markdown'],
    ['  spaced out  ', 'spaced out.md'],
    ['a/b\\c', 'a-b-c.md'],
    ['what? <really> "yes" | no*', 'what- -really- -yes- - no-.md'],
    ['time: 10:30', 'time- 10-30.md'],
    ['tab\there\nnewline', 'tab-here-newline.md'],
    ['evil\u202Edm.exe', 'evil-dm.exe.md'],
    ['trailing dots...', 'trailing dots.md'],
    ['trailing dot.md', 'trailing dot.md'],
    ['name. .md', 'name.md'],
    ['.hidden', 'hidden.md'],
    ['...', 'untitled.md'],
    ['', 'untitled.md'],
    ['.md', 'untitled.md'],
    ['CON', 'CON_.md'],
    ['con.md', 'con_.md'],
    ['nul.tar', 'nul_.tar.md'],
    ['aux', 'aux_.md'],
    ['COM1', 'COM1_.md'],
    ['lpt9.md', 'lpt9_.md'],
    ['com¹', 'com¹_.md'],
    ['console', 'console.md'],
    ['com10', 'com10.md'],
    ['cafe\u0301', 'café.md'],
    ['日本語のブログ', '日本語のブログ.md'],
    ['🎉 party', '🎉 party.md'],
  ])('%j -> %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it('keeps the name within the byte limit without splitting a character', () => {
    const long = '日本'.repeat(100);
    const name = safeFileName(long);
    const { base } = splitPostName(name);
    expect(utf8Bytes(base)).toBeLessThanOrEqual(maxNameBytes);
    expect(base).toBe('日本'.repeat(100).slice(0, 33));
    expect(safeFileName('a'.repeat(99) + ' .')).toBe(`${'a'.repeat(99)}.md`);
  });

  it('uses the extension it is given when the input has none', () => {
    expect(safeFileName('renamed', '.markdown')).toBe('renamed.markdown');
    expect(safeFileName('renamed.md', '.markdown')).toBe('renamed.md');
  });

  it('gives a file name for every slug the app makes', () => {
    expect(safeFileName(slugify('Go vs Node.js: Choosing the Right Backend Technology'))).toBe(
      'go-vs-nodejs-choosing-the-right-backend-technology.md',
    );
  });
});

describe('suffixedBaseName', () => {
  it('adds the suffix, cutting the name rather than the suffix when it is long', () => {
    expect(suffixedBaseName('post', '-copy')).toBe('post-copy');
    const long = suffixedBaseName('x'.repeat(120), '-copy-2');
    expect(long.endsWith('-copy-2')).toBe(true);
    expect(utf8Bytes(long)).toBe(maxNameBytes);
  });
});

describe('foldName', () => {
  it('makes names that differ only in case or normalization equal', () => {
    expect(foldName('Post.md')).toBe(foldName('post.MD'));
    expect(foldName('cafe\u0301.md')).toBe(foldName('Café.md'));
    expect(foldName('post.md')).not.toBe(foldName('post-2.md'));
  });
});

/** What every output must be, checked independently of how the function gets there. */
function assertSafe(name: string): void {
  const { base, ext } = splitPostName(name);
  expect(['.md', '.markdown']).toContain(ext);
  expect(base).not.toBe('');
  expect(name).toBe(name.normalize('NFC'));
  expect(name).not.toMatch(/[/\\<>:"|?*\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u);
  expect(base).not.toMatch(/^[.\s]|[.\s]$/u);
  expect(base.split('.')[0]).not.toMatch(/^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i);
  expect(utf8Bytes(base)).toBeLessThanOrEqual(maxNameBytes);
}

describe('safe names, for any input', () => {
  const inputs = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 140 }),
    fc.stringMatching(/^(con|CON|Nul|com1|LPT3|aux)[. ]{0,3}(md|txt)?$/),
    fc
      .array(fc.constantFrom('a', '.', ' ', '/', '\\', ':', 'é', 'e\u0301', '日', '🎉', '\u0000'), {
        maxLength: 150,
      })
      .map((chars) => chars.join('')),
  );

  it('are always safe, and stable: making a safe name safe again changes nothing', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const name = safeFileName(input);
        assertSafe(name);
        expect(safeFileName(name)).toBe(name);
        expect(isSafeFileName(name)).toBe(true);
        expect(safeBaseName(safeBaseName(input))).toBe(safeBaseName(input));
      }),
      { numRuns: 2000 },
    );
  });

  it('keep a suffix and stay within the limit', () => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: 2, max: 999 }), (input, n) => {
        const name = suffixedBaseName(input, `-copy-${n}`);
        expect(name.endsWith(`-copy-${n}`)).toBe(true);
        assertSafe(`${name}.md`);
      }),
    );
  });
});

describe('checkTypedName', () => {
  it.each([
    ['new-name', '.md', false, 'new-name.md', null],
    ['  new-name.MD ', '.md', false, 'new-name.md', null],
    ['cafe\u0301', '.markdown', false, 'café.markdown', null],
    ['a:b', '.md', false, 'a-b.md', /cannot contain/],
    ['.hidden', '.md', false, 'hidden.md', /would hide/],
    ['end.', '.md', false, 'end.md', /cannot end with a dot/],
    ['con', '.md', false, 'con_.md', /"con" is a device name/],
    ['x'.repeat(101), '.md', false, `${'x'.repeat(100)}.md`, /at most 100 bytes/],
    ['', '.md', false, '', /Give a name/],
    ['trip', '', true, 'trip', null],
    ['trip/2', '', true, 'trip-2', /cannot contain/],
  ])('%j', (input, ext, folder, name, problem) => {
    const checked = checkTypedName(input, ext, folder);
    expect(checked.name).toBe(name);
    if (problem === null) expect(checked.problem).toBeNull();
    else expect(checked.problem).toMatch(problem);
  });
});
