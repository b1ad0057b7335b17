// What the browser benchmarks share: browser mode from the built CLI and Debian's Chromium.
// Plain node (no vitest), so it works under `npm run bench`.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

/** `postwright serve` running for a benchmark, with a config folder of its own. */
export interface BenchServer {
  readonly url: string;
  /** Stops the server, waiting for it to exit (it writes its index cache as it stops), and removes its config folder. */
  stop(): Promise<void>;
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
  };
}

/** Debian's Chromium (POSTWRIGHT_CHROMIUM elsewhere), quiet: no background traffic to skew figures. */
export function launchBenchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.POSTWRIGHT_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A CPU profile of a page being recorded (see `profilePage`). */
export interface PageProfile {
  /** Stops recording and writes the `.cpuprofile` (open it in Chromium's DevTools, Performance). */
  stop(): Promise<void>;
}

/**
 * Starts a CPU profile of `page` (Chromium's Profiler over CDP, sampling every 100 µs) when
 * `POSTWRIGHT_BENCH_PROFILE` names a file to write it to; otherwise does nothing. A build with
 * `npx vite build --minify false` first keeps the renderer's function names readable.
 */
export async function profilePage(page: Page): Promise<PageProfile> {
  const file = process.env.POSTWRIGHT_BENCH_PROFILE;
  if (file === undefined || file === '') return { stop: async () => undefined };
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 100 });
  await session.send('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.send('Profiler.stop');
      await writeFile(file, JSON.stringify(profile));
      console.log(`CPU profile of the page written to ${file}`);
    },
  };
}
