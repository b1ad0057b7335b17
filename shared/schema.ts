import { assertNever } from './result';

/** What a front matter field holds, so the form can pick an input and validation a check. */
export type FieldKind =
  | 'string'
  | 'text'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'number'
  | 'tags'
  | 'choice'
  | 'url'
  | 'image'
  | 'computed'
  | 'yaml';

/** Every field kind, in the order the config documentation lists them. */
export const fieldKinds: readonly FieldKind[] = [
  'string',
  'text',
  'date',
  'datetime',
  'boolean',
  'number',
  'tags',
  'choice',
  'url',
  'image',
  'computed',
  'yaml',
];

/** What a computed field is computed from. */
export type Computation = 'reading-time';

/** Every computation a computed field can name. */
export const computations: readonly Computation[] = ['reading-time'];

/** One front matter field: how the form shows it and how validation checks it. */
export interface FieldSpec {
  readonly key: string;
  readonly kind: FieldKind;
  readonly label: string;
  /** Missing (absent, null, empty text or empty list) is an error. */
  readonly required: boolean;
  /** Missing is a warning: search engines or the site want it, the post still works. */
  readonly recommended: boolean;
  /** A plain YAML value for new posts; undefined means the key is not written. */
  readonly default?: unknown;
  /** A regular expression (Unicode mode) a text value must match somewhere; anchor it to match all. */
  readonly pattern?: string;
  /** Longer (in characters) is an error. */
  readonly maxLength?: number;
  /** Longer (in characters) is a warning. */
  readonly warnLength?: number;
  /** For `choice`: the values offered; with `choicesFromFolder`, filled in from the posts by `inferFields`. */
  readonly choices?: readonly string[];
  /** For `choice`: offer the values the folder's posts already use. */
  readonly choicesFromFolder?: boolean;
  /** For `choice`: a value outside `choices` is fine. */
  readonly allowOther?: boolean;
  /** For `computed`: what the value is computed from. */
  readonly compute?: Computation;
  /** Help text for the form, one sentence. */
  readonly description?: string;
  /** True when the field comes from the folder's posts rather than the schema or the config. */
  readonly inferred?: boolean;
}

/** Which field says whether a post is published, and which value means published. */
export interface StatusSpec {
  readonly field: string;
  /** `true` for `published: true`; `false` for Hugo's `draft: false`; a string for `status: live`. */
  readonly publishedValue: boolean | string;
}

/** The fields of the posts in one folder, in the order new keys are written, and where images live. */
export interface Schema {
  readonly fields: readonly FieldSpec[];
  readonly status: StatusSpec;
  /** The site's public (static) folder as configured: relative to the posts folder, or absolute. */
  readonly publicFolder: string | null;
  /** The site path new images go under, like `/images/blogs`. */
  readonly imageFolder: string | null;
}

const acronyms: Readonly<Record<string, string>> = {
  url: 'URL',
  id: 'ID',
  seo: 'SEO',
  og: 'OG',
  api: 'API',
  html: 'HTML',
  css: 'CSS',
};

/** A form label from a key: `external_url` -> `External URL`, `readingTime` -> `Reading time`. */
export function labelFromKey(key: string): string {
  const words = key
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .split(/[\s_-]+/)
    .filter((word) => word !== '')
    .map((word) => acronyms[word.toLowerCase()] ?? word.toLowerCase());
  const [first, ...rest] = words;
  if (first === undefined) return key;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
}

/** A field with the usual settings (optional, labelled from its key) plus the given ones. */
export function field(key: string, kind: FieldKind, settings: Partial<FieldSpec> = {}): FieldSpec {
  return { key, kind, label: labelFromKey(key), required: false, recommended: false, ...settings };
}

/**
 * The schema our users' posts follow (see the example post): a `published` boolean is the status,
 * `false` meaning draft.
 */
export const defaultSchema: Schema = {
  fields: [
    field('title', 'string', {
      required: true,
      warnLength: 70,
      description: 'Search results cut titles longer than about 70 characters.',
    }),
    field('description', 'string', {
      recommended: true,
      warnLength: 160,
      description: 'Shown in search results and link previews; up to 160 characters.',
    }),
    field('date', 'date', { required: true, description: 'Kept exactly as written.' }),
    field('published', 'boolean', {
      default: false,
      description: 'Off means the post is a draft.',
    }),
    field('featured', 'boolean', { default: false }),
    field('tags', 'tags', { default: [] }),
    field('category', 'choice', { choicesFromFolder: true, allowOther: true, choices: [] }),
    field('reading_time', 'computed', {
      compute: 'reading-time',
      description: 'Computed from the body at 200 words a minute until you change it.',
    }),
    field('excerpt', 'text'),
    field('image', 'image', { description: 'A site path, like /images/blogs/post.png.' }),
    field('external_url', 'url', {
      description: 'Where the post was first published, if elsewhere.',
    }),
  ],
  status: { field: 'published', publishedValue: true },
  publicFolder: null,
  imageFolder: null,
};

