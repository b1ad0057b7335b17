import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import { assertNever, fail, ok } from './result';
import type { Result } from './result';
import { computations, defaultSchema, field, fieldKinds } from './schema';
import type { Computation, FieldKind, FieldSpec, Schema, StatusSpec } from './schema';
import { valueProblem } from './validate';
import type { Severity } from './validate';

/** The config file's names, in the order they are looked for in the posts folder. */
export const configFileNames = ['postwright.config.yml', 'postwright.config.yaml'] as const;

/** What a config may say about one field; anything left out keeps the default schema's setting. */
export type FieldSettings = Partial<Omit<FieldSpec, 'key' | 'inferred'>>;

/** One entry under `fields:`: settings to merge, or null for `key: false` (remove the field). */
export interface ConfigField {
  readonly key: string;
  readonly settings: FieldSettings | null;
}

/** Something to tell the author about their config, at a 1-based line and column of the file. */
export interface ConfigIssue {
  readonly severity: Severity;
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** A config file, read. */
export interface Config {
  readonly status: StatusSpec | null;
  readonly publicFolder: string | null;
  readonly imageFolder: string | null;
  readonly fields: readonly ConfigField[];
  /** Things that did not stop the config from being used, like keys it does not know. */
  readonly warnings: readonly ConfigIssue[];
}

/** A config file read: the config, or null when it has errors; every issue found either way. */
export interface ConfigRead {
  readonly config: Config | null;
  readonly issues: readonly ConfigIssue[];
}

/** The largest config file read; a real one is a few hundred bytes. */
export const configMaxCharacters = 100_000;

const fieldSettingKeys = [
  'kind',
  'label',
  'required',
  'recommended',
  'default',
  'pattern',
  'maxLength',
  'warnLength',
  'choices',
  'allowOther',
  'compute',
  'description',
] as const;

type SettingKey = (typeof fieldSettingKeys)[number];

/** An issue at a YAML node's first character (the file's start when the node has no range). */
export function issueAt(
  lines: LineCounter,
  severity: Severity,
  node: unknown,
  message: string,
): ConfigIssue {
  const offset = (node as YamlNode | null)?.range?.[0] ?? 0;
  const pos = lines.linePos(offset);
  return { severity, message, line: pos.line, column: pos.col };
}

class Reader {
  readonly issues: ConfigIssue[] = [];
  private readonly lines: LineCounter;

  constructor(lines: LineCounter) {
    this.lines = lines;
  }

  private report(severity: Severity, node: unknown, message: string): void {
    this.issues.push(issueAt(this.lines, severity, node, message));
  }

  error(node: unknown, message: string): void {
    this.report('error', node, message);
  }

  warn(node: unknown, message: string): void {
    this.report('warning', node, message);
  }

  /** The pairs of a map node, or null (reported) when the node is something else. */
  pairs(node: unknown, what: string): Pair[] | null {
    if (isMap(node)) return node.items;
    if (isAlias(node)) {
      this.error(node, `${what} uses an alias (*name); write the settings out instead.`);
      return null;
    }
    this.error(node, `${what} should be a map of \`key: value\` lines.`);
    return null;
  }

  /** A plain value from a node with no aliases in it; undefined (reported) otherwise. */
  plain(node: unknown, what: string): unknown {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      this.error(node, `${what} uses an alias (*name); write the value out instead.`);
      return undefined;
    }
    if (isScalar(node)) return node.value;
    if (isSeq(node)) {
      const items = node.items.map((item) => this.plain(item, what));
      return items.includes(undefined) ? undefined : items;
    }
    if (isMap(node)) {
      const entries: [string, unknown][] = [];
      for (const pair of node.items) {
        const value = this.plain(pair.value, what);
        if (value === undefined) return undefined;
        entries.push([keyOf(pair), value]);
      }
      // fromEntries, not assignment: a `__proto__` key stays a key instead of a prototype.
      return Object.fromEntries(entries);
    }
    this.error(node, `${what} cannot be read.`);
    return undefined;
  }

