import {
  fieldEdits,
  parsePost,
  readYamlFrontMatter,
  removeField,
  setField,
} from '../../shared/document';
import type { PostDocument, TextEdit } from '../../shared/document';
import { markdownTokens, slugify } from '../../shared/derive';
import type { ContentPlaceholder } from '../../shared/export-config';
import { placeholdersOf, repoPathProblem } from '../../shared/export-config';
import { isLocalImageRef } from '../../shared/image-url';
import { fail, ok } from '../../shared/result';
import type { Result } from '../../shared/result';
import type { Schema } from '../../shared/schema';
import { parseWrittenDate } from '../../shared/validate';

/** What a content path template's placeholders read from one post. */
export interface PostFacts {
  /** Front matter `slug`, else the file or bundle name. */
  readonly slug: string;
  /** The file name without its extension; for a bundle (`trip/index.md`) the folder's name. */
  readonly name: string;
  /** The front matter date as written (first 10 characters, `YYYY-MM-DD`), or null. */
  readonly date: string | null;
  /** The category, slugified, or null. */
  readonly category: string | null;
}

const bundleFiles = /^(?:_?index)\.(?:md|markdown)$/i;

/** The facts a post's content path is made from. */
export function postFacts(path: string, values: Readonly<Record<string, unknown>>): PostFacts {
  const segments = path.split('/');
  const file = segments[segments.length - 1] ?? path;
  const name =
    bundleFiles.test(file) && segments.length > 1
      ? (segments[segments.length - 2] ?? file)
      : file.replace(/\.(?:md|markdown)$/i, '');
  const slugValue = values.slug;
  const slug = typeof slugValue === 'string' && slugValue.trim() !== '' ? slugValue.trim() : name;
  const dateValue = values.date;
  const written = typeof dateValue === 'string' ? parseWrittenDate(dateValue.trim()) : null;
  // The date as written, never shifted by a time zone: 2024-02-28T23:30:00-05:00 stays the 28th.
  const date = written === null ? null : (dateValue as string).trim().slice(0, 10);
  const categoryValue = Array.isArray(values.category) ? values.category[0] : values.category;
  const category =
    typeof categoryValue === 'string' || typeof categoryValue === 'number'
      ? slugify(String(categoryValue)) || null
      : null;
  return { slug, name, date, category };
}

function placeholderValue(facts: PostFacts, name: ContentPlaceholder): Result<string> {
  const missing = (what: string): Result<string> =>
    fail('invalidArgument', `has no ${what}, which the target's content path uses ({${name}})`);
  switch (name) {
    case 'slug':
      return ok(facts.slug);
    case 'name':
      return ok(facts.name);
    case 'category':
      return facts.category === null ? missing('category') : ok(facts.category);
    case 'date':
      return facts.date === null ? missing('valid date') : ok(facts.date);
    case 'year':
      return facts.date === null ? missing('valid date') : ok(facts.date.slice(0, 4));
    case 'month':
      return facts.date === null ? missing('valid date') : ok(facts.date.slice(5, 7));
    case 'day':
      return facts.date === null ? missing('valid date') : ok(facts.date.slice(8, 10));
  }
}

/**
 * The repository path a post goes to under a content template. A placeholder's value must be one
 * safe path segment (a slug of `../x` or `a/b` is refused), and the result must stay inside the
 * repository and out of `.git`.
 */
export function contentPath(template: string, facts: PostFacts): Result<string> {
  const names = placeholdersOf(template);
  if (!names.ok) return fail('invalidArgument', `The content path ${names.error.message}`);
  let failure: Result<string> | null = null;
  const path = template.replace(/\{([^{}]*)\}/g, (_, name: string) => {
    const value = placeholderValue(facts, name as ContentPlaceholder);
    if (!value.ok) {
      failure ??= value;
      return '';
    }
    const text = value.value;
    if (text === '' || text === '.' || text === '..' || /[/\\\0\r\n]/.test(text)) {
      failure ??= fail(
        'invalidArgument',
        `has {${name}} "${text}", which cannot be part of a file name`,
      );
    }
    return text;
  });
  if (failure !== null) return failure;
  const problem = repoPathProblem(path);
  return problem === null
    ? ok(path)
    : fail('invalidArgument', `would go to "${path}", which ${problem}`);
}

