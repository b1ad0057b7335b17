import MiniSearch from 'minisearch';
import type { SearchOptions } from 'minisearch';
import type { PostSummary, SearchHit } from '../../shared/api';
import { decodePost } from './decode-post';
import { splitFront } from './index-entry';
import { resolveInside } from './paths';
import { defaultConcurrency, diskReader, mapBounded } from './scan';
import type { FileReader } from './scan';

/** The most hits a search gives. */
export const maxHits = 500;

/** What one post gives the search index: its row's words and its body's text. */
interface SearchDocument {
  readonly path: string;
  readonly title: string;
  readonly description: string;
  readonly tags: string;
  readonly body: string;
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
  const lower = term.toLowerCase();
  return lower.length < 13 ? lower : lower.padEnd(lower.length + 1).slice(0, -1);
}

// What a body's words are not: link and image targets, URLs, HTML tags. Everything else that is
// Markdown (`#`, `*`, `_`, `>`, `|`, backticks) is punctuation the tokenizer skips anyway.
const notWords = /\]\([^)\n]*\)|<\/?[A-Za-z][^>\n]*>|\b(?:https?|ftp|mailto):[^\s)>\]]+/g;

/** A post body's searchable text: its Markdown without link targets, URLs and tags. */
export function bodyText(markdown: string): string {
  return markdown.replace(notWords, ' ');
}

/** The search options every search uses (the app's sidebar and `postwright list --search`). */
export const searchOptions: SearchOptions = {
  prefix: true,
  fuzzy: 0.2,
  combineWith: 'AND',
  boost: { title: 3, description: 2, tags: 2, body: 1 },
};

/** The full-text index of one folder's posts (see `createSearchIndex`). */
export interface SearchIndex {
  /**
   * Indexes posts, a batch of `concurrency` at a time, yielding to the event loop between
   * batches, so commands and watcher events are answered while it runs. `rowOf` gives a post's
   * current row (undefined when it is gone by the time its batch comes).
   */
  build(paths: readonly string[], rowOf: (path: string) => PostSummary | undefined): Promise<void>;
  /** Brings posts up to date: reads those with a row again, removes the others. */
  update(paths: readonly string[], rowOf: (path: string) => PostSummary | undefined): Promise<void>;
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

/**
 * A full-text index (MiniSearch) of the posts under `root`: titles, descriptions and tags from
 * their rows, bodies read from disk and dropped once tokenized (nothing is stored but the terms).
 * Builds and updates run one after another, never two at once, so an update is never overtaken
 * by an older read of the same file.
 */
export function createSearchIndex(root: string, options: SearchIndexOptions = {}): SearchIndex {
  const reader = options.reader ?? diskReader;
  const limit = Math.max(1, options.concurrency ?? defaultConcurrency);
  const index = new MiniSearch<SearchDocument>({
    idField: 'path',
    fields: ['title', 'description', 'tags', 'body'],
    storeFields: [],
    tokenize,
    processTerm,
    searchOptions,
  });
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

  /** Reads the given posts and puts them in the index in place of what it had of them. */
  const indexPosts = async (
    paths: readonly string[],
    rowOf: (path: string) => PostSummary | undefined,
  ): Promise<void> => {
    const bodies = await mapBounded(paths, limit, (path) =>
      rowOf(path) === undefined ? Promise.resolve(null) : bodyOf(path),
    );
    paths.forEach((path, i) => {
      if (index.has(path)) index.discard(path);
      const row = rowOf(path);
      const body = bodies[i];
      if (stopped || row === undefined || body === null || body === undefined) return;
      index.add({
        path,
        title: row.title,
        description: row.description,
        tags: row.tags.join(' '),
        body,
      });
    });
  };

  return {
    async build(paths, rowOf) {
      for (let start = 0; start < paths.length && !stopped; start += limit) {
        await serially(() => indexPosts(paths.slice(start, start + limit), rowOf));
        await yieldToEventLoop();
      }
    },
    update: (paths, rowOf) => serially(() => indexPosts([...new Set(paths)], rowOf)),
    search(query) {
      if (query.trim() === '') return [];
      return index
        .search(query)
        .slice(0, maxHits)
        .map((result) => ({ path: String(result.id), score: result.score, terms: result.terms }));
    },
    get count() {
      return index.documentCount;
    },
    stop() {
      stopped = true;
    },
  };
}
