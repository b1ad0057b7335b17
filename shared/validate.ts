import type { Token } from 'markdown-it';
import { blockTokens, markdownTokens, minutesOf, readingTime } from './derive';
import type { ReadingTime } from './derive';
import type { DocumentProblem, PostDocument } from './document';
import { assertNever } from './result';
import { describeKind } from './schema';
import type { FieldSpec, Schema } from './schema';

/** Errors block publishing (and export); warnings are advice. */
export type Severity = 'error' | 'warning';

/**
 * A stable id per check, for scripts and CI filters. Length checks are named after their field
 * (`title-length`, `description-length`).
 */
export type Rule =
  | 'front-matter'
  | 'required'
  | 'recommended'
  | 'kind'
  | 'date'
  | 'url'
  | 'pattern'
  | 'choice'
  | `${string}-length`
  | 'image-missing'
  | 'empty-section'
  | 'todo'
  | 'reading-time-stale'
  | 'assistant-residue'
  | 'too-large'
  | 'config';

/**
 * Bodies longer than this (in characters) skip the body checks: Markdown parsing of a hostile
 * multi-megabyte body can take seconds, and no real post is this long.
 */
export const bodyCheckLimit = 1_000_000;

/** One thing wrong with a post (or the config), where it is, and what to do about it. */
export interface Problem {
  /** The file, relative to the posts folder ('' when unknown). */
  readonly path: string;
  /** 1-based line and column in the file. */
  readonly line: number;
  readonly column: number;
  /** The front matter key it is about, or null for the body and the file as a whole. */
  readonly field: string | null;
  readonly severity: Severity;
  readonly rule: Rule;
  /** A plain sentence an author can act on. */
  readonly message: string;
}

/** What validation may know beyond the post itself. */
export interface ValidationContext {
  /** The post's path relative to the posts folder. */
  readonly path?: string;
  /**
   * Whether an image the post refers to exists, as the reference is written (see `imageRefs`);
   * undefined when it cannot tell. Without it, image paths are not checked.
   */
  readonly imageExists?: (sitePath: string) => boolean | undefined;
}

/** A date as written, in parts. */
export interface WrittenDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Absent for a date without a time. */
  readonly time?: { readonly hour: number; readonly minute: number; readonly second: number };
  /** As written (`Z`, `+02:00`), absent when the time has none. */
  readonly offset?: string;
}

const datePattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[ \t]*(Z|z|[+-]\d{1,2}(?::?\d{2})?))?)?$/;

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Reads a date the way static site generators accept it: `2024-02-28`, `2024-02-28T10:00:00+02:00`,
 * `2024-02-28 10:00`. Null for anything else, including dates that do not exist (`2024-02-30`).
 */
