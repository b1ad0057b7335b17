import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fieldSource, parsePost, removeField, serializePost, setField, withBody } from './document';
import type { FieldValue, PostDocument } from './document';

const example = `---
title: "Go vs Node.js: Choosing the Right Backend Technology"
description: "A detailed comparison between Go and Node.js."
date: "2024-02-28"
published: true
featured: true
tags: ["Go", "Node.js", "Backend"]
category: "Technology"
reading_time: "10 min read"
excerpt: "Explore the strengths and weaknesses."
image: "/images/blogs/go-vs-nodejs.png"
external_url: ""
---

# Go vs Node.js
`;

const hugo = `---
# Hugo keeps drafts with draft: true
title: Writing in plain text
date: 2024-05-03T09:30:00+02:00
draft: true

tags:
  - writing
  - 'markdown'
series:
  name: Tools
  part: 2
summary: |
  Two lines
  of summary.
---
Body
`;

const order = [
  'title',
  'description',
  'date',
  'published',
  'featured',
  'tags',
  'category',
  'reading_time',
  'excerpt',
  'image',
  'external_url',
];

function edited(doc: PostDocument, key: string, value: FieldValue, keys = order): string {
  const result = setField(doc, key, value, keys);
  if (!result.ok) throw new Error(result.error.message);
  return serializePost(result.value);
}

