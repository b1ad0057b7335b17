// What the benchmarks share: percentiles; and for the Node-side ones (library, search) the app's
// worker threads built beside the bench, an index or a failure, elapsed time, and memory measured
// in fresh child processes, so one measurement's garbage does not count against another. A bench
// file runs `main` normally, and `memory` when it is its own memory child.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';
import type { FolderIndex } from '../../electron/library/library';
import type { Result } from '../../shared/result';

/** A result's value (an index unless said), or its failure thrown as an error. */
export function unwrap<T = FolderIndex>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Milliseconds since `start` (`process.hrtime.bigint()`). */
export function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// Here rather than with the browser helpers: a memory child must not load playwright-core.
/** The value below which `p` percent of `values` lie (nearest rank); NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Bytes as whole megabytes, for printing. */
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/**
 * The process's peak resident memory. On Linux, VmHWM: getrusage's maxRSS survives exec, so a
 * child spawned by a process this size would report its parent's size.
 */
async function peakRss(): Promise<number> {
  const status = await readFile('/proc/self/status', 'utf8').catch(() => '');
  const kilobytes = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  return kilobytes === undefined ? process.resourceUsage().maxRSS * 1024 : Number(kilobytes) * 1024;
}

/** Memory now, after a full GC (the child runs with --expose-gc), and the peak so far. */
export interface MemoryFigures {
  readonly peakRss: number;
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
}

/** Memory after a full GC; call it while what is measured is still alive. */
export async function memoryAfterGc(): Promise<MemoryFigures> {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return {
    peakRss: await peakRss(),
    rss: usage.rss,
    heapUsed: usage.heapUsed,
    external: usage.external,
  };
}

/**
 * Runs this bench file again as a fresh process in memory mode (`memory MODE ROOT CACHE`) and
 * returns the JSON it writes to stdout.
 */
export function childMemory<T>(mode: string, root: string, cacheDir: string): T {
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', process.argv[1] ?? '', 'memory', mode, root, cacheDir],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (run.status !== 0) throw new Error(`memory child failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** Runs `main`, or `memory(mode, root, cacheDir)` when started by `childMemory`; a failure sets the exit code. */
export function runBench(
  main: () => Promise<void>,
  memory: (mode: string, root: string, cacheDir: string) => Promise<void>,
): void {
  const failed = (error: unknown): void => {
    console.error(error);
    process.exitCode = 1;
  };
  const [mode, kind = '', root = '', cacheDir = ''] = process.argv.slice(2);
  if (mode === 'memory') memory(kind, root, cacheDir).catch(failed);
  else main().catch(failed);
}

/**
 * The index's worker and the search worker as electron/build.mjs builds them, beside the bench's
 * bundle, where the app looks for them (out/bench/index-worker.cjs and search-worker.cjs;
 * packages resolve from the repository's).
 */
export async function buildWorkers(): Promise<void> {
  await build({
    entryPoints: [
      { in: 'electron/library/index-worker.ts', out: 'index-worker' },
      { in: 'electron/library/search-worker.ts', out: 'search-worker' },
    ],
    outdir: __dirname,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
}