export function parseWrittenDate(text: string): WrittenDate | null {
  const match = datePattern.exec(text);
  if (match === null) return null;
  const [, y = '', mo = '', d = '', h, mi, s, offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (h === undefined || mi === undefined) return { year, month, day };
  const time = { hour: Number(h), minute: Number(mi), second: s === undefined ? 0 : Number(s) };
  // 60 seconds is a leap second, which ISO 8601 allows.
  if (time.hour > 23 || time.minute > 59 || time.second > 60) return null;
  if (offset !== undefined && offset.toUpperCase() !== 'Z') {
    const [, oh = '0', om = '0'] = /^[+-](\d{1,2}):?(\d{2})?$/.exec(offset) ?? [];
    if (Number(oh) > 14 || Number(om) > 59) return null;
  }
  return offset === undefined ? { year, month, day, time } : { year, month, day, time, offset };
}

const hostLabel = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?';
const urlPattern = new RegExp(
  `^https?://(?:[^\\s/?#@]+@)?(?:\\[[0-9A-Fa-f:.]+\\]|${hostLabel}(?:\\.${hostLabel})*\\.?)(?::\\d{1,5})?(?:[/?#]\\S*)?$`,
  'u',
);

/** True for an absolute http(s) address with a well-formed host and no spaces. */
export function isWebUrl(text: string): boolean {
  return urlPattern.test(text);
}

/** True for a reference that is a web address or a data URI rather than a file of the site. */
function isRemote(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//');
}

function quoted(text: string): string {
  const short = [...text].length > 40 ? `${[...text].slice(0, 39).join('')}…` : text;
  return `"${short}"`;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the text ${quoted(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a map of keys';
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

interface Finding {
  readonly severity: Severity;
  readonly rule: Rule;
  readonly message: string;
}

const error = (rule: Rule, message: string): Finding => ({ severity: 'error', rule, message });
const warning = (rule: Rule, message: string): Finding => ({ severity: 'warning', rule, message });

function kindError(spec: FieldSpec, value: unknown, hint = ''): Finding {
  return error(
    'kind',
    `"${spec.key}" should be ${describeKind(spec)}, not ${describeValue(value)}${hint}.`,
  );
}

const isText = (value: unknown): value is string | number =>
  typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

/** What is wrong with a present, non-empty value for its kind; nothing when it fits. */
function checkKind(spec: FieldSpec, value: unknown): Finding[] {
  const kind = spec.kind;
  switch (kind) {
    case 'string':
    case 'text':
      // A number reads fine as text (`title: 1984`); true/false almost always means a typo.
      return isText(value) ? [] : [kindError(spec, value)];
    case 'date':
    case 'datetime':
      if (typeof value !== 'string') return [kindError(spec, value)];
      return parseWrittenDate(value) === null
        ? [
            error(
              'date',
              `"${spec.key}" is ${quoted(value)}, which is not a valid date; write it like 2024-02-28 or 2024-02-28T10:00:00+02:00.`,
            ),
          ]
        : [];
    case 'boolean':
      if (typeof value === 'boolean') return [];
      return [
        kindError(
          spec,
          value,
          value === 'true' || value === 'false' ? '; remove the quotes around it' : '',
        ),
      ];
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value)) return [];
      return [
        kindError(
          spec,
          value,
          typeof value === 'string' && /^-?\d/.test(value) ? '; remove the quotes around it' : '',
        ),
      ];
    case 'tags':
      if (!Array.isArray(value)) {
        return [kindError(spec, value, typeof value === 'string' ? `; write [${value}]` : '')];
      }
      return value.every(isText)
        ? []
        : [error('kind', `"${spec.key}" should be a list of words; one of its items is not text.`)];
    case 'choice': {
      if (!isText(value)) return [kindError(spec, value)];
      const choices = spec.choices ?? [];
      if (spec.allowOther === true || choices.length === 0 || choices.includes(String(value))) {
        return [];
      }
      return [
        error(
          'choice',
          `"${spec.key}" is ${quoted(String(value))}; it should be one of: ${choices.join(', ')}.`,
        ),
      ];
    }
    case 'url':
      if (typeof value !== 'string') return [kindError(spec, value)];
      if (isWebUrl(value)) return [];
      return [
        error(
          'url',
          /^https?:\/\//i.test(value)
            ? `"${spec.key}" is ${quoted(value)}, which is not a valid web address (check for spaces and the domain).`
            : `"${spec.key}" is ${quoted(value)}; write a full address starting with https://.`,
        ),
      ];
    case 'image':
      return typeof value === 'string' ? [] : [kindError(spec, value)];
    case 'computed':
      return isText(value) ? [] : [kindError(spec, value)];
    case 'yaml':
      return [];
    default:
      return assertNever(kind);
  }
}

/**
 * What is wrong with a value for a field's kind, as a sentence, or null when it fits (or is empty).
 * For checking a value before it is written, like a config default or a form input.
 */
export function valueProblem(spec: FieldSpec, value: unknown): string | null {
  if (isEmpty(value)) return null;
  return checkKind(spec, value)[0]?.message ?? null;
}

function checkLimits(spec: FieldSpec, value: string): Finding[] {
  const findings: Finding[] = [];
  // Characters never outnumber UTF-16 units, so a short value skips counting them (the index runs
  // this for every field of every post).
  const limit = Math.min(spec.maxLength ?? Infinity, spec.warnLength ?? Infinity);
  const length = value.length <= limit ? value.length : [...value].length;
  const rule: Rule = `${spec.key}-length`;
  if (spec.maxLength !== undefined && length > spec.maxLength) {
    findings.push(
      error(
        rule,
        `"${spec.key}" is ${length} characters long; it may be at most ${spec.maxLength}.`,
      ),
    );
  } else if (spec.warnLength !== undefined && length > spec.warnLength) {
    const why = spec.description === undefined ? '' : ` ${spec.description}`;
    findings.push(
      warning(
        rule,
        `"${spec.key}" is ${length} characters long; keep it to ${spec.warnLength} or fewer.${why}`,
      ),
    );
  }
  if (spec.pattern !== undefined) {
    let matches = true;
    try {
      matches = new RegExp(spec.pattern, 'u').test(value);
    } catch {
      // The config check reports a broken pattern once; it is not each post's fault.
    }
    if (!matches) {
      findings.push(
        error(
          'pattern',
          `"${spec.key}" is ${quoted(value)}, which does not match ${spec.pattern}.`,
        ),
      );
    }
  }
  return findings;
}

function checkComputed(
  spec: FieldSpec,
  value: unknown,
  readingTimeOf: (() => ReadingTime | null) | undefined,
): Finding[] {
  const compute = spec.compute;
  if (compute === undefined || readingTimeOf === undefined) return [];
  switch (compute) {
    case 'reading-time': {
      const computed = readingTimeOf();
      if (computed === null) return [];
      const written = minutesOf(value);
      if (written === null) {
        return [
          warning(
            'reading-time-stale',
            `"${spec.key}" is ${describeValue(value)}, which is not a reading time; the body reads in ${computed.text}.`,
          ),
        ];
      }
      if (Math.abs(written - computed.minutes) <= 1) return [];
      return [
        warning(
          'reading-time-stale',
          `"${spec.key}" says ${written} min but the body now reads in about ${computed.minutes}; set it to "${computed.text}".`,
        ),
      ];
    }
    default:
      return assertNever(compute);
  }
}

function checkField(
  spec: FieldSpec,
  value: unknown,
  readingTimeOf: (() => ReadingTime | null) | undefined,
): Finding[] {
  if (isEmpty(value)) {
    if (spec.required) return [error('required', `"${spec.key}" is required; add it.`)];
    if (spec.recommended) {
      const why = spec.description === undefined ? '' : ` ${spec.description}`;
      return [warning('recommended', `"${spec.key}" is missing.${why}`)];
    }
    return [];
  }
  const kindFindings = checkKind(spec, value);
  if (kindFindings.length > 0) return kindFindings;
  return [
    ...(typeof value === 'string' ? checkLimits(spec, value) : []),
    ...(spec.kind === 'computed' ? checkComputed(spec, value, readingTimeOf) : []),
  ];
}

const todoPattern = /(?<![\p{L}\p{N}_])(?:TODO|FIXME|TKTK|TK)(?![\p{L}\p{N}_])/u;

/**
 * Lines a chat assistant leaves at the end of an answer, which then get pasted into a post. Each
 * pattern is addressed to the person who asked for the text (offers to do more, openers that
 * present "a version", self-references), not to a reader: "Do you want to learn Go?" and "Let me
 * show you how goroutines work" do not match.
 */
export const residuePatterns: readonly RegExp[] = [
  // Offers to do more work: "Do you want me to make this ...?", "Would you like me to expand ...?"
  /\b(?:do you want|would you like|would you prefer)(?: for)? me to\b/i,
  /^(?:want|need) me to\b/i,
  /^shall I (?:also |now |go ahead and )?(?:add|expand|rewrite|make|write|create|include|turn|convert|adjust|shorten|continue|generate|format|provide|draft|tweak)\b.*\?$/i,
  /^(?:do you want|would you like) (?:a|an|me|it|this) (?:[\w-]+ ){0,3}(?:version|rewrite|draft)\b.*\?$/i,
  /\blet me know if you(?:'d| would) like\b/i,
  /\blet me know if you (?:want|need) me to\b/i,
  /\bif you(?:'d| would) like,? I (?:can|could)\b/i,
  /\bI can also\b.*\bif you(?:'d| would)? (?:like|want|prefer)\b/i,
  /\b(?:feel free to|don't hesitate to) (?:ask|let me know)\b.*\b(?:changes|adjustments|tweaks|revisions|edits|further help|anything else)\b/i,
  // Openers that present the text as an answer: "Sure! Here's ...", "Here is a revised version ..."
  /^(?:sure|certainly|absolutely|of course|great question)\b[!,.]*\s*(?:here(?:'s| is| are)|below is|I(?:'ve| have))\b/i,
  /^here(?:'s| is) (?:a|an|your) (?:revised|rewritten|updated|improved|polished|refined|edited|expanded|condensed|shortened|shorter|longer|more [\w-]+) (?:version|draft)\b/i,
  /^here(?:'s| is) your (?:revised |rewritten |updated |improved |polished |new )?(?:blog post|article|post|draft|text|essay)\b/i,
  // Self-references.
  /\bas an AI(?: language model| assistant| model|,)/i,
  /\bas a (?:large )?language model\b/i,
  /\bmy (?:knowledge|training)(?: data)? (?:cutoff|cut-off)\b/i,
  // The sign-off, alone on its line.
  /^(?:I )?hope (?:this|that|it) helps\b[\s!.😊🙂]*$/iu,
];

/**
 * What at least one of `residuePatterns` needs, with the same case-insensitivity: `me to`, `let me
 * know`, `if you`, `free to`, `hesitate to`, `as an AI`, `language model`, `cutoff`, or an opener
 * at the start. A line without it matches none of the patterns, so they run only on the few lines
 * that have it (4 % of the bench's prose lines). Keep it in step with the patterns
 * (tests/unit/body-checks-fast.test.ts checks that no line matches a pattern and fails this).
 */
export const mayBeResidue =
  /me to|let me know|if you|free to|hesitate to|as an ai|language model|cut-?off|^(?:shall i|do you want|would you like|sure|certainly|absolutely|of course|great question|here|hope|i hope)/i;

/** Longest line, in UTF-16 units, checked for assistant residue. */
const residueLineLimit = 1000;

/** A line as a reader sees it: no list, quote or heading markers, emphasis, or link syntax. */
function plainLine(line: string): string {
  return (
    line
      .replace(/^\s*(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+|#{1,6}\s+)?/, '')
      // Link syntax goes piece by piece: one regex for a whole link is quadratic on a line of `[`.
      .replace(/\]\([^()\s]*\)/g, '')
      .replace(/!?\[|\]/g, '')
      .replace(/[*_~`]+/g, '')
      .replace(/[’ʼ]/g, "'")
      .trim()
  );
}

/** Replaces inline code spans with spaces, so columns stay right and code is not scanned. */
function blankInlineCode(line: string): string {
  if (!line.includes('`')) return line;
  return line.replace(/(`+)(?:(?!\1)[^])*?\1/g, (code) => ' '.repeat(code.length));
}

type LineUse = 'prose' | 'code' | 'html';

function lineUses(tokens: readonly Token[], lineCount: number): LineUse[] {
  const uses: LineUse[] = Array.from({ length: lineCount }, () => 'prose');
  for (const token of tokens) {
    if (token.map === null) continue;
    const use: LineUse | null =
      token.type === 'fence' || token.type === 'code_block'
        ? 'code'
        : token.type === 'html_block'
          ? 'html'
          : null;
    if (use === null) continue;
    for (let line = token.map[0]; line < token.map[1] && line < lineCount; line++) uses[line] = use;
  }
  return uses;
}

interface BodyFinding extends Finding {
  /** 0-based line in the body and 1-based column. */
  readonly bodyLine: number;
  readonly column: number;
}

function isBlank(token: Token): boolean {
  return (
    token.type === 'hr' ||
    (token.type === 'html_block' && /^\s*<!--[^]*-->\s*$/.test(token.content))
  );
}

// Headings that Markdown plugins (remark-toc, markdown-it-toc-done-right) fill in at build time.
const generatedSection = /^(?:table of contents|contents|toc|\[\[?toc\]\]?)$/i;

/** Headings with nothing under them before the next heading of the same or a higher level. */
function emptySections(tokens: readonly Token[]): BodyFinding[] {
  // Top-level blocks only (their indexes); a heading's text is the inline token right after it.
  const blocks: number[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as Token;
    if (token.level === 0 && token.nesting !== -1) blocks.push(index);
  }
  const findings: BodyFinding[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const at = blocks[i] as number;
    const heading = tokens[at] as Token;
    if (heading.type !== 'heading_open' || heading.map === null) continue;
    const title = tokens[at + 1]?.content.trim() ?? '';
    if (generatedSection.test(title)) continue;
    const level = Number(heading.tag.slice(1));
    // Rules and comments are not content a reader sees.
    let j = i + 1;
    while (j < blocks.length && isBlank(tokens[blocks[j] as number] as Token)) j++;
    const next = j < blocks.length ? tokens[blocks[j] as number] : undefined;
    if (
      next !== undefined &&
      !(next.type === 'heading_open' && Number(next.tag.slice(1)) <= level)
    ) {
      continue;
    }
    findings.push({
      ...warning(
        'empty-section',
        next === undefined
          ? `The section "${title}" is empty: the post ends right after its heading.`
          : `The section "${title}" is empty: the next heading follows right after it.`,
      ),
      bodyLine: heading.map[0],
      column: 1,
    });
  }
  return findings;
}

function lineScan(lines: readonly string[], uses: readonly LineUse[]): BodyFinding[] {
  const findings: BodyFinding[] = [];
  lines.forEach((line, index) => {
    const use = uses[index] ?? 'prose';
    if (use === 'code') return;
    const visible = blankInlineCode(line);
    // A TODO in an HTML comment is a note to self, and still unfinished business.
    const todo = todoPattern.exec(visible);
    if (todo !== null) {
      findings.push({
        ...warning(
          'todo',
          `"${todo[0]}" is left in the text; finish or remove it before publishing.`,
        ),
        bodyLine: index,
        column: todo.index + 1,
      });
    }
    // Residue is a sentence or two; skipping longer lines keeps hostile input linear.
    if (use !== 'prose' || line.length > residueLineLimit) return;
    const plain = plainLine(visible);
    if (
      plain !== '' &&
      mayBeResidue.test(plain) &&
      residuePatterns.some((pattern) => pattern.test(plain))
    ) {
      findings.push({
        ...warning(
          'assistant-residue',
          `This line reads like a chat assistant talking to you, not to your readers: ${quoted(plain)}. Remove it.`,
        ),
        bodyLine: index,
        column: line.search(/\S/) + 1,
      });
    }
  });
  return findings;
}

/** Local images the body shows, with the 0-based body line of each. */
function bodyImages(
  tokens: readonly Token[],
  lines: readonly string[],
): { src: string; line: number }[] {
  const images: { src: string; line: number }[] = [];
  for (const token of tokens) {
    if (token.type !== 'inline' || token.map === null) continue;
    for (const child of token.children ?? []) {
      if (child.type !== 'image') continue;
      const src = String(child.attrGet('src') ?? '');
      if (src === '' || isRemote(src)) continue;
      const [first, last] = token.map;
      let line = first;
      for (let i = first; i < last; i++) {
        if (lines[i]?.includes(src) === true) {
          line = i;
          break;
        }
      }
      images.push({ src, line });
    }
  }
  return images;
}

/** Image references the checks will ask `imageExists` about: image fields and the body's images. */
export function imageRefs(doc: PostDocument, schema: Schema): string[] {
  const refs = new Set<string>();
  if (doc.problem === null) {
    for (const spec of schema.fields) {
      const value = doc.values[spec.key];
      if (spec.kind === 'image' && typeof value === 'string' && value !== '' && !isRemote(value)) {
        refs.add(value);
      }
    }
  }
  if (doc.body.length > bodyCheckLimit) return [...refs];
  const lines = doc.body.split('\n');
  for (const image of bodyImages(markdownTokens(doc.body), lines)) refs.add(image.src);
  return [...refs];
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  return [];
}

/** What the field checks read of a post: its front matter values, key positions, parse problem. */
export interface FrontMatterFacts {
  readonly values: Readonly<Record<string, unknown>>;
  readonly keys: readonly {
    readonly key: string;
    readonly line: number;
    readonly column: number;
  }[];
  readonly problem: DocumentProblem | null;
}

/** What the field checks may know beyond the front matter. */
export interface FieldContext extends ValidationContext {
  /**
   * The body's reading time, for computed fields (null when the body is too large to count).
   * Without it, computed fields are checked for their kind only.
   */
  readonly readingTimeOf?: () => ReadingTime | null;
}

/**
 * The front matter checks of `validatePost`: the front matter problem, or required, kind, date,
 * URL, pattern and length checks per field, missing images, TODOs in values, and (given the body's
 * reading time) a stale computed reading time. They depend on the schema but not on the body
 * text, so an index can run them again for a new schema from what it keeps of each post.
 * Problems come in schema order; `validatePost` sorts them with the body's.
 */
export function validateFields(
  facts: FrontMatterFacts,
  schema: Schema,
  context: FieldContext = {},
): Problem[] {
  const path = context.path ?? '';
  const problems: Problem[] = [];
  const at = (finding: Finding, field: string | null, line: number, column: number): void => {
    problems.push({ path, line, column, field, ...finding });
  };
  if (facts.problem !== null) {
    at(
      error(
        'front-matter',
        `The front matter cannot be read: ${facts.problem.message.replace(/\.$/, '')}. Fix it there; until then its fields are not checked.`,
      ),
      null,
      facts.problem.line,
      facts.problem.column,
    );
    return problems;
  }
  const positions = new Map(facts.keys.map((info) => [info.key, info]));
  const place = (key: string): { line: number; column: number } =>
    positions.get(key) ?? { line: 1, column: 1 };
  for (const spec of schema.fields) {
    const { line, column } = place(spec.key);
    for (const finding of checkField(spec, facts.values[spec.key], context.readingTimeOf)) {
      at(finding, spec.key, line, column);
    }
    const value = facts.values[spec.key];
    if (
      spec.kind === 'image' &&
      context.imageExists !== undefined &&
      typeof value === 'string' &&
      value !== '' &&
      !isRemote(value) &&
      context.imageExists(value) === false
    ) {
      at(
        warning(
          'image-missing',
          `The image ${quoted(value)} was not found; check its path and file name.`,
        ),
        spec.key,
        line,
        column,
      );
    }
  }
  for (const [key, value] of Object.entries(facts.values)) {
    const todo = stringsIn(value)
      .map((text) => todoPattern.exec(text)?.[0])
      .find(Boolean);
    if (todo === undefined) continue;
    const { line, column } = place(key);
    at(
      warning('todo', `"${key}" still says "${todo}"; finish it before publishing.`),
      key,
      line,
      column,
    );
  }
  return problems;
}

/**
 * The body checks of `validatePost`: empty sections, TODO/FIXME/TK, chat-assistant residue,
 * missing images (when `imageExists` is given), or one warning that the body is too large to
 * check. They do not depend on the schema, so an index can keep them per file until it changes.
 * Problems come in file order.
 */
export function validateBody(
  doc: Pick<PostDocument, 'body' | 'bodyLine'>,
  context: ValidationContext = {},
): Problem[] {
  const path = context.path ?? '';
  const problems: Problem[] = [];
  const at = (finding: Finding, line: number, column: number): void => {
    problems.push({ path, line, column, field: null, ...finding });
  };
  if (doc.body.length > bodyCheckLimit) {
    at(
      warning(
        'too-large',
        `The body is ${Math.round(doc.body.length / 1000)} thousand characters long; body checks (sections, TODOs, images, reading time) are skipped above ${bodyCheckLimit / 1000} thousand.`,
      ),
      doc.bodyLine,
      1,
    );
    return problems;
  }
  const lines = doc.body.split('\n').map((line) => line.replace(/\r$/, ''));
  // Sections and line uses are block facts; only images need the inline parse.
  const tokens =
    context.imageExists === undefined ? blockTokens(doc.body) : markdownTokens(doc.body);
  const bodyFindings = [
    ...emptySections(tokens),
    ...lineScan(lines, lineUses(tokens, lines.length)),
  ];
  if (context.imageExists !== undefined) {
    for (const image of bodyImages(tokens, lines)) {
      if (context.imageExists(image.src) !== false) continue;
      bodyFindings.push({
        ...warning(
          'image-missing',
          `The image ${quoted(image.src)} was not found; check its path and file name.`,
        ),
        bodyLine: image.line,
        column: Math.max(1, (lines[image.line] ?? '').indexOf(image.src) + 1),
      });
    }
  }
  for (const finding of bodyFindings) {
    at(
      { severity: finding.severity, rule: finding.rule, message: finding.message },
      doc.bodyLine + finding.bodyLine,
      finding.column,
    );
  }
  return problems.sort(byPlace);
}

/** File order: by line, then column; stable, so equal places keep the order they were found in. */
function byPlace(a: Problem, b: Problem): number {
  return a.line - b.line || a.column - b.column;
}

/** Field and body problems of one post together, in file order, as `validatePost` gives them. */
export function mergeProblems(fields: readonly Problem[], body: readonly Problem[]): Problem[] {
  return [...fields, ...body].sort(byPlace);
}

/**
 * Checks a post against a schema. Errors: invalid front matter (then only that one, plus the body
 * checks), required fields missing, values of the wrong kind, invalid dates and URLs, patterns,
 * length limits. Warnings: recommended fields missing, fields over their advised length, missing
 * images (when `imageExists` is given), empty sections, TODO/FIXME/TK, a stale reading time,
 * chat-assistant residue. Problems come in file order.
 */
export function validatePost(
  doc: PostDocument,
  schema: Schema,
  context: ValidationContext = {},
): Problem[] {
  // The body first: with `imageExists` it parses the body fully, and the reading time of a
  // computed field then counts from that parse instead of parsing the blocks again.
  const body = validateBody(doc, context);
  const readingTimeOf = (): ReadingTime | null =>
    doc.body.length > bodyCheckLimit ? null : readingTime(doc.body);
  return mergeProblems(validateFields(doc, schema, { ...context, readingTimeOf }), body);
}

/** True when any problem is an error. */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

/** The problems that stop a post from being published or exported: the errors. */
export function publishBlockers(problems: readonly Problem[]): Problem[] {
  return problems.filter((problem) => problem.severity === 'error');
}
