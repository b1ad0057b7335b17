import { describe, expect, it } from 'vitest';
import { parseConfig, readConfig, schemaFromConfig } from './config';
import type { Config } from './config';
import { parsePost } from './document';
import { defaultSchema, fieldFor, isPublished, schemaOrder } from './schema';
import { validatePost } from './validate';

function config(text: string): Config {
  const result = parseConfig(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const hugo = `# Hugo: draft: true means not published
status:
  field: draft
  published: false
publicFolder: ../static
imageFolder: /images/posts
fields:
  reading_time: false
  external_url: false
  title:
    maxLength: 90
  series:
    kind: choice
    choices: [Go, Rust]
  slug:
    pattern: '^[a-z0-9-]+$'
    description: Part of the post's address.
`;

describe('parseConfig', () => {
  it('reads an empty file as a config that changes nothing', () => {
    expect(schemaFromConfig(config(''))).toEqual(defaultSchema);
    expect(schemaFromConfig(config('# just a comment\n'))).toEqual(defaultSchema);
  });

  it('reads status, folders and field settings', () => {
    const read = config(hugo);
    expect(read.status).toEqual({ field: 'draft', publishedValue: false });
    expect(read.publicFolder).toBe('../static');
    expect(read.imageFolder).toBe('/images/posts');
    expect(read.fields).toEqual([
      { key: 'reading_time', settings: null },
      { key: 'external_url', settings: null },
      { key: 'title', settings: { maxLength: 90 } },
      {
        key: 'series',
        settings: { kind: 'choice', choices: ['Go', 'Rust'], choicesFromFolder: false },
      },
      {
        key: 'slug',
        settings: { pattern: '^[a-z0-9-]+$', description: "Part of the post's address." },
      },
    ]);
    expect(read.warnings).toEqual([]);
  });

  it('reports invalid YAML with its line and column', () => {
    const result = parseConfig('status:\n  field: draft\n  published: [false\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^Line \d+, column \d+: .+/);
    const read = readConfig('fields:\n  title:\n    required: true\n   label: x\n');
    expect(read.config).toBeNull();
    expect(read.issues[0]).toMatchObject({ severity: 'error', line: 4 });
  });

  it.each([
    ['fields:\n  title:\n    kind: sentence\n', 3, 11, /"sentence"; use one of: string, text/],
    ['fields:\n  title:\n    required: "yes"\n', 3, 15, /should be true or false/],
    ['fields:\n  title:\n    maxLength: -3\n', 3, 16, /whole number above 0/],
    ['fields:\n  slug:\n    pattern: "[a-"\n', 3, 14, /not a valid regular expression/],
    [
      'fields:\n  published:\n    default: "no"\n',
      3,
      14,
      /default of "published" should be true or false/,
    ],
    ['fields:\n  when:\n    kind: date\n    default: tomorrow\n', 4, 14, /not a valid date/],
    [
      'fields:\n  cats:\n    kind: choice\n    choices: Go\n',
      4,
      14,
      /list like \[News, Guides\], or `folder`/,
    ],
    ['fields:\n  rt:\n    kind: computed\n', 3, 5, /compute: reading-time/],
    ['status:\n  field: draft\n', 2, 3, /needs both `field`.*and `published`/],
    ['status: draft\n', 1, 9, /`status` should be a map/],
    ['imageFolder: images\n', 1, 14, /starts with \//],
    ['fields: [title]\n', 1, 9, /`fields` should be a map/],
    ['- just\n- a list\n', 1, 1, /The config should be a map/],
    ['base: &b {required: true}\nfields:\n  title: *b\n', 3, 10, /alias/],
  ])('%j is an error at line %i, column %i', (text, line, column, message) => {
    const read = readConfig(text);
    expect(read.config).toBeNull();
    const error = read.issues.find((issue) => issue.severity === 'error');
    expect(error).toMatchObject({ line, column });
    expect(error?.message).toMatch(message);
  });

  it('warns about keys it does not know and still uses the config', () => {
    const read = readConfig(
      'theme: dark\nfields:\n  title:\n    requird: true\n    maxLength: 80\n',
    );
    expect(read.config).not.toBeNull();
    expect(read.issues.map((issue) => [issue.severity, issue.line, issue.column])).toEqual([
      ['warning', 1, 1],
      ['warning', 4, 5],
    ]);
    expect(read.issues[1]?.message).toMatch(/`fields.title.requird` is not a field setting/);
    expect(fieldFor(schemaFromConfig(read.config as Config), 'title')?.maxLength).toBe(80);
  });

  it('refuses a huge file without parsing it, and survives deep nesting', () => {
    expect(readConfig(`# ${'x'.repeat(200_000)}\n`).config).toBeNull();
    const deep = readConfig(`fields: ${'['.repeat(40_000)}${']'.repeat(40_000)}\n`);
    expect(deep.config).toBeNull();
    expect(deep.issues[0]?.severity).toBe('error');
  });

  it('keeps a __proto__ key in a default as a plain key', () => {
    const read = config('fields:\n  extra:\n    kind: yaml\n    default: {__proto__: {x: 1}}\n');
    const settings = read.fields[0]?.settings;
    expect(Object.keys(settings?.default as object)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(settings?.default)).toBe(Object.prototype);
  });
});

describe('schemaFromConfig', () => {
  const schema = schemaFromConfig(config(hugo));

  it('puts a Hugo draft field where published was, and drops published', () => {
    expect(schemaOrder(schema)).toEqual([
      'title',
      'description',
      'date',
      'draft',
      'featured',
      'tags',
      'category',
      'excerpt',
      'image',
      'series',
      'slug',
    ]);
    expect(fieldFor(schema, 'draft')).toMatchObject({ kind: 'boolean', default: true });
    expect(schema.status).toEqual({ field: 'draft', publishedValue: false });
    expect(isPublished({ draft: true }, schema)).toBe(false);
    expect(isPublished({ draft: false }, schema)).toBe(true);
    expect(isPublished({}, schema)).toBe(true);
  });

  it('merges settings onto default fields and keeps what the config leaves out', () => {
    expect(fieldFor(schema, 'title')).toMatchObject({
      required: true,
      maxLength: 90,
      warnLength: 70,
    });
    expect(fieldFor(schema, 'slug')).toMatchObject({ kind: 'string', label: 'Slug' });
    expect(schema.publicFolder).toBe('../static');
    expect(schema.imageFolder).toBe('/images/posts');
  });

  it('keeps published when the config names it next to a new status field', () => {
    const both = schemaFromConfig(
      config('status: {field: draft, published: false}\nfields:\n  published:\n'),
    );
    expect(schemaOrder(both).slice(2, 5)).toEqual(['date', 'published', 'draft']);
  });

  it('makes a string status field a choice and a labelled new status field still boolean', () => {
    const named = schemaFromConfig(config('status: {field: state, published: live}\n'));
    expect(fieldFor(named, 'state')).toMatchObject({ kind: 'choice', choices: ['live'] });
    const labelled = schemaFromConfig(
      config('status: {field: draft, published: false}\nfields:\n  draft: {label: Draft}\n'),
    );
    expect(fieldFor(labelled, 'draft')).toMatchObject({ kind: 'boolean', label: 'Draft' });
  });

  it('checks Hugo posts against the Hugo schema', () => {
    const post = (draft: string) =>
      parsePost(`---\ntitle: T\ndescription: D\ndate: 2024-02-28\ndraft: ${draft}\n---\nText.\n`);
    expect(validatePost(post('true'), schema)).toEqual([]);
    expect(validatePost(post('"maybe"'), schema).map((p) => p.rule)).toEqual(['kind']);
    const wrongSeries = parsePost(
      '---\ntitle: T\ndescription: D\ndate: 2024-02-28\nseries: Zig\n---\nText.\n',
    );
    expect(validatePost(wrongSeries, schema).map((p) => p.rule)).toEqual(['choice']);
  });
});
