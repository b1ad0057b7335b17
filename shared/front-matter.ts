import { parse } from 'yaml';
import { parsePost, readYamlFrontMatter, setField } from './document';
import type { FieldValue, FrontMatterRead as YamlRead } from './document';
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

/** Reads YAML front matter text (without its delimiter lines) into fields and values. Never throws. */
export function readFrontMatter(text: string): FrontMatterRead {
  return frontMatterFieldsOf(text, readYamlFrontMatter(text));
}

/**
 * {@link readFrontMatter} from `readYamlFrontMatter(text)` already made, for a caller that shares
 * one read of the text between several users.
 */
export function frontMatterFieldsOf(text: string, read: YamlRead): FrontMatterRead {
  if (read.problem !== null) return { fields: [], values: {}, problem: read.problem };
  const fields = read.keys.map((info): FrontMatterField => {
    const value = read.values[info.key];
    const kind = kindOf(value);
    const source = text.slice(info.start, info.end).replace(/^[^:]*:[ \t]*/, '');
    return {
      key: info.key,
      kind,
      text: fieldText(value, source),
      editable: kind !== 'list' && kind !== 'map',
    };
  });
  return { fields, values: read.values, problem: null };
}

/**
 * Sets one top-level scalar field from the text typed into the form and returns the new front
 * matter text. A string field takes the text as a string; a number, boolean or empty field takes
 * it as YAML (so `false` stays a boolean). Only that value's source changes.
 */
export function setScalarField(text: string, key: string, value: string): Result<string> {
  const doc = parsePost(`---\n${text}${text === '' || text.endsWith('\n') ? '' : '\n'}---\n`);
  if (doc.problem !== null) {
    return fail(
      'invalidArgument',
      `The front matter does not parse (line ${doc.problem.line - 1}): ${doc.problem.message}`,
    );
  }
  if (!Object.hasOwn(doc.values, key))
    return fail('notFound', `The front matter has no field "${key}"`);
  const old = doc.values[key];
  if (old !== null && typeof old === 'object') {
    return fail('unsupported', `"${key}" is a list or a map; it cannot be set as text here`);
  }
  let next: FieldValue = value;
  if (typeof old !== 'string') {
    try {
      const typed: unknown = parse(value, { version: '1.2', schema: 'core' });
      if (typed === null || ['number', 'boolean', 'string'].includes(typeof typed))
        next = typed as FieldValue;
    } catch {
      next = value;
    }
    if (value === '') next = null;
  }
  const result = setField(doc, key, next);
  return result.ok ? ok(result.value.frontMatter) : result;
}
