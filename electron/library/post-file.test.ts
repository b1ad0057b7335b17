import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import type { PostFile } from '../../shared/api';
import { composePost, partsOf } from '../../shared/post-text';
import { findFrontMatter } from '../../shared/split';
import { confirmedByGrayMatter, splitPost } from './post-file';

function fileOf(text: string): PostFile {
  return { path: 'p.md', text, version: 'v', split: splitPost(text) };
}

/** The front matter text and the body, as the editor would see them. */
function partsOfText(text: string): { frontMatter: string; body: string } {
  const { frontMatter, body } = partsOf(fileOf(text));
  return { frontMatter, body };
}

describe('splitPost on well-formed posts', () => {
  test('a post without front matter is all body', () => {
    const text = '# Hello\n\nNo front matter here.\n';
    expect(splitPost(text)).toEqual({
      format: 'none',
      frontMatterStart: 0,
      frontMatterEnd: 0,
      bodyStart: 0,
      eol: '\n',
      error: null,
    });
  });

  test('finds the YAML block and the body', () => {
    const text = '---\ntitle: Hello\ndate: 2024-05-03\n---\n# Body\n';
    const split = splitPost(text);
    expect(split).toMatchObject({ format: 'yaml', error: null, eol: '\n' });
    expect(partsOfText(text)).toEqual({
      frontMatter: 'title: Hello\ndate: 2024-05-03\n',
      body: '# Body\n',
    });
  });

  test('a closing line with trailing spaces does not leak them into the body', () => {
    expect(partsOfText('---\ntitle: A\n---  \nBody\n')).toEqual({
      frontMatter: 'title: A\n',
      body: 'Body\n',
    });
  });

  test('a post opening with a "----" horizontal rule has no front matter and no problem', () => {
    const text = '----\n\nIntro\n\n---\n';
    expect(splitPost(text)).toMatchObject({ format: 'none', bodyStart: 0, error: null });
  });

  test('accepts "---yaml" and "---yml" openers', () => {
    for (const opener of ['---yaml', '---yml', '--- yaml']) {
      const text = `${opener}\ntitle: Hello\n---\nBody`;
      expect(splitPost(text), opener).toMatchObject({ format: 'yaml', error: null });
      expect(partsOfText(text), opener).toEqual({ frontMatter: 'title: Hello\n', body: 'Body' });
    }
  });

  test('reads a TOML "+++" block as TOML', () => {
    const text = '+++\ntitle = "Hello"\n+++\nBody\n';
    expect(splitPost(text)).toMatchObject({ format: 'toml', error: null });
    expect(partsOfText(text)).toEqual({ frontMatter: 'title = "Hello"\n', body: 'Body\n' });
  });

  test('keeps a BOM before the block, outside the front matter text', () => {
    const text = '\uFEFF---\ntitle: Hello\n---\nBody';
    const split = splitPost(text);
    expect(split).toMatchObject({ format: 'yaml', error: null, frontMatterStart: 5 });
    expect(partsOfText(text)).toEqual({ frontMatter: 'title: Hello\n', body: 'Body' });
  });

  test('a BOM before a post without front matter stays out of the body', () => {
    const split = splitPost('\uFEFF# Hello');
    expect(split).toMatchObject({ format: 'none', bodyStart: 1, error: null });
  });

  test('reads CRLF files, reports CRLF, and gives the body with LF endings', () => {
    const text = '---\r\ntitle: Hello\r\n---\r\nLine 1\r\nLine 2\r\n';
    expect(splitPost(text)).toMatchObject({ format: 'yaml', eol: '\r\n', error: null });
    expect(partsOfText(text)).toEqual({
      frontMatter: 'title: Hello\r\n',
      body: 'Line 1\nLine 2\n',
    });
  });

  test('an empty block and a block closed at the very end of the file', () => {
    expect(partsOfText('---\n---\nBody')).toEqual({ frontMatter: '', body: 'Body' });
    expect(partsOfText('---\ntitle: Hello\n---')).toEqual({
      frontMatter: 'title: Hello\n',
      body: '',
    });
  });

  test('a body that starts with a blank line keeps it', () => {
    expect(partsOfText('---\na: 1\n---\n\nBody')).toEqual({
      frontMatter: 'a: 1\n',
      body: '\nBody',
    });
  });
});

