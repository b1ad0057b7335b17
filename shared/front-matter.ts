import { isMap, isPair, isScalar, isSeq, parseDocument, Scalar } from 'yaml';
import type { Document, Pair } from 'yaml';
import { fail, ok } from './result';
import type { Result } from './result';

/** A parse problem, with its 1-based line and column in the front matter text. */
export interface FrontMatterProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** How a field's value is shaped, so the UI can pick an input. */
export type FieldKind = 'string' | 'number' | 'boolean' | 'null' | 'list' | 'map';

/** One top-level front matter key, as the form shows it. */
export interface FrontMatterField {
  readonly key: string;
  readonly kind: FieldKind;
  /** The value as text: scalars as they read, lists joined with ", ", maps as their YAML source. */
  readonly text: string;
  /** True when the value is a scalar the form can replace in place. */
  readonly editable: boolean;
}

/** What the front matter says, or why it cannot be read. */
export interface FrontMatterRead {
  readonly fields: readonly FrontMatterField[];
  /** Plain values (YAML 1.2 core schema: dates stay strings). */
  readonly values: Readonly<Record<string, unknown>>;
  readonly problem: FrontMatterProblem | null;
}

const parseOptions = { version: '1.2', schema: 'core', prettyErrors: true } as const;

function parseFrontMatter(text: string): Document.Parsed {
  return parseDocument(text, parseOptions);
}

function firstProblem(doc: Document.Parsed): FrontMatterProblem | null {
  const error = doc.errors[0];
  if (error === undefined) return null;
  const pos = error.linePos?.[0];
  // prettyErrors appends " at line L, column C:" counted in the front matter text; callers
  // report the position themselves in file lines, so a second, different line number would confuse.
  const firstLine = error.message.split('\n')[0] ?? error.message;
  const message = firstLine.replace(/ at line \d+, column \d+:?$/, '');
  return { message, line: pos?.line ?? 1, column: pos?.col ?? 1 };
}

function kindOf(value: unknown): FieldKind {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
    case 'bigint':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'map';
  }
}

function fieldText(value: unknown, source: string): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((item) => String(item)).join(', ');
  if (typeof value === 'object') return source;
  return String(value);
}

/** Reads front matter text (without its delimiter lines) into fields and values. Never throws. */
export function readFrontMatter(text: string): FrontMatterRead {
  const doc = parseFrontMatter(text);
  const problem = firstProblem(doc);
  if (problem !== null) return { fields: [], values: {}, problem };
  const contents = doc.contents;
  if (contents === null) return { fields: [], values: {}, problem: null };
  if (!isMap(contents)) {
    return {
      fields: [],
      values: {},
      problem: { message: 'Front matter must be a list of `key: value` lines', line: 1, column: 1 },
    };
  }
  const fields: FrontMatterField[] = [];
  const values: Record<string, unknown> = {};
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const value: unknown = isScalar(pair.value)
      ? pair.value.value
      : ((pair.value as { toJSON?: () => unknown } | null)?.toJSON?.() ?? null);
    const range = (pair.value as { range?: [number, number, number] } | null)?.range;
    const source = range === undefined ? '' : text.slice(range[0], range[1]);
    values[key] = value;
    fields.push({
      key,
      kind: isSeq(pair.value) ? 'list' : kindOf(value),
      text: fieldText(value, source),
      editable: pair.value === null || isScalar(pair.value),
    });
  }
  return { fields, values, problem: null };
}

/** True when `text` written plain after `key: ` reads back as exactly this scalar. */
function readsBackPlain(text: string, mustBeString: boolean): boolean {
  if (text === '' || text !== text.trim() || /[\r\n]/.test(text)) return false;
  const doc = parseFrontMatter(`k: ${text}\n`);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return false;
  const node = doc.contents.items[0]?.value;
  if (!isScalar(node) || node.type !== Scalar.PLAIN) return false;
  if (mustBeString) return node.value === text;
  return String(node.value) === text;
}

function doubleQuoted(text: string): string {
  return JSON.stringify(text);
}

function singleQuoted(text: string): string | null {
  return /[\r\n]/.test(text) ? null : `'${text.replaceAll("'", "''")}'`;
}

/** The YAML source for a new scalar value that keeps the old value's quote style where it can. */
function scalarSource(old: Scalar | null, text: string): string {
  const type = old?.type;
  if (type === Scalar.QUOTE_DOUBLE) return doubleQuoted(text);
  if (type === Scalar.QUOTE_SINGLE) return singleQuoted(text) ?? doubleQuoted(text);
  const wasString = old !== null && typeof old.value === 'string';
  return readsBackPlain(text, wasString) ? text : doubleQuoted(text);
}

function findPair(doc: Document.Parsed, key: string): Pair | undefined {
  if (!isMap(doc.contents)) return undefined;
  return doc.contents.items.find(
    (pair) => isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key,
  );
}

/**
 * Sets one top-level scalar field and returns the new front matter text. Only that value's source
 * changes: every other byte (comments, order, quotes, other keys) stays as it was.
 */
export function setScalarField(text: string, key: string, value: string): Result<string> {
  const doc = parseFrontMatter(text);
  const problem = firstProblem(doc);
  if (problem !== null) {
    return fail(
      'invalidArgument',
      `The front matter does not parse (line ${problem.line}): ${problem.message}`,
    );
  }
  const pair = findPair(doc, key);
  if (pair === undefined) return fail('notFound', `The front matter has no field "${key}"`);
  const node = pair.value;
  if (node !== null && !isScalar(node)) {
    return fail('unsupported', `"${key}" is a list or a map; it cannot be set as text here`);
  }
  if (isScalar(node) && (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED)) {
    return fail('unsupported', `"${key}" is a block scalar; edit it in the source`);
  }
  const source = scalarSource(isScalar(node) ? node : null, value);
  const range = isScalar(node) ? node.range : null;
  if (range && range[0] < range[1])
    return ok(text.slice(0, range[0]) + source + text.slice(range[1]));
  // `key:` with no value: insert after the colon that ends the key.
  const keyEnd = (pair.key as Scalar).range?.[1];
  if (keyEnd === undefined)
    return fail('unsupported', `Cannot locate "${key}" in the front matter`);
  const colon = text.indexOf(':', keyEnd);
  if (colon < 0) return fail('unsupported', `Cannot locate "${key}" in the front matter`);
  return ok(
    `${text.slice(0, colon + 1)} ${source}${text.slice(colon + 1).replace(/^[ \t]+(?=\r?\n|$)/, '')}`,
  );
}
