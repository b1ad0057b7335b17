import type { MarkdownIt, Token } from 'markdown-it';

// markdown-it 15's published build compiles its class fields to a helper (`_defineProperty`, with
// `toPropertyKey` and a self-replacing `_typeof`) that V8 cannot inline: building a Token costs
// thirteen calls through it, and a parse builds a token per block and per inline piece. Profiled
// over 10,000 posts, the helper alone was 22 % of the index's CPU. The constructors below set the
// same own properties, in the same order, as plain assignments, on the same prototypes, so every
// token and state is the object the library's own constructor makes (fast-tokens.test.ts compares
// own keys, values and prototypes, and whole token streams, with the library's; see
// tests/unit/body-checks-fast.test.ts). Should a later markdown-it build its objects otherwise,
// `withFastTokens` sees it on a sample and leaves the library's constructors in place.

/** The fields markdown-it's Token sets, in its order. */
interface TokenFields {
  map: [number, number] | null;
  level: number;
  children: Token[] | null;
  content: string;
  markup: string;
  info: string;
  block: boolean;
  hidden: boolean;
  type: string;
  tag: string;
  attrs: [string, string][] | null;
  nesting: number;
  meta: unknown;
}

type TokenClass = new (type: string, tag: string, nesting: number) => Token;

/** What the block state's constructor sets, and its `push` reads (markdown-it's StateBlock). */
interface BlockFields {
  bMarks: number[];
  eMarks: number[];
  tShift: number[];
  sCount: number[];
  bsCount: number[];
  blkIndent: number;
  line: number;
  lineMax: number;
  tight: boolean;
  listIndent: number;
  parentType: string;
  level: number;
  Token: TokenClass;
  src: string;
  md: MarkdownIt;
  env: unknown;
  tokens: Token[];
}

/** What the inline state's constructor sets, and its `push` reads (markdown-it's StateInline). */
interface InlineFields {
  pos: number;
  level: number;
  pending: string;
  pendingLevel: number;
  cache: Record<number, number>;
  backticks: Record<number, number>;
  backticksScanned: boolean;
  skipHtmlSpecial: boolean;
  linkLevel: number;
  delimiters: unknown[];
  _prev_delimiters: unknown[][];
  Token: TokenClass;
  src: string;
  env: unknown;
  md: MarkdownIt;
  tokens: Token[];
  tokens_meta: unknown[];
  posMax: number;
  pushPending(): Token;
}

/**
 * Makes `md` build its tokens and parser states with plain constructors (see above): the same
 * tokens, about twice as fast. Only this instance changes. Call it before `md.use` of plugins
 * that replace the states themselves. Returns `md`.
 */
export function withFastTokens(md: MarkdownIt): MarkdownIt {
  const library = { core: md.core.State, block: md.block.State, inline: md.inline.State };
  const expected = tokenShapes(md.parse(sample, {}));
  installFastTokens(md);
  if (tokenShapes(md.parse(sample, {})) !== expected) {
    md.core.State = library.core;
    md.block.State = library.block;
    md.inline.State = library.inline;
  }
  return md;
}

/** Markdown with a piece of what every block and inline rule builds: tabs, lists, code, links. */
const sample = [
  '# Title *with* `code`',
  '',
  '\tindented\tcode',
  '',
  '- item [link](https://example.com "t") and ![alt](a.png)',
  '  1. nested **strong** ~~gone~~ <span>html</span> &amp; \\*',
  '',
  '> quote  ',
  '> line',
  '',
  '| a | b |',
  '|---|:-:|',
  '| 1 | 2 |',
  '',
  '```js',
  'x = 1',
  '```',
  '   ',
].join('\n');

/** Every token's own keys in order, values and prototype, children included, as one string. */
function tokenShapes(tokens: readonly Token[]): string {
  const shape = (token: Token): unknown => ({
    proto: Object.getPrototypeOf(token) as unknown,
    keys: Object.keys(token),
    token: { ...token, children: token.children?.map(shape) ?? null },
  });
  const protos: unknown[] = [];
  return JSON.stringify(tokens.map(shape), (_key, value: unknown) => {
    if (_key !== 'proto') return value;
    if (!protos.includes(value)) protos.push(value);
    return protos.indexOf(value);
  });
}

