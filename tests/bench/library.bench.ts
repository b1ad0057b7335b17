import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import matter from 'gray-matter';
import { defaultFactsThreads } from '../../electron/library/facts-pool';
import { detailsOf, indexFolder } from '../../electron/library/library';
import { createLiveIndex } from '../../electron/library/live-index';
import { createBackgroundSearch } from '../../electron/library/search-thread';
import type { IndexOptions } from '../../electron/library/library';
import {
  defaultConcurrency,
  diskReader,
  mapBounded,
  scanPostFiles,
} from '../../electron/library/scan';
import { buildWorkers, childMemory, mb, memoryAfterGc, ms, runBench, unwrap } from './bench-node';
import type { MemoryFigures } from './bench-node';
import { writePosts } from './generate-posts';

// The posts index at 10,000 posts, measured side by side in one run (see tests/bench/run.mjs):
// the floor (scan + read every file's bytes, 32 open at once, no parsing), the floor counting
// words in the bytes (a bound on any index with word counts), the index cold (no
// cache: the early list, then complete with body checks, every field of every PostSummary), with
// its worker threads as the app runs it and all in one thread as it was before them, the naive
// way (gray-matter with default options on every file, same reads), and a warm reopen (valid
// cache). Peak memory (also of the live index with its watcher, as the app opens a folder) comes from
// fresh child processes, so one measurement's garbage does not count against another.
// `npm run bench -- library`; POSTWRIGHT_BENCH_POSTS and POSTWRIGHT_BENCH_ROUNDS change the size.

const count = Number(process.env.POSTWRIGHT_BENCH_POSTS ?? 10_000);
const rounds = Number(process.env.POSTWRIGHT_BENCH_ROUNDS ?? 3);

/** Elapsed time and the process's CPU time (all threads: the fs thread pool's work counts). */
interface Sample {
  readonly wall: number;
  readonly cpu: number;
}

/** A clock started now: `read()` gives the wall and CPU milliseconds since. */
function clock(): { read: () => Sample } {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  return {
    read: () => {
      const used = process.cpuUsage(cpu);
      return { wall: ms(start), cpu: (used.user + used.system) / 1000 };
    },
  };
}

async function timed(run: () => Promise<unknown>): Promise<Sample> {
  const started = clock();
  await run();
  return started.read();
}

/**
 * The floor: what any index must do at least, find the files and read their bytes; `measure` is
 * what each file's bytes add to the result (their length unless given).
 */
async function floor(
  root: string,
  measure: (bytes: Buffer) => number = (bytes) => bytes.length,
): Promise<number> {
  const files = await scanPostFiles(root);
  const measured = await mapBounded(files, defaultConcurrency, async (post) =>
    measure((await diskReader.read(post.file)).bytes),
  );
  return measured.reduce((sum, each) => sum + each, 0);
}

/**
 * Words in the bytes as they are read, for the floor: runs of bytes between ASCII spaces and line
 * breaks, no decoding, no Markdown. Far less than a word count (code blocks, links and images,
 * other scripts' spaces and characters, all wrong), and so a bound: no index that counts words
 * can be faster than the floor counting these.
 */
function wordsInBytes(bytes: Buffer): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    const space = byte === 0x20 || byte === 0x0a || byte === 0x09 || byte === 0x0d;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

const clearCache = (matter as unknown as { clearCache?: () => void }).clearCache;

/** The naive way most blog tools index: gray-matter's defaults on every whole file. */
async function naive(root: string): Promise<number> {
  const files = await scanPostFiles(root);
  const titles = await mapBounded(files, defaultConcurrency, async (post) => {
    const text = await readFile(post.file, 'utf8');
    try {
      return String((matter(text).data as { title?: unknown }).title ?? '');
    } catch {
      return '';
    }
  });
  // Its content-keyed cache would turn the next round into lookups.
  clearCache?.();
  return titles.length;
}

/**
 * CPU milliseconds each thread of this process has used so far, by thread id (Linux: from
 * /proc/self/task; empty elsewhere). A thread that ended is missing, so sample while it runs.
 */
async function threadCpu(): Promise<Map<string, number>> {
  const cpu = new Map<string, number>();
  const tids = await readdir('/proc/self/task').catch(() => [] as string[]);
  for (const tid of tids) {
    const stat = await readFile(`/proc/self/task/${tid}/stat`, 'utf8').catch(() => null);
    if (stat === null) continue;
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100/s).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    cpu.set(tid, ((Number(fields[11]) + Number(fields[12])) / 100) * 1000);
  }
  return cpu;
}

