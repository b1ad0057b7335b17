import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PostSummary } from '../../shared/api';
import { indexFolder } from '../../electron/library/library';
import { createSearchIndex } from '../../electron/library/search-index';
import { createBackgroundSearch } from '../../electron/library/search-thread';
import {
  buildWorkers,
  childMemory,
  mb,
  memoryAfterGc,
  ms,
  percentile,
  runBench,
  unwrap,
} from './bench-node';
import type { MemoryFigures } from './bench-node';
import { writePosts } from './generate-posts';

// The sidebar's full-text search at 10,000 posts (`npm run bench -- search`), built on the main
// thread (as before: bodies read 32 at a time, yielding between batches) and on the worker thread
// the app now uses, side by side: the time to build after the folder index, the longest the main
// event loop was held meanwhile, memory after (fresh child processes: the folder index alone,
// then with each search index), and query latency p50/p95 for a few realistic queries (for the
// worker: the round trip, and the longest the main loop was held) beside a naive Array.filter over
// titles, descriptions and tags, in one run. POSTWRIGHT_BENCH_POSTS changes the size.

const count = Number(process.env.POSTWRIGHT_BENCH_POSTS ?? 10_000);
const queryRounds = 50;

interface Memory extends MemoryFigures {
  readonly buildMs: number;
  readonly longestBlockMs: number;
  /** The longest the main thread ran between two ticks of the timer (event loop utilization: time the OS gave to other processes while the loop waited is not in it). */
  readonly longestBusyMs: number;
  /** The main thread's busy time in all while the index built. */
  readonly busyMs: number;
  readonly posts: number;
}

/** Where the worker bundle goes: beside this bench's bundle, where `createBackgroundSearch` looks. */
const workerFile = join(__dirname, 'search-worker.cjs');

/**
 * Child mode: the folder index (warm, from the cache), then with `search` the search index on the
 * main thread too, with `worker` on its worker thread.
 */
async function measureMemory(mode: string, root: string, cacheDir: string): Promise<void> {
  const withSearch = mode === 'search' || mode === 'worker';
  const index = unwrap(await indexFolder(root, { cacheDir }));
  let buildMs = 0;
  let longestBlockMs = 0;
  let longestBusyMs = 0;
  let busyMs = 0;
  let posts = 0;
  let search: { build: ReturnType<typeof createSearchIndex>['build']; count: number } | null = null;
  if (withSearch) {
    // How long the event loop is held at a time while the index builds: a timer every ms. On a
    // loaded machine the gap between ticks also counts time the OS ran other processes; the
    // loop's own busy time between ticks (event loop utilization) does not.
    const startElu = performance.eventLoopUtilization();
    let lastElu = startElu;
    let last = process.hrtime.bigint();
    const timer = setInterval(() => {
      const now = process.hrtime.bigint();
      longestBlockMs = Math.max(longestBlockMs, Number(now - last) / 1e6);
      last = now;
      const elu = performance.eventLoopUtilization();
      longestBusyMs = Math.max(
        longestBusyMs,
        performance.eventLoopUtilization(elu, lastElu).active,
      );
      lastElu = elu;
    }, 1);
    const start = process.hrtime.bigint();
    // Made inside the measurement: starting the worker is main-thread work too.
    search =
      mode === 'worker' ? createBackgroundSearch(root, { workerFile }) : createSearchIndex(root);
    const rows = index.entries;
    await search.build(
      index.posts.map((post) => post.path),
      (path) => rows.get(path)?.summary,
    );
    buildMs = ms(start);
    clearInterval(timer);
    busyMs = performance.eventLoopUtilization(startElu).active;
    posts = search.count;
  }
  const memory: Memory = {
    ...(await memoryAfterGc()),
    buildMs,
    longestBlockMs,
    longestBusyMs,
    busyMs,
    posts,
  };
  // Both must still be alive when memory is read.
  if (index.posts.length === 0 || (withSearch && search?.count === 0)) throw new Error('empty');
  process.stdout.write(JSON.stringify(memory));
}

