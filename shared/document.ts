import { parse as parseToml } from 'smol-toml';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar } from 'yaml';
import type { Document, Node as YamlNode, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { FrontMatterFormat, PostSplit } from './api';
import { fail, ok } from './result';
import type { Result } from './result';
import { findFrontMatter } from './split';

/** A top-level front matter key and where it is. */
export interface KeyInfo {
  readonly key: string;
  /** 1-based line and column of the key in the file. */
  readonly line: number;
  readonly column: number;
  /**
   * Offsets of the whole entry in the front matter text: from the key to the end of its last line
   * (blank lines after an empty block scalar may or may not count). Edits take exact ranges from
   * the full reader, never from here.
   */
  readonly start: number;
  readonly end: number;
}

/** Why front matter cannot be read, at a 1-based line and column of the file. */
export interface DocumentProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/**
 * A post file, parsed. Plain data (it crosses process boundaries); edits return a new document.
 * `text` is always the exact file: serializing an unedited document is `text` itself.
 */
export interface PostDocument {
  readonly text: string;
  readonly split: PostSplit;
  readonly format: FrontMatterFormat;
  readonly hasBom: boolean;
  readonly eol: '\n' | '\r\n';
  /** The raw front matter between the delimiter lines. */
  readonly frontMatter: string;
  /** The Markdown body exactly as in the file. */
  readonly body: string;
  /** 1-based file line where the body starts. */
  readonly bodyLine: number;
  /** Values read with the YAML 1.2 core schema: dates are the strings written. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly keys: readonly KeyInfo[];
  /** Front matter that cannot be read; the body stays editable and nothing is rewritten from it. */
  readonly problem: DocumentProblem | null;
}

/** Limits that keep hostile front matter from freezing the app; no real post comes near them. */
export const frontMatterLimits = {
  characters: 1_000_000,
  lines: 20_000,
  keys: 5_000,
  aliases: 100,
} as const;

const yamlOptions = {
  version: '1.2',
  schema: 'core',
  prettyErrors: false,
  // The yaml package checks duplicates in quadratic time; top-level keys are checked below in linear time.
  uniqueKeys: false,
} as const;

/** Front matter values and key positions, or why they cannot be read. */
export interface FrontMatterRead {
  readonly values: Record<string, unknown>;
  readonly keys: KeyInfo[];
  /** Line and column relative to the front matter text. */
  readonly problem: DocumentProblem | null;
}

function lineEndAfter(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function countLines(text: string, limit: number): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0 && lines <= limit; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

function problemAt(message: string, line = 1, column = 1): FrontMatterRead {
  return { values: {}, keys: [], problem: { message, line, column } };
}

function keyName(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

// What the fast reader leaves to the full one: anchors and aliases (alias bombs), tags, merge keys,
// flow maps and pairs inside flow lists (the two readers name odd keys like `{~: x}` and `[:]`
// differently), and the number spellings where js-yaml's core schema and YAML 1.2's differ
// (0b101, +.5, -0). The corpus test compares the two readers on generated front matter.
const needsFullReader =
  /(?:^|[\s,[{])[&*!][^\s,\]}]|<<|\{|\[[^\n]*:|\b0b[01]|[+-]\.\d|(?<!\d)-0(?![1-9])|\r(?!\n)|\t/m;

// A top-level key at the start of a line: plain, or quoted without line breaks.
const topLevelKey =
  /^(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\n]|'')*)'|([^\s#'"\-?:,[\]{}&*!|>%@`][^:\n]*?|-[^\s:][^:\n]*?))[ \t]*:(?=[ \t]|\r?\n|$)/gm;

/**
 * The fast reader for the common case (the index reads every post): js-yaml's core schema for the
 * values and a scan of the top-level key lines for positions. It answers only when the scan finds
 * exactly the keys js-yaml read, in order; anything unusual goes to the full reader.
 */
function readYamlFast(text: string): FrontMatterRead | null {
  if (needsFullReader.test(text)) return null;
  let values: unknown;
  try {
    values = loadYaml(text, { schema: CORE_SCHEMA });
  } catch {
    return null;
  }
  if (values === undefined || values === null)
    return text.trim() === '' ? { values: {}, keys: [], problem: null } : null;
  if (typeof values !== 'object' || Array.isArray(values)) return null;
  const names = Object.keys(values);
  if (names.length > frontMatterLimits.keys) return null;
  const found: { key: string; start: number }[] = [];
  topLevelKey.lastIndex = 0;
  for (let match = topLevelKey.exec(text); match !== null; match = topLevelKey.exec(text)) {
    const [, doubled, single, plain] = match;
    let key: string;
    if (doubled !== undefined) {
      if (doubled.includes('\\')) return null;
      key = doubled;
    } else if (single !== undefined) key = single.replaceAll("''", "'");
    else key = (plain ?? '').trimEnd();
    found.push({ key, start: match.index });
  }
  if (found.length !== names.length || found.some((entry, i) => entry.key !== names[i]))
    return null;
  const keys: KeyInfo[] = [];
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < found.length; i++) {
    const entry = found[i] as { key: string; start: number };
    for (
      let at = text.indexOf('\n', lineStart);
      at >= 0 && at < entry.start;
      at = text.indexOf('\n', at + 1)
    ) {
      line++;
      lineStart = at + 1;
    }
    const next = found[i + 1]?.start ?? text.length;
    keys.push({
      key: entry.key,
      line,
      column: entry.start - lineStart + 1,
      start: entry.start,
      end: entryEnd(text, entry.start, next),
    });
  }
  return { values: values as Record<string, unknown>, keys, problem: null };
}

/** Where an entry ends: its last line that is neither blank nor only a comment, before `next`. */
function entryEnd(text: string, start: number, next: number): number {
  let end = next;
  for (;;) {
    const lineStart = text.lastIndexOf('\n', end - 2) + 1;
    if (lineStart <= start) return end;
    const line = text.slice(lineStart, end).trim();
    if (line !== '' && !line.startsWith('#')) return end;
    end = lineStart;
  }
}

/** Reads YAML front matter text: values, key positions (lines relative to the text) or its problem. */
export function readYamlFrontMatter(text: string): FrontMatterRead {
  const fast =
    text.length <= frontMatterLimits.characters && !text.includes('\0') ? readYamlFast(text) : null;
  return fast ?? readYamlFull(text);
}

/**
 * The full reader: the `yaml` package's Document, with exact source ranges and positioned errors.
 * Edits always use it; tests compare the fast reader against it.
 */
export function readYamlFull(text: string): FrontMatterRead {
  if (text.length > frontMatterLimits.characters) {
    return problemAt(
      `The front matter is ${text.length} characters long; Postwright reads up to ${frontMatterLimits.characters}`,
    );
  }
  if (text.includes('\0'))
    return problemAt('The front matter contains NUL bytes: this looks like a binary file');
  if (countLines(text, frontMatterLimits.lines) > frontMatterLimits.lines) {
    return problemAt(`The front matter has more than ${frontMatterLimits.lines} lines`);
  }
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { ...yamlOptions, lineCounter });
  } catch (error) {
    // Deep nesting can exhaust the parser's stack: a problem, not a crash.
    return problemAt(
      `The front matter cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const error = doc.errors[0];
  if (error !== undefined) {
    const pos = lineCounter.linePos(error.pos[0]);
    const message = (error.message.split('\n')[0] ?? error.message).replace(
      / at line \d+, column \d+:?$/,
      '',
    );
    return problemAt(message, pos.line, pos.col);
  }
  const contents = doc.contents;
  if (contents === null) return { values: {}, keys: [], problem: null };
  if (!isMap(contents)) return problemAt('Front matter must be a list of `key: value` lines');
  if (contents.items.length > frontMatterLimits.keys) {
    return problemAt(
      `The front matter has ${contents.items.length} keys; Postwright reads up to ${frontMatterLimits.keys}`,
    );
  }
  const keys: KeyInfo[] = [];
  const seen = new Set<string>();
  for (const pair of contents.items) {
    const key = keyName(pair);
    const keyStart = (pair.key as YamlNode | null)?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(keyStart);
    if (seen.has(key)) return problemAt(`The key "${key}" appears twice`, pos.line, pos.col);
    seen.add(key);
    const value = pair.value as YamlNode | null;
    const valueEnd = value?.range?.[1] ?? (pair.key as YamlNode | null)?.range?.[1] ?? keyStart;
    keys.push({
      key,
      line: pos.line,
      column: pos.col,
      start: keyStart,
      end: lineEndAfter(text, valueEnd),
    });
  }
  let values: unknown;
  try {
    values = doc.toJS({ maxAliasCount: frontMatterLimits.aliases });
  } catch (error) {
    return problemAt(
      `The front matter cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { values: values as Record<string, unknown>, keys, problem: null };
}

function parseTomlFrontMatter(text: string): FrontMatterRead {
  if (text.length > frontMatterLimits.characters)
    return problemAt('The front matter is too large to read');
  let values: Record<string, unknown>;
  try {
    values = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    const { line = 1, column = 1 } = error as { line?: number; column?: number };
    const message =
      error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    return problemAt(message, line, column);
  }
  // Top-level `key = value` lines before the first [table], for positions.
  const keys: KeyInfo[] = [];
  const pattern = /^[ \t]*("[^"\n]+"|'[^'\n]+'|[A-Za-z0-9_-]+)[ \t]*=/gm;
  const tableStart = text.search(/^[ \t]*\[/m);
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (tableStart >= 0 && match.index > tableStart) break;
    const raw = match[1] ?? '';
    const key = /^["']/.test(raw) ? raw.slice(1, -1) : raw;
    const start = match.index + (match[0].length - match[0].trimStart().length);
    const line = text.slice(0, start).split('\n').length;
    keys.push({
      key,
      line,
      column: start - lineStartOf(text, start) + 1,
      start,
      end: lineEndAfter(text, start + 1),
    });
  }
  return { values: toPlain(values) as Record<string, unknown>, keys, problem: null };
}

/** TOML dates come back as TomlDate objects; their toISOString keeps the written form (a local date stays a date). */
function toPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toPlain(item)]));
  }
  return value;
}