  string(node: unknown, what: string): string | undefined {
    const value = this.plain(node, what);
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (value !== undefined) this.error(node, `${what} should be text.`);
    return undefined;
  }

  boolean(node: unknown, what: string): boolean | undefined {
    const value = this.plain(node, what);
    if (typeof value === 'boolean') return value;
    if (value !== undefined) this.error(node, `${what} should be true or false.`);
    return undefined;
  }

  count(node: unknown, what: string): number | undefined {
    const value = this.plain(node, what);
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
    if (value !== undefined) this.error(node, `${what} should be a whole number above 0.`);
    return undefined;
  }
}

/** A map pair's key as text. */
export function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function readStatus(reader: Reader, node: unknown): StatusSpec | null {
  const pairs = reader.pairs(node, '`status`');
  if (pairs === null) return null;
  let fieldName: string | undefined;
  let publishedValue: boolean | string | undefined;
  for (const pair of pairs) {
    const key = keyOf(pair);
    if (key === 'field') fieldName = reader.string(pair.value, '`status.field`');
    else if (key === 'published') {
      const value = reader.plain(pair.value, '`status.published`');
      if (typeof value === 'boolean' || (typeof value === 'string' && value !== '')) {
        publishedValue = value;
      } else if (value !== undefined) {
        reader.error(pair.value ?? pair.key, '`status.published` should be true, false or text.');
      }
    } else
      reader.warn(pair.key, `\`status.${key}\` is not a setting Postwright knows; it is ignored.`);
  }
  if (fieldName === undefined || publishedValue === undefined) {
    reader.error(
      node,
      "`status` needs both `field` (the key, like draft) and `published` (the value that means published, like false for Hugo's draft).",
    );
    return null;
  }
  return { field: fieldName, publishedValue };
}

function readChoices(reader: Reader, node: unknown, settings: Record<string, unknown>): void {
  const value = reader.plain(node, '`choices`');
  if (value === 'folder') {
    settings.choicesFromFolder = true;
    settings.choices = [];
  } else if (
    Array.isArray(value) &&
    value.every((item) => typeof item === 'string' || typeof item === 'number')
  ) {
    settings.choicesFromFolder = false;
    settings.choices = value.map(String);
  } else if (value !== undefined) {
    reader.error(node, '`choices` should be a list like [News, Guides], or `folder`.');
  }
}

function readSetting(
  reader: Reader,
  key: SettingKey,
  node: unknown,
  settings: Record<string, unknown>,
  where: string,
): void {
  const what = `\`${where}.${key}\``;
  switch (key) {
    case 'kind': {
      const kind = reader.string(node, what);
      if (kind === undefined) return;
      if ((fieldKinds as readonly string[]).includes(kind)) settings.kind = kind as FieldKind;
      else reader.error(node, `${what} is "${kind}"; use one of: ${fieldKinds.join(', ')}.`);
      return;
    }
    case 'compute': {
      const compute = reader.string(node, what);
      if (compute === undefined) return;
      if ((computations as readonly string[]).includes(compute)) {
        settings.compute = compute as Computation;
      } else reader.error(node, `${what} is "${compute}"; use one of: ${computations.join(', ')}.`);
      return;
    }
    case 'label':
    case 'description': {
      const text = reader.string(node, what);
      if (text !== undefined) settings[key] = text;
      return;
    }
    case 'required':
    case 'recommended':
    case 'allowOther': {
      const flag = reader.boolean(node, what);
      if (flag !== undefined) settings[key] = flag;
      return;
    }
    case 'maxLength':
    case 'warnLength': {
      const limit = reader.count(node, what);
      if (limit !== undefined) settings[key] = limit;
      return;
    }
    case 'pattern': {
      const pattern = reader.string(node, what);
      if (pattern === undefined) return;
      try {
        new RegExp(pattern, 'u');
        settings.pattern = pattern;
      } catch (error) {
        reader.error(
          node,
          `${what} is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}.`,
        );
      }
      return;
    }
    case 'choices':
      readChoices(reader, node, settings);
      return;
    case 'default': {
      const value = reader.plain(node, what);
      if (value !== undefined) settings.default = value;
      return;
    }
    default:
      assertNever(key);
  }
}