/** The naive search: every word of the query in the title, description or tags, ignoring case. */
function naive(posts: readonly PostSummary[], query: string): PostSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return posts.filter((post) => {
    const text = `${post.title} ${post.description} ${post.tags.join(' ')}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

async function main(): Promise<void> {
  const base = await mkdtemp(join(tmpdir(), 'postwright-bench-search-'));
  const root = join(base, 'posts');
  const cacheDir = join(base, 'cache');
  try {
    const generated = await writePosts(
      root,
      count,
      'assets/sample-blog',
      new Date(Date.now() - 86_400_000),
    );
    console.log(
      `node ${process.version}, ${process.platform}/${process.arch}; ${generated.count} posts, ${mb(generated.bytes)}`,
    );
    // Fills the cache, so the children reopen warm, as the app does every open but the first.
    const index = unwrap(await indexFolder(root, { cacheDir }));
    await buildWorkers();
    const alone = childMemory<Memory>('index', root, cacheDir);
    const withSearch = childMemory<Memory>('search', root, cacheDir);
    const withWorker = childMemory<Memory>('worker', root, cacheDir);

    const search = createSearchIndex(root);
    const rowOf = (path: string): PostSummary | undefined => index.entries.get(path)?.summary;
    await search.build(
      index.posts.map((post) => post.path),
      rowOf,
    );
    const worker = createBackgroundSearch(root, { workerFile });
    await worker.build(
      index.posts.map((post) => post.path),
      rowOf,
    );
    if (worker.thread !== 'worker') throw new Error('the search worker did not start');
    const queries: [string, string][] = [
      ['one word', 'kubernetes'],
      ['a prefix', 'kube'],
      ['a typo', 'kubernets'],
      ['two words', 'docker latency'],
      ['a body word', 'goroutines'],
    ];
    const built = (name: string, run: Memory): string =>
      `  ${name.padEnd(28)} ${run.posts} posts in ${run.buildMs.toFixed(0)} ms; main thread busy ${run.busyMs.toFixed(0)} ms in all, at most ${run.longestBusyMs.toFixed(1)} ms at a time (timer gap at most ${run.longestBlockMs.toFixed(1)} ms)`;
    console.log(
      `\nsearch index build (fresh process each, a 1 ms timer on the main thread):\n${built('on the main thread (before):', withSearch)}\n${built('on a worker thread (now):', withWorker)}`,
    );
    const memory = (name: string, run: MemoryFigures): string =>
      `  ${name.padEnd(28)} ${mb(run.peakRss)} / ${mb(run.rss)}, ${mb(run.heapUsed)}`;
    console.log(
      `memory after GC, fresh process each (peak RSS / RSS, main heap used; the worker's heap is in its RSS):\n` +
        `${memory('folder index alone (warm):', alone)}\n` +
        `${memory('+ search, main thread:', withSearch)}\n` +
        `${memory('+ search, worker thread:', withWorker)}`,
    );
    console.log(
      `\nquery latency over ${queryRounds} runs each, p50 / p95 (hits): full text on the main thread | on the worker (round trip; main loop held at most) | naive Array.filter over titles+descriptions+tags`,
    );
    for (const [name, query] of queries) {
      const timesOf = (run: () => number): { p50: number; p95: number; hits: number } => {
        const samples: number[] = [];
        let hits = 0;
        for (let round = 0; round < queryRounds; round++) {
          const start = process.hrtime.bigint();
          hits = run();
          samples.push(ms(start));
        }
        return { p50: percentile(samples, 50), p95: percentile(samples, 95), hits };
      };
      const full = timesOf(() => search.search(query).length);
      const plain = timesOf(() => naive(index.posts, query).length);
      const samples: number[] = [];
      let held = 0;
      let workerHits = 0;
      for (let round = 0; round < queryRounds; round++) {
        const start = process.hrtime.bigint();
        const asked = worker.search(query);
        // What the call itself held the main thread for; the rest is the worker's.
        held = Math.max(held, ms(start));
        workerHits = (await asked).length;
        samples.push(ms(start));
      }
      console.log(
        `  ${name.padEnd(12)} ${JSON.stringify(query).padEnd(18)} main ${full.p50.toFixed(2)} / ${full.p95.toFixed(2)} ms (${full.hits}) | worker ${percentile(samples, 50).toFixed(2)} / ${percentile(samples, 95).toFixed(2)} ms (${workerHits}; ${held.toFixed(2)}) | filter ${plain.p50.toFixed(2)} / ${plain.p95.toFixed(2)} ms (${plain.hits})`,
      );
    }
    worker.stop();
    console.log(
      `\nload average ${loadavg()
        .map((load) => load.toFixed(1))
        .join(
          ' ',
        )}; goals (not checked): peak under 200 MB with search; a keystroke's search well inside 16 ms`,
    );
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

runBench(main, measureMemory);
