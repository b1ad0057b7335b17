import markdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { withFastTokens } from './fast-tokens';

/** Words a minute used for reading time: the usual figure for adult silent reading of prose. */
export const wordsPerMinute = 200;

/**
 * Characters a minute for scripts written without spaces (Chinese, Japanese): one character is
 * not one word, so they are counted and timed on their own.
 */
export const cjkCharactersPerMinute = 500;

// Letters people expect folded to plain Latin that NFKD leaves alone (they are not accented forms).
const latinFolds: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ħ: 'h',
  ŀ: 'l',
};

const latin = /\p{Script=Latin}/u;
const mark = /\p{M}/u;
const wordChar = /[\p{L}\p{N}]/u;
// Inside a word these join rather than separate: `Node.js` -> `nodejs`, `don't` -> `dont`.
const joiners = new Set(["'", '’', 'ʼ', '.']);

/** Folds a Latin letter and its marks to plain letters (`é` -> `e`); other scripts stay as they are. */
function foldCluster(cluster: string): string {
  const decomposed = cluster.normalize('NFKD');
  // Compatibility forms (`ﬁ`, fullwidth `Ａ`, `ℌ`) decompose to Latin letters, so they fold too;
  // kana and Hangul decompose into parts of their own script and must stay whole.
  if (!latin.test(cluster.charAt(0)) && !latin.test(decomposed.charAt(0))) return cluster;
  // `ǽ` decomposes to `æ` plus a mark, so the letter table applies after the marks are gone.
  const plain = decomposed.replace(/\p{M}/gu, '').toLowerCase();
  return [...plain].map((char) => latinFolds[char] ?? char).join('');
}

/** Splits text into a base character and the combining marks after it. */
function clusters(text: string): string[] {
  const out: string[] = [];
  for (const char of text) {
    const last = out.length - 1;
    if (mark.test(char) && last >= 0) out[last] += char;
    else out.push(char);
  }
  return out;
}

/**
 * A URL slug from a title: lowercase letters and digits joined by single hyphens. Latin letters
 * lose their accents (`Café` -> `cafe`); other scripts are kept as written (`Привет мир` ->
 * `привет-мир`, CJK as is), with their combining marks, which those scripts need (Devanagari vowel
 * signs, Thai tones). Apostrophes and dots inside a word are dropped (`Node.js` -> `nodejs`).
 */
export function slugify(title: string): string {
  const folded = clusters(title.normalize('NFC').toLowerCase())
    .map(foldCluster)
    .join('')
    .toLowerCase()
    .normalize('NFC');
  const chars = [...folded];
  let slug = '';
  let pendingHyphen = false;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] ?? '';
    const inWord = slug !== '' && !pendingHyphen;
    if (wordChar.test(char)) {
      if (pendingHyphen && slug !== '') slug += '-';
      pendingHyphen = false;
      slug += char;
    } else if (mark.test(char) && inWord) {
      slug += char;
    } else if (joiners.has(char) && inWord && wordChar.test(chars[i + 1] ?? '')) {
      // Dropped: the word goes on.
    } else if (!mark.test(char)) {
      pendingHyphen = true;
    }
  }
  return slug;
}

const md = withFastTokens(markdownIt({ html: true }));
let lastParse: { readonly text: string; readonly tokens: readonly Token[] } | null = null;

/**
 * The markdown-it block tokens of a Markdown text. The last result is kept, so
 * validation, reading time and the excerpt of one body share a single parse.
 */
export function markdownTokens(text: string): readonly Token[] {
  if (lastParse?.text !== text) lastParse = { text, tokens: md.parse(text, {}) };
  return lastParse.tokens;
}