function readField(reader: Reader, pair: Pair, base: FieldSpec | undefined): ConfigField | null {
  const key = keyOf(pair);
  const node = pair.value;
  if (isScalar(node) && node.value === false) return { key, settings: null };
  // `key:` or `key: true` keeps the field as it is (useful to name a field before tuning it).
  if (node === null || (isScalar(node) && (node.value === null || node.value === true))) {
    return { key, settings: {} };
  }
  const pairs = reader.pairs(node, `\`fields.${key}\``);
  if (pairs === null) return null;
  const settings: Record<string, unknown> = {};
  const nodes = new Map<string, unknown>();
  for (const setting of pairs) {
    const name = keyOf(setting);
    if ((fieldSettingKeys as readonly string[]).includes(name)) {
      nodes.set(name, setting.value);
      readSetting(reader, name as SettingKey, setting.value, settings, `fields.${key}`);
    } else {
      reader.warn(
        setting.key,
        `\`fields.${key}.${name}\` is not a field setting Postwright knows (${fieldSettingKeys.join(', ')}); it is ignored.`,
      );
    }
  }
  const merged = mergeField(base, key, settings as FieldSettings);
  if (merged.kind === 'computed' && merged.compute === undefined) {
    reader.error(
      node,
      `\`fields.${key}\` is computed; say from what, like \`compute: reading-time\`.`,
    );
  }
  if ('default' in settings) {
    const problem = valueProblem(merged, settings.default);
    if (problem !== null) reader.error(nodes.get('default') ?? node, `The default of ${problem}`);
  }
  return { key, settings: settings as FieldSettings };
}

function mergeField(base: FieldSpec | undefined, key: string, settings: FieldSettings): FieldSpec {
  if (base === undefined) return field(key, settings.kind ?? 'string', settings);
  return { ...base, ...settings };
}

/**
 * Reads the text of a `postwright.config.yml`. Never throws: YAML errors, wrong values and unknown
 * keys come back as issues with the line and column in the file. Unknown keys are warnings and the
 * config is still used; any error means the config is not used at all (null), so a half-read
 * config never silently changes what is checked.
 */