function readFrontMatterOf(format: FrontMatterFormat, text: string): FrontMatterRead {
  switch (format) {
    case 'yaml':
      return readYamlFrontMatter(text);
    case 'toml':
      return parseTomlFrontMatter(text);
    case 'none':
      return { values: {}, keys: [], problem: null };
    default:
      return assertFormat(format);
  }
}

function assertFormat(format: never): never {
  throw new Error(`Unknown front matter format: ${String(format)}`);
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Parses a post file. Never throws and never evaluates anything: problems are values. */
export function parsePost(text: string, split: PostSplit = findFrontMatter(text)): PostDocument {
  const frontMatter = text.slice(split.frontMatterStart, split.frontMatterEnd);
  const read = readFrontMatterOf(split.format, frontMatter);
  // Keys and problems are reported in file lines: the front matter starts after the opening line.
  const offsetLines = lineOfOffset(text, split.frontMatterStart) - 1;
  const splitProblem = split.error === null ? null : { message: split.error, line: 1, column: 1 };
  const fmProblem =
    read.problem === null ? null : { ...read.problem, line: read.problem.line + offsetLines };
  return {
    text,
    split,
    format: split.format,
    hasBom: text.startsWith('\uFEFF'),
    eol: split.eol,
    frontMatter,
    body: text.slice(split.bodyStart),
    bodyLine: lineOfOffset(text, split.bodyStart),
    values: read.values,
    keys: read.keys.map((key) => ({ ...key, line: key.line + offsetLines })),
    problem: splitProblem ?? fmProblem,
  };
}

/** The file's text. An unedited document gives back exactly the bytes it was parsed from. */
export function serializePost(doc: PostDocument): string {
  return doc.text;
}

/** A post with its front matter text replaced (the source view); it may not parse, and that is kept. */
export function withFrontMatterText(doc: PostDocument, frontMatter: string): PostDocument {
  if (doc.format === 'none') {
    if (frontMatter === '') return doc;
    return parsePost(
      newBlock(doc, frontMatter.endsWith('\n') ? frontMatter : frontMatter + doc.eol),
    );
  }
  const { split, text } = doc;
  return parsePost(
    text.slice(0, split.frontMatterStart) + frontMatter + text.slice(split.frontMatterEnd),
  );
}

/** A post with its body replaced (text as the file should hold it). */
export function withBody(doc: PostDocument, body: string): PostDocument {
  const { split, text } = doc;
  return parsePost(text.slice(0, split.bodyStart) + body, { ...split });
}

function newBlock(doc: PostDocument, frontMatter: string): string {
  const bom = doc.hasBom ? '\uFEFF' : '';
  const eol = doc.eol;
  return `${bom}---${eol}${frontMatter}---${eol}${doc.text.slice(bom.length)}`;
}

type QuoteStyle = 'double' | 'single' | 'plain';

/**
 * Characters YAML does not allow unescaped (control characters, lone surrogates): only a
 * double-quoted scalar can hold them. Written raw, NUL makes the file unreadable and the others
 * break other YAML readers (js-yaml, so gray-matter's default).
 */
const unprintable =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when `text` written plain after `key: ` reads back as exactly this scalar. */
export function readsBackPlain(text: string, mustBeString: boolean): boolean {
  if (text === '' || text !== text.trim() || /[\r\n]/.test(text) || unprintable.test(text)) {
    return false;
  }
  const doc = parseDocument(`k: ${text}\n`, yamlOptions);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return false;
  const node = doc.contents.items[0]?.value;
  if (!isScalar(node) || node.type !== Scalar.PLAIN) return false;
  return mustBeString ? node.value === text : String(node.value) === text;
}

/** Writes a flow-context item (inside `[...]`) plain only when no flow indicator could confuse it. */
function readsBackPlainInFlow(text: string): boolean {
  return readsBackPlain(text, true) && !/[,[\]{}#]/.test(text);
}

function quoteString(text: string, style: QuoteStyle, inFlow = false): string {
  switch (style) {
    case 'double':
      return JSON.stringify(text);
    case 'single':
      return /[\r\n]/.test(text) || unprintable.test(text)
        ? JSON.stringify(text)
        : `'${text.replaceAll("'", "''")}'`;
    case 'plain':
      return (inFlow ? readsBackPlainInFlow(text) : readsBackPlain(text, true))
        ? text
        : JSON.stringify(text);
    default:
      return assertStyle(style);
  }
}

function assertStyle(style: never): never {
  throw new Error(`Unknown quote style: ${String(style)}`);
}

function styleOf(node: unknown): QuoteStyle | null {
  if (!isScalar(node)) return null;
  if (node.type === Scalar.QUOTE_DOUBLE) return 'double';
  if (node.type === Scalar.QUOTE_SINGLE) return 'single';
  return typeof node.value === 'string' ? 'plain' : null;
}

interface FileStyle {
  readonly quote: QuoteStyle;
  readonly flowLists: boolean;
}

/**
 * How this file writes strings and lists, so new values look like their neighbours. `except` (the
 * key being edited) does not count: its own old value does not decide how its new one looks.
 */
function fileStyle(map: YAMLMap, except?: string): FileStyle {
  const counts: Record<QuoteStyle, number> = { double: 0, single: 0, plain: 0 };
  let flow = 0;
  let block = 0;
  for (const pair of map.items) {
    if (except !== undefined && keyName(pair) === except) continue;
    const style = styleOf(pair.value);
    if (style !== null) counts[style]++;
    if (isSeq(pair.value)) {
      if (pair.value.flow) flow++;
      else block++;
    }
  }
  const quote = (['double', 'single', 'plain'] as const).reduce((best, style) =>
    counts[style] > counts[best] ? style : best,
  );
  return { quote: counts[quote] === 0 ? 'plain' : quote, flowLists: flow >= block };
}

/** A value a field can be set to. */
export type FieldValue =
  string | number | boolean | null | readonly FieldValue[] | { readonly [key: string]: FieldValue };

function scalarSource(
  value: string | number | boolean | null,
  style: QuoteStyle,
  inFlow = false,
): Result<string> {
  if (value === null) return ok('');
  if (typeof value === 'boolean') return ok(value ? 'true' : 'false');
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? ok(String(value))
      : fail('invalidArgument', `${value} is not a number YAML can hold`);
  }
  return ok(quoteString(value, style, inFlow));
}

function isScalarValue(value: FieldValue): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

/** Items already in the list, by value, with their source: an item that stays keeps its exact text. */
type KnownItems = ReadonlyMap<unknown, string>;

function knownItems(seq: YAMLSeq, text: string): KnownItems {
  const known = new Map<unknown, string>();
  for (const item of seq.items) {
    if (isScalar(item) && item.range)
      known.set(item.value, text.slice(item.range[0], item.range[1]));
  }
  return known;
}

function itemSources(
  items: readonly FieldValue[],
  style: QuoteStyle,
  inFlow: boolean,
  known: KnownItems,
): Result<string[]> {
  const sources: string[] = [];
  for (const item of items) {
    if (!isScalarValue(item)) {
      return fail('unsupported', 'Only lists of plain values can be written here');
    }
    const same = known.get(item);
    if (same !== undefined) {
      sources.push(same);
      continue;
    }
    const source = scalarSource(item, style, inFlow);
    if (!source.ok) return source;
    sources.push(item === null ? 'null' : source.value);
  }
  return ok(sources);
}

function flowList(
  items: readonly FieldValue[],
  style: QuoteStyle,
  spaced: { inner: boolean; comma: string },
  known: KnownItems = new Map(),
): Result<string> {
  const parts = itemSources(items, style, true, known);
  if (!parts.ok) return parts;
  if (parts.value.length === 0) return ok('[]');
  const pad = spaced.inner ? ' ' : '';
  return ok(`[${pad}${parts.value.join(spaced.comma)}${pad}]`);
}

function blockList(
  items: readonly FieldValue[],
  style: QuoteStyle,
  indent: string,
  eol: string,
  known: KnownItems = new Map(),
): Result<string> {
  const parts = itemSources(items, style, false, known);
  if (!parts.ok) return parts;
  return ok(parts.value.map((source) => `${indent}- ${source}`).join(eol));
}

/** The quote style most of a list's string items use (the first one's on a tie). */
function itemStyle(seq: YAMLSeq, fallback: QuoteStyle): QuoteStyle {
  const counts = new Map<QuoteStyle, number>();
  for (const item of seq.items) {
    const style = styleOf(item);
    if (style !== null) counts.set(style, (counts.get(style) ?? 0) + 1);
  }
  let best: QuoteStyle = fallback;
  let bestCount = 0;
  for (const [style, count] of counts) {
    if (count > bestCount) [best, bestCount] = [style, count];
  }
  return best;
}

function blockScalar(node: Scalar, text: string, value: string, eol: string): string | null {
  const range = node.range;
  if (!range) return null;
  // A CR or a control character cannot be written in a block; nor can trailing blank lines
  // (clip chomping drops them): quote those values instead.
  if (/\r/.test(value) || unprintable.test(value) || /(^|\n)\n$/.test(value)) return null;
  const source = text.slice(range[0], range[1]);
  const header = /^[|>][+-]?\d?/.exec(source)?.[0] ?? '|';
  const indent = /\n([ \t]+)\S/.exec(source)?.[1] ?? '  ';
  // Folding would change the meaning of line breaks: a multi-line value becomes a literal block.
  const indicator = header.startsWith('>') && value.includes('\n') ? '|' : header[0];
  const chomp = value.endsWith('\n') ? '' : '-';
  const lines = value.replace(/\n$/, '').split('\n');
  // A first non-empty line that starts with a space would need an indentation indicator: quote it.
  if (/^\s/.test(lines.find((line) => line !== '') ?? '')) return null;
  const body = lines.map((line) => (line === '' ? '' : indent + line)).join(eol);
  const ending = source.endsWith('\n') ? eol : '';
  return `${indicator}${chomp}${eol}${body}${ending}`;
}

interface EntryRange {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

/** Exact entry ranges from the full parse: what edits cut and insert by. */
function entryRanges(map: YAMLMap | null, text: string): EntryRange[] {
  return (map?.items ?? []).map((pair) => {
    const start = (pair.key as YamlNode | null)?.range?.[0] ?? 0;
    const valueEnd =
      (pair.value as YamlNode | null)?.range?.[1] ??
      (pair.key as YamlNode | null)?.range?.[1] ??
      start;
    return { key: keyName(pair), start, end: lineEndAfter(text, valueEnd) };
  });
}

function orderedInsertPoint(
  text: string,
  ranges: readonly EntryRange[],
  key: string,
  order: readonly string[],
): number {
  const position = order.indexOf(key);
  if (position >= 0) {
    const byKey = new Map(ranges.map((info) => [info.key, info]));
    for (let i = position - 1; i >= 0; i--) {
      const before = byKey.get(order[i] ?? '');
      if (before) return before.end;
    }
    for (let i = position + 1; i < order.length; i++) {
      const after = byKey.get(order[i] ?? '');
      if (after) return lineStartOf(text, after.start);
    }
  }
  return text.length;
}

function keySource(key: string): string {
  return readsBackPlain(key, true) && !/[:#]/.test(key) && !/^[-?](\s|$)/.test(key)
    ? key
    : JSON.stringify(key);
}

type NestedValue = readonly FieldValue[] | { readonly [key: string]: FieldValue };

/** How the file indents nested blocks: spaces per level, and whether lists sit under their key. */
interface BlockLayout {
  readonly unit: number;
  readonly flushLists: boolean;
}

/** A map, or a list holding a map or a list: what only block YAML (or the source view) can write. */
function isNestedValue(value: FieldValue): value is NestedValue {
  if (isScalarValue(value)) return false;
  if (!Array.isArray(value)) return true;
  return (value as readonly FieldValue[]).some((item) => !isScalarValue(item));
}

function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/**
 * The file's indentation, read from its nested block maps and block lists: the first nested map
 * gives the step, the first block list whether lists are indented under their key (`key:\n- a`
 * is flush). Pairs in `first` are looked at before the others (the neighbours of an edited entry
 * decide before the entry itself); without any, two spaces and indented lists.
 */
function blockLayout(text: string, pairs: readonly Pair[]): BlockLayout {
  let unit: number | null = null;
  let listStep: number | null = null;
  const visit = (node: unknown, keyColumn: number): void => {
    if (unit !== null && listStep !== null) return;
    if (isMap(node) && !node.flow) {
      for (const pair of node.items) {
        const start = (pair.key as YamlNode | null)?.range?.[0];
        if (start === undefined) continue;
        const column = columnOf(text, start);
        if (unit === null && column > keyColumn && keyColumn >= 0) unit = column - keyColumn;
        visit(pair.value, column);
      }
    } else if (isSeq(node) && !node.flow) {
      const start = node.range?.[0];
      if (start === undefined) return;
      const column = columnOf(text, start);
      if (listStep === null && keyColumn >= 0) listStep = column - keyColumn;
      // A map inside a list item: its keys' column is where its own nesting starts.
      for (const item of node.items) visit(item, -1);
    }
  };
  for (const pair of pairs) {
    const start = (pair.key as YamlNode | null)?.range?.[0];
    if (start !== undefined) visit(pair.value, columnOf(text, start));
  }
  const step = unit ?? (listStep !== null && listStep > 0 ? listStep : 2);
  return { unit: Math.min(Math.max(step, 1), 8), flushLists: listStep === 0 };
}

function emptyCollection(value: NestedValue): string | null {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : null;
  return Object.keys(value).length === 0 ? '{}' : null;
}

/**
 * A nested value as block YAML lines (no line breaks) starting at column `indent`: maps as
 * `key: value` lines, lists as `- item` lines, a list item that is a map or list starting on the
 * dash's line. Lists of plain values follow the file's list style; scalars its quote style.
 */
function blockLines(
  value: NestedValue,
  indent: number,
  style: FileStyle,
  layout: BlockLayout,
): Result<string[]> {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  // The text after `key:` or `-` on the same line, or the lines below it.
  const inline = (item: FieldValue): Result<string | null> => {
    if (isScalarValue(item)) {
      if (item === null) return ok('null');
      return scalarSource(item, style.quote);
    }
    const empty = emptyCollection(item);
    if (empty !== null) return ok(empty);
    if (Array.isArray(item) && style.flowLists && !isNestedValue(item))
      return flowList(item, style.quote, { inner: false, comma: ', ' });
    return ok(null);
  };
  if (Array.isArray(value)) {
    for (const item of value as readonly FieldValue[]) {
      const same = inline(item);
      if (!same.ok) return same;
      if (same.value !== null) {
        lines.push(`${pad}- ${same.value}`);
        continue;
      }
      const inner = blockLines(item as NestedValue, indent + 2, style, layout);
      if (!inner.ok) return inner;
      const [first = '', ...rest] = inner.value;
      lines.push(`${pad}- ${first.slice(indent + 2)}`, ...rest);
    }
    return ok(lines);
  }
  for (const [key, item] of Object.entries(value)) {
    const head = `${pad}${keySource(key)}:`;
    if (item === null) {
      lines.push(head);
      continue;
    }
    const same = inline(item);
    if (!same.ok) return same;
    if (same.value !== null) {
      lines.push(`${head} ${same.value}`);
      continue;
    }
    const step = Array.isArray(item) && layout.flushLists ? 0 : layout.unit;
    const inner = blockLines(item as NestedValue, indent + step, style, layout);
    if (!inner.ok) return inner;
    lines.push(head, ...inner.value);
  }
  return ok(lines);
}

/** What follows `key:` for a nested value: ` {}` or ` []`, or a line break and the block lines. */
function nestedSource(
  value: NestedValue,
  style: FileStyle,
  layout: BlockLayout,
  eol: string,
): Result<string> {
  const empty = emptyCollection(value);
  if (empty !== null) return ok(` ${empty}`);
  const indent = Array.isArray(value) && layout.flushLists ? 0 : layout.unit;
  const lines = blockLines(value, indent, style, layout);
  return lines.ok ? ok(`${eol}${lines.value.join(eol)}`) : lines;
}

function entrySource(
  key: string,
  value: FieldValue,
  style: FileStyle,
  layout: BlockLayout,
  eol: string,
): Result<string> {
  if (isNestedValue(value)) {
    const source = nestedSource(value, style, layout, eol);
    return source.ok ? ok(`${keySource(key)}:${source.value}${eol}`) : source;
  }
  if (isScalarValue(value)) {
    const source = scalarSource(value, style.quote);
    if (!source.ok) return source;
    return ok(`${keySource(key)}:${source.value === '' ? '' : ' '}${source.value}${eol}`);
  }
  if (Array.isArray(value)) {
    const items = value as readonly FieldValue[];
    if (style.flowLists || items.length === 0) {
      const list = flowList(items, style.quote, { inner: false, comma: ', ' });
      return list.ok ? ok(`${keySource(key)}: ${list.value}${eol}`) : list;
    }
    const list = blockList(items, style.quote, '  ', eol);
    return list.ok ? ok(`${keySource(key)}:${eol}${list.value}${eol}`) : list;
  }
  return fail('unsupported', `"${key}" holds a value that cannot be written here`);
}

// The yaml Document of each document edited, read only by the editors: a form edits the same base
// document once per keystroke (see the renderer's applyEdits), and parses it once.
const parsedDocuments = new WeakMap<PostDocument, Result<{ map: YAMLMap | null }>>();

function parsedYaml(doc: PostDocument): Result<{ map: YAMLMap | null }> {
  let parsed = parsedDocuments.get(doc);
  if (parsed === undefined) {
    parsed = parseYamlOf(doc);
    parsedDocuments.set(doc, parsed);
  }
  return parsed;
}

function parseYamlOf(doc: PostDocument): Result<{ map: YAMLMap | null }> {
  if (doc.format === 'toml') {
    return fail(
      'unsupported',
      'TOML front matter is shown but not edited here; change it in your editor of choice',
    );
  }
  if (doc.problem !== null) {
    return fail(
      'invalidArgument',
      `The front matter does not parse (line ${doc.problem.line}): ${doc.problem.message}`,
    );
  }
  if (doc.format === 'none') return ok({ map: null });
  const parsed = parseDocument(doc.frontMatter, yamlOptions);
  if (parsed.contents === null) return ok({ map: null });
  return isMap(parsed.contents)
    ? ok({ map: parsed.contents })
    : fail('invalidArgument', 'Front matter is not a map');
}

function replaced(doc: PostDocument, frontMatter: string): PostDocument {
  return withFrontMatterText(doc, frontMatter);
}

function replaceValue(
  doc: PostDocument,
  map: YAMLMap,
  pair: Pair,
  value: FieldValue,
): Result<string> {
  const text = doc.frontMatter;
  const eol = doc.eol;
  const style = fileStyle(map);
  const node = pair.value as YamlNode | null;
  const keyEnd = (pair.key as YamlNode).range?.[1] ?? 0;
  const colon = text.indexOf(':', keyEnd);
  const splice = (from: number, to: number, source: string): Result<string> =>
    ok(text.slice(0, from) + source + text.slice(to));
  const afterColon = (source: string, to: number): Result<string> =>
    splice(colon + 1, to, source === '' ? '' : ` ${source}`);

  if (isNestedValue(value)) {
    const key = keyName(pair);
    // The neighbours' indentation first; the entry's own only when no other entry nests.
    const layout = blockLayout(text, [...map.items.filter((item) => item !== pair), pair]);
    const source = nestedSource(value, fileStyle(map, key), layout, eol);
    if (!source.ok) return source;
    // The whole rest of the entry goes, a comment after a one-line value included.
    const to = lineEndAfter(text, node?.range?.[1] ?? colon + 1);
    const ending = text[to - 1] === '\n' ? eol : '';
    return splice(colon + 1, to, source.value + ending);
  }

  if (isScalarValue(value)) {
    if (isScalar(node) && node.range) {
      const [from, to] = node.range;
      const isBlock = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
      if (isBlock && typeof value === 'string') {
        const block = blockScalar(node, text, value, eol);
        if (block !== null) return splice(from, to, block);
      }
      // A string keeps the value's own quotes; a value that was a number, boolean or empty is
      // written plain when it reads back as the same string, else double-quoted.
      const source = scalarSource(value, styleOf(node) ?? 'plain');
      if (!source.ok) return source;
      // A block scalar's range ends with its line break; the new line keeps one.
      const ending = isBlock && text[to - 1] === '\n' ? eol : '';
      if (from === to || source.value === '') return afterColon(source.value + ending, to);
      return splice(from, to, source.value + ending);
    }
    const source = scalarSource(value, style.quote);
    if (!source.ok) return source;
    const to = node?.range?.[1] ?? colon + 1;
    // A block list or map ends with its newline; the scalar line needs one back.
    const ending = node && text[to - 1] === '\n' ? eol : '';
    return splice(colon + 1, to, (source.value === '' ? '' : ` ${source.value}`) + ending);
  }

  if (Array.isArray(value)) {
    const items = value as readonly FieldValue[];
    if (isSeq(node) && node.range) {
      const [from, to] = node.range;
      const quote = itemStyle(node, style.quote);
      if (node.flow) {
        const source = text.slice(from, to);
        const list = flowList(
          items,
          quote,
          {
            inner: /^\[[ \t]/.test(source),
            comma: /,[ \t]/.test(source) || node.items.length < 2 ? ', ' : ',',
          },
          knownItems(node, text),
        );
        return list.ok ? splice(from, to, list.value) : list;
      }
      const indent = text.slice(lineStartOf(text, from), from);
      if (items.length === 0)
        return splice(colon + 1, to, ` []${text[to - 1] === '\n' ? eol : ''}`);
      const list = blockList(items, quote, indent, eol, knownItems(node, text));
      if (!list.ok) return list;
      const ending = text[to - 1] === '\n' ? eol : '';
      return splice(from, to, list.value.slice(indent.length) + ending);
    }
    const to = node?.range?.[1] ?? colon + 1;
    const hadNewline = node !== null && text[to - 1] === '\n';
    if (style.flowLists || items.length === 0) {
      const list = flowList(items, style.quote, { inner: false, comma: ', ' });
      return list.ok ? splice(colon + 1, to, ` ${list.value}${hadNewline ? eol : ''}`) : list;
    }
    const list = blockList(items, style.quote, '  ', eol);
    if (!list.ok) return list;
    return splice(colon + 1, to, `${eol}${list.value}${hadNewline ? eol : ''}`);
  }
  return fail('unsupported', `"${keyName(pair)}" holds a value that cannot be written here`);
}

/**
 * Sets one top-level field. Only that entry's text changes: other keys, their order, comments,
 * blank lines, quotes and list styles stay byte for byte. An existing value keeps its quote or
 * list style where the new value allows it; a new key goes where `order` puts it (else at the
 * end) in the style of its neighbours. A post without front matter gets a YAML block.
 */
export function setField(
  doc: PostDocument,
  key: string,
  value: FieldValue,
  order: readonly string[] = [],
): Result<PostDocument> {
  const parsed = parsedYaml(doc);
  if (!parsed.ok) return parsed;
  const { map } = parsed.value;
  const style: FileStyle = map ? fileStyle(map) : { quote: 'double', flowLists: true };
  const pair = map?.items.find((item) => keyName(item) === key);
  if (map && pair) {
    const next = replaceValue(doc, map, pair, value);
    return next.ok ? ok(replaced(doc, next.value)) : next;
  }
  const layout = blockLayout(doc.frontMatter, map?.items ?? []);
  const entry = entrySource(key, value, style, layout, doc.eol);
  if (!entry.ok) return entry;
  const text = doc.frontMatter;
  const at = orderedInsertPoint(text, entryRanges(map, text), key, order);
  const needsBreak = at > 0 && at === text.length && !text.endsWith('\n');
  const frontMatter =
    text.slice(0, at) + (needsBreak ? doc.eol : '') + entry.value + text.slice(at);
  return ok(replaced(doc, frontMatter));
}

/** Removes one top-level field: its lines go, every other byte stays. */
export function removeField(doc: PostDocument, key: string): Result<PostDocument> {
  const parsed = parsedYaml(doc);
  if (!parsed.ok) return parsed;
  const text = doc.frontMatter;
  const info = entryRanges(parsed.value.map, text).find((each) => each.key === key);
  if (info === undefined) return fail('notFound', `The front matter has no field "${key}"`);
  return ok(replaced(doc, text.slice(0, lineStartOf(text, info.start)) + text.slice(info.end)));
}

/** One change to a text: `[from, to)` becomes `text`. */
export interface TextEdit {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

/**
 * Several changes to existing top-level fields from one parse of the front matter, as edits of
 * `doc.frontMatter`: each `set` is what `setField` would change for that key, each `remove` what
 * `removeField` would. The edits touch disjoint ranges (one entry each) and come sorted from the
 * end of the text, so they can be applied one after another to the original. Null when a key to
 * set is not a top-level entry (setField would add it) or a key to remove is not there: then edit
 * field by field.
 */
export function fieldEdits(
  doc: PostDocument,
  changes: {
    readonly set: readonly (readonly [string, FieldValue])[];
    readonly remove: readonly string[];
  },
): Result<TextEdit[] | null> {
  const parsed = parsedYaml(doc);
  if (!parsed.ok) return parsed;
  const { map } = parsed.value;
  const text = doc.frontMatter;
  const edits: TextEdit[] = [];
  for (const [key, value] of changes.set) {
    const pair = map?.items.find((item) => keyName(item) === key);
    if (map === null || pair === undefined) return ok(null);
    const next = replaceValue(doc, map, pair, value);
    if (!next.ok) return next;
    // replaceValue splices one range; the shortest edit that gives its text lies inside it.
    const after = next.value;
    let from = 0;
    const most = Math.min(text.length, after.length);
    while (from < most && text.charCodeAt(from) === after.charCodeAt(from)) from++;
    let tail = 0;
    while (
      tail < most - from &&
      text.charCodeAt(text.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)
    ) {
      tail++;
    }
    edits.push({ from, to: text.length - tail, text: after.slice(from, after.length - tail) });
  }
  if (changes.remove.length > 0) {
    const ranges = entryRanges(map, text);
    for (const key of changes.remove) {
      const info = ranges.find((each) => each.key === key);
      if (info === undefined) return ok(null);
      edits.push({ from: lineStartOf(text, info.start), to: info.end, text: '' });
    }
  }
  edits.sort((a, b) => b.from - a.from || b.to - a.to);
  for (let i = 1; i < edits.length; i++) {
    const later = edits[i - 1] as TextEdit;
    const earlier = edits[i] as TextEdit;
    // Two changes in one range (a key both set and removed): field by field instead.
    if (earlier.to > later.from || (earlier.from === later.from && earlier.to === later.to))
      return ok(null);
  }
  return ok(edits);
}

/** The source text of one field's value as written (for `postwright get` and the form). */
export function fieldSource(doc: PostDocument, key: string): string | null {
  const info = doc.keys.find((each) => each.key === key);
  if (info === undefined) return null;
  const entry = doc.frontMatter.slice(info.start, info.end);
  const colon = entry.indexOf(doc.format === 'toml' ? '=' : ':');
  return entry.slice(colon + 1).trim();
}