// Han, kana: written without spaces between words.
const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
// The same class without `g` (no lastIndex state), to skip both passes over text that has none.
const anyCjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** The readable text of an inline token: text, inline code and link text; not images or HTML. */
function inlineText(token: Token): string {
  const parts: string[] = [];
  for (const child of token.children ?? []) {
    switch (child.type) {
      case 'text':
      case 'code_inline':
        parts.push(child.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        parts.push(' ');
        break;
      default:
        // Images, raw HTML and link markers carry no words a reader reads as prose.
        break;
    }
  }
  return parts.join('');
}

interface Counts {
  readonly words: number;
  readonly cjkCharacters: number;
}

function count(body: string): Counts {
  let words = 0;
  let cjkCharacters = 0;
  // Code blocks (fenced and indented) and HTML blocks (comments included) are block tokens of
  // their own, never `inline`, so counting inline tokens leaves them out.
  for (const token of markdownTokens(body)) {
    if (token.type !== 'inline') continue;
    const text = inlineText(token);
    const hasCjk = anyCjk.test(text);
    if (hasCjk) cjkCharacters += text.match(cjk)?.length ?? 0;
    for (const word of (hasCjk ? text.replace(cjk, ' ') : text).split(/\s+/)) {
      if (wordChar.test(word)) words++;
    }
  }
  return { words, cjkCharacters };
}

/**
 * The words of a post body a reader reads. Pass the body (`PostDocument.body`), not the whole
 * file: front matter is not prose, and a body may itself open with a `---` rule, so it is not
 * guessed at here. Fenced and indented code blocks, HTML blocks and comments, and image text are
 * left out. A word is a run of non-space characters with a letter or digit in it; a Chinese or
 * Japanese character counts as one word.
 */
export function wordCount(body: string): number {
  const counts = count(body);
  return counts.words + counts.cjkCharacters;
}

/** How long a body takes to read. */
export interface ReadingTime {
  readonly minutes: number;
  /** As our users write it: `10 min read`. */
  readonly text: string;
}

/**
 * Reading time at 200 words a minute (500 characters a minute for Chinese and Japanese), rounded
 * up to whole minutes, at least 1: the rate and rounding of the `reading-time` npm package, which
 * wrote the `10 min read` values many of our users' posts already have.
 */
export function readingTime(body: string): ReadingTime {
  return timeToRead(count(body));
}

/** Word count and reading time of one body from a single count: what an index keeps per post. */
export interface BodyStats {
  readonly words: number;
  readonly readingTime: ReadingTime;
}

/** `wordCount` and `readingTime` of a body together, counting it once. */
export function bodyStats(body: string): BodyStats {
  const counts = count(body);
  return { words: counts.words + counts.cjkCharacters, readingTime: timeToRead(counts) };
}

function timeToRead(counts: Counts): ReadingTime {
  const exact = counts.words / wordsPerMinute + counts.cjkCharacters / cjkCharactersPerMinute;
  // Rounded to 1/100 first so 400 words are 2 minutes, not 3 from floating-point noise.
  const minutes = Math.max(1, Math.ceil(Math.round(exact * 100) / 100));
  return { minutes, text: `${minutes} min read` };
}

/** The minutes a written reading time says (`10 min read`, `10 minutes`, `10`), or null. */
export function minutesOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:m|min|mins|minutes?)?\b/i.exec(value);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** Length of an excerpt, in characters, ellipsis included: what search results show. */
export const excerptLength = 160;

function isImageOnly(token: Token): boolean {
  const children = (token.children ?? []).filter(
    (child) =>
      !(child.type === 'text' && child.content.trim() === '') && child.type !== 'softbreak',
  );
  return (
    children.length > 0 &&
    children.every((child) =>
      ['image', 'link_open', 'link_close', 'html_inline'].includes(child.type),
    )
  );
}

/** Cuts text at a word boundary so that it plus an ellipsis fits in `limit` characters. */
export function truncateAtWord(text: string, limit: number): string {
  const chars = [...text];
  if (chars.length <= limit) return text;
  const head = chars.slice(0, limit - 1).join('');
  const boundary = head.search(/\s\S*$/);
  const cut = boundary > 0 ? head.slice(0, boundary) : head;
  return `${cut.replace(/[\s,;:.!?—–-]+$/u, '')}…`;
}

/**
 * A plain-text excerpt from a body: its first real paragraph (headings, images, code and HTML are
 * skipped; emphasis and link syntax removed), cut at a word boundary to about 160 characters with
 * an ellipsis. Empty when the body has no paragraph.
 */
export function excerptFrom(body: string, limit: number = excerptLength): string {
  const tokens = markdownTokens(body);
  let fallback = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const inline = tokens[i + 1];
    if (token?.type !== 'paragraph_open' || inline?.type !== 'inline') continue;
    if (isImageOnly(inline)) continue;
    const text = inlineText(inline).replace(/\s+/g, ' ').trim();
    if (!wordChar.test(text)) continue;
    // A paragraph at the top level is the post's own voice; one inside a list or quote only if
    // there is nothing better.
    if (token.level === 0) return truncateAtWord(text, limit);
    if (fallback === '') fallback = text;
  }
  return truncateAtWord(fallback, limit);
}