export function readConfig(text: string): ConfigRead {
  if (text.length > configMaxCharacters) {
    return {
      config: null,
      issues: [
        {
          severity: 'error',
          message: `The config is ${text.length} characters long; Postwright reads up to ${configMaxCharacters}.`,
          line: 1,
          column: 1,
        },
      ],
    };
  }
  const lines = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { version: '1.2', schema: 'core', lineCounter: lines });
  } catch (error) {
    // Deep nesting can exhaust the parser's stack: a problem, not a crash.
    const message = error instanceof Error ? error.message : String(error);
    return { config: null, issues: [{ severity: 'error', message, line: 1, column: 1 }] };
  }
  const reader = new Reader(lines);
  const yamlError = doc.errors[0];
  if (yamlError !== undefined) {
    const pos = lines.linePos(yamlError.pos[0]);
    const message = (yamlError.message.split('\n')[0] ?? '').replace(
      / at line \d+, column \d+:?$/,
      '',
    );
    return {
      config: null,
      issues: [{ severity: 'error', message: `${message}.`, line: pos.line, column: pos.col }],
    };
  }
  let status: StatusSpec | null = null;
  let publicFolder: string | null = null;
  let imageFolder: string | null = null;
  const fields: ConfigField[] = [];
  // An empty file is a valid config that changes nothing.
  const pairs = doc.contents === null ? [] : (reader.pairs(doc.contents, 'The config') ?? []);
  for (const pair of pairs) {
    const key = keyOf(pair);
    switch (key) {
      case 'status':
        status = readStatus(reader, pair.value);
        break;
      case 'publicFolder':
        publicFolder = reader.string(pair.value, '`publicFolder`') ?? null;
        break;
      case 'imageFolder': {
        imageFolder = reader.string(pair.value, '`imageFolder`') ?? null;
        if (imageFolder !== null && !imageFolder.startsWith('/')) {
          reader.error(
            pair.value,
            '`imageFolder` is a path on the site and starts with /, like /images/blog.',
          );
        }
        break;
      }
      case 'fields': {
        for (const entry of reader.pairs(pair.value, '`fields`') ?? []) {
          const base = defaultSchema.fields.find((spec) => spec.key === keyOf(entry));
          const read = readField(reader, entry, base);
          if (read !== null) fields.push(read);
        }
        break;
      }
      case 'export':
        // Read by readExportTargets: a broken target is left out there, never making the whole
        // config (and so the schema) unusable.
        break;
      default:
        reader.warn(
          pair.key,
          `\`${key}\` is not a setting Postwright knows (status, publicFolder, imageFolder, fields, export); it is ignored.`,
        );
    }
  }
  const issues = reader.issues;
  if (issues.some((issue) => issue.severity === 'error')) return { config: null, issues };
  return { config: { status, publicFolder, imageFolder, fields, warnings: issues }, issues };
}

/** Reads a config's text into a config, or the first error as "Line L, column C: ...". */
export function parseConfig(text: string): Result<Config> {
  const read = readConfig(text);
  if (read.config !== null) return ok(read.config);
  const first = read.issues.find((issue) => issue.severity === 'error');
  return fail(
    'invalidArgument',
    first === undefined
      ? 'The config cannot be read.'
      : `Line ${first.line}, column ${first.column}: ${first.message}`,
  );
}

function statusField(status: StatusSpec): FieldSpec {
  const { field: key, publishedValue } = status;
  if (typeof publishedValue === 'boolean') {
    return field(key, 'boolean', {
      default: !publishedValue,
      description: publishedValue
        ? 'Off means the post is a draft.'
        : 'On means the post is a draft.',
    });
  }
  return field(key, 'choice', {
    choicesFromFolder: true,
    allowOther: true,
    choices: [publishedValue],
    description: `"${publishedValue}" means published.`,
  });
}

/**
 * The schema a config describes: the default schema with the config's fields merged in (changed
 * in place, removed, or added at the end in the config's order), its status field and folders.
 * A status field the fields do not have is added where the default status field was; the default
 * `published` field goes unless the config names it.
 */
export function schemaFromConfig(config: Config, base: Schema = defaultSchema): Schema {
  const status = config.status ?? base.status;
  let fields: FieldSpec[] = [...base.fields];
  for (const { key, settings } of config.fields) {
    const index = fields.findIndex((spec) => spec.key === key);
    if (settings === null) {
      if (index >= 0) fields.splice(index, 1);
    } else if (index >= 0) {
      fields[index] = mergeField(fields[index], key, settings);
    } else {
      // A new status field the config only labels is still a status field, not text.
      const start = key === status.field ? statusField(status) : undefined;
      fields.push(mergeField(start, key, settings));
    }
  }
  if (!fields.some((spec) => spec.key === status.field)) {
    const oldIndex = fields.findIndex((spec) => spec.key === base.status.field);
    const named = config.fields.some((entry) => entry.key === base.status.field);
    const spec = statusField(status);
    if (oldIndex >= 0 && !named) fields[oldIndex] = spec;
    else if (oldIndex >= 0) fields.splice(oldIndex + 1, 0, spec);
    else fields = [...fields, spec];
  }
  return {
    fields,
    status,
    publicFolder: config.publicFolder ?? base.publicFolder,
    imageFolder: config.imageFolder ?? base.imageFolder,
  };
}
