// The sidebar with 10,000 posts, in the real app: browser mode (the built CLI) on a folder of
// generated posts, driven in Debian's Chromium. Prints the page's own `postwright:filter` measures
// (a filter change, or a search answer arriving, to the list committed and laid out; and to the
// next frame painted) for filter
// changes and for a search typed key by key, beside a plain `Array.filter` over the same rows
// timed in the same page, plus `postwright:search` (keystroke to the list showing that query's
// hits: debounce and round trip included) and frame intervals while the list scrolls.
// Needs `npm run build`. POSTWRIGHT_BENCH_POSTS changes the number of posts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { PostSummary } from '../../shared/api';
import { writePosts } from './generate-posts';
import { launchBenchChromium, profilePage, serveForBench } from './bench-browser';
import { percentile } from './bench-node';

const count = Number(process.env.POSTWRIGHT_BENCH_POSTS ?? 10_000);

const figures = (values: readonly number[]): string =>
  `p50 ${percentile(values, 50).toFixed(2)} ms, p95 ${percentile(values, 95).toFixed(2)} ms, max ${Math.max(...values).toFixed(2)} ms (n=${values.length})`;

async function measures(page: Page, name: string): Promise<number[]> {
  return page.evaluate(
    (wanted) => performance.getEntriesByName(wanted).map((entry) => entry.duration),
    name,
  );
}

async function clearMeasures(page: Page): Promise<void> {
  await page.evaluate(() => performance.clearMeasures());
}

