// What the browser benchmarks share: browser mode from the built CLI and Debian's Chromium.
// Plain node (no vitest), so it works under `npm run bench`.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { launchChromium } from '../chromium';
import type { Browser, Page } from 'playwright-core';

/** `postwright serve` running for a benchmark, with a config folder of its own. */
export interface BenchServer {
  readonly url: string;
  /** Stops the server, waiting for it to exit (it writes its index cache as it stops), and removes its config folder. */
  stop(): Promise<void>;
  /** Whether the server process (all its threads: the index and search workers too) used over a tenth of a core in the next half second. Linux only; false elsewhere. */
  busy(): Promise<boolean>;
  /** Resolves once `busy()` says no: the server's background indexing is done. */
  idle(): Promise<void>;
}

/** CPU time in ms the process has used, all its threads (Linux `/proc`), or null where unknown. */
async function cpuTimeMs(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // After "pid (name) " the fields start at the state (field 3); utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms (USER_HZ 100)
  } catch {
    return null;
  }
}

async function isBusy(pid: number | undefined): Promise<boolean> {
  const windowMs = 500;
  const before = await cpuTimeMs(pid);
  await new Promise((done) => setTimeout(done, windowMs));
  const after = await cpuTimeMs(pid);
  return before !== null && after !== null && after - before >= windowMs / 10;
}

async function waitUntilIdle(pid: number | undefined): Promise<void> {
  const started = Date.now();
  while (await isBusy(pid)) {
    if (Date.now() - started > 300_000) throw new Error('The server stayed busy for 5 minutes');
  }
}

/** Serves `folder` in browser mode from the built CLI (`npm run build` first). */
export async function serveForBench(folder: string): Promise<BenchServer> {
  const config = await mkdtemp(join(tmpdir(), 'postwright-bench-config-'));
  const server = spawn(process.execPath, ['out/electron/cli.cjs', 'serve', folder], {
    env: { ...process.env, POSTWRIGHT_CONFIG_DIR: config },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve) =>
    createInterface({ input: server.stdout }).once('line', resolve),
  );
  return {
    url: line.replace('Postwright is running at ', ''),
    async stop() {
      if (server.exitCode === null) {
        const stopped = new Promise((done) => server.once('exit', done));
        server.kill();
        await stopped;
      }
      await rm(config, { recursive: true, force: true });
    },
    busy: () => isBusy(server.pid),
    idle: () => waitUntilIdle(server.pid),
  };
}

/** Debian's Chromium with the end-to-end tests' flags (quiet: no background traffic). */
export const launchBenchChromium: () => Promise<Browser> = launchChromium;

/** A CPU profile of a page being recorded (see `profilePage`). */
export interface PageProfile {
  /** Stops recording and writes the `.cpuprofile` (open it in Chromium's DevTools, Performance). */
  stop(): Promise<void>;
}

/**
 * Starts a CPU profile of `page` (Chromium's Profiler over CDP, sampling every 100 µs) when
 * `POSTWRIGHT_BENCH_PROFILE` names a file to write it to; otherwise does nothing. A build with
 * `npx vite build --minify false` first keeps the renderer's function names readable. With a
 * `round` name (a bench that profiles several rounds), the file is `FILE-round.cpuprofile`.
 */
export async function profilePage(page: Page, round?: string): Promise<PageProfile> {
  const wanted = process.env.POSTWRIGHT_BENCH_PROFILE;
  if (wanted === undefined || wanted === '') return { stop: async () => undefined };
  const file =
    round === undefined ? wanted : `${wanted.replace(/\.cpuprofile$/, '')}-${round}.cpuprofile`;
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 100 });
  // How many times each function ran (a render per component, a parse per call), beside it.
  await session.send('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
  await session.send('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.send('Profiler.stop');
      const { result } = await session.send('Profiler.takePreciseCoverage');
      await session.send('Profiler.stopPreciseCoverage');
      await writeFile(file, JSON.stringify(profile));
      const calls = result
        .filter((script) => script.url !== '')
        .flatMap((script) =>
          script.functions.map((fn) => ({
            name: fn.functionName,
            url: script.url,
            count: fn.ranges[0]?.count ?? 0,
          })),
        )
        .filter((fn) => fn.count > 0)
        .sort((a, b) => b.count - a.count);
      const callsFile = file.replace(/(\.cpuprofile)?$/, '.calls.json');
      await writeFile(callsFile, JSON.stringify(calls, null, 1));
      console.log(`CPU profile of the page written to ${file}, call counts to ${callsFile}`);
    },
  };
}

/** What the page's main thread did while {@link traceMainThread} recorded. */
export interface MainThreadTime {
  /** CPU time of all its tasks (thread time: waiting for a core shared with others not counted). */
  readonly cpuMs: number;
  /** CPU time of each task that took over 16 ms of it, longest first. */
  readonly longTasksMs: readonly number[];
}

/** A trace of a page's main thread being recorded. */
export interface MainThreadTrace {
  stop(): Promise<MainThreadTime>;
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

/**
 * Starts recording the CPU time the page's main thread spends on its tasks (Chromium's tracing,
 * `toplevel` category only: light). Thread time is what the page's own code and rendering cost,
 * apart from the time it waited for a core: figures that stay put on a loaded machine, beside the
 * latencies, which do not.
 */
export async function traceMainThread(page: Page): Promise<MainThreadTrace> {
  const session = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  session.on('Tracing.dataCollected', ({ value }) =>
    events.push(...(value as unknown as TraceEvent[])),
  );
  await session.send('Tracing.start', {
    traceConfig: { includedCategories: ['toplevel'], recordMode: 'recordAsMuchAsPossible' },
  });
  return {
    async stop() {
      const complete = new Promise<void>((done) =>
        session.once('Tracing.tracingComplete', () => done()),
      );
      await session.send('Tracing.end');
      await complete;
      await session.detach();
      // The renderer's main thread: the CrRendererMain thread with the most tasks.
      const mains = new Set(
        events
          .filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
          .map((event) => `${event.pid}:${event.tid}`),
      );
      const byThread = new Map<string, number[]>();
      for (const event of events) {
        const thread = `${event.pid}:${event.tid}`;
        if (event.ph !== 'X' || event.tdur === undefined || !mains.has(thread)) continue;
        if (event.name !== 'ThreadControllerImpl::RunTask') continue;
        const list = byThread.get(thread) ?? [];
        list.push(event.tdur / 1000);
        byThread.set(thread, list);
      }
      const tasks = [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
      return {
        cpuMs: tasks.reduce((sum, ms) => sum + ms, 0),
        longTasksMs: tasks.filter((ms) => ms > 16).sort((a, b) => b - a),
      };
    },
  };
}
