// How long one external change to one post takes to reach the sidebar, in the real app: browser
// mode (the built CLI) on a folder of generated posts, driven in Debian's Chromium. Measured from
// the file write (Node's clock) to the moment the row's new title is in the page (the page's
// clock: the same machine), so it includes the watcher's own detection. Needs `npm run build`.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
      .getByRole('option')
      .first()
      .waitFor({ timeout: 120_000 });
    const listShown = Date.now() - opened;
    const latencies: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const title = `Changed elsewhere ${round}`;
      // A row in view: the sidebar draws only those, and that is where an author would look.
      const file = await page
        .getByRole('navigation', { name: 'Posts' })
        .locator('.post-row[title]')
        .nth(round % 5)
        .getAttribute('title');
      if (file === null) throw new Error('No post row in view');
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
    // The first change lands while a first index may still be checking bodies: it is applied
    // when that index completes, so it is reported on its own.
    const [first = NaN, ...settled] = latencies;
    console.log(
      `first external change (while the first index still runs its body checks): ${first} ms`,
    );
    console.log(
      `external change -> row updated in the sidebar (${settled.length} more rounds): median ${percentile(settled, 50)} ms, p95 ${percentile(settled, 95)} ms, max ${Math.max(...settled)} ms`,
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