/** The keys in the order the schema writes them; a new key is inserted at its place in this order. */
export function schemaOrder(schema: Schema): readonly string[] {
  return schema.fields.map((spec) => spec.key);
}

/** The field for a key, if the schema has one. */
export function fieldFor(schema: Schema, key: string): FieldSpec | undefined {
  return schema.fields.find((spec) => spec.key === key);
}

/**
 * Whether a post's values say published. A post without the status field is published only when
 * the published value is `false` (Hugo: no `draft` key means not a draft).
 */
export function isPublished(values: Readonly<Record<string, unknown>>, schema: Schema): boolean {
  const value = values[schema.status.field];
  if (value === undefined || value === null) return schema.status.publishedValue === false;
  return value === schema.status.publishedValue;
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const dateTimePattern = /^\d{4}-\d{2}-\d{2}[Tt ]/;
const imagePathPattern = /^(?!\w+:)[^\s?#]*\.(?:png|jpe?g|gif|webp|avif|svg)(?:[?#].*)?$/i;

type Seen =
  | 'boolean'
  | 'number'
  | 'tags'
  | 'date'
  | 'datetime'
  | 'url'
  | 'image'
  | 'text'
  | 'string'
  | 'yaml';

function seenKind(value: unknown): Seen | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') {
    if (value === '') return null;
    if (datePattern.test(value)) return 'date';
    if (dateTimePattern.test(value)) return 'datetime';
    if (/^https?:\/\/\S+$/i.test(value)) return 'url';
    if (imagePathPattern.test(value)) return 'image';
    return /\n/.test(value) ? 'text' : 'string';
  }
  if (Array.isArray(value)) {
    return value.every((item) => typeof item === 'string' || typeof item === 'number')
      ? 'tags'
      : 'yaml';
  }
  return 'yaml';
}

/** Two kinds seen for one key, widened to one that accepts both (or `yaml`, which accepts anything). */
function widen(a: Seen, b: Seen): Seen {
  if (a === b) return a;
  const pair = new Set([a, b]);
  if (pair.has('date') && pair.has('datetime')) return 'datetime';
  const texts: readonly Seen[] = ['string', 'text', 'url', 'image', 'date', 'datetime'];
  if (texts.includes(a) && texts.includes(b)) return pair.has('text') ? 'text' : 'string';
  return 'yaml';
}

function addChoices(
  spec: FieldSpec,
  valuesOfPosts: readonly Readonly<Record<string, unknown>>[],
): FieldSpec {
  if (spec.kind !== 'choice' || spec.choicesFromFolder !== true) return spec;
  const seen = new Set(spec.choices ?? []);
  for (const values of valuesOfPosts) {
    const value = values[spec.key];
    if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number') {
      seen.add(String(value));
    }
  }
  return { ...spec, choices: [...seen].sort((a, b) => a.localeCompare(b)) };
}

/**
 * Fits a schema to a folder's posts: choice fields that take their values from the folder get the
 * values the posts use, and every key the posts have but the schema does not name becomes a field
 * (after the schema's own, in the order first seen), with a kind that accepts every value seen, so
 * nothing is dropped and existing posts never fail a check the author did not ask for.
 */
export function inferFields(
  schema: Schema,
  valuesOfPosts: readonly Readonly<Record<string, unknown>>[],
): Schema {
  const known = new Set(schemaOrder(schema));
  const found = new Map<string, Seen | null>();
  for (const values of valuesOfPosts) {
    for (const [key, value] of Object.entries(values)) {
      if (known.has(key)) continue;
      const kind = seenKind(value);
      const before = found.get(key);
      if (before === undefined || before === null) found.set(key, kind);
      else if (kind !== null) found.set(key, widen(before, kind));
    }
  }
  const inferred = [...found].map(([key, kind]) =>
    field(key, kind ?? 'string', { inferred: true }),
  );
  return {
    ...schema,
    fields: [...schema.fields.map((spec) => addChoices(spec, valuesOfPosts)), ...inferred],
  };
}

/** A short description of a kind for messages: "a date like 2024-02-28". */
export function describeKind(spec: FieldSpec): string {
  const kind = spec.kind;
  switch (kind) {
    case 'string':
    case 'text':
      return 'text';
    case 'date':
      return 'a date like 2024-02-28';
    case 'datetime':
      return 'a date and time like 2024-02-28T10:00:00+02:00';
    case 'boolean':
      return 'true or false';
    case 'number':
      return 'a number';
    case 'tags':
      return 'a list like [go, backend]';
    case 'choice':
      return spec.choices !== undefined && spec.choices.length > 0 && spec.allowOther !== true
        ? `one of ${spec.choices.join(', ')}`
        : 'text';
    case 'url':
      return 'a web address like https://example.com/post';
    case 'image':
      return 'an image path like /images/blogs/post.png';
    case 'computed':
      return spec.compute === 'reading-time' ? 'a reading time like "10 min read"' : 'text';
    case 'yaml':
      return 'any YAML value';
    default:
      return assertNever(kind);
  }
}