/**
 * The CPU time of the busiest thread while `run` runs: the wall time it would take on a machine
 * with a core free for each thread, which a loaded benchmark machine cannot show. NaN off Linux.
 */
async function busiestThread(run: () => Promise<void>): Promise<number> {
  const before = await threadCpu();
  const latest = new Map<string, number>();
  const sample = async (): Promise<void> => {
    for (const [tid, cpu] of await threadCpu()) latest.set(tid, cpu);
  };
  // Worker threads end with the index, so they are sampled while it runs.
  const timer = setInterval(() => void sample(), 50);
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  await sample();
  const used = [...latest].map(([tid, cpu]) => cpu - (before.get(tid) ?? 0));
  return used.length === 0 ? Number.NaN : Math.max(...used);
}

interface Cold {
  readonly listed: Sample;
  readonly complete: Sample;
  /** CPU ms of its busiest thread (see `busiestThread`). */
  readonly busiest: number;
}

/**
 * The index as the app opens a folder the first time: the early list, then everything. With the
 * worker threads the app uses (the worker built beside this bench, see `buildWorkers`), or with
 * `workers` given.
 */
async function cold(root: string, workers?: IndexOptions['workers']): Promise<Cold> {
  const started = clock();
  let listed: Sample = { wall: Number.NaN, cpu: Number.NaN };
  let complete: Sample = listed;
  const busiest = await busiestThread(async () => {
    const index = unwrap(
      await indexFolder(root, { onListed: () => (listed = started.read()), workers }),
    );
    complete = started.read();
    if (index.posts.length !== count) throw new Error(`cold index has ${index.posts.length} posts`);
  });
  return { listed, complete, busiest };
}

async function warm(root: string, cacheDir: string): Promise<Sample> {
  let posts = 0;
  const sample = await timed(async () => {
    posts = unwrap(await indexFolder(root, { cacheDir })).posts.length;
  });
  if (posts !== count) throw new Error(`warm index has ${posts} posts`);
  return sample;
}

function median(samples: readonly Sample[]): Sample {
  const middle = (values: number[]): number => {
    const sorted = values.sort((x, y) => x - y);
    const half = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1
      ? (sorted[half] ?? NaN)
      : ((sorted[half - 1] ?? NaN) + (sorted[half] ?? NaN)) / 2;
  };
  return {
    wall: middle(samples.map((sample) => sample.wall)),
    cpu: middle(samples.map((sample) => sample.cpu)),
  };
}

interface Memory extends MemoryFigures {
  readonly ms: number;
}

/**
 * Child mode: index once (`cold` with the early list, or `warm`) and report memory as JSON. With
 * `search`, a cold index and then the search index over the same posts on its worker thread, as
 * the app builds it after opening a folder: the whole process's peak, both threads.
 */
async function measureMemory(mode: string, root: string, cacheDir: string): Promise<void> {
  const start = process.hrtime.bigint();
  if (mode === 'live') {
    // As the app opens a folder: the live index, with its watcher, then its cache written.
    let complete = (): void => undefined;
    const completed = new Promise<void>((resolve) => (complete = resolve));
    const live = createLiveIndex(root, {
      cacheDir,
      emit: (event) => {
        if (event === 'postsReindexed') complete();
      },
    });
    const listed = unwrap(await live.posts());
    const listedMs = ms(start);
    await completed;
    const completeMs = ms(start);
    // The cache is written two seconds after the index settles.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const memory: Memory & { listedMs: number } = {
      ...(await memoryAfterGc()),
      ms: completeMs,
      listedMs,
    };
    await live.close();
    if (listed.length !== count) throw new Error(`live index listed ${listed.length} posts`);
    process.stdout.write(JSON.stringify(memory));
    return;
  }
  const index = unwrap(
    await indexFolder(
      root,
      mode === 'warm' ? { cacheDir } : { cacheDir, onListed: () => undefined },
    ),
  );
  let searched = -1;
  if (mode === 'search') {
    const search = createBackgroundSearch(root, {
      workerFile: join(__dirname, 'search-worker.cjs'),
    });
    if (search.thread !== 'worker') throw new Error('the search worker did not start');
    await search.build(
      index.posts.map((post) => post.path),
      (path) => index.entries.get(path)?.summary,
    );
    searched = search.count;
    const memory: Memory = { ...(await memoryAfterGc()), ms: ms(start) };
    search.stop();
    if (searched !== index.posts.length) throw new Error(`search has ${searched} posts`);
    process.stdout.write(JSON.stringify(memory));
    return;
  }
  const elapsed = ms(start);
  const memory: Memory = { ...(await memoryAfterGc()), ms: elapsed };
  // The index must still be alive when memory is read.
  if (index.posts.length === 0) throw new Error('empty index');
  process.stdout.write(JSON.stringify(memory));
}

