import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { SearchHit } from '../../shared/api';
import { createSearchIndex } from './search-index';
import type { SearchIndex, SearchIndexOptions, SearchRow } from './search-index';

/** What the worker starts with. */
export interface SearchWorkerData {
  readonly root: string;
  readonly concurrency: number | null;
}

/** Messages to the search worker. Requests carry an id; `rows` and `build` are never answered out of order. */
export type ToSearchWorker =
  | { readonly kind: 'rows'; readonly rows: readonly (readonly [string, SearchRow | null])[] }
  | { readonly kind: 'build'; readonly id: number; readonly paths: readonly string[] }
  | { readonly kind: 'update'; readonly id: number; readonly paths: readonly string[] }
  | { readonly kind: 'search'; readonly id: number; readonly query: string };

/** The search worker's answers. */
export type FromSearchWorker =
  | { readonly kind: 'done'; readonly id: number; readonly count: number }
  | { readonly kind: 'hits'; readonly id: number; readonly hits: SearchHit[] }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string };

/** The search index as the live index uses it: like `SearchIndex`, with searches answered later. */
export interface BackgroundSearch {
  /** Indexes the posts (see `SearchIndex.build`); resolves when all are in. */
  build(paths: readonly string[], rowOf: (path: string) => SearchRow | undefined): Promise<void>;
  /** Brings posts up to date (see `SearchIndex.update`). */
  update(paths: readonly string[], rowOf: (path: string) => SearchRow | undefined): Promise<void>;
  /** The posts matching every word of `query`, best first (see `SearchIndex.search`). */
  search(query: string): Promise<SearchHit[]>;
  /** Posts in the index after the last build or update that finished. */
  readonly count: number;
  /** Where the index lives now: its worker thread, or this one (no worker, or it failed). */
  readonly thread: 'worker' | 'main';
  /** Stops the build and ends the worker (the folder was closed); later calls do nothing. */
  stop(): void;
}

/** Options for `createBackgroundSearch`. */
export interface BackgroundSearchOptions extends SearchIndexOptions {
  /**
   * The bundled worker script. By default `search-worker.cjs` beside this code once it is bundled
   * (`out/electron/`); from the TypeScript sources (unit tests), or with a custom `reader` (a
   * function cannot cross to a thread), the index runs on this thread as it always did.
   */
  readonly workerFile?: string | null;
}

/** The worker's young generation, in MB (V8's default on 64-bit is 48 at most: 3 x 16 MB semi-spaces). */
const youngGenerationMb = 12;

// Rows go to the worker in slices, so copying ten thousand of them never holds the event loop long.
const rowsPerMessage = 1000;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The worker script beside the bundle this code is in, or null when it runs from sources. */
function bundledWorkerFile(): string | null {
  return typeof __filename === 'string' && __filename.endsWith('.cjs')
    ? join(__dirname, 'search-worker.cjs')
    : null;
}

/** The index on this thread, behind the same interface. */
function onThisThread(index: SearchIndex): BackgroundSearch {
  return {
    build: (paths, rowOf) => index.build(paths, rowOf),
    update: (paths, rowOf) => index.update(paths, rowOf),
    search: (query) => Promise.resolve(index.search(query)),
    get count() {
      return index.count;
    },
    thread: 'main',
    stop: () => index.stop(),
  };
}

/**
 * The search index of the posts under `root` (see `createSearchIndex`), built and searched on a
 * worker thread so the main thread's event loop (IPC, the HTTP server, the watcher) never waits
 * for it: at ten thousand posts the build tokenizes about 100 MB of text. The main thread sends
 * each post's row (title, description, tags); the worker reads the bodies itself. Should the
 * worker fail to start or die, the index is built again on this thread and nothing is lost but
 * time.
 */
