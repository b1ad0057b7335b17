import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import markdownIt from 'markdown-it';
import type { MarkdownIt, Token } from 'markdown-it';
import { describe, expect, test } from 'vitest';
import {
  bodyStats,
  blockTokens,
  markdownTokens,
  readingTime,
  wordCount,
} from '../../shared/derive';
import { parsePost } from '../../shared/document';
import { withFastTokens } from '../../shared/fast-tokens';
import { mayBeResidue, residuePatterns, validateBody } from '../../shared/validate';

// The fast paths of the body checks (the index runs them over every post of a folder) against
// the full paths they stand for: markdown-it's own constructors, the full inline parse, the word
// count as it was first written. Inputs: the real posts of the fixture corpus, the sample blog,
// and generated Markdown built from the pieces each fast path is sensitive to.

const corpusDir = join(import.meta.dirname, '../fixtures/corpus');
const sampleDir = join(import.meta.dirname, '../../assets/sample-blog');

function bodiesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(md|markdown)$/.test(name) && !name.endsWith('SOURCES.md'))
    .sort()
    .map((name) => parsePost(readFileSync(join(dir, name), 'utf8')).body);
}

const realBodies = [...bodiesIn(corpusDir), ...bodiesIn(sampleDir)];

/** Pieces of Markdown: block markers, inline markup, entities, escapes, scripts, whitespace. */
const pieces = [
  'word',
  'Go',
  'node.js',
  "don't",
  '42',
  'é',
  'Ωμέγα',
  '中文字',
  'ひらがな',
  'カタカナ',
  '한국어',
  '𝒜𝓁𝓅𝒽𝒶',
  '😊',
  '\u00a0',
  '\u3000',
  '\u2028',
  '\ufeff',
  '\ud800',
  ' ',
  '  ',
  '\t',
  '\n',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '# ',
  '## ',
  '###### ',
  '#',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '2) ',
  '> ',
  '    ',
  '```',
  '```js\n',
  '~~~',
  '---',
  '***',
  '===',
  '|',
  '| a | b |\n|---|---|\n',
  '*',
  '**',
  '_',
  '__',
  '~',
  '~~',
  '`',
  '``',
  '[',
  ']',
  '(',
  ')',
  '![',
  '](',
  '[link](http://example.com)',
  '![alt text](/img.png "title")',
  '[ref]',
  '\n[ref]: /url\n',
  '<',
  '>',
  '<span>',
  '</span>',
  '<div>\n',
  '<!-- note -->',
  '<http://example.com>',
  '<me@example.com>',
  '&',
  '&amp;',
  '&nbsp;',
  '&#65;',
  '&#x4e2d;',
  '&copy;',
  '\\',
  '\\*',
  '\\\n',
  'http://example.com',
  'TODO',
  'TK',
  'FIXME',
  'Table of contents',
  "Let me know if you'd like",
  'Would you like me to',
  'hope this helps',
  '?',
  '\u0000',
];

const markdown = fc
  .array(fc.constantFrom(...pieces), { maxLength: 60 })
  .map((parts) => parts.join(''));

/** Real bodies, and generated ones. */
function forEveryBody(check: (body: string) => void): void {
  for (const body of realBodies) check(body);
  fc.assert(fc.property(markdown, check), { numRuns: 3000 });
}

/** Tokens as plain data, prototypes included, so two streams compare field by field. */
function plain(tokens: readonly Token[] | null): unknown {
  return tokens?.map((token) => ({
    proto: Object.getPrototypeOf(token) as unknown,
    keys: Object.keys(token),
    ...token,
    children: plain(token.children),
  }));
}

