import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePost } from './document';
import { excerptFrom, minutesOf, readingTime, slugify, truncateAtWord, wordCount } from './derive';

describe('slugify', () => {
  it.each([
    [
      'Go vs Node.js: Choosing the Right Backend Technology',
      'go-vs-nodejs-choosing-the-right-backend-technology',
    ],
    ['Café', 'cafe'],
    ['Crème brûlée à la carte', 'creme-brulee-a-la-carte'],
    ['Straße & Ærø', 'strasse-aero'],
    ['Привет мир', 'привет-мир'],
    ['Йошкар-Ола', 'йошкар-ола'],
    ['日本語のブログ', '日本語のブログ'],
    ['ガイド 2024', 'ガイド-2024'],
    ['한국어 블로그', '한국어-블로그'],
    ['हिन्दी ब्लॉग', 'हिन्दी-ब्लॉग'],
    ['Ελληνικά άρθρα', 'ελληνικά-άρθρα'],
    ["Don't Panic", 'dont-panic'],
    ['It’s 10 o’clock', 'its-10-oclock'],
    ['Wait... what?!', 'wait-what'],
    ['  --Leading and trailing--  ', 'leading-and-trailing'],
    ['C++ & C#: a -- comparison', 'c-c-a-comparison'],
    ['Ｆｕｌｌｗｉｄｔｈ ﬁle', 'fullwidth-file'],
    ['🎉 Party time 🎉', 'party-time'],
    ['', ''],
    ['!!!', ''],
  ])('%j -> %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  const slugShape = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:-[\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*$|^$/u;

  it('always gives letters and digits joined by single hyphens, and is idempotent', () => {
    const titles = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({
        unit: fc.constantFrom(..."aé -.’'Привет日本:_ß/ñ̃ॉ".split('')),
        maxLength: 30,
      }),
    );
    fc.assert(
      fc.property(titles, (title) => {
        const slug = slugify(title);
        expect(slug).toMatch(slugShape);
        expect(slugify(slug)).toBe(slug);
      }),
      { numRuns: 2000 },
    );
  });

  it('matches the plain letters-and-digits shape when the title has no combining marks', () => {
    const plainShape = /^[\p{L}\p{N}]+(-[\p{L}\p{N}]+)*$|^$/u;
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), (title) => {
        expect(slugify(title)).toMatch(plainShape);
      }),
    );
  });
});

const longProse = (words: number): string =>
  Array.from({ length: words }, (_, i) => `word${i}`).join(' ');

describe('wordCount and readingTime', () => {
  it.each([
    ['plain words', 'One two three.', 3],
    ['emphasis and links', 'Some **bold** and [a link](https://x.dev) here.', 6],
    ['headings and lists', '# Title\n\n- one item\n- two items\n', 5],
    [
      'fenced code is left out',
      'Before.\n\n```go\nfunc main() { fmt.Println("hi") }\n```\n\nAfter.',
      2,
    ],
    ['indented code is left out', 'Before.\n\n    let x = 1;\n    let y = 2;\n\nAfter.', 2],
    [
      'HTML comments are left out',
      'Before.\n\n<!-- a long note to self -->\n\nAfter <!-- inline -->.',
      2,
    ],
    ['a body that opens with a rule keeps its words', '---\n\nOne two.\n\n---\n\nThree.', 3],
    ['image text is left out', 'See ![a diagram of the flow](/x.png) here.', 2],
    ['punctuation alone is not a word', 'Go — and Node: both.', 4],
    ['CJK characters count one each', '日本語です', 5],
  ])('%s', (_, body, words) => {
    expect(wordCount(body)).toBe(words);
  });

  it('counts the body of a parsed post, never its front matter', () => {
    const doc = parsePost(
      '---\ntitle: A long title here\ntags: [a, b]\n---\nJust four words here.\n',
    );
    expect(wordCount(doc.body)).toBe(4);
  });

  it('reads at 200 words a minute, rounded up, at least 1', () => {
    expect(readingTime('')).toEqual({ minutes: 1, text: '1 min read' });
    expect(readingTime(longProse(50))).toEqual({ minutes: 1, text: '1 min read' });
    expect(readingTime(longProse(400)).minutes).toBe(2);
    expect(readingTime(longProse(2000))).toEqual({ minutes: 10, text: '10 min read' });
    expect(readingTime(longProse(2010)).minutes).toBe(11);
    expect(readingTime('日'.repeat(1000)).minutes).toBe(2);
  });

  it('does not count code toward reading time', () => {
    const code = `\`\`\`\n${longProse(4000)}\n\`\`\`\n`;
    expect(readingTime(`${longProse(400)}\n\n${code}`).minutes).toBe(2);
  });

  it('reads minutes back from what authors write', () => {
    expect(minutesOf('10 min read')).toBe(10);
    expect(minutesOf('5 minutes')).toBe(5);
    expect(minutesOf(7)).toBe(7);
    expect(minutesOf('about ten')).toBeNull();
    expect(minutesOf(['10'])).toBeNull();
  });
});

describe('excerptFrom', () => {
  it.each([
    ['the first paragraph', 'First paragraph here.\n\nSecond one.', 'First paragraph here.'],
    ['skips headings', '# Title\n\n## Sub\n\nThe text.', 'The text.'],
    ['skips images', '![cover](/c.png)\n\nThe text.', 'The text.'],
    ['skips linked images', '[![badge](/b.svg)](https://ci)\n\nThe text.', 'The text.'],
    ['skips code and HTML', '```\ncode here\n```\n\n<div>html</div>\n\nThe text.', 'The text.'],
    [
      'strips emphasis, code and link syntax',
      'Use **Go** and `go run` with [the docs](https://go.dev).',
      'Use Go and go run with the docs.',
    ],
    ['joins soft line breaks', 'One line\nand the next.', 'One line and the next.'],
    ['skips a horizontal rule', '---\n\nText.', 'Text.'],
    ['prefers a top-level paragraph', '- a list item\n\nReal text.', 'Real text.'],
    ['falls back to a list paragraph', '- only a list item', 'only a list item'],
    ['empty when there is no text', '# Only a heading\n', ''],
  ])('%s', (_, body, excerpt) => {
    expect(excerptFrom(body)).toBe(excerpt);
  });

  it('cuts long paragraphs at a word boundary with an ellipsis, within 160 characters', () => {
    const body = `${'Goroutines are cheap, and channels make them easy to coordinate. '.repeat(5)}`;
    const excerpt = excerptFrom(body);
    expect([...excerpt].length).toBeLessThanOrEqual(160);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt).toMatch(/\w…$/);
    expect(body.startsWith(excerpt.slice(0, -1))).toBe(true);
    expect(body.charAt(excerpt.length - 1)).toMatch(/[\s,.]/);
  });

  it('cuts a single overlong word hard', () => {
    expect(truncateAtWord('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(truncateAtWord('short', 10)).toBe('short');
  });
});
