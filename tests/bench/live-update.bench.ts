// How long one external change to one post takes to reach the sidebar, in the real app: browser
// mode (the built CLI) on a folder of generated posts, driven in Debian's Chromium. Measured from
// the file write (Node's clock) to the moment the row's new title is in the page (the page's
// clock: the same machine), so it includes the watcher's own detection. Needs `npm run build`.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePosts } from './generate-posts';
import { launchBenchChromium, profilePage, serveForBench } from './bench-browser';
import { refitFolderIndex, updateFolderIndex } from '../../electron/library/folder-index';
import { indexFolder } from '../../electron/library/library';
import { ms, percentile, unwrap } from './bench-node';

const count = Number(process.env.POSTWRIGHT_BENCH_POSTS ?? 10_000);
const rounds = 15;

/**
 * The Node side alone, in this process: `updateFolderIndex` for one changed post (read, checked,
 * put in place) beside re-assembling every row from kept facts (`refitFolderIndex`: fitting the
 * schema, checking, sorting; what applying one change cost before it was done in place).
 */
async function nodeSide(root: string): Promise<void> {
  let index = unwrap(await indexFolder(root));
  const inPlace: number[] = [];
  const reassembled: number[] = [];
  for (let round = 0; round < 20; round++) {
    const path = index.posts[(round * 7) % 50]?.path ?? '';
    const file = join(root, path);
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(/^title: .*$/m, `title: "Node ${round}"`),
    );
    const start = process.hrtime.bigint();
    index = await updateFolderIndex(root, index, [path]);
    inPlace.push(ms(start));
    const again = process.hrtime.bigint();
    refitFolderIndex(index, index.config);
    reassembled.push(ms(again));
  }
  const figures = (values: number[]): string =>
    `median ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms`;
  console.log(
    `Node side, one changed post applied to the index (read included): ${figures(inPlace)}`,
  );
  console.log(
    `Node side, re-assembling every row instead (refitFolderIndex, no read): ${figures(reassembled)}`,
  );
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'postwright-bench-live-'));
  await writePosts(root, count);
  await nodeSide(root);
  const { url, stop } = await serveForBench(root);
  const browser = await launchBenchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // When each postChangedOnDisk event reaches the page (before the app handles it), by the title
    // it carries: that splits the latency into the Node side (watcher, read, event stream) and the
    // page (the list updated and its row in the DOM).
    await page.addInitScript(() => {
      const arrived: Record<string, number> = {};
      Object.assign(window, { postwrightEventArrivals: arrived });
      const add = EventSource.prototype.addEventListener;
      EventSource.prototype.addEventListener = function (
        this: EventSource,
        type: string,
        listener: EventListenerOrEventListenerObject,
        options?: boolean | AddEventListenerOptions,
      ) {
        if (type !== 'postChangedOnDisk' || typeof listener !== 'function') {
          add.call(this, type, listener, options);
          return;
        }
        add.call(
          this,
          type,
          function (this: EventSource, event: Event) {
            const { title } = JSON.parse((event as MessageEvent<string>).data) as { title: string };
            arrived[title] ??= Date.now();
            listener.call(this, event);
          },
          options,
        );
      } as typeof EventSource.prototype.addEventListener;
    });
    const opened = Date.now();
    await page.goto(url);
    await page
      .getByRole('navigation', { name: 'Posts' })
      .getByRole('option')
      .first()
      .waitFor({ timeout: 120_000 });
    const listShown = Date.now() - opened;
    const latencies: number[] = [];
    const nodeSides: number[] = [];
    const pageSides: number[] = [];
    const profile = await profilePage(page);
    for (let round = 0; round < rounds; round++) {
      if (round === 1) {
        // The rest measure the steady state: the first index done with its body checks (which
        // keep the Node side busy for seconds on a cold folder) and its cache written (2 s later).
        await page.getByText('Checking posts…').waitFor({ state: 'detached', timeout: 300_000 });
        await page.waitForTimeout(2_500);
      }
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
      const shown = await seen;
      latencies.push(shown - written);
      const arrived = await page.evaluate(
        (wanted) =>
          (window as unknown as { postwrightEventArrivals: Record<string, number> })
            .postwrightEventArrivals[wanted] ?? NaN,
        title,
      );
      nodeSides.push(arrived - written);
      pageSides.push(shown - arrived);
      await page.waitForTimeout(100);
    }
    await profile.stop();
    console.log(
      `posts in the folder: ${count}; first list shown ${listShown} ms after opening the page`,
    );
    // The first change lands while a first index may still be checking bodies: it is applied
    // when that index completes, so it is reported on its own.
    const [first = NaN, ...settled] = latencies;
    const later = (values: number[]): number[] => values.slice(1);
    console.log(
      `first external change (while the first index still runs its body checks): ${first} ms`,
    );
    console.log(
      `external change -> row updated in the sidebar (${settled.length} more rounds, the first index complete): median ${percentile(settled, 50)} ms, p95 ${percentile(settled, 95)} ms, max ${Math.max(...settled)} ms`,
    );
    console.log(
      `of which write -> event in the page (watcher, its settle, read, event stream): median ${percentile(later(nodeSides), 50)} ms, p95 ${percentile(later(nodeSides), 95)} ms`,
    );
    console.log(
      `and event in the page -> row updated in the DOM: median ${percentile(later(pageSides), 50)} ms, p95 ${percentile(later(pageSides), 95)} ms`,
    );
    console.log(
      'target (not checked): within 100 ms of the watcher event; this figure also includes the watcher detecting the write',
    );
  } finally {
    await browser.close();
    await stop();
    await rm(root, { recursive: true, force: true });
  }
}

void main();