describe('withFastTokens', () => {
  const library = markdownIt({ html: true });
  const fast = withFastTokens(markdownIt({ html: true }));

  test('keeps the library constructors when the library builds its tokens otherwise', () => {
    // Stands for a later markdown-it whose block tokens carry a field the fast ones do not.
    const md = markdownIt({ html: true });
    const LibraryBlock = md.block.State;
    md.block.State = class extends LibraryBlock {
      override push(type: string, tag: string, nesting: 1 | 0 | -1): Token {
        const token = super.push(type, tag, nesting);
        (token as Token & { later: boolean }).later = true;
        return token;
      }
    } as typeof LibraryBlock;
    const changed = md.block.State;
    withFastTokens(md);
    expect(md.block.State).toBe(changed);
    expect(md.parse('# a', {})[0]).toMatchObject({ later: true });
    expect(withFastTokens(markdownIt()).block.State).not.toBe(markdownIt().block.State);
  });

  test('builds tokens and parser states with the own keys, in order, and prototypes of the library', () => {
    const libraryCore = new library.core.State('# a', library, {});
    const fastCore = new fast.core.State('# a', fast, {});
    expect(Object.keys(fastCore)).toEqual(Object.keys(libraryCore));
    expect(Object.getPrototypeOf(fastCore)).toBe(Object.getPrototypeOf(libraryCore));
    const libraryToken = new libraryCore.Token('x', 'p', 1);
    const fastToken = new fastCore.Token('x', 'p', 1);
    expect(Object.keys(fastToken)).toEqual(Object.keys(libraryToken));
    expect(fastToken).toStrictEqual(libraryToken);

    const text = ' a\n\tb\n\n  \t c';
    const libraryBlock = new library.block.State(text, library, {}, []);
    const fastBlock = new fast.block.State(text, fast, {}, []);
    expect(Object.keys(fastBlock)).toEqual(Object.keys(libraryBlock));
    expect({ ...fastBlock }).toEqual({ ...libraryBlock, Token: fastBlock.Token, md: fast });
    expect(Object.getPrototypeOf(Object.getPrototypeOf(fastBlock))).toBe(
      Object.getPrototypeOf(libraryBlock),
    );

    const libraryInline = new library.inline.State('*a*', library, {}, []);
    const fastInline = new fast.inline.State('*a*', fast, {}, []);
    expect(Object.keys(fastInline)).toEqual(Object.keys(libraryInline));
    expect(Object.getPrototypeOf(Object.getPrototypeOf(fastInline))).toBe(
      Object.getPrototypeOf(libraryInline),
    );
  });

  test("builds markdown-it's line table for any text", () => {
    const lines = (md: MarkdownIt, text: string): unknown => {
      const state = new md.block.State(text, md, {}, []);
      return [state.bMarks, state.eMarks, state.tShift, state.sCount, state.bsCount, state.lineMax];
    };
    for (const text of ['', ' ', '\n', 'a', 'a\n', ' \t ', 'a\n  ', 'a\n\t\t', '\t a\n  b  \n']) {
      expect(lines(fast, text), JSON.stringify(text)).toEqual(lines(library, text));
    }
    forEveryBody((body) => {
      expect(lines(fast, body)).toEqual(lines(library, body));
    });
  });

  test('gives the same tokens and environment as the library', () => {
    forEveryBody((body) => {
      const libraryEnv = {};
      const fastEnv = {};
      expect(plain(fast.parse(body, fastEnv))).toEqual(plain(library.parse(body, libraryEnv)));
      expect(fastEnv).toEqual(libraryEnv);
    });
  });
});

// The word count as it was first written: a full parse, the text of each inline token joined,
// CJK characters counted and replaced by spaces, split on whitespace, runs with a letter or digit.
const reference = markdownIt({ html: true });
const wordChar = /[\p{L}\p{N}]/u;
const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

function referenceCount(body: string): { words: number; cjk: number } {
  let words = 0;
  let cjkCharacters = 0;
  for (const token of reference.parse(body, {})) {
    if (token.type !== 'inline') continue;
    const text = (token.children ?? [])
      .map((child) =>
        child.type === 'text' || child.type === 'code_inline'
          ? child.content
          : child.type === 'softbreak' || child.type === 'hardbreak'
            ? ' '
            : '',
      )
      .join('');
    cjkCharacters += text.match(cjk)?.length ?? 0;
    for (const word of text.replace(cjk, ' ').split(/\s+/)) if (wordChar.test(word)) words++;
  }
  return { words, cjk: cjkCharacters };
}

