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
// The same parser without the inline pass: block tokens, each `inline` token with its `content`
// and no children. The checks of a body need only these; word counts parse inline text only where
// it can differ from the text as written (see `countInline`). Linkify, replacements and smart
// quotes do nothing with the options off.
const blockMd = withFastTokens(markdownIt({ html: true }));
blockMd.core.ruler.disable(['inline', 'text_join']);

/** One parse of one text: its tokens, with inline children (`inline`) or block tokens only. */
interface Parse {
  readonly text: string;
  readonly tokens: readonly Token[];
  /** What the block parse collected (link references), which an inline parse reads. */
  readonly env: Record<string, unknown>;
  readonly inline: boolean;
}

let lastParse: Parse | null = null;

/**
 * The markdown-it tokens of a Markdown text, inline children included. The last result is kept,
 * so validation, reading time and the excerpt of one body share a single parse.
 */
export function markdownTokens(text: string): readonly Token[] {
  if (lastParse?.text !== text || !lastParse.inline) {
    const env: Record<string, unknown> = {};
    lastParse = { text, tokens: md.parse(text, env), env, inline: true };
  }
  return lastParse.tokens;
}

/**
 * Drops the kept last parse. For a loop over many texts (the index): a parse kept while the next
 * file is awaited lives through young-generation collections and is moved to the old one, where
 * only a full collection frees it; over ten thousand posts V8 let that garbage reach 170 MB.
 */
export function forgetLastParse(): void {
  lastParse = null;
}

/** The last parse of `text`, block tokens at least (see `blockTokens`). */
function blockParse(text: string): Parse {
  if (lastParse?.text !== text) {
    const env: Record<string, unknown> = {};
    lastParse = { text, tokens: blockMd.parse(text, env), env, inline: false };
  }
  return lastParse;
}

/**
 * The block tokens of a Markdown text: what `markdownTokens` gives, except that `inline` tokens
 * may have no children (their `content` is there). For checks that look at blocks only; about
 * twice as fast. Shares the kept last parse with `markdownTokens`.
 */
export function blockTokens(text: string): readonly Token[] {
  return blockParse(text).tokens;
}

// Han, kana: written without spaces between words.
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

/**
 * A running count over the text of inline tokens. A word is a run of characters between
 * whitespace (JavaScript's `\s`) with a letter or digit in it; Han and kana characters count on
 * their own and separate words. A run never goes on from one inline token into the next.
 */
interface Tally {
  words: number;
  cjkCharacters: number;
  /** The run under way has a letter or digit. */
  wordInRun: boolean;
}

const spaceKind = 0;
const cjkKind = 1;
const wordKind = 2;
const otherKind = 3;

// ASCII by table; other characters by the regular expressions the count was defined with, once
// per character seen.
const asciiKinds = Uint8Array.from({ length: 128 }, (_, code) =>
  /\s/.test(String.fromCharCode(code))
    ? spaceKind
    : wordChar.test(String.fromCharCode(code))
      ? wordKind
      : otherKind,
);
const otherKinds = new Map<number, number>();
const anySpace = /\s/;

function kindOf(codePoint: number): number {
  let kind = otherKinds.get(codePoint);
  if (kind === undefined) {
    const char = String.fromCodePoint(codePoint);
    kind = anySpace.test(char)
      ? spaceKind
      : anyCjk.test(char)
        ? cjkKind
        : wordChar.test(char)
          ? wordKind
          : otherKind;
    otherKinds.set(codePoint, kind);
  }
  return kind;
}

function endRun(tally: Tally): void {
  if (tally.wordInRun) tally.words++;
  tally.wordInRun = false;
}

