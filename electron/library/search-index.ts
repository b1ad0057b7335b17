import MiniSearch from 'minisearch';
import type { SearchOptions } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { PostSummary, SearchHit } from '../../shared/api';
import { decodePost } from './decode-post';
import { splitFront } from './index-entry';
import { resolveInside } from './paths';
import { defaultConcurrency, diskReader, mapBounded } from './scan';
import type { FileReader } from './scan';

/** The most hits a search gives. */
export const maxHits = 500;

/** What one post gives MiniSearch: its row's words (the body goes to `BodyPostings`). */
interface SearchDocument {
  readonly path: string;
  readonly title: string;
  readonly description: string;
  readonly tags: string;
}

// Han, Hiragana and Katakana are written without spaces: each character is a term of its own
// (a query for two characters then needs both, in any order: good enough without a dictionary).
// Every other run of letters, digits and combining marks, in any script, is a word. The `v` flag
// (set difference) through the constructor: TypeScript's target does not know it, Node 20 does.
const wordPattern = new RegExp(
  String.raw`[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]|[[\p{L}\p{N}\p{M}]--[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]]+`,
  'gv',
);

/** The words of a text, in any script, as MiniSearch tokenizes them (not yet lowercased). */
export function tokenize(text: string): string[] {
  return text.match(wordPattern) ?? [];
}

/**
 * A term as the index keeps it: lowercase. A long term is copied: V8 keeps a substring of 13 or
 * more characters as a slice of the string it came from, and a term new to the index would keep
 * that post's whole body alive.
 */
export function processTerm(term: string): string {
  return ownCopy(term.toLowerCase());
}

/** A string that holds no other string alive (see `processTerm`): a copy of a long one. */
function ownCopy(text: string): string {
  return text.length < 13 ? text : text.padEnd(text.length + 1).slice(0, -1);
}

// What a body's words are not: link and image targets, URLs, HTML tags. Everything else that is
// Markdown (`#`, `*`, `_`, `>`, `|`, backticks) is punctuation the tokenizer skips anyway.
const notWords = /\]\([^)\n]*\)|<\/?[A-Za-z][^>\n]*>|\b(?:https?|ftp|mailto):[^\s)>\]]+/g;

/** A post body's searchable text: its Markdown without link targets, URLs and tags. */
export function bodyText(markdown: string): string {
  return markdown.replace(notWords, ' ');
}

/** How a query matches (the app's sidebar and `postwright list --search` alike). */
export const searchOptions = {
  prefix: true,
  fuzzy: 0.2,
  combineWith: 'AND',
  boost: { title: 3, description: 2, tags: 2, body: 1 },
} as const;

// MiniSearch's own weights for a term found as a prefix or with a typo, used for bodies too.
const prefixWeight = 0.375;
const fuzzyWeight = 0.45;
const maxFuzzy = 6;

/** A post id's postings entry and how well a query term matched it. */
interface BodyMatch {
  score: number;
  readonly terms: Set<string>;
}

/**
 * The bodies' inverted index, compact: each term's posts as a growing Uint32Array of post ids
 * (4 bytes a post, no term frequencies), against MiniSearch's Map per term and field (about 40
 * bytes a post): ten thousand posts of 600 distinct words each are 6 million entries. A post
 * changed gets a new id; the old one is marked dead and dropped at the next compaction.
 */
class BodyPostings {
  /** Each term's id, for prefix and typo matches (a radix tree). */
  private readonly terms = new SearchableMap<number>();
  /**
   * The same ids by exact term: a build looks up every word of every post (twenty million at ten
   * thousand posts), and a hash lookup is several times faster than a walk down the tree.
   */
  private readonly termIds = new Map<string, number>();
  private postings: Uint32Array[] = [];
  private lengths: number[] = [];
  private alive = new Uint8Array(1024);
  private nextId = 0;
  private live = 0;
  private dead = 0;

  /**
   * Adds a post's terms (lowercase; repeats are kept once, and only a term new to the index is
   * copied, see `processTerm`); gives its id.
   */
  add(words: readonly string[]): number {
    const id = this.nextId++;
    if (id >= this.alive.length) {
      const grown = new Uint8Array(this.alive.length * 2);
      grown.set(this.alive);
      this.alive = grown;
    }
    this.alive[id] = 1;
    this.live++;
    for (const word of words) {
      let termId = this.termIds.get(word);
      if (termId === undefined) {
        termId = this.postings.length;
        const kept = ownCopy(word);
        this.terms.set(kept, termId);
        this.termIds.set(kept, termId);
        this.postings.push(new Uint32Array(2));
        this.lengths.push(0);
      }
      let list = this.postings[termId] as Uint32Array;
      const length = this.lengths[termId] as number;
      // Ids only grow, so a term this post has already added ends its list with this id.
      if (length > 0 && list[length - 1] === id) continue;
      if (length === list.length) {
        const grown = new Uint32Array(list.length * 2);
        grown.set(list);
        this.postings[termId] = list = grown;
      }
      list[length] = id;
      this.lengths[termId] = length + 1;
    }
    return id;
  }