describe('parsePost', () => {
  test('reads the example post: values as written, keys with file lines', () => {
    const doc = parsePost(example);
    expect(doc.problem).toBeNull();
    expect(doc.format).toBe('yaml');
    expect(doc.values.date).toBe('2024-02-28');
    expect(doc.values.tags).toEqual(['Go', 'Node.js', 'Backend']);
    expect(doc.keys.map((key) => [key.key, key.line])).toEqual(order.map((key, i) => [key, i + 2]));
    expect(doc.bodyLine).toBe(14);
    expect(doc.body).toBe('\n# Go vs Node.js\n');
  });

  test('keeps unquoted dates and datetimes with offsets as strings', () => {
    const doc = parsePost(hugo);
    expect(doc.values.date).toBe('2024-05-03T09:30:00+02:00');
    expect(doc.values.summary).toBe('Two lines\nof summary.\n');
  });

  test('records BOM and CRLF, and gives back the same bytes', () => {
    const text = `\uFEFF${example.replace(/\n/g, '\r\n')}`;
    const doc = parsePost(text);
    expect(doc.hasBom).toBe(true);
    expect(doc.eol).toBe('\r\n');
    expect(doc.values.title).toBe('Go vs Node.js: Choosing the Right Backend Technology');
    expect(serializePost(doc)).toBe(text);
  });

  test('reads TOML front matter, dates as written', () => {
    const doc = parsePost(
      '+++\ntitle = "Hugo post"\ndate = 2024-02-28\ntags = ["a", "b"]\n+++\nBody\n',
    );
    expect(doc.problem).toBeNull();
    expect(doc.format).toBe('toml');
    expect(doc.values).toEqual({ title: 'Hugo post', date: '2024-02-28', tags: ['a', 'b'] });
    expect(doc.keys.map((key) => [key.key, key.line])).toEqual([
      ['title', 2],
      ['date', 3],
      ['tags', 4],
    ]);
  });

  test('reports invalid front matter at its file line and column, body still there', () => {
    const doc = parsePost('---\ntitle: ok\ntags: [a, b\n---\nBody\n');
    expect(doc.problem?.line).toBeGreaterThanOrEqual(3);
    expect(doc.body).toBe('Body\n');
  });

  test('duplicate keys are a problem at the second one', () => {
    const doc = parsePost('---\ntitle: a\ndate: 2024-01-01\ntitle: b\n---\n');
    expect(doc.problem).toEqual({ message: 'The key "title" appears twice', line: 4, column: 1 });
  });

  test('alias bombs, binary junk and unsupported languages are problems, not hangs or code', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    expect(parsePost(`---\n${bomb.join('\n')}\n---\n`).problem?.message).toMatch(/alias/i);
    expect(parsePost('---\ntitle: a\0b\n---\n').problem?.message).toMatch(/binary/);
    const js = parsePost('---js\nmodule.exports = (() => { globalThis.pwned = 1 })()\n---\n');
    expect(js.problem?.message).toMatch(/not supported/);
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  test('10,000 keys and deep nesting give a problem quickly', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `k${i}: ${i}`).join('\n');
    const started = Date.now();
    expect(parsePost(`---\n${many}\n---\n`).problem?.message).toMatch(/keys/);
    const deep = `---\na: ${'['.repeat(5000)}${']'.repeat(5000)}\n---\n`;
    parsePost(deep);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('setField', () => {
  test('changes only the edited value, keeping double quotes', () => {
    expect(edited(parsePost(example), 'title', 'A "new" title')).toBe(
      example.replace(
        '"Go vs Node.js: Choosing the Right Backend Technology"',
        '"A \\"new\\" title"',
      ),
    );
  });

  test('a flow list stays a flow list with its quote style', () => {
    expect(edited(parsePost(example), 'tags', ['Go', 'Rust'])).toBe(
      example.replace('["Go", "Node.js", "Backend"]', '["Go", "Rust"]'),
    );
  });

  test('a block list stays a block list with its indentation and item quotes', () => {
    expect(edited(parsePost(hugo), 'tags', ['markdown', 'writing', 'tools'])).toBe(
      hugo.replace("  - writing\n  - 'markdown'\n", "  - 'markdown'\n  - writing\n  - tools\n"),
    );
    const quoted = hugo.replace('  - writing\n', "  - 'writing'\n");
    expect(edited(parsePost(quoted), 'tags', ['writing', 'tools'])).toBe(
      quoted.replace("  - 'writing'\n  - 'markdown'\n", "  - 'writing'\n  - 'tools'\n"),
    );
  });

  test('plain values stay plain, and a value that would change meaning is quoted', () => {
    const doc = parsePost(hugo);
    expect(edited(doc, 'title', 'Writing in Markdown')).toBe(
      hugo.replace('title: Writing in plain text', 'title: Writing in Markdown'),
    );
    expect(edited(doc, 'title', 'Yes: no')).toContain('title: "Yes: no"\n');
    expect(edited(doc, 'draft', false)).toBe(hugo.replace('\ndraft: true', '\ndraft: false'));
    expect(edited(doc, 'date', '2024-06-01')).toBe(
      hugo.replace('2024-05-03T09:30:00+02:00', '2024-06-01'),
    );
  });

  test('a block scalar stays a block scalar', () => {
    expect(edited(parsePost(hugo), 'summary', 'One line\nand another\n')).toBe(
      hugo.replace('  Two lines\n  of summary.\n', '  One line\n  and another\n'),
    );
  });

  test('a new key goes where the schema orders it, in the style of its neighbours', () => {
    const without = example.replace('category: "Technology"\n', '');
    expect(edited(parsePost(without), 'category', 'Technology')).toBe(example);
    expect(edited(parsePost(example), 'series', 'Backends')).toBe(
      example.replace('external_url: ""\n', 'external_url: ""\nseries: "Backends"\n'),
    );
  });

  test('CRLF files get CRLF lines', () => {
    const crlf = example.replace(/\n/g, '\r\n');
    const next = edited(parsePost(crlf), 'series', 'x');
    expect(next).toContain('series: "x"\r\n');
    expect(next.replace('series: "x"\r\n', '')).toBe(crlf);
  });

  test('a post without front matter gets a YAML block only when a field is set', () => {
    const doc = parsePost('# Just a body\n');
    expect(serializePost(doc)).toBe('# Just a body\n');
    expect(edited(doc, 'title', 'Hello')).toBe('---\ntitle: "Hello"\n---\n# Just a body\n');
  });

  test('TOML and unparseable front matter are refused, never corrupted', () => {
    const toml = parsePost('+++\ntitle = "a"\n+++\n');
    expect(setField(toml, 'title', 'b')).toMatchObject({
      ok: false,
      error: { kind: 'unsupported' },
    });
    const broken = parsePost('---\ntitle: [a\n---\n');
    expect(setField(broken, 'title', 'b').ok).toBe(false);
  });

  test('an empty value is filled after its colon', () => {
    expect(edited(parsePost('---\ntitle: a\nimage:\n---\n'), 'image', '/x.png')).toBe(
      '---\ntitle: a\nimage: /x.png\n---\n',
    );
  });
});

describe('removeField and withBody', () => {
  test('removing a key removes its lines only', () => {
    const result = removeField(parsePost(hugo), 'series');
    expect(result.ok && serializePost(result.value)).toBe(
      hugo.replace('series:\n  name: Tools\n  part: 2\n', ''),
    );
  });

  test('a body edit keeps the front matter bytes', () => {
    const doc = withBody(parsePost(example), '\nNew body\n');
    expect(serializePost(doc)).toBe(example.replace('\n# Go vs Node.js\n', '\nNew body\n'));
  });

  test('fieldSource gives the value as written', () => {
    expect(fieldSource(parsePost(example), 'tags')).toBe('["Go", "Node.js", "Backend"]');
  });
});

describe('properties', () => {
  const value = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.integer(),
    fc.boolean(),
    fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { maxLength: 5 }),
  );

  test('parse then serialize is the identity for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => serializePost(parsePost(text)) === text),
      { numRuns: 500 },
    );
  });

  test('one edit changes only that key: every other key reads back the same, the value reads back exactly', () => {
    for (const base of [example, hugo, example.replace(/\n/g, '\r\n')]) {
      const doc = parsePost(base);
      fc.assert(
        fc.property(
          fc.constantFrom(...doc.keys.map((key) => key.key).filter((key) => key !== 'series')),
          value,
          (key, next) => {
            const result = setField(doc, key, next, order);
            expect(result.ok).toBe(true);
            if (!result.ok) return;
            const after = result.value;
            expect(after.problem).toBeNull();
            expect(after.values[key]).toEqual(next);
            const othersBefore = doc.keys.filter((info) => info.key !== key);
            for (const info of othersBefore) {
              const now = after.keys.find((each) => each.key === info.key);
              expect(now && after.frontMatter.slice(now.start, now.end)).toBe(
                doc.frontMatter.slice(info.start, info.end),
              );
            }
            expect(after.body).toBe(doc.body);
            expect(after.text.slice(0, after.split.frontMatterStart)).toBe(
              doc.text.slice(0, doc.split.frontMatterStart),
            );
          },
        ),
        { numRuns: 300 },
      );
    }
  });
});

