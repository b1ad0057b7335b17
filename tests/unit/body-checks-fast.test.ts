import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import markdownIt from 'markdown-it';
import type { MarkdownIt, Token } from 'markdown-it';
import { describe, expect, test } from 'vitest';
import { parsePost } from '../../shared/document';
import { withFastTokens } from '../../shared/fast-tokens';

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
