import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parsePost } from '../../shared/document';
import { defaultSchema } from '../../shared/schema';
import { validatePost } from '../../shared/validate';
import { wholeCharacters } from './decode-post';
import {
  factsFromHead,
  factsFromText,
  indexPost,
  laterFactsFromRead,
  racyWindowMs,
  splitFront,
  unknownStamp,
  withLaterFacts,
} from './index-entry';
import { splitPost } from './post-file';
import type { HeadRead } from './scan';

const stamp = { mtimeMs: 1, size: 1, ino: 1 };

/** Post-like text from pieces that sit on every edge of the split: delimiters, line endings, BOM. */
const postText = fc
  .array(
    fc.constantFrom(
      '---',
      '---\n',
      '--- \n',
      '---\r\n',
      '---\r',
      '----\n',
      '---js\n',
      '---yaml\n',
      '+++\n',
      '+++',
      '\n',
      '\r\n',
      '\r',
      'title: Hello\n',
      'title = "Hi"\n',
      'tags: [a, b]\n',
      'date: 2024-02-28\n',
      '# Heading\n',
      'Body text with TODO.\n',
      'x',
      'é',
      '🙂',
    ),
    { maxLength: 14 },
  )
  .chain((pieces) =>
    fc.tuple(fc.boolean(), fc.nat(3)).map(([bom, padding]) => {
      // Padding pushes the interesting part past the first few kilobytes now and then.
      const text = pieces.join('').replace('PAD', '');
      const long = padding === 3 ? `${text}${'word '.repeat(1000)}\n---\n` : text;
      return bom ? `\uFEFF${long}` : long;
    }),
  );

describe('splitFront', () => {
  test('gives the split of the whole text, from as little of it as decides it', () => {
    fc.assert(
      fc.property(postText, (text) => {
        const whole = splitPost(text);
        const front = splitFront(text, true);
        expect(front).not.toBeNull();
        expect(front).toEqual({ ...whole, eol: front?.eol });
      }),
      { numRuns: 3000 },
    );
  });

  test('from a start of the file it answers only when that start decides', () => {
    fc.assert(
      fc.property(postText, fc.nat(200), (text, cut) => {
        const start = text.slice(0, cut);
        const front = splitFront(start, false);
        if (front === null) return;
        expect(front).toEqual({ ...splitPost(text), eol: front.eol });
      }),
      { numRuns: 3000 },
    );
  });

  test('a block that ends past the first few kilobytes is still found', () => {
    const long = `---\ntitle: Long\nnotes: |\n${'  line of notes\n'.repeat(600)}---\nBody\n`;
    const front = splitFront(long, true);
    expect(front).toEqual({ ...splitPost(long), eol: front?.eol });
    expect(splitFront(long.slice(0, 4096), false)).toBeNull();
  });
});

describe('facts', () => {
  const texts = [
    '---\ntitle: A\ndate: 2024-01-01\n---\n# A\n\n## Empty\n\nTODO here\n',
    '\uFEFF---\r\ntitle: B\r\nreading_time: "9 min read"\r\n---\r\nShort body.\r\n',
    '+++\ntitle = "C"\n+++\nBody\n',
    '---\ntitle: ok\nfoo: bar: baz\n---\nBody\n',
    '---js\nmodule.exports = {}\n---\n',
    'No front matter at all.\n',
    '---\ntitle: never closed\n',
  ];

  test('a post indexed from its facts has exactly the problems validatePost gives', () => {
    for (const text of texts) {
      const facts = factsFromText('post.md', text, stamp, true);
      const doc = parsePost(text, splitPost(text));
      expect(indexPost(facts, defaultSchema).summary.problems, text).toEqual(
        validatePost(doc, defaultSchema, { path: 'post.md' }),
      );
    }
  });

  test('the front matter from the first bytes is the front matter of the whole file', () => {
    for (const text of texts) {
      const bytes = Buffer.from(text);
      for (const cut of [8, 20, 40, bytes.length]) {
        const read: HeadRead = { bytes: bytes.subarray(0, cut), complete: cut >= bytes.length };
        const head = factsFromHead('post.md', read);
        if (head === null) continue;
        const whole = factsFromText('post.md', text, stamp, true);
        expect(head.facts).toMatchObject({ body: null, settled: false, stamp: unknownStamp });
        expect(
          { ...head.facts, body: whole.body, stamp, settled: true },
          `${text} cut at ${cut}`,
        ).toEqual(whole);
      }
    }
  });

  test('early facts completed by a whole read of the same file are the whole file’s facts', () => {
    const longAgo = stamp.mtimeMs + racyWindowMs + 1;
    for (const text of texts) {
      const bytes = Buffer.from(text);
      for (const cut of [8, 20, 40, bytes.length]) {
        const head = factsFromHead('post.md', {
          bytes: bytes.subarray(0, cut),
          complete: cut >= bytes.length,
        });
        if (head?.front == null) continue;
        const later = laterFactsFromRead('post.md', { bytes, stamp }, longAgo, {
          text: head.front,
          bodyLine: head.facts.bodyLine,
        });
        expect(later, `${text} cut at ${cut}`).not.toBeNull();
        if (later === null) continue;
        expect(withLaterFacts(head.facts, later), `${text} cut at ${cut}`).toEqual(
          factsFromText('post.md', text, stamp, true),
        );
      }
    }
  });

  test('a whole read whose front matter changed since the early read adds nothing to it', () => {
    const head = factsFromHead('post.md', {
      bytes: Buffer.from('---\ntitle: Before\n---\nBody\n'),
      complete: true,
    });
    expect(head?.front).toBe('---\ntitle: Before\n---\n');
    const front = { text: head?.front ?? '', bodyLine: head?.facts.bodyLine ?? 1 };
    for (const changed of ['---\ntitle: After\n---\nBody\n', '---\ntitle: Before\n', 'x']) {
      expect(
        laterFactsFromRead('post.md', { bytes: Buffer.from(changed), stamp }, 0, front),
        changed,
      ).toBeNull();
    }
    // Not text any more: the whole facts say why.
    expect(
      laterFactsFromRead('post.md', { bytes: Buffer.from([0, 1]), stamp }, 0, front),
    ).toBeNull();
  });

  test('a file whose first bytes are not text is unreadable from them already', () => {
    const read: HeadRead = { bytes: Buffer.from([0x00, 0x01, 0x02]), complete: false };
    expect(factsFromHead('x.md', read)?.facts.unreadable).toMatch(/NUL/);
    expect(factsFromHead('x.md', read)?.front).toBeNull();
  });
});

describe('wholeCharacters', () => {
  test('drops a character cut in two at the end, and nothing else', () => {
    const bytes = Buffer.from('aé🙂');
    expect(Buffer.from(wholeCharacters(bytes)).toString()).toBe('aé🙂');
    for (let cut = 0; cut <= bytes.length; cut++) {
      const kept = Buffer.from(wholeCharacters(bytes.subarray(0, cut))).toString();
      expect('aé🙂'.startsWith(kept), `cut at ${cut}`).toBe(true);
      expect(kept).not.toContain('\uFFFD');
      expect(bytes.subarray(0, cut).length - Buffer.byteLength(kept)).toBeLessThan(4);
    }
  });
});