  /** Forgets a post; its entries go at the next compaction. */
  remove(id: number): void {
    if (this.alive[id] !== 1) return;
    this.alive[id] = 0;
    this.live--;
    this.dead++;
    if (this.dead > 1000 && this.dead > this.live / 4) this.compact();
  }

  /** Drops dead posts' entries and every list's spare room (after a build, and as posts change). */
  compact(): void {
    for (let termId = 0; termId < this.postings.length; termId++) {
      const list = this.postings[termId] as Uint32Array;
      let kept = 0;
      for (let i = 0; i < (this.lengths[termId] as number); i++) {
        const id = list[i] as number;
        if (this.alive[id] === 1) list[kept++] = id;
      }
      this.lengths[termId] = kept;
      if (kept < list.length) this.postings[termId] = list.slice(0, Math.max(kept, 1));
    }
    this.dead = 0;
  }

  /** The posts whose body has `query` (a processed term) as a word, a word's prefix, or within the typo distance. */
  match(query: string, into: Map<number, BodyMatch>): void {
    const found = new Map<string, number>();
    const exact = this.termIds.get(query);
    if (exact !== undefined) found.set(query, 1);
    if (searchOptions.prefix) {
      for (const word of this.terms.atPrefix(query).keys()) {
        if (!found.has(word)) found.set(word, prefixWeight * (query.length / word.length));
      }
    }
    const distance = Math.min(maxFuzzy, Math.round(query.length * searchOptions.fuzzy));
    if (distance > 0) {
      for (const [word, [, edits]] of this.terms.fuzzyGet(query, distance)) {
        const weight = fuzzyWeight * (query.length / (query.length + edits));
        if ((found.get(word) ?? 0) < weight) found.set(word, weight);
      }
    }
    for (const [word, weight] of found) {
      const termId = this.termIds.get(word) as number;
      const list = this.postings[termId] as Uint32Array;
      const length = this.lengths[termId] as number;
      // BM25's idf with the term counted once per post.
      const idf = Math.log(1 + (this.live - length + 0.5) / (length + 0.5));
      const score = searchOptions.boost.body * weight * idf;
      for (let i = 0; i < length; i++) {
        const id = list[i] as number;
        if (this.alive[id] !== 1) continue;
        const match = into.get(id);
        if (match === undefined) into.set(id, { score, terms: new Set([word]) });
        else {
          match.score += score;
          match.terms.add(word);
        }
      }
    }
  }
}

/** What the search index reads of a post's row (a `PostSummary` is one). */
export type SearchRow = Pick<PostSummary, 'title' | 'description' | 'tags'>;

/** The full-text index of one folder's posts (see `createSearchIndex`). */
export interface SearchIndex {
  /**
   * Indexes posts, a batch of `concurrency` at a time, yielding to the event loop between
   * batches, so commands and watcher events are answered while it runs. `rowOf` gives a post's
   * current row (undefined when it is gone by the time its batch comes).
   */
  build(paths: readonly string[], rowOf: (path: string) => SearchRow | undefined): Promise<void>;
  /** Brings posts up to date: reads those with a row again, removes the others. */
  update(paths: readonly string[], rowOf: (path: string) => SearchRow | undefined): Promise<void>;
  /** The posts matching every word of `query`, best first (see `searchOptions`), at most `maxHits`. */
  search(query: string): SearchHit[];
  /** Posts in the index now. */
  readonly count: number;
  /** Stops a build under way (the folder was closed); later work does nothing. */
  stop(): void;
}

