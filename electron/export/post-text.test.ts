import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePost } from '../../shared/document';
import { defaultSchema } from '../../shared/schema';
import { bodyImages, contentPath, exportedText, postFacts, stepwiseHead } from './post-text';

const none = new Map<string, string>();

function pathFor(template: string, path: string, front: Record<string, unknown>): string {
  const result = contentPath(template, postFacts(path, front));
  return result.ok ? result.value : `error: ${result.error.message}`;
}

describe('contentPath', () => {
  it('fills every placeholder from the post', () => {
    const front = { slug: 'hello-world', date: '2024-02-28', category: 'Dev Ops & Café' };
    expect(pathFor('content/{slug}.md', 'posts/hello.md', front)).toBe('content/hello-world.md');
    expect(pathFor('_posts/{date}-{slug}.md', 'hello.md', front)).toBe(
      '_posts/2024-02-28-hello-world.md',
    );
    expect(pathFor('{year}/{month}/{day}/{name}.md', 'hello.md', front)).toBe(
      '2024/02/28/hello.md',
    );
    expect(pathFor('{category}/{slug}/index.md', 'x.md', front)).toBe(
      'dev-ops-cafe/hello-world/index.md',
    );
  });

  it('takes the date as written, never shifted to another day by its offset', () => {
    expect(pathFor('{date}.md', 'a.md', { date: '2024-02-28T23:30:00-05:00' })).toBe(
      '2024-02-28.md',
    );
    expect(pathFor('{date}.md', 'a.md', { date: '2024-03-01T00:30:00+14:00' })).toBe(
      '2024-03-01.md',
    );
    expect(pathFor('{date}.md', 'a.md', { date: '2024-03-01 10:00' })).toBe('2024-03-01.md');
  });

  it('uses the file or bundle name when there is no slug', () => {
    expect(pathFor('{slug}.md', 'notes/first-post.markdown', {})).toBe('first-post.md');
    expect(pathFor('{slug}/index.md', 'trips/lisbon/index.md', {})).toBe('lisbon/index.md');
    expect(pathFor('{name}.md', 'trips/lisbon/index.md', { slug: 'x' })).toBe('lisbon.md');
  });

  it('refuses values that are no file name, and missing dates and categories', () => {
    expect(pathFor('{slug}.md', 'a.md', { slug: '../../etc/passwd' })).toMatch(
      /cannot be part of a file name/,
    );
    expect(pathFor('{slug}.md', 'a.md', { slug: 'a/b' })).toMatch(/cannot be part of a file name/);
    expect(pathFor('{date}-{slug}.md', 'a.md', {})).toMatch(/has no valid date/);
    expect(pathFor('{date}-{slug}.md', 'a.md', { date: '2024-02-30' })).toMatch(
      /has no valid date/,
    );
    expect(pathFor('{category}/{slug}.md', 'a.md', {})).toMatch(/has no category/);
  });
});

describe('bodyImages', () => {
  it('finds Markdown, reference and HTML images, and nothing in code', () => {
    const body = [
      '![one](a.png "title") and ![two](<b c.png>) and ![remote](https://x.test/r.png)',
      '![three][pic] and [a link](not-an-image.png)',
      '',
      '<img alt="four" src="d.png">',
      '',
      '`![code](e.png)`',
      '',
      '```',
      '![fenced](f.png)',
      '```',
      '',
      '    ![indented](g.png)',
      '',
      '[pic]: /images/c.png',
      '[unused]: h.png',
      '',
    ].join('\n');
    const found = bodyImages(body);
    expect(found.map((image) => image.src)).toEqual(['a.png', 'b c.png', 'd.png', '/images/c.png']);
    for (const image of found) {
      const raw = body.slice(image.start, image.end);
      expect(image.angle ? raw.slice(1, -1) : raw).toBe(image.src);
    }
  });
});