describe('splitPost on front matter it must not accept', () => {
  test('an unclosed block is an error and the whole file is the body', () => {
    const text = '---\ntitle: Hello\n\nBody that never closes the block\n';
    const split = splitPost(text);
    expect(split.error).toMatch(/never closed/);
    expect(split).toMatchObject({ format: 'none', bodyStart: 0 });
    expect(partsOfText(text).body).toBe(text);
  });

  test('"---js", "---javascript", "---coffee" and "+++x" blocks are errors', () => {
    for (const opener of ['---js', '---JS', '--- javascript', '---coffee', '---json', '+++x']) {
      const text = `${opener}\n{}\n${opener.slice(0, 3)}\nBody`;
      const split = splitPost(text);
      expect(split.error, opener).not.toBeNull();
      expect(split, opener).toMatchObject({ format: 'none', bodyStart: 0 });
    }
  });

  describe('a "---js" block', () => {
    afterEach(() => {
      delete (globalThis as { pwned?: unknown }).pwned;
    });

    test('is never run', () => {
      const text = '---js\nmodule.exports = (() => { globalThis.pwned = true })()\n---\nBody\n';
      const split = splitPost(text);
      expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
      expect(split.error).toMatch(/not supported/);
      expect(partsOfText(text).body).toBe(text);
    });
  });

  test('a lone CR or U+2028 does not start the closing delimiter line', () => {
    // JavaScript's multiline `^` treats these as line starts; gray-matter and YAML do not. If the
    // split took them, the rest of the file would be hidden between "delimiters" and an edited
    // body would be appended after it.
    for (const text of ['---\na: 1\r---\nBody', '---\na: 1\u2028---\nBody']) {
      const split = splitPost(text);
      expect(split.error, JSON.stringify(text)).not.toBeNull();
      expect(partsOfText(text).body, JSON.stringify(text)).toBe(text);
    }
    const later = '---\na: 1\r---\nb: 2\n---\nBody';
    expect(partsOfText(later)).toEqual({ frontMatter: 'a: 1\r---\nb: 2\n', body: 'Body' });
  });
});

/** Texts likely to hit the splitter's edge cases: delimiters, line endings, BOMs, languages. */
const postLike = fc
  .array(
    fc.constantFrom(
      '---',
      '+++',
      '----',
      '\n',
      '\r\n',
      '\r',
      '\uFEFF',
      '\u2028',
      'js',
      'yaml',
      'title: a',
      ' ',
      '\t',
      '#',
      'x',
      '[',
      '"',
    ),
    { maxLength: 30 },
  )
  .map((pieces) => pieces.join(''));

const anyText = fc.oneof(postLike, fc.string({ unit: 'binary' }), fc.string());

describe('splitPost and composePost, for any text', () => {
  test('skipping gray-matter where it must agree gives what asking it gives', () => {
    // Lines made of delimiter look-alikes, so closing lines, `---x`, `----` and `--- ` meet often.
    const line = fc.constantFrom('---', '--- ', '----', '---x', '---yaml', '+++', 'a: 1', '', '#');
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    const delimiterText = fc
      .tuple(fc.constantFrom('', '\uFEFF'), fc.array(fc.tuple(line, eol), { maxLength: 8 }))
      .map(([bom, lines]) => bom + lines.map(([text, end]) => text + end).join(''));
    fc.assert(
      fc.property(fc.oneof(delimiterText, anyText), (text) => {
        const split = findFrontMatter(text);
        if (split.format === 'none') return;
        expect(splitPost(text)).toEqual(confirmedByGrayMatter(text, split));
      }),
      { numRuns: 5000 },
    );
  });

  test('the offsets are ordered and inside the text; an error makes the whole file the body', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const split = splitPost(text);
        expect(0).toBeLessThanOrEqual(split.frontMatterStart);
        expect(split.frontMatterStart).toBeLessThanOrEqual(split.frontMatterEnd);
        expect(split.frontMatterEnd).toBeLessThanOrEqual(split.bodyStart);
        expect(split.bodyStart).toBeLessThanOrEqual(text.length);
        if (split.error !== null || split.format === 'none') {
          expect(split.format).toBe('none');
          expect(split.bodyStart).toBe(text.startsWith('\uFEFF') ? 1 : 0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('composing the unedited parts gives back exactly the same text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const file = fileOf(text);
        expect(composePost(file, partsOf(file))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  test('editing only the body keeps everything before the body byte for byte', () => {
    fc.assert(
      fc.property(anyText, fc.string(), (text, newBody) => {
        const file = fileOf(text);
        const parts = partsOf(file);
        const composed = composePost(file, { frontMatter: parts.frontMatter, body: newBody });
        const head = text.slice(0, file.split.bodyStart);
        expect(composed.slice(0, head.length)).toBe(head);
        const expectedBody =
          newBody === parts.body
            ? text.slice(file.split.bodyStart)
            : file.split.eol === '\r\n'
              ? newBody.replace(/\n/g, '\r\n')
              : newBody;
        expect(composed.slice(head.length)).toBe(expectedBody);
      }),
      { numRuns: 1000 },
    );
  });

  test('a post built from front matter lines and a body splits back into exactly those', () => {
    // A front matter line may hold anything but a line break and must not look like a delimiter.
    const oneChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
    const line = fc
      .string({
        unit: fc.oneof(
          fc.constantFrom('\r', '\u2028', '---', '\r---', '\u2028---', ':', ' '),
          oneChar,
        ),
      })
      .filter((s) => !s.includes('\n') && !s.startsWith('---'));
    const body = fc.string({
      unit: fc.oneof(fc.constantFrom('\n', '---', '\r', '\n---\n'), oneChar),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), body, (lines, bodyText) => {
        const frontMatter = lines.map((l) => `${l}\n`).join('');
        const text = `---\n${frontMatter}---\n${bodyText}`;
        const split = splitPost(text);
        expect(split.error).toBeNull();
        expect(split.format).toBe('yaml');
        expect(text.slice(split.frontMatterStart, split.frontMatterEnd)).toBe(frontMatter);
        expect(text.slice(split.bodyStart)).toBe(bodyText);
      }),
      { numRuns: 1000 },
    );
  });
});
