// How long one external change to one post takes to reach the sidebar, in the real app: browser
// mode (the built CLI) on a folder of generated posts, driven in Debian's Chromium. Measured from
// the file write (Node's clock) to the moment the row's new title is in the page (the page's
// clock: the same machine), so it includes the watcher's own detection. Needs `npm run build`.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
import { writePosts } from './generate-posts';

const count = Number(process.env.POSTWRIGHT_BENCH_POSTS ?? 10_000);
const rounds = 15;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'postwright-bench-live-'));
  const config = await mkdtemp(join(tmpdir(), 'postwright-bench-config-'));
  await writePosts(root, count);
  const files = (await readdir(root, { recursive: true }))
    .filter((name) => /\.(md|markdown)$/.test(name))
    .slice(0, rounds);
  const server = spawn(process.execPath, ['out/electron/cli.cjs', 'serve', root], {
    env: { ...process.env, POSTWRIGHT_CONFIG_DIR: config },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve) =>
    createInterface({ input: server.stdout }).once('line', resolve),
  );
  const url = line.replace('Postwright is running at ', '');
  const browser = await chromium.launch({
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
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const opened = Date.now();
    await page.goto(url);
    await page
      .getByRole('navigation', { name: 'Posts' })
      .getByRole('button')
      .first()
      .waitFor({ timeout: 120_000 });
    const listShown = Date.now() - opened;
    const latencies: number[] = [];
    for (const [round, file] of files.entries()) {
      const title = `Changed elsewhere ${round}`;
      const seen = page.evaluate(
        (wanted) =>
          new Promise<number>((resolve) => {
            const nav = document.querySelector('nav[aria-label="Posts"]') ?? document.body;
            const observer = new MutationObserver(() => {
              if (!(nav.textContent ?? '').includes(wanted)) return;
              observer.disconnect();
              resolve(Date.now());
            });
            observer.observe(nav, { subtree: true, childList: true, characterData: true });
          }),
        title,
      );
      // Let the observer attach before the write.
      await page.waitForTimeout(50);
      const path = join(root, file);
      const text = (await readFile(path, 'utf8')).replace(/^title: .*$/m, `title: "${title}"`);
      const written = Date.now();
      await writeFile(path, text);
      latencies.push((await seen) - written);
      await page.waitForTimeout(100);
    }
    console.log(
      `posts in the folder: ${count}; first list shown ${listShown} ms after opening the page`,
    );
    console.log(
      `external change -> row updated in the sidebar (${rounds} rounds): median ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, max ${Math.max(...latencies)} ms`,
    );
    console.log(
      'target (not checked): within 100 ms of the watcher event; this figure also includes the watcher detecting the write',
    );
  } finally {
    await browser.close();
    server.kill();
    await rm(root, { recursive: true, force: true });
    await rm(config, { recursive: true, force: true });
  }
}

void main();