/** Clicks a filter pill by its visible name (`Drafts 1,234`). */
async function pill(page: Page, role: 'radio' | 'checkbox', name: RegExp): Promise<void> {
  await page.getByRole(role, { name }).first().locator('xpath=..').click();
  // Let the list commit before the next change: one measure per change.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done))));
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'postwright-bench-sidebar-'));
  await writePosts(root, count);
  const { url, stop } = await serveForBench(root);
  const browser = await launchBenchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    const list = page.getByRole('listbox', { name: 'Posts' });
    await list.getByRole('option').first().waitFor({ timeout: 180_000 });
    // The first index finishes its body checks in the background; measure on the settled list.
    await page.getByText('Checking posts…').waitFor({ state: 'detached', timeout: 300_000 });
    await page.waitForTimeout(500);

    // The two most used tags, by name (their counts change with the filters).
    const [first = '', second = ''] = await page
      .getByRole('group', { name: /^Tags/ })
      .locator('.sidebar-tag-list label')
      .evaluateAll((labels) =>
        labels.slice(0, 2).map((label) => (label.textContent ?? '').replace(/\s*\d+\s*$/, '')),
      );
    const tagName = (name: string): RegExp => new RegExp(`^${name} \\d`);

    // Filter changes: statuses, tags (all, then any), a category, a year and a month, and back.
    await clearMeasures(page);
    const profile = await profilePage(page);
    let coldChanges: number[] = [];
    for (let round = 0; round < 4; round++) {
      if (round === 1) {
        // The first round meets everything for the first time (JIT, the title order): apart.
        coldChanges = await measures(page, 'postwright:filter');
        await clearMeasures(page);
      }
      for (const name of [
        /^Drafts /,
        /^Published /,
        /^Scheduled /,
        /^Featured /,
        /^With problems /,
        /^All /,
      ])
        await pill(page, 'radio', name);
      // Any first, so the second tag is listed whether or not posts have both.
      await page.getByRole('checkbox', { name: 'Match any' }).check();
      await pill(page, 'checkbox', tagName(first));
      await pill(page, 'checkbox', tagName(second));
      await page.getByRole('checkbox', { name: 'Match any' }).uncheck();
      await pill(page, 'checkbox', tagName(second));
      await pill(page, 'checkbox', tagName(first));
      await page.getByRole('combobox', { name: 'Filter by category' }).selectOption({ index: 1 });
      await page.getByRole('combobox', { name: 'Filter by year' }).selectOption({ index: 2 });
      await page.getByRole('combobox', { name: 'Filter by month' }).selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Clear all' }).click();
      await page.getByRole('combobox', { name: 'Sort' }).selectOption(round % 2 ? 'date' : 'title');
    }
    await page.getByRole('combobox', { name: 'Sort' }).selectOption('date');
    const filterChanges = await measures(page, 'postwright:filter');
    const filterPasses = await measures(page, 'postwright:filter-pass');
    const filterPainted = await measures(page, 'postwright:filter-painted');

    // A search typed key by key, at a typist's pace, then cleared; three times.
    await clearMeasures(page);
    const search = page.getByRole('searchbox', { name: 'Search posts' });
    for (const query of ['lisbon', 'kubernetes', 'profiling']) {
      await search.click();
      for (const key of query) {
        await page.keyboard.type(key);
        await page.waitForTimeout(180);
      }
      await page.waitForTimeout(300);
      await search.fill('');
      await page.waitForTimeout(200);
    }
    await profile.stop();
    const searchFilters = await measures(page, 'postwright:filter');
    const searchPainted = await measures(page, 'postwright:filter-painted');
    const searchAnswers = await measures(page, 'postwright:search');

    // The same kinds of filter as plain Array.filter calls over the same rows, in the same page.
    const plain = await page.evaluate(async () => {
      const token = new URLSearchParams(location.search).get('token') ?? '';
      const response = await fetch('/api/commands/listPosts', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Postwright-Token': token },
        body: JSON.stringify({ args: [] }),
      });
      const result = (await response.json()) as { ok: boolean; value: PostSummary[] };
      const rows = result.value;
      const day = new Date().toISOString().slice(0, 10);
      const filters: ((post: PostSummary) => boolean)[] = [
        (post) => post.status === 'draft',
        (post) => post.status === 'published',
        (post) => post.status === 'published' && post.date.slice(0, 10) > day,
        (post) => post.featured,
        (post) => post.problems.length > 0,
        (post) => post.tags.some((tag) => tag.toLowerCase() === 'go'),
        (post) => post.category.toLowerCase() === 'travel',
        (post) => post.date.startsWith('2020'),
        (post) => post.title.toLowerCase().includes('lisbon'),
      ];
      const times: number[] = [];
      for (let round = 0; round < 6; round++) {
        for (const filter of filters) {
          const start = performance.now();
          rows.filter(filter);
          times.push(performance.now() - start);
        }
      }
      return times;
    });

    // Scrolling: frame intervals while the list scrolls 150 px a frame, 240 frames.
    const frames = await page.evaluate(
      () =>
        new Promise<number[]>((done) => {
          const scroller = document.querySelector('.post-list');
          if (scroller === null) return done([]);
          const intervals: number[] = [];
          let last = performance.now();
          let left = 240;
          const step = (now: number): void => {
            intervals.push(now - last);
            last = now;
            scroller.scrollTop += 150;
            if (--left > 0) requestAnimationFrame(step);
            else done(intervals.slice(1));
          };
          requestAnimationFrame(step);
        }),
    );

    console.log(`posts in the folder: ${count}`);
    console.log(`postwright:filter, filter changes, first round: ${figures(coldChanges)}`);
    console.log(`postwright:filter, filter changes, three more rounds: ${figures(filterChanges)}`);
    console.log(`of which the one filter pass (postwright:filter-pass): ${figures(filterPasses)}`);
    console.log(
      `the same changes through to the next frame painted (postwright:filter-painted, includes waiting for the frame): ${figures(filterPainted)}`,
    );
    console.log(`postwright:filter, search answers applied: ${figures(searchFilters)}`);
    console.log(`search answers through to the next frame painted: ${figures(searchPainted)}`);
    console.log(`plain Array.filter over the same rows in the page: ${figures(plain)}`);
    console.log(
      `postwright:search, keystroke -> list with that query's hits (80 ms debounce + round trip): ${figures(searchAnswers)}`,
    );
    console.log(
      `scrolling 150 px a frame: frame interval ${figures(frames)}; frames over 20 ms: ${frames.filter((each) => each > 20).length}`,
    );
    console.log('target (not checked): postwright:filter p95 within 16 ms; scrolling at 60 fps');
  } catch (error) {
    await browser.contexts()[0]?.pages()[0]?.screenshot({ path: 'out/bench/sidebar-failure.png' });
    throw error;
  } finally {
    await browser.close();
    await stop();
    await rm(root, { recursive: true, force: true });
  }
}

void main();