function installFastTokens(md: MarkdownIt): void {
  const probe = new md.core.State('', md, {}) as unknown as { Token: TokenClass };
  const LibraryToken = probe.Token;

  const FastToken = function (this: TokenFields, type: string, tag: string, nesting: number) {
    this.map = null;
    this.level = 0;
    this.children = null;
    this.content = '';
    this.markup = '';
    this.info = '';
    this.block = false;
    this.hidden = false;
    this.type = type;
    this.tag = tag;
    this.attrs = null;
    this.nesting = nesting;
    this.meta = null;
  } as unknown as TokenClass;
  FastToken.prototype = LibraryToken.prototype;

  const coreState = md.core.State;
  const FastCore = function (
    this: {
      tokens: Token[];
      inlineMode: boolean;
      Token: TokenClass;
      src: string;
      env: unknown;
      md: MarkdownIt;
    },
    src: string,
    parser: MarkdownIt,
    env: unknown,
  ) {
    this.tokens = [];
    this.inlineMode = false;
    this.Token = FastToken;
    this.src = src;
    this.env = env;
    this.md = parser;
  } as unknown as typeof coreState;
  FastCore.prototype = coreState.prototype;
  md.core.State = FastCore;

  const blockState = md.block.State;
  const FastBlock = function (
    this: BlockFields,
    src: string,
    parser: MarkdownIt,
    env: unknown,
    tokens: Token[],
  ) {
    this.bMarks = [];
    this.eMarks = [];
    this.tShift = [];
    this.sCount = [];
    this.bsCount = [];
    this.blkIndent = 0;
    this.line = 0;
    this.lineMax = 0;
    this.tight = false;
    this.listIndent = -1;
    this.parentType = 'root';
    this.level = 0;
    this.Token = FastToken;
    this.src = src;
    this.md = parser;
    this.env = env;
    this.tokens = tokens;
    // markdown-it's line table: where each line starts and ends, and its indent in characters
    // (`tShift`) and in columns (`sCount`, tabs to multiples of 4). The library looks at every
    // character; this looks at each line's indent and finds its end with `indexOf`. Like the
    // library's, it leaves out a last line of only spaces and tabs with no line break after it.
    const s = src;
    const len = s.length;
    let start = 0;
    while (start < len) {
      let pos = start;
      let indent = 0;
      let offset = 0;
      for (; pos < len; pos++) {
        const ch = s.charCodeAt(pos);
        if (ch === 0x20) offset++;
        else if (ch === 0x09) offset += 4 - (offset % 4);
        else break;
        indent++;
      }
      if (pos >= len) break;
      const newline = s.indexOf('\n', pos);
      const end = newline < 0 ? len : newline;
      this.bMarks.push(start);
      this.eMarks.push(end);
      this.tShift.push(indent);
      this.sCount.push(offset);
      this.bsCount.push(0);
      start = end + 1;
    }
    this.bMarks.push(s.length);
    this.eMarks.push(s.length);
    this.tShift.push(0);
    this.sCount.push(0);
    this.bsCount.push(0);
    this.lineMax = this.bMarks.length - 1;
  } as unknown as typeof blockState;
  // `push` builds its tokens with the library's own class, not `this.Token`: replaced too.
  FastBlock.prototype = Object.create(blockState.prototype, {
    push: {
      value: function (this: BlockFields, type: string, tag: string, nesting: number): Token {
        const token = new FastToken(type, tag, nesting);
        token.block = true;
        if (nesting < 0) this.level--;
        token.level = this.level;
        if (nesting > 0) this.level++;
        this.tokens.push(token);
        return token;
      },
      writable: true,
      configurable: true,
    },
  }) as typeof blockState.prototype;
  md.block.State = FastBlock;

  const inlineState = md.inline.State;
  const FastInline = function (
    this: InlineFields,
    src: string,
    parser: MarkdownIt,
    env: unknown,
    outTokens: Token[],
  ) {
    this.pos = 0;
    this.level = 0;
    this.pending = '';
    this.pendingLevel = 0;
    this.cache = {};
    this.backticks = {};
    this.backticksScanned = false;
    this.skipHtmlSpecial = false;
    this.linkLevel = 0;
    this.delimiters = [];
    this._prev_delimiters = [];
    this.Token = FastToken;
    this.src = src;
    this.env = env;
    this.md = parser;
    this.tokens = outTokens;
    this.tokens_meta = Array<unknown>(outTokens.length);
    this.posMax = src.length;
  } as unknown as typeof inlineState;
  FastInline.prototype = Object.create(inlineState.prototype, {
    pushPending: {
      value: function (this: InlineFields): Token {
        const token = new FastToken('text', '', 0);
        token.content = this.pending;
        token.level = this.pendingLevel;
        this.tokens.push(token);
        this.pending = '';
        return token;
      },
      writable: true,
      configurable: true,
    },
    push: {
      value: function (this: InlineFields, type: string, tag: string, nesting: number): Token {
        if (this.pending) this.pushPending();
        const token = new FastToken(type, tag, nesting);
        let meta: { delimiters: unknown[] } | undefined;
        if (nesting < 0) {
          this.level--;
          // As the library does: undefined only for a close without an open, which no rule pushes.
          this.delimiters = this._prev_delimiters.pop() as unknown[];
        }
        token.level = this.level;
        if (nesting > 0) {
          this.level++;
          this._prev_delimiters.push(this.delimiters);
          this.delimiters = [];
          meta = { delimiters: this.delimiters };
        }
        this.pendingLevel = this.level;
        this.tokens.push(token);
        this.tokens_meta.push(meta);
        return token;
      },
      writable: true,
      configurable: true,
    },
  }) as typeof inlineState.prototype;
  md.inline.State = FastInline;
}