/** Options for `createSearchIndex`. */
export interface SearchIndexOptions {
  /** Files read at once; the scan's 32 unless given. */
  readonly concurrency?: number;
  /** Where bodies are read from; the disk unless given. */
  readonly reader?: FileReader;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** How long indexing may hold the event loop before it yields: a frame's worth. */
const sliceMs = 8;

/** A body's words, lowercase, repeats included (`BodyPostings.add` keeps each once). */
function termsOf(body: string): string[] {
  const words = tokenize(body);
  for (let i = 0; i < words.length; i++) words[i] = (words[i] as string).toLowerCase();
  return words;
}

/**
 * A full-text index of the posts under `root`: titles, descriptions and tags in MiniSearch (BM25
 * ranking, prefix and fuzzy search), bodies read from disk, tokenized and dropped, their words in
 * a compact inverted index of our own (`BodyPostings`: MiniSearch keeps about ten times the
 * memory per entry, too much for ten thousand bodies). A search matches each query word against
 * both, adds the scores, and keeps the posts that have every word. Builds and updates run one
 * after another, never two at once, so an update is never overtaken by an older read.
 */
export function createSearchIndex(root: string, options: SearchIndexOptions = {}): SearchIndex {
  const reader = options.reader ?? diskReader;
  const limit = Math.max(1, options.concurrency ?? defaultConcurrency);
  const fields = new MiniSearch<SearchDocument>({
    idField: 'path',
    fields: ['title', 'description', 'tags'],
    storeFields: [],
    tokenize,
    processTerm,
  });
  const fieldSearch: SearchOptions = {
    prefix: searchOptions.prefix,
    fuzzy: searchOptions.fuzzy,
    maxFuzzy,
    boost: { ...searchOptions.boost },
  };
  const bodies = new BodyPostings();
  const bodyIds = new Map<string, number>();
  const paths: (string | undefined)[] = [];
  let stopped = false;
  let queue: Promise<void> = Promise.resolve();
  const serially = (task: () => Promise<void>): Promise<void> => {
    const run = queue.then(() => (stopped ? undefined : task()));
    queue = run.catch(() => undefined);
    return run;
  };

  const bodyOf = async (path: string): Promise<string | null> => {
    const file = await resolveInside(root, path);
    if (!file.ok) return null;
    try {
      const text = decodePost((await reader.read(file.value)).bytes);
      if (!text.ok) return '';
      const split = splitFront(text.value, true);
      return bodyText(text.value.slice(split?.bodyStart ?? 0));
    } catch (error) {
      // Gone since its row was made: the watcher's removal follows.
      if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') return null;
      return '';
    }
  };

  const forget = (path: string): void => {
    if (fields.has(path)) fields.discard(path);
    const id = bodyIds.get(path);
    if (id === undefined) return;
    bodies.remove(id);
    bodyIds.delete(path);
    paths[id] = undefined;
  };

  /** Reads the given posts and puts them in the index in place of what it had of them. */
  const indexPosts = async (
    batch: readonly string[],
    rowOf: (path: string) => SearchRow | undefined,
  ): Promise<void> => {
    const texts = await mapBounded(batch, limit, (path) =>
      rowOf(path) === undefined ? Promise.resolve(null) : bodyOf(path),
    );
    let slice = performance.now();
    for (const [i, path] of batch.entries()) {
      // A batch of long bodies is tokenized in slices, so a keystroke's search never waits long.
      if (performance.now() - slice > sliceMs) {
        await yieldToEventLoop();
        slice = performance.now();
      }
      forget(path);
      const row = rowOf(path);
      const body = texts[i];
      if (stopped || row === undefined || body === null || body === undefined) continue;
      fields.add({
        path,
        title: row.title,
        description: row.description,
        tags: row.tags.join(' '),
      });
      const id = bodies.add(termsOf(body));
      bodyIds.set(path, id);
      paths[id] = path;
    }
  };

  /** Each post's score and matched words for one query word, in any field. */
  const matchesOf = (word: string): Map<string, BodyMatch> => {
    const byPath = new Map<string, BodyMatch>();
    for (const result of fields.search(word, fieldSearch)) {
      byPath.set(String(result.id), { score: result.score, terms: new Set(result.terms) });
    }
    const inBodies = new Map<number, BodyMatch>();
    bodies.match(word, inBodies);
    for (const [id, match] of inBodies) {
      const path = paths[id];
      if (path === undefined) continue;
      const known = byPath.get(path);
      if (known === undefined) byPath.set(path, match);
      else {
        known.score += match.score;
        for (const term of match.terms) known.terms.add(term);
      }
    }
    return byPath;
  };

  return {
    async build(all, rowOf) {
      for (let start = 0; start < all.length && !stopped; start += limit) {
        await serially(() => indexPosts(all.slice(start, start + limit), rowOf));
        await yieldToEventLoop();
      }
      // The lists' spare room (up to half of each) is given back once the build is done.
      await serially(() => Promise.resolve(bodies.compact()));
    },
    update: (changed, rowOf) => serially(() => indexPosts([...new Set(changed)], rowOf)),
    search(query) {
      const words = [...new Set(tokenize(query).map(processTerm))];
      if (words.length === 0) return [];
      // Every word must match (AND): the rarest first, so the running set only shrinks.
      const perWord = words.map(matchesOf).sort((a, b) => a.size - b.size);
      const [first, ...rest] = perWord;
      if (first === undefined) return [];
      const hits: SearchHit[] = [];
      for (const [path, match] of first) {
        let score = match.score;
        const terms = new Set(match.terms);
        let all = true;
        for (const other of rest) {
          const also = other.get(path);
          if (also === undefined) {
            all = false;
            break;
          }
          score += also.score;
          for (const term of also.terms) terms.add(term);
        }
        if (all) hits.push({ path, score, terms: [...terms] });
      }
      hits.sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : 1));
      return hits.slice(0, maxHits);
    },
    get count() {
      return bodyIds.size;
    },
    stop() {
      stopped = true;
    },
  };
}