async function main(): Promise<void> {
  await buildWorkers();
  const base = await mkdtemp(join(tmpdir(), 'postwright-bench-library-'));
  const root = join(base, 'posts');
  try {
    const generateStart = process.hrtime.bigint();
    // Dated a day back: posts in a real folder were written long before it is opened.
    const generated = await writePosts(
      root,
      count,
      'assets/sample-blog',
      new Date(Date.now() - 86_400_000),
    );
    console.log(
      `node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} cores, load average ${loadavg()
        .map((load) => load.toFixed(1))
        .join(
          ' ',
        )}; ${generated.count} posts, ${mb(generated.bytes)}, ${generated.drafts} drafts, ${generated.bundles} page bundles (written in ${ms(generateStart).toFixed(0)} ms)`,
    );
    // Everything below reads from the page cache: the files were just written, and one floor
    // pass first makes sure. Figures are the median of ${rounds} rounds, each in a rotated order.
    await floor(root);

    const times = {
      floor: [] as Sample[],
      counting: [] as Sample[],
      listed: [] as Sample[],
      complete: [] as Sample[],
      oneThread: [] as Sample[],
      busiest: [] as number[],
      busiestOneThread: [] as number[],
      naive: [] as Sample[],
      warm: [] as Sample[],
    };
    for (let round = 0; round < rounds; round++) {
      const steps: (() => Promise<void>)[] = [
        async () => void times.floor.push(await timed(() => floor(root))),
        async () => void times.counting.push(await timed(() => floor(root, wordsInBytes))),
        async () => {
          const result = await cold(root);
          times.listed.push(result.listed);
          times.complete.push(result.complete);
          times.busiest.push(result.busiest);
        },
        async () => {
          const result = await cold(root, { script: null, threads: 0 });
          times.oneThread.push(result.complete);
          times.busiestOneThread.push(result.busiest);
        },
        async () => void times.naive.push(await timed(() => naive(root))),
      ];
      const shift = round % steps.length;
      for (const step of [...steps.slice(shift), ...steps.slice(0, shift)]) await step();
    }
    // The cache is written by one cold index with a cache folder; then reopened warm.
    const cacheDir = join(base, 'cache');
    const filled = unwrap(await indexFolder(root, { cacheDir }));
    for (let round = 0; round < Math.max(rounds, 5); round++)
      times.warm.push(await warm(root, cacheDir));

    const memoryCold = childMemory<Memory>('cold', root, join(base, 'cache-memory'));
    const memoryWarm = childMemory<Memory>('warm', root, join(base, 'cache-memory'));
    const memorySearch = childMemory<Memory>('search', root, join(base, 'cache-memory-search'));
    const memoryLive = childMemory<Memory & { listedMs: number }>(
      'live',
      root,
      join(base, 'cache-memory-live'),
    );

    const f = median(times.floor);
    const listed = median(times.listed);
    const complete = median(times.complete);
    const threads = defaultFactsThreads(count);
    const workerThreads = `${threads} worker thread${threads === 1 ? '' : 's'}`;
    const oneThread = median(times.oneThread);
    const gm = median(times.naive);
    const w = median(times.warm);
    const cell = (sample: Sample): string =>
      `${sample.wall.toFixed(0)} ms (cpu ${sample.cpu.toFixed(0)})`;
    const versus = (sample: Sample, base: Sample, name: string, digits = 2): string =>
      `${(sample.wall / base.wall).toFixed(digits)}× ${name} (cpu ${(sample.cpu / base.cpu).toFixed(digits)}×)`;
    const rows: [string, string, string][] = [
      ['floor: scan + read every file (32 open)', cell(f), '1.00× floor'],
      [
        'floor + counting words in the bytes (a bound, see wordsInBytes)',
        cell(median(times.counting)),
        versus(median(times.counting), f, 'floor'),
      ],
      [
        'cold index, list shown (front matter + field checks)',
        cell(listed),
        versus(listed, f, 'floor'),
      ],
      [
        `cold index, complete (+ body checks, word counts, on ${workerThreads})`,
        cell(complete),
        versus(complete, f, 'floor'),
      ],
      [
        'cold index, complete, all in one thread (before the workers)',
        cell(oneThread),
        versus(oneThread, f, 'floor'),
      ],
      ['naive: gray-matter defaults on every file', cell(gm), versus(gm, f, 'floor')],
      [
        'warm reopen (valid cache)',
        cell(w),
        `${versus(w, complete, 'cold complete', 3)}, ${(w.wall / listed.wall).toFixed(2)}× cold list`,
      ],
    ];
    const width = Math.max(...rows.map((row) => row[0].length));
    const timeWidth = Math.max(...rows.map((row) => row[1].length));
    console.log(
      `\nmedian of ${rounds} rounds (warm: ${times.warm.length}), page cache hot; wall time, and CPU time of all threads\n`,
    );
    for (const [name, time, ratio] of rows) {
      console.log(`${name.padEnd(width)}  ${time.padStart(timeWidth)}  ${ratio}`);
    }
    const busiest = median(times.busiest.map((cpu) => ({ wall: cpu, cpu })));
    const busiestOne = median(times.busiestOneThread.map((cpu) => ({ wall: cpu, cpu })));
    console.log(
      `\ncold index, complete: CPU of its busiest thread (the wall time with a core free per thread): ` +
        `${busiest.cpu.toFixed(0)} ms with ${workerThreads} (${(busiest.cpu / f.wall).toFixed(2)}× floor), ` +
        `${busiestOne.cpu.toFixed(0)} ms all in one thread (${(busiestOne.cpu / f.wall).toFixed(2)}× floor)`,
    );
    console.log(
      `\nmemory, fresh process each (peak RSS / after GC: RSS, heap used, external):\n` +
        `  cold index with cache write: ${mb(memoryCold.peakRss)} / ${mb(memoryCold.rss)}, ${mb(memoryCold.heapUsed)}, ${mb(memoryCold.external)} (${memoryCold.ms.toFixed(0)} ms)\n` +
        `  warm reopen:                 ${mb(memoryWarm.peakRss)} / ${mb(memoryWarm.rss)}, ${mb(memoryWarm.heapUsed)}, ${mb(memoryWarm.external)} (${memoryWarm.ms.toFixed(0)} ms)\n` +
        `  live index as the app opens a folder (watcher, cache write): ${mb(memoryLive.peakRss)} / ${mb(memoryLive.rss)}, ${mb(memoryLive.heapUsed)}, ${mb(memoryLive.external)} (listed ${memoryLive.listedMs.toFixed(0)} ms, complete ${memoryLive.ms.toFixed(0)} ms)\n` +
        `  cold index + search worker:  ${mb(memorySearch.peakRss)} / ${mb(memorySearch.rss)}, ${mb(memorySearch.heapUsed)}, ${mb(memorySearch.external)} (${memorySearch.ms.toFixed(0)} ms; heap and external of the index's thread only)`,
    );
    const posts = [...filled.entries.values()].map(detailsOf);
    const words = posts.reduce((sum, post) => sum + (post.wordCount ?? 0), 0);
    const problems = filled.posts.reduce((sum, post) => sum + post.problems.length, 0);
    const all = (samples: readonly Sample[]): string =>
      samples.map((sample) => sample.wall.toFixed(0)).join('/');
    console.log(
      `\nindex: ${filled.posts.length} posts, ${words} words, ${problems} problems; every round (wall ms): floor ${all(times.floor)}, counting ${all(times.counting)}, list ${all(times.listed)}, complete ${all(times.complete)}, one thread ${all(times.oneThread)}, naive ${all(times.naive)}, warm ${all(times.warm)}; load average ${loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')}`,
    );
    console.log(
      'goals (not checked): cold within 1.5× of the floor; warm under 300 ms and under 0.25× cold; peak memory under 200 MB',
    );
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

runBench(main, measureMemory);