describe('exportedText', () => {
  const post = [
    '---',
    'title: "Hello"   # kept as is',
    'notes: |',
    '  private',
    '  # a comment inside the notes',
    'cover: /img/c.png',
    'image: ./shot.png',
    'tags: [a, b]',
    '---',
    'Text ![x](./shot.png) and <img src="./shot.png">',
    '',
  ].join('\n');

  it('drops and renames keys, rewrites image links, and changes nothing else', () => {
    const images = new Map([['./shot.png', '/images/blog/shot.png']]);
    const text = exportedText(parsePost(post), defaultSchema, {
      drop: ['notes', 'missing'],
      rename: { cover: 'hero' },
      images,
    });
    expect(text).toEqual({
      ok: true,
      value: [
        '---',
        'title: "Hello"   # kept as is',
        'hero: /img/c.png',
        'image: /images/blog/shot.png',
        'tags: [a, b]',
        '---',
        'Text ![x](/images/blog/shot.png) and <img src="/images/blog/shot.png">',
        '',
      ].join('\n'),
    });
  });

  it('gives back the exact text when the target changes nothing', () => {
    const text = exportedText(parsePost(post), defaultSchema, {
      drop: [],
      rename: {},
      images: none,
    });
    expect(text).toEqual({ ok: true, value: post });
  });

  it('refuses a rename onto a key the post already has', () => {
    const text = exportedText(parsePost(post), defaultSchema, {
      drop: [],
      rename: { cover: 'image' },
      images: none,
    });
    expect(text.ok).toBe(false);
    if (!text.ok) expect(text.error.message).toMatch(/two "image" keys/);
  });

  it('swaps two keys', () => {
    const text = exportedText(parsePost('---\na: 1\nb: 2\n---\n'), defaultSchema, {
      drop: [],
      rename: { a: 'b', b: 'a' },
      images: none,
    });
    expect(text).toEqual({ ok: true, value: '---\nb: 1\na: 2\n---\n' });
  });

  it('keeps every other byte when dropping and renaming (property)', () => {
    const key = fc.stringMatching(/^[a-z][a-z_]{0,6}$/);
    const value = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9 ,.!-]{0,20}$/).map((text) => ` ${JSON.stringify(text)}`),
      fc.integer().map((n) => ` ${n}`),
      fc.constant(' [a, b]   # flow'),
      fc.constant('\n  - one\n  # inside\n  - two'),
      fc.constant(' |\n  block text\n\n  more'),
    );
    const entries = fc.uniqueArray(fc.tuple(key, value), {
      selector: ([k]) => k,
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(
        entries,
        fc.boolean(),
        fc.nat(),
        fc.constantFrom('\n', '\r\n'),
        (list, drop, pick, eol) => {
          const lines = list.map(([k, v]) => `${k}:${v}`.replace(/\n/g, eol));
          const comment = `# top comment${eol}`;
          const text = `---${eol}${comment}${lines.join(eol)}${eol}---${eol}Body${eol}`;
          const index = pick % list.length;
          const chosen = list[index]?.[0] ?? '';
          const renamed = `renamed_${chosen}`;
          const result = exportedText(parsePost(text), defaultSchema, {
            drop: drop ? [chosen] : [],
            rename: drop ? {} : { [chosen]: renamed },
            images: none,
          });
          const expected = lines
            .flatMap((line, i) =>
              i !== index ? [line] : drop ? [] : [line.replace(chosen, renamed)],
            )
            .join(eol);
          const tail = expected === '' ? '' : eol;
          expect(result).toEqual({
            ok: true,
            value: `---${eol}${comment}${expected}${tail}---${eol}Body${eol}`,
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same file from one parse as changing field by field (property)', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'notes', 'cover', 'image', '"q k"');
    const value = fc.constantFrom(
      ' ./pic.png',
      " './pic.png'   # quoted",
      ' 12',
      ' [x, y]',
      '\n  - one\n  # inside\n  - two',
      ' |\n  block\n\n  text',
      '\n  nested: map\n  other: 2',
    );
    const entries = fc.uniqueArray(fc.tuple(key, value), {
      selector: ([k]) => k,
      minLength: 1,
      maxLength: 7,
    });
    const keys = ['a', 'b', 'c', 'notes', 'cover', 'image', 'q k', 'new'];
    fc.assert(
      fc.property(
        entries,
        fc.subarray(keys),
        fc.array(fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...keys)), { maxLength: 3 }),
        fc.constantFrom('\n', '\r\n'),
        (list, drop, renames, eol) => {
          const lines = list.map(([k, v]) => `${k}:${v}`.replace(/\n/g, eol));
          const text = `---${eol}# top${eol}${lines.join(eol)}${eol}# end${eol}---${eol}Body ![p](./pic.png)${eol}`;
          const doc = parsePost(text);
          const rename = Object.fromEntries(renames);
          const images = new Map([['./pic.png', '/images/pic.png']]);
          const result = exportedText(doc, defaultSchema, { drop, rename, images });
          if (!result.ok) return;
          // What the field-by-field way gives for the same changes.
          const dropping = drop.filter((k) => Object.hasOwn(doc.values, k));
          const expected = stepwiseHead(doc, {
            set:
              doc.values.image === './pic.png' && !dropping.includes('image')
                ? [['image', '/images/pic.png']]
                : [],
            drop: dropping,
            rename: Object.entries(rename).filter(([from]) => Object.hasOwn(doc.values, from)),
          });
          expect(expected.ok).toBe(true);
          if (expected.ok)
            expect(result.value).toBe(`${expected.value}Body ![p](/images/pic.png)${eol}`);
        },
      ),
      { numRuns: 400 },
    );
  });
});
