import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { splitPost } from '../../electron/library/post-file';
import type { FrontMatterFormat } from '../../shared/api';
import {
  parsePost,
  readYamlFrontMatter,
  readYamlFull,
  removeField,
  serializePost,
  setField,
} from '../../shared/document';
import type { FieldValue, KeyInfo, PostDocument } from '../../shared/document';

// Real posts from several site generators (see tests/fixtures/corpus/SOURCES.md), plus CRLF and
// BOM variants derived from some of them. Every file is read as bytes: the promise is about bytes.
const corpusDir = join(import.meta.dirname, '../fixtures/corpus');

interface CorpusFile {
  readonly name: string;
  readonly bytes: Buffer;
  readonly text: string;
  readonly doc: PostDocument;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const corpus: readonly CorpusFile[] = readdirSync(corpusDir)
  .filter((name) => /\.(md|markdown)$/.test(name) && name !== 'SOURCES.md')
  .sort()
  .map((name) => {
    const bytes = readFileSync(join(corpusDir, name));
    const text = utf8.decode(bytes);
    return { name, bytes, text, doc: parsePost(text) };
  });

/**
 * Files whose front matter is not YAML. The two `none` files open with a blank line before the
 * delimiter; Hugo and Zola accept that, gray-matter and Postwright do not, so their whole text is
 * the body (and stays byte for byte).
 */
const expectedFormat: Readonly<Record<string, FrontMatterFormat>> = {
  'zola-a-post-with-dates.md': 'toml',
  'zola-docs-page.md': 'toml',
  'zola-with-tag-taxonomy.md': 'toml',
  'derived-crlf-zola-with-tag-taxonomy.md': 'toml',
  'derived-bom-zola-docs-page.md': 'toml',
  'zola-theme-deepthought.md': 'none',
  'hugodocs-0.56.0-relnotes.md': 'none',
};

/** Files that are expected to report a problem, and which. None so far: real posts must all read. */
const expectedProblems: Readonly<Record<string, RegExp>> = {};

function formatOf(name: string): FrontMatterFormat {
  return expectedFormat[name] ?? 'yaml';
}

const yamlPosts = corpus.filter((file) => formatOf(file.name) === 'yaml');
const tomlPosts = corpus.filter((file) => formatOf(file.name) === 'toml');

function unwrap(result: ReturnType<typeof setField>, what: string): PostDocument {
  if (!result.ok) throw new Error(`${what}: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

function entryText(doc: PostDocument, info: KeyInfo): string {
  return doc.frontMatter.slice(info.start, info.end);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The delimiter lines and BOM: everything outside the front matter text and the body. */
function frame(doc: PostDocument): { before: string; between: string } {
  const { split, text } = doc;
  return {
    before: text.slice(0, split.frontMatterStart),
    between: text.slice(split.frontMatterEnd, split.bodyStart),
  };
}

function loneLineFeeds(text: string): number {
  return text.match(/(?<!\r)\n/g)?.length ?? 0;
}

function carriageReturns(text: string): number {
  return text.match(/\r/g)?.length ?? 0;
}

function isPlain(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** The edit the form would make to a field of a plain value or list; undefined for nested values. */
function editedValue(value: unknown): FieldValue | undefined {
  if (typeof value === 'string')
    return value.includes('\n') ? `Edited.\n${value}` : `${value} (edited)`;
  if (value === null) return 'edited';
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value + 1;
  if (Array.isArray(value) && value.every(isPlain)) return [...value, 'postwright-added'];
  return undefined;
}

/**
 * Asserts that `after` differs from `before` only inside the entry of `key`: every other entry's
 * text, the text around the entry, the delimiter lines, the BOM, the body and the line endings stay.
 */
function expectOnlyEntryChanged(
  before: PostDocument,
  after: PostDocument,
  key: string,
  label: string,
): void {
  const info = before.keys.find((each) => each.key === key);
  if (info === undefined) throw new Error(`${label}: no key ${key}`);
  expect(after.problem, label).toBeNull();
  expect(after.frontMatter.startsWith(before.frontMatter.slice(0, info.start)), label).toBe(true);
  expect(after.frontMatter.endsWith(before.frontMatter.slice(info.end)), label).toBe(true);
  expect(
    after.keys.map((each) => each.key),
    label,
  ).toEqual(before.keys.map((each) => each.key));
  for (const other of before.keys) {
    if (other.key === key) continue;
    const moved = after.keys.find((each) => each.key === other.key);
    expect(moved && entryText(after, moved), `${label}: entry ${other.key}`).toBe(
      entryText(before, other),
    );
    expect(after.values[other.key], `${label}: value ${other.key}`).toEqual(
      before.values[other.key],
    );
  }
  expectFrameKept(before, after, label);
}

function expectFrameKept(before: PostDocument, after: PostDocument, label: string): void {
  expect(after.body, label).toBe(before.body);
  expect(after.hasBom, label).toBe(before.hasBom);
  expect(frame(after), label).toEqual(frame(before));
  if (before.eol === '\r\n') {
    expect(loneLineFeeds(after.text), `${label}: lone \\n in a CRLF file`).toBe(
      loneLineFeeds(before.text),
    );
  } else {
    expect(carriageReturns(after.text), `${label}: \\r in an LF file`).toBe(
      carriageReturns(before.text),
    );
  }
}

describe('the corpus', () => {
  test('holds real posts of every shape the issue names', () => {
    const yamlTexts = yamlPosts.map((file) => file.doc.frontMatter);
    const has = (pattern: RegExp): boolean => yamlTexts.some((text) => pattern.test(text));
    const values = yamlPosts.flatMap((file) => Object.values(file.doc.values));
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    expect(has(/^\s*#/m), 'comments').toBe(true);
    expect(has(/^[\w-]+:[ \t]*\|[-+]?[ \t]*\r?$/m), 'literal block scalar').toBe(true);
    expect(has(/^[\w-]+:[ \t]*>[-+]?[ \t]*\r?$/m), 'folded block scalar').toBe(true);
    expect(has(/^[\w-]+:[ \t]*\[/m), 'flow list').toBe(true);
    expect(has(/^[\w-]+:[ \t]*\r?\n[ \t]*- /m), 'block list').toBe(true);
    expect(has(/^date: ["']\d{4}-\d\d-\d\d/m), 'quoted date').toBe(true);
    expect(has(/^date: \d{4}-\d\d-\d\d\r?$/m), 'unquoted date').toBe(true);
    expect(
      has(/^[\w-]+: \d{4}-\d\d-\d\d[T ][\d:.]+ ?[+-]\d\d:?\d\d\r?$/m),
      'datetime with offset',
    ).toBe(true);
    expect(
      values.some((value) => value !== null && typeof value === 'object' && !Array.isArray(value)),
      'nested map',
    ).toBe(true);
    expect(
      values.some(
        (value) => Array.isArray(value) && value.some((item) => typeof item === 'object'),
      ),
      'list of maps',
    ).toBe(true);
    expect(
      yamlPosts.some((file) => file.doc.frontMatter === ''),
      'empty front matter',
    ).toBe(true);
    expect(tomlPosts.length, 'TOML').toBeGreaterThan(0);
    expect(
      corpus.some((file) => file.doc.eol === '\r\n' && file.doc.format === 'yaml'),
      'CRLF',
    ).toBe(true);
    expect(
      corpus.some((file) => file.doc.hasBom),
      'BOM',
    ).toBe(true);
    expect(
      corpus.some((file) => !file.text.endsWith('\n')),
      'no final newline',
    ).toBe(true);
  });

  test('the expectation tables name only files that exist', () => {
    const names = new Set(corpus.map((file) => file.name));
    for (const name of [...Object.keys(expectedFormat), ...Object.keys(expectedProblems)]) {
      expect(names.has(name), name).toBe(true);
    }
  });

  test('each derived file is exactly its source with CRLF line endings and/or a BOM', () => {
    const derived = corpus.filter((file) => file.name.startsWith('derived-'));
    expect(derived.length).toBeGreaterThan(0);
    for (const file of derived) {
      const match = /^derived-(bom-)?(crlf-)?(.+)$/.exec(file.name);
      const source = match?.[3] && corpus.find((each) => each.name === match[3]);
      if (!match || !source) throw new Error(`${file.name}: no source file`);
      let expected = source.bytes.toString('latin1');
      if (match[2]) expected = expected.replaceAll('\n', '\r\n');
      if (match[1]) expected = '\xEF\xBB\xBF' + expected;
      expect(file.bytes.equals(Buffer.from(expected, 'latin1')), file.name).toBe(true);
    }
  });
});

describe.each(corpus.map((file) => [file.name, file] as const))('%s', (name, file) => {
  const { doc, text, bytes } = file;

  test('serializing the unedited post gives back its exact bytes', () => {
    expect(Buffer.from(serializePost(doc), 'utf8').equals(bytes)).toBe(true);
  });

  test('the Node-side split agrees with the shared split', () => {
    const nodeSide = splitPost(text);
    if (nodeSide.error !== null || doc.split.error !== null) {
      expect(nodeSide.error).not.toBeNull();
      expect(doc.split.error).not.toBeNull();
    } else {
      expect(nodeSide).toEqual(doc.split);
    }
  });

  test('reads as its expected format, with only the expected problem', () => {
    expect(doc.format).toBe(formatOf(name));
    const problem = expectedProblems[name];
    if (problem === undefined) expect(doc.problem).toBeNull();
    else expect(doc.problem?.message).toMatch(problem);
    if (doc.format === 'none') expect(doc.body).toBe(text.replace(/^\uFEFF/, ''));
  });
});

describe.each(yamlPosts.map((file) => [file.name, file] as const))('YAML post %s', (name, file) => {
  const { doc } = file;

  test('editing any one field changes only that field, and reads back the new value', () => {
    for (const info of doc.keys) {
      const value = editedValue(doc.values[info.key]);
      const label = `${name}: set ${info.key}`;
      if (value === undefined) continue;
      const after = unwrap(setField(doc, info.key, value), label);
      expect(after.values[info.key], label).toEqual(value);
      expectOnlyEntryChanged(doc, after, info.key, label);
    }
  });

  test('a map or a list of maps is rewritten as block YAML in its entry only, and reads back', () => {
    for (const info of doc.keys) {
      const value = doc.values[info.key];
      let next: FieldValue;
      if (Array.isArray(value) && !value.every(isPlain))
        next = [...(value as FieldValue[]), { postwright: 'added' }];
      else if (value !== null && typeof value === 'object' && !Array.isArray(value))
        next = { ...(value as Record<string, FieldValue>), postwright: ['added'] };
      else continue;
      const label = `${name}: set nested ${info.key}`;
      const after = unwrap(setField(doc, info.key, next), label);
      expect(after.values[info.key], label).toEqual(next);
      expectOnlyEntryChanged(doc, after, info.key, label);
    }
  });

  test('removing any one field removes exactly its lines', () => {
    for (const info of doc.keys) {
      const label = `${name}: remove ${info.key}`;
      const after = unwrap(removeField(doc, info.key), label);
      const expected =
        doc.frontMatter.slice(0, lineStart(doc.frontMatter, info.start)) +
        doc.frontMatter.slice(info.end);
      expect(after.frontMatter, label).toBe(expected);
      expect(after.problem, label).toBeNull();
      expect(
        after.keys.map((each) => each.key),
        label,
      ).toEqual(doc.keys.map((each) => each.key).filter((key) => key !== info.key));
      expectFrameKept(doc, after, label);
    }
  });

  test('adding a new field appends one line in the file’s line ending', () => {
    const after = unwrap(setField(doc, 'postwright_test', 'x'), name);
    expect(after.values.postwright_test).toBe('x');
    expect(after.frontMatter.startsWith(doc.frontMatter)).toBe(true);
    const added = after.frontMatter.slice(doc.frontMatter.length);
    expect(added).toMatch(/^postwright_test: (x|"x"|'x')(\r?\n)$/);
    expect(added.endsWith(doc.eol)).toBe(true);
    expect(after.keys.at(-1)?.key).toBe('postwright_test');
    expectFrameKept(doc, after, name);
  });
});

describe.each(tomlPosts.map((file) => [file.name, file] as const))('TOML post %s', (name, file) => {
  const { doc, text } = file;

  test('values and key positions are read', () => {
    expect(doc.keys.length).toBeGreaterThan(0);
    for (const info of doc.keys) {
      expect(doc.values, `${name}: ${info.key}`).toHaveProperty([info.key]);
      expect(doc.frontMatter.slice(info.start).startsWith(info.key)).toBe(true);
    }
  });

  test('edits are refused as unsupported and the text stays untouched', () => {
    const key = doc.keys[0]?.key ?? 'title';
    const set = setField(doc, key, 'edited');
    const added = setField(doc, 'postwright_test', 'x');
    const removed = removeField(doc, key);
    for (const result of [set, added, removed]) {
      expect(result.ok ? 'ok' : result.error.kind).toBe('unsupported');
    }
    expect(serializePost(doc)).toBe(text);
  });
});

describe('random single-field edits across the corpus', () => {
  const tricky = fc.constantFrom(
    '',
    ' ',
    'true',
    'null',
    '~',
    '42',
    '0x1F',
    '2024-02-28',
    '2024-02-28T10:00:00+02:00',
    'a: b',
    'a #b',
    '#not a comment',
    '- item',
    '[x, y]',
    '{a: 1}',
    '"quoted"',
    "it's",
    '---',
    '...',
    'line one\nline two',
    'trailing newline\n',
    '  leading spaces',
    'tab\there',
    'ünïcødé 😀 中文',
    '@handle',
    '`code`',
    '*star',
    '&anchor',
    '!tag',
    '%percent',
    '|pipe',
    '>gt',
  );
  // Strings built from the characters that break YAML writers: line breaks, indentation,
  // indicators, control characters.
  const awkward = fc.string({
    unit: fc.constantFrom(
      'a',
      'é',
      ' ',
      '\t',
      '\n',
      '\r',
      '\r\n',
      '#',
      ':',
      '-',
      '|',
      '>',
      '"',
      "'",
      '\0',
      '\x1b',
    ),
    maxLength: 12,
  });
  const newValue = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    awkward,
    tricky,
  );

  const byName = new Map(yamlPosts.map((file) => [file.name, file]));

  function expectSetReadsBack(name: string, key: string, value: string): void {
    const file = byName.get(name);
    if (file === undefined) throw new Error(`no YAML post ${name}`);
    const label = `${name}: set ${key} to ${JSON.stringify(value)}`;
    const after = unwrap(setField(file.doc, key, value), label);
    expect(after.values[key], label).toBe(value);
    expectOnlyEntryChanged(file.doc, after, key, label);
  }

  // (file name, key) pairs, so that a counterexample prints short.
  const allKeys = yamlPosts.flatMap((file) =>
    file.doc.keys.map((info) => [file.name, info.key] as const),
  );
  const blockScalarKeys = yamlPosts.flatMap((file) =>
    file.doc.keys
      .filter((info) => /^[^:]+:[ \t]*[|>]/.test(entryText(file.doc, info)))
      .map((info) => [file.name, info.key] as const),
  );

  test('any new string value for any key reads back exactly and changes only that entry', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allKeys), newValue, ([name, key], value) =>
        expectSetReadsBack(name, key, value),
      ),
      { numRuns: 400 },
    );
  });

  test('any new string value for a block scalar (| or >) reads back exactly', () => {
    expect(blockScalarKeys.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.constantFrom(...blockScalarKeys), newValue, ([name, key], value) =>
        expectSetReadsBack(name, key, value),
      ),
      { numRuns: 400 },
    );
  });
});

describe('the fast front matter reader agrees with the full one', () => {
  const yamlPosts = corpus.filter((file) => file.doc.format === 'yaml');

  test.each(yamlPosts.map((file) => [file.name, file] as const))('%s', (_name, file) => {
    const fast = readYamlFrontMatter(file.doc.frontMatter);
    const full = readYamlFull(file.doc.frontMatter);
    expect(fast.problem).toEqual(full.problem);
    expect(fast.values).toEqual(full.values);
    expect(fast.keys).toEqual(full.keys);
  });

  test('on generated front matter made of YAML-significant characters', () => {
    const scalar = fc.stringMatching(/^[a-zA-Z0-9 :#'"\-.,[\]{}|>+_~@%]{0,12}$/);
    const key = fc.stringMatching(/^[a-z][a-z_]{0,6}$/);
    const line = fc.tuple(key, scalar, fc.constantFrom('', ' # note', '\n# comment', '\n'));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
        const text = lines.map(([k, v, tail]) => `${k}: ${v}${tail}\n`).join('');
        const full = readYamlFull(text);
        const fast = readYamlFrontMatter(text);
        if (full.problem !== null) return; // the fast reader may decline or fail; the full one decides
        expect(fast.values).toEqual(full.values);
        // Positions agree; where an entry ends may differ by blank lines after an empty block
        // scalar (edits take their ranges from the full reader).
        const where = (keys: readonly KeyInfo[]) =>
          keys.map(({ key, line, column, start }) => ({ key, line, column, start }));
        expect(where(fast.keys)).toEqual(where(full.keys));
      }),
      { numRuns: 5_000 },
    );
  });
});