describe('word count', () => {
  test('counts what the full inline parse reads, from block tokens alone', () => {
    forEveryBody((body) => {
      const expected = referenceCount(body);
      // Nothing kept from an earlier parse of the same text: the block-only path.
      blockTokens(`${body}\nx`);
      expect(wordCount(body)).toBe(expected.words + expected.cjk);
      // And from a full parse kept (the editor parses fully for images and the excerpt).
      markdownTokens(body);
      expect(wordCount(body)).toBe(expected.words + expected.cjk);
    });
  });

  test('reads code spans as the full parse does', () => {
    // Only backticks, spaces, words and emphasis: the text the code span reader takes alone.
    const spans = fc
      .array(
        fc.constantFrom(
          '`',
          '``',
          '```',
          ' ',
          '  ',
          '\n',
          'a',
          'bc',
          '1',
          '中',
          'é',
          '*',
          '_',
          '~~',
          '#',
          '- ',
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(spans, (body) => {
        const expected = referenceCount(body);
        blockTokens(`${body}\nx`);
        expect(wordCount(body)).toBe(expected.words + expected.cjk);
      }),
      { numRuns: 5000 },
    );
  });

  test('agrees between wordCount, readingTime and bodyStats', () => {
    forEveryBody((body) => {
      const stats = bodyStats(body);
      expect(stats.words).toBe(wordCount(body));
      expect(stats.readingTime).toEqual(readingTime(body));
    });
  });

  test('reads markup that changes the words: links, code spans, entities, escapes, HTML', () => {
    expect(wordCount('x` a `y')).toBe(1);
    expect(wordCount('a&nbsp;b')).toBe(2);
    expect(wordCount('[one two]( url )')).toBe(2);
    expect(wordCount('![alt words](/a.png) after')).toBe(1);
    expect(wordCount('a<span>b</span> c')).toBe(2);
    expect(wordCount('\\*\\* &#65;')).toBe(1);
    expect(wordCount('[ref] here\n\n[ref]: /url')).toBe(2);
    expect(wordCount('**bold**text and _it_')).toBe(3);
    expect(wordCount('中文 words')).toBe(3);
  });
});

describe('body checks', () => {
  test('give the same problems from block tokens as from the full parse', () => {
    forEveryBody((body) => {
      const doc = { body, bodyLine: 5 };
      blockTokens(`${body}\nx`);
      const fromBlocks = validateBody(doc, { path: 'p.md' });
      // With `imageExists` the checks parse fully; undefined for every image adds no problem.
      const fromFull = validateBody(doc, { path: 'p.md', imageExists: () => undefined });
      expect(fromBlocks).toEqual(fromFull);
    });
  });

  test('look for assistant residue only on lines with what every pattern needs', () => {
    const words = [
      ...pieces.filter((piece) => !piece.includes('\n')),
      'do you want',
      'would you like',
      'would you prefer',
      'for',
      'me to',
      'want me to',
      'need me to',
      'shall I add',
      'a',
      'an',
      'your',
      'revised',
      'version',
      'draft',
      'let me know if you',
      "if you'd like, I can",
      'I can also',
      'feel free to ask',
      "don't hesitate to let me know",
      'changes',
      'sure!',
      'Certainly,',
      "here's",
      'here is',
      'blog post',
      'as an AI,',
      'as a large language model',
      'my training data cut-off',
      'my knowledge cutoff',
      'I hope this helps',
      'hope it helps 😊',
      '!',
      '.',
      '?',
      // Letters that case-fold to ASCII ones under some flags.
      'İ',
      'ı',
      'ſ',
      '\u212a',
      'ʼ',
    ];
    const line = fc
      .array(fc.constantFrom(...words), { minLength: 1, maxLength: 8 })
      .map((parts) => parts.join(' '));
    let matched = 0;
    fc.assert(
      fc.property(line, (text) => {
        if (!residuePatterns.some((pattern) => pattern.test(text))) return;
        matched++;
        expect(mayBeResidue.test(text), text).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    // Every pattern: a line it matches passes the filter.
    const examples = [
      'Do you want me to add it?',
      'Want me to add a table?',
      'Shall I add citations?',
      'Would you like a shorter version?',
      "Let me know if you'd like more",
      'Let me know if you need me to fix it',
      "If you'd like, I can add more",
      'I can also add more if you want',
      'Feel free to ask for any changes',
      "Sure! Here's the post",
      'Here is a revised version',
      'Here is your blog post',
      'As an AI model',
      'As a language model',
      'My knowledge cutoff is 2023',
      'Hope this helps',
    ];
    expect(examples.length).toBe(residuePatterns.length);
    residuePatterns.forEach((pattern, index) => {
      const example = examples[index] ?? '';
      expect(pattern.test(example), example).toBe(true);
      expect(mayBeResidue.test(example), example).toBe(true);
    });
    expect(matched).toBeGreaterThan(100);
  });
});