export function createBackgroundSearch(
  root: string,
  options: BackgroundSearchOptions = {},
): BackgroundSearch {
  const file = options.workerFile === undefined ? bundledWorkerFile() : options.workerFile;
  const local = (): SearchIndex => createSearchIndex(root, options);
  if (file === null || options.reader !== undefined) return onThisThread(local());

  // Started by the first request, not before: a folder is opened far more often than searched,
  // and an idle thread is a V8 heap and a copy of the modules (about 20 MB) for nothing.
  let worker: Worker | null = null;
  let started = false;
  let stopped = false;
  let count = 0;
  let nextId = 1;
  // Requests the worker has not answered; each resolves to null if the worker goes first.
  const waiting = new Map<number, (message: FromSearchWorker | null) => void>();
  // What the worker was asked to index, to build again here should it die.
  let known: { paths: readonly string[]; rowOf: (path: string) => SearchRow | undefined } | null =
    null;
  let fallback: BackgroundSearch | null = null;
  let rebuilt: Promise<void> = Promise.resolve();

  const settleAll = (): void => {
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
  };
  const fallBack = (): void => {
    if (fallback !== null || stopped) return;
    worker = null;
    fallback = onThisThread(local());
    if (known !== null) rebuilt = fallback.build(known.paths, known.rowOf);
    settleAll();
  };
  /** The worker, started on first use; null once it failed (or the search was stopped). */
  const theWorker = (): Worker | null => {
    if (started || stopped) return worker;
    started = true;
    let thread: Worker;
    try {
      thread = new Worker(file, {
        workerData: {
          root,
          concurrency: options.concurrency ?? null,
        } satisfies SearchWorkerData,
        // A thread has a V8 heap of its own; its young generation (per-file garbage while bodies
        // are read and tokenized) need not be the main thread's size: a smaller one costs a few
        // more short collections and keeps tens of MB of resident memory away.
        resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb },
      });
    } catch {
      fallBack();
      return null;
    }
    worker = thread;
    thread.on('message', (message: FromSearchWorker) => {
      const resolve = waiting.get(message.id);
      if (resolve === undefined) return;
      waiting.delete(message.id);
      if (waiting.size === 0) worker?.unref();
      if (message.kind === 'done') count = message.count;
      resolve(message);
    });
    // A worker that cannot start (its file missing from a package) or dies: this thread takes over.
    thread.on('error', fallBack);
    thread.on('exit', fallBack);
    // An idle worker never keeps the process alive (the CLI, tests); one with a request under way
    // does, so an awaited answer is never cut off by the process ending. After the listeners:
    // adding a 'message' listener refs the worker again.
    thread.unref();
    return thread;
  };

  const post = (message: ToSearchWorker): void => theWorker()?.postMessage(message);
  const request = (make: (id: number) => ToSearchWorker): Promise<FromSearchWorker | null> => {
    const thread = theWorker();
    if (thread === null) return Promise.resolve(null);
    const id = nextId++;
    thread.ref();
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      post(make(id));
    });
  };
  const sendRows = async (
    paths: readonly string[],
    rowOf: (path: string) => SearchRow | undefined,
  ): Promise<void> => {
    for (let start = 0; start < paths.length; start += rowsPerMessage) {
      const rows = paths.slice(start, start + rowsPerMessage).map((path) => {
        const row = rowOf(path);
        // Only what the index reads crosses: a row's problems can be long.
        const sent: SearchRow | null =
          row === undefined
            ? null
            : { title: row.title, description: row.description, tags: row.tags };
        return [path, sent] as const;
      });
      post({ kind: 'rows', rows });
      if (start + rowsPerMessage < paths.length) await yieldToEventLoop();
    }
  };
  /** Runs on the worker, or here once it has failed (the request it was on is run again here). */
  const run = async (
    onWorker: () => Promise<FromSearchWorker | null>,
    here: (search: BackgroundSearch) => Promise<void>,
  ): Promise<FromSearchWorker | null> => {
    if (stopped) return null;
    if (fallback === null) {
      const answer = await onWorker();
      if (answer?.kind === 'failed') throw new Error(`The search index failed: ${answer.message}`);
      if (answer !== null) return answer;
    }
    // Stopped meanwhile, or the worker is gone: then this thread answers.
    if (stopped || fallback === null) return null;
    await here(fallback);
    return null;
  };

  return {
    async build(paths, rowOf) {
      known = { paths, rowOf };
      await run(
        async () => {
          await sendRows(paths, rowOf);
          return request((id) => ({ kind: 'build', id, paths }));
        },
        // The fallback builds what it knows as it starts.
        () => rebuilt,
      );
    },
    async update(paths, rowOf) {
      await run(
        async () => {
          await sendRows(paths, rowOf);
          return request((id) => ({ kind: 'update', id, paths }));
        },
        (search) => search.update(paths, rowOf),
      );
    },
    async search(query) {
      let hits: SearchHit[] = [];
      const answer = await run(
        () => request((id) => ({ kind: 'search', id, query })),
        async (search) => {
          hits = await search.search(query);
        },
      );
      return answer?.kind === 'hits' ? answer.hits : hits;
    },
    get count() {
      return fallback?.count ?? count;
    },
    get thread() {
      return fallback === null ? 'worker' : 'main';
    },
    stop() {
      stopped = true;
      fallback?.stop();
      void worker?.terminate();
      worker = null;
      settleAll();
    },
  };
}