/** A local image reference in the body, with where its text is (offsets into the body). */
export interface BodyImage {
  /** The reference as it reads (angle brackets and escapes removed). */
  readonly src: string;
  readonly start: number;
  readonly end: number;
  /** Written as `<...>` in Markdown: the replacement keeps the brackets. */
  readonly angle: boolean;
}

const inlineImage =
  /!\[((?:\\.|[^\\[\]]|\[(?:\\.|[^\\[\]])*\])*)\]\([ \t]*(?:\r?\n[ \t]*)?(<[^<>\n]*>|(?:\\.|[^\s()\\]|\((?:\\.|[^\s()\\])*\))+)/g;
const referenceImage = /!\[((?:\\.|[^\\[\]])*)\](?:\[((?:\\.|[^\\[\]])*)\])?(?![[(:])/g;
const definition = /^ {0,3}\[((?:\\.|[^\\[\]])+)\]:[ \t]*(?:\r?\n[ \t]*)?(<[^<>\n]*>|\S+)/gm;
const htmlImage = /<img\b[^>]*?\ssrc[ \t]*=[ \t]*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;
const codeSpan = /(`+)(?:[^`]|(?!\1)`+)*?\1(?!`)/g;

const normalizeLabel = (label: string): string => label.trim().replace(/\s+/g, ' ').toLowerCase();
const unescape = (text: string): string => text.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** The body with code blocks and code spans blanked (same length), so nothing in them is rewritten. */
function maskCode(body: string): string {
  // No backtick, tilde or indented line: no code to blank, and no Markdown parse needed.
  if (!/[`~]|^(?: {4}|\t)/m.test(body)) return body;
  const chars = body.split('');
  const lineStarts = [0];
  for (let i = body.indexOf('\n'); i >= 0; i = body.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const blank = (from: number, to: number): void => {
    for (let i = from; i < to; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  };
  for (const token of markdownTokens(body)) {
    if ((token.type === 'fence' || token.type === 'code_block') && token.map !== null) {
      const [first, last] = token.map;
      blank(lineStarts[first] ?? body.length, lineStarts[last] ?? body.length);
    }
  }
  const partly = chars.join('');
  for (const match of partly.matchAll(codeSpan)) blank(match.index, match.index + match[0].length);
  return chars.join('');
}

/** Every local image reference of a body: Markdown images (inline and by reference) and HTML `<img src>`. */
export function bodyImages(body: string): BodyImage[] {
  if (!body.includes('![') && !/<img\b/i.test(body)) return [];
  const masked = maskCode(body);
  const found: BodyImage[] = [];
  const add = (raw: string, start: number): void => {
    const angle = raw.startsWith('<') && raw.endsWith('>');
    const src = angle ? raw.slice(1, -1) : unescape(raw);
    if (isLocalImageRef(src)) found.push({ src, start, end: start + raw.length, angle });
  };
  for (const match of masked.matchAll(inlineImage)) {
    const raw = match[2] ?? '';
    add(raw, match.index + match[0].length - raw.length);
  }
  const labels = new Set<string>();
  for (const match of masked.matchAll(referenceImage)) {
    const label = match[2] === undefined || match[2] === '' ? match[1] : match[2];
    if (label !== undefined && label.trim() !== '') labels.add(normalizeLabel(label));
  }
  if (labels.size > 0) {
    for (const match of masked.matchAll(definition)) {
      if (!labels.has(normalizeLabel(match[1] ?? ''))) continue;
      const raw = match[2] ?? '';
      add(raw, match.index + match[0].length - raw.length);
    }
  }
  for (const match of masked.matchAll(htmlImage)) {
    const raw = match[1] ?? match[2] ?? match[3] ?? '';
    const src = raw.replace(/&amp;/g, '&');
    const start = match.index + match[0].length - raw.length - (match[3] === undefined ? 1 : 0);
    if (isLocalImageRef(src)) found.push({ src, start, end: start + raw.length, angle: false });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Local images in the post's image-kind front matter fields (`image`, a cover ...): key and value. */
export function fieldImages(doc: PostDocument, schema: Schema): { key: string; src: string }[] {
  if (doc.problem !== null) return [];
  const images: { key: string; src: string }[] = [];
  for (const spec of schema.fields) {
    const value = doc.values[spec.key];
    if (spec.kind === 'image' && typeof value === 'string' && isLocalImageRef(value)) {
      images.push({ key: spec.key, src: value });
    }
  }
  return images;
}

/** How a target changes a post on the way out. */
export interface PostChanges {
  readonly drop: readonly string[];
  readonly rename: Readonly<Record<string, string>>;
  /** The public URL for each local image reference, as written in the post. */
  readonly images: ReadonlyMap<string, string>;
}

const plainKey = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** The edit that renames the key `from` (its text only) to `to`; null when the post has no such key. */
function renameEdit(doc: PostDocument, from: string, to: string): Result<TextEdit | null> {
  const info = doc.keys.find((each) => each.key === from);
  if (info === undefined) return ok(null);
  const text = doc.frontMatter;
  const quote = text[info.start];
  let end: number;
  if (quote === '"' || quote === "'") {
    end = info.start + 1;
    while (end < text.length && text[end] !== quote)
      end += text[end] === '\\' && quote === '"' ? 2 : 1;
    end += 1;
  } else {
    const colon = /[ \t]*:(?=[ \t]|\r?\n|$)/.exec(text.slice(info.start));
    if (colon === null) return fail('unsupported', `the key "${from}" cannot be renamed`);
    end = info.start + colon.index;
  }
  return ok({ from: info.start, to: end, text: plainKey.test(to) ? to : JSON.stringify(to) });
}

function renameKey(doc: PostDocument, from: string, to: string): Result<PostDocument> {
  const edit = renameEdit(doc, from, to);
  if (!edit.ok) return edit;
  if (edit.value === null) return ok(doc);
  const text = doc.frontMatter;
  const frontMatter = text.slice(0, edit.value.from) + edit.value.text + text.slice(edit.value.to);
  const { split } = doc;
  const renamed = parsePost(
    doc.text.slice(0, split.frontMatterStart) + frontMatter + doc.text.slice(split.frontMatterEnd),
  );
  return renamed.problem === null && Object.hasOwn(renamed.values, to)
    ? ok(renamed)
    : fail('unsupported', `renaming "${from}" to "${to}" does not give valid front matter`);
}

/** What `exportedText` does to the front matter: image fields to set, keys to drop and rename. */
interface FrontMatterChanges {
  readonly set: readonly (readonly [string, string])[];
  readonly drop: readonly string[];
  readonly rename: readonly (readonly [string, string])[];
}

/**
 * The file up to the body with the changes made one after another, each on the post parsed again:
 * the way for anything the one-parse way does not take. Exported for the test that compares them.
 */
export function stepwiseHead(doc: PostDocument, changes: FrontMatterChanges): Result<string> {
  let current = doc;
  for (const [key, value] of changes.set) {
    const next = setField(current, key, value);
    if (!next.ok) return fail(next.error.kind, `cannot rewrite "${key}": ${next.error.message}`);
    current = next.value;
  }
  for (const key of changes.drop) {
    const next = removeField(current, key);
    if (!next.ok) return fail(next.error.kind, `cannot drop "${key}": ${next.error.message}`);
    current = next.value;
  }
  // Through temporary names, so swaps (a -> b, b -> a) work.
  for (const [index, [from]] of changes.rename.entries()) {
    const next = renameKey(current, from, `__postwright_rename_${index}__`);
    if (!next.ok) return next;
    current = next.value;
  }
  for (const [index, [, to]] of changes.rename.entries()) {
    const next = renameKey(current, `__postwright_rename_${index}__`, to);
    if (!next.ok) return next;
    current = next.value;
  }
  return ok(current.text.slice(0, current.split.bodyStart));
}

/**
 * The same from one parse of the front matter: every change as an edit of the original text,
 * applied from the end, then one read of the result to check it. Null when a change is beyond it
 * (a key to set that is not a top-level entry) or the result does not read back: the stepwise way
 * then gives its answer or its message.
 */
function headAtOnce(doc: PostDocument, changes: FrontMatterChanges): Result<string> | null {
  const edits: TextEdit[] = [];
  if (changes.set.length + changes.drop.length > 0) {
    const fields = fieldEdits(doc, { set: changes.set, remove: changes.drop });
    if (!fields.ok || fields.value === null) return null;
    edits.push(...fields.value);
  }
  for (const [from, to] of changes.rename) {
    if (changes.drop.includes(from)) continue;
    const edit = renameEdit(doc, from, to);
    if (!edit.ok) return edit;
    if (edit.value !== null) edits.push(edit.value);
  }
  edits.sort((a, b) => b.from - a.from);
  let frontMatter = doc.frontMatter;
  let limit = frontMatter.length;
  for (const edit of edits) {
    if (edit.to > limit) return null;
    frontMatter = frontMatter.slice(0, edit.from) + edit.text + frontMatter.slice(edit.to);
    limit = edit.from;
  }
  const read = readYamlFrontMatter(frontMatter);
  if (read.problem !== null) return null;
  for (const [from, to] of changes.rename) {
    if (!changes.drop.includes(from) && !Object.hasOwn(read.values, to)) return null;
  }
  const { text, split } = doc;
  return ok(
    text.slice(0, split.frontMatterStart) +
      frontMatter +
      text.slice(split.frontMatterEnd, split.bodyStart),
  );
}

/**
 * The text a post is exported as: the post byte for byte, except that the target's `drop` keys'
 * entries go (comments inside them too), `rename` keys get their new name (the key text only), and
 * local image references (front matter image fields, body images) read as their public URLs.
 * `found` is the body's images when the caller has looked for them already.
 */
export function exportedText(
  doc: PostDocument,
  schema: Schema,
  changes: PostChanges,
  found?: readonly BodyImage[],
): Result<string> {
  const dropping = changes.drop.filter((key) => Object.hasOwn(doc.values, key));
  const renaming = Object.entries(changes.rename).filter(([from]) =>
    Object.hasOwn(doc.values, from),
  );
  const fields = fieldImages(doc, schema).filter((each) => changes.images.has(each.src));
  if (doc.format === 'toml' && dropping.length + renaming.length + fields.length > 0) {
    return fail(
      'unsupported',
      'has TOML front matter, which export cannot change (drop, rename or image fields)',
    );
  }
  if (doc.problem !== null && dropping.length + renaming.length > 0) {
    return fail('invalidArgument', `has front matter that does not parse: ${doc.problem.message}`);
  }
  for (const [from, to] of renaming) {
    if (
      from !== to &&
      Object.hasOwn(doc.values, to) &&
      !dropping.includes(to) &&
      !renaming.some(([other]) => other === to)
    ) {
      return fail(
        'invalidArgument',
        `has both "${from}" and "${to}"; renaming "${from}" would give two "${to}" keys`,
      );
    }
  }
  const frontMatterChanges: FrontMatterChanges = {
    set: fields
      .filter(({ key }) => !dropping.includes(key))
      .map(({ key, src }) => [key, changes.images.get(src) ?? src] as const),
    drop: dropping,
    rename: renaming,
  };
  const unchanged =
    frontMatterChanges.set.length + dropping.length + renaming.length === 0
      ? ok(doc.text.slice(0, doc.split.bodyStart))
      : null;
  const head =
    unchanged ?? headAtOnce(doc, frontMatterChanges) ?? stepwiseHead(doc, frontMatterChanges);
  if (!head.ok) return head;
  const body = doc.body;
  let out = '';
  let at = 0;
  for (const image of found ?? bodyImages(body)) {
    const url = changes.images.get(image.src);
    if (url === undefined) continue;
    out += body.slice(at, image.start) + (image.angle ? `<${url}>` : url);
    at = image.end;
  }
  return ok(head.value + out + body.slice(at));
}