describe('nested values', () => {
  const indented = `---
title: Four spaces
params:
    theme: dark
    sizes: [1, 2]
tags:
- one
- two
menu:
    main:
    - home
---
Body
`;

  test("a map is written as block YAML under its key, in the file's quote and list styles", () => {
    expect(
      edited(parsePost(example), 'seo', {
        canonical: 'https://x.dev/go',
        keywords: ['go', 'node'],
      }),
    ).toBe(
      example.replace(
        'external_url: ""\n',
        'external_url: ""\nseo:\n  canonical: "https://x.dev/go"\n  keywords: ["go", "node"]\n',
      ),
    );
  });

  test("an existing map is replaced by its lines only, in the file's indentation", () => {
    expect(edited(parsePost(hugo), 'series', { name: 'Tools', part: 3 })).toBe(
      hugo.replace('  part: 2\n', '  part: 3\n'),
    );
    // Lists inside follow the file's list style: block and flush here, as `tags` is written.
    expect(edited(parsePost(indented), 'params', { theme: 'light', sizes: [1, 2] })).toBe(
      indented.replace(
        'theme: dark\n    sizes: [1, 2]',
        'theme: light\n    sizes:\n    - 1\n    - 2',
      ),
    );
  });

  test('a list of maps is written as block items, lists flush when the file writes them so', () => {
    expect(
      edited(parsePost(indented), 'authors', [{ name: 'Ada', links: { site: 'https://a.dev' } }]),
    ).toBe(
      indented.replace(
        '---\nBody',
        'authors:\n- name: Ada\n  links:\n      site: https://a.dev\n---\nBody',
      ),
    );
  });

  test('a comment after the old value goes with it; CRLF stays CRLF', () => {
    const crlf = '---\r\ntitle: a\r\nseo: old # note\r\nnext: 1\r\n---\r\n';
    expect(edited(parsePost(crlf), 'seo', { a: 1, b: [{ c: null }] })).toBe(
      '---\r\ntitle: a\r\nseo:\r\n  a: 1\r\n  b:\r\n    - c:\r\nnext: 1\r\n---\r\n',
    );
  });

  test('empty maps and lists are written in flow style', () => {
    expect(edited(parsePost(hugo), 'series', {})).toBe(
      hugo.replace('series:\n  name: Tools\n  part: 2\n', 'series: {}\n'),
    );
  });

  const key = fc.oneof(
    { weight: 4, arbitrary: fc.stringMatching(/^[a-z][a-z_]{0,5}$/) },
    fc.constantFrom('true', '1', 'a b', 'x: y', '#c', '- d', '', "it's", '? q', '"q"'),
  );
  const scalar = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('null', '', ' x', 'a: b', '- c', '#d', '[e]', '{f}', '1.0', 'yes', 'x\ny'),
  );
  const { nested } = fc.letrec<{ nested: FieldValue; item: FieldValue; map: FieldValue }>(
    (tie) => ({
      item: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('nested')),
      map: fc.dictionary(key, tie('item'), { maxKeys: 3, noNullPrototype: true }),
      nested: fc.oneof({ depthSize: 'small' }, tie('map'), fc.array(tie('item'), { maxLength: 3 })),
    }),
  );
  // What only block YAML can write: a map, or a list holding a map.
  const blockValue = fc.oneof(
    nested.filter((value) => value !== null && typeof value === 'object' && !Array.isArray(value)),
    fc
      .tuple(fc.array(nested, { maxLength: 2 }), fc.dictionary(key, nested, { maxKeys: 2 }))
      .map(([items, map]) => [...items, map] as FieldValue),
  );
  const bases = [example, hugo, example.replace(/\n/g, '\r\n'), indented];

  function lineStart(text: string, offset: number): number {
    return text.lastIndexOf('\n', offset - 1) + 1;
  }

  function set(doc: PostDocument, name: string, value: FieldValue): PostDocument {
    const result = setField(doc, name, value, order);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }

  test('a nested value reads back exactly, and every line outside its entry stays', () => {
    for (const base of bases) {
      const doc = parsePost(base);
      const names = [...doc.keys.map((info) => info.key), 'extra'];
      fc.assert(
        fc.property(fc.constantFrom(...names), blockValue, (name, value) => {
          const after = set(doc, name, value);
          expect(after.problem).toBeNull();
          expect(after.values[name]).toEqual(value);
          expect(after.values).toEqual({ ...doc.values, [name]: value });
          const before = doc.keys.find((info) => info.key === name);
          const now = after.keys.find((info) => info.key === name);
          if (now === undefined) throw new Error(`no ${name} after the edit`);
          const head = before
            ? doc.frontMatter.slice(0, lineStart(doc.frontMatter, before.start))
            : '';
          const tail = before ? doc.frontMatter.slice(before.end) : '';
          expect(after.frontMatter.startsWith(head)).toBe(true);
          expect(after.frontMatter.endsWith(tail)).toBe(true);
          if (before === undefined) {
            const entry = after.frontMatter.slice(lineStart(after.frontMatter, now.start), now.end);
            expect(after.frontMatter.replace(entry, '')).toBe(doc.frontMatter);
          }
          if (doc.eol === '\r\n') expect(after.frontMatter).not.toMatch(/(?<!\r)\n/);
          expect(after.body).toBe(doc.body);
        }),
        { numRuns: 200 },
      );
    }
  });

  test('setting a value and then the old one again gives back the text, when the old one was in block style (in a file whose other entries show its indentation, or none do)', () => {
    for (const base of bases) {
      const doc = parsePost(base);
      const names = [...doc.keys.map((info) => info.key), 'extra'];
      fc.assert(
        fc.property(
          fc.constantFrom(...names),
          blockValue,
          fc.oneof(blockValue, scalar),
          (name, old, next) => {
            const canonical = set(doc, name, old);
            const back = set(set(canonical, name, next), name, old);
            expect(back.text).toBe(canonical.text);
          },
        ),
        { numRuns: 200 },
      );
    }
  });
});

describe('hostile sizes', () => {
  test('a 5 MB post, a 1 MB line and huge front matter are read, checked and refused within seconds', async () => {
    const { validatePost } = await import('./validate');
    const { defaultSchema } = await import('./schema');
    const started = Date.now();
    const big = parsePost(`---\ntitle: Big\ndate: 2024-01-01\n---\n${'['.repeat(5_000_000)}\n`);
    expect(big.values.title).toBe('Big');
    expect(validatePost(big, defaultSchema).map((problem) => problem.rule)).toContain('too-large');
    const longBodyLine = parsePost(`---\ntitle: Long\n---\n${'word '.repeat(150_000)}\n`);
    expect(longBodyLine.problem).toBeNull();
    expect(validatePost(longBodyLine, defaultSchema).map((problem) => problem.rule)).not.toContain(
      'too-large',
    );
    const longValue = parsePost(`---\ntitle: ${'x'.repeat(1_000_000)}\n---\nBody\n`);
    expect(longValue.problem?.message).toMatch(/characters long/);
    const huge = parsePost(`---\n${'k: v\n'.repeat(300_000)}---\n`);
    expect(huge.problem?.message).toMatch(/characters long|lines/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