function tallyText(tally: Tally, text: string): void {
  // Locals in the loop, the tally written back once: this runs over every character of a folder.
  let words = tally.words;
  let cjkCharacters = tally.cjkCharacters;
  let wordInRun = tally.wordInRun;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let kind: number;
    if (code < 128) {
      kind = asciiKinds[code] as number;
    } else {
      let codePoint = code;
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          codePoint = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
          i++;
        }
      }
      kind = kindOf(codePoint);
    }
    if (kind === wordKind) wordInRun = true;
    else if (kind !== otherKind) {
      // A space, or a Han or kana character: counted on its own, and a space between the words
      // around it.
      if (wordInRun) words++;
      wordInRun = false;
      if (kind === cjkKind) cjkCharacters++;
    }
  }
  tally.words = words;
  tally.cjkCharacters = cjkCharacters;
  tally.wordInRun = wordInRun;
}

/** Tallies the children of an inline token as `inlineText` reads them. */
function tallyChildren(tally: Tally, children: readonly Token[]): void {
  for (const child of children) {
    switch (child.type) {
      // An escape or entity is `text_special` until the full parse's text_join rule makes it `text`.
      case 'text':
      case 'text_special':
      case 'code_inline':
        tallyText(tally, child.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        endRun(tally);
        break;
      default:
        // Images, raw HTML and link markers carry no words a reader reads as prose.
        break;
    }
  }
}

/**
 * Characters that make the inline parse read text other than as written: link and image text
 * (`[`), raw HTML and autolinks (`<`), entities (`&`) and escapes (`\\`). Without them, and
 * without backticks, the parse only takes out emphasis and strikethrough markers (never a letter,
 * digit or space) and turns line breaks into spaces, so counting the text as written gives the
 * same words; with backticks, code spans are read as `tallyCodeSpans` does
 * (tests/unit/body-checks-fast.test.ts checks both against the full parse).
 */
const inlineMarkup = /[[<&\\]/;

/**
 * Tallies inline text whose only markup beyond emphasis is code spans, as markdown-it's backticks
 * rule reads them: a run of backticks opens a span closed by the next run of the same length (else
 * it is text); the span's line breaks become spaces, and one space is taken off each end when both
 * ends have one and it is not all spaces.
 */
function tallyCodeSpans(tally: Tally, src: string): void {
  let pos = 0;
  for (let start = src.indexOf('`'); start >= 0; start = src.indexOf('`', pos)) {
    let end = start + 1;
    while (src.charCodeAt(end) === 0x60) end++;
    let close = -1;
    for (let at = src.indexOf('`', end); at >= 0;) {
      let after = at + 1;
      while (src.charCodeAt(after) === 0x60) after++;
      if (after - at === end - start) {
        close = at;
        break;
      }
      at = src.indexOf('`', after);
    }
    // Text before, and a run without its closing run: as written (backticks are not words).
    tallyText(tally, src.slice(pos, close < 0 ? end : start));
    if (close < 0) {
      pos = end;
      continue;
    }
    let code = src.slice(end, close).replace(/\n/g, ' ');
    if (code.startsWith(' ') && code.endsWith(' ') && /[^ ]/.test(code)) code = code.slice(1, -1);
    tallyText(tally, code);
    pos = close + (end - start);
  }
  tallyText(tally, src.slice(pos));
}

function countInline(tally: Tally, token: Token, parse: Parse): void {
  if (parse.inline) tallyChildren(tally, token.children ?? []);
  else if (!inlineMarkup.test(token.content)) tallyCodeSpans(tally, token.content);
  else {
    // As the full parse's inline rule does, into a list of this token's own.
    const children: Token[] = [];
    md.inline.parse(token.content, md, parse.env, children);
    tallyChildren(tally, children);
  }
  endRun(tally);
}

function count(body: string): Counts {
  const tally: Tally = { words: 0, cjkCharacters: 0, wordInRun: false };
  // Code blocks (fenced and indented) and HTML blocks (comments included) are block tokens of
  // their own, never `inline`, so counting inline tokens leaves them out.
  const parse = blockParse(body);
  for (const token of parse.tokens) {
    if (token.type === 'inline') countInline(tally, token, parse);
  }
  return { words: tally.words, cjkCharacters: tally.cjkCharacters };
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
