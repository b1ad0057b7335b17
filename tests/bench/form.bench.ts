// Typing in the front matter form: browser mode (the built CLI) in Debian's Chromium, on the same
// generated post in a folder of 10,000 posts and in a folder holding only it. Types 100 characters
// into the title field and 100 into the tags field (or, while the form has no tags widget, the
// description: said in the output) and prints p50/p95/max of the app's own `postwright:form`
// measure (a key press in a form field to the next paint, less the idle wait for that frame; and
// key to paint with that wait left in, as every build records it) side by side. The goal is under
// 16 ms per keystroke. Builds the app first. Figures only: nothing passes or fails on a number.
// `npm run bench -- form`; POSTWRIGHT_BENCH_POSTS changes the folder's size;
// POSTWRIGHT_BENCH_PROFILE=FILE writes CPU profiles of the page typing in the big folder, one per
// round (FILE-title.cpuprofile ...), from a renderer built without minifying;
// POSTWRIGHT_BENCH_BASELINE=DIR also measures the build in DIR (another checkout, built, with its
// own node_modules) on its own copy of each folder, for before/after figures from one run (several
// DIRs separated as in PATH: each named by its folder). Beside the latencies, the CPU time of the
// page's main thread per key typed: its own work and rendering, whatever the machine's load.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { basename, delimiter, join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { writePosts } from './generate-posts';
import { launchBenchChromium, profilePage, serveForBench, traceMainThread } from './bench-browser';
import type { MainThreadTime } from './bench-browser';
import type { BenchServer } from './bench-browser';
import { percentile } from './bench-node';
import { installKeyProbe } from './key-probe';
import type { KeyProbe } from './key-probe';

const count = Number(process.env.POSTWRIGHT_BENCH_POSTS ?? 10_000);
const title = 'A post to type in';
const measureName = 'postwright:form';
// 100 characters, letters and spaces as an author types them; tags get commas between words.
const typedTitle = ' and then some more words typed into the title at a steady pace ok'.padEnd(
  100,
  'x',
);
const typedTags =
  ', rust, deno, bun, queue, cache, search, tracing, logging, memory, latency,'.padEnd(100, 'y');

interface Row {
  readonly build: string;
  readonly folder: string;
  readonly field: string;
  /** Key to paint less the idle wait for the frame (NaN for a build that does not record it). */
  readonly samples: readonly number[];
  /** Key to just after the next paint, the frame wait included: what every build records. */
  readonly toPaint: readonly number[];
  /** Key to paint less the frame wait, timed by the bench's own script the same way in every build. */
  readonly probe: readonly number[];
  /** CPU time of the page's main thread over the round, all its tasks (see traceMainThread). */
  readonly main: MainThreadTime;
  /** Keys typed in the round. */
  readonly typed: number;
}

interface Samples {
  readonly samples: number[];
  readonly toPaint: number[];
  readonly probe: number[];
  readonly main: MainThreadTime;
  readonly typed: number;
}

/** The post every folder holds: a generated one, dated last so it is first in the list. */
async function benchPost(): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'postwright-bench-one-'));
  await writePosts(scratch, 1);
  const [name] = (await readdir(scratch, { recursive: true, encoding: 'utf8' })).filter((file) =>
    /\.(md|markdown)$/.test(file),
  );
  const text = await readFile(join(scratch, name!), 'utf8');
  await rm(scratch, { recursive: true, force: true });
  return text
    .replace(/^title: .*$/m, `title: ${JSON.stringify(title)}`)
    .replace(/^date: .*$/m, 'date: "2030-01-01"');
}

/** An editable text field with this label, or null (a read-only list is not a widget yet). */
async function editable(page: Page, label: RegExp): Promise<Locator | null> {
  const field = page.getByLabel(label).first();
  if ((await field.count()) === 0) return null;
  return (await field.isEditable()) ? field : null;
}

async function typeInto(
  page: Page,
  field: Locator,
  text: string,
  profileName?: string,
): Promise<Samples> {
  await field.click();
  await page.keyboard.press('End');
  await page.waitForTimeout(300);
  await page.evaluate((name) => {
    performance.clearMeasures(name);
    (window as unknown as { postwrightKeys: KeyProbe }).postwrightKeys.start();
  }, measureName);
  const profile = profileName === undefined ? null : await profilePage(page, profileName);
  const trace = await traceMainThread(page);
  // One key every 50 ms: fast typing, each key its own frame.
  for (const char of text) {
    await page.keyboard.type(char);
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(500);
  const main = await trace.stop();
  await profile?.stop();
  const entries = await page.evaluate(
    (name) =>
      performance.getEntriesByName(name, 'measure').map((entry) => ({
        duration: entry.duration,
        // A build from before the frame wait was left out has no detail: its span is key to paint.
        toPaint: ((entry as PerformanceMeasure).detail as { toPaint: number } | null)?.toPaint,
      })),
    measureName,
  );
  const probe = await page.evaluate(() =>
    (window as unknown as { postwrightKeys: KeyProbe }).postwrightKeys
      .keys()
      .map((key) => key.latency),
  );
  return {
    probe,
    main,
    typed: text.length,
    samples: entries.map((entry) => (entry.toPaint === undefined ? NaN : entry.duration)),
    toPaint: entries.map((entry) => entry.toPaint ?? entry.duration),
  };
}

/** Serves `folder` with the CLI built in `dir` (serveForBench starts the current directory's). */
async function serveBuild(dir: string, folder: string): Promise<BenchServer> {
  const here = process.cwd();
  process.chdir(dir);
  try {
    return await serveForBench(folder);
  } finally {
    process.chdir(here);
  }
}

async function measureFolder(
  browser: Browser,
  build: { readonly name: string; readonly dir: string },
  label: string,
  folder: string,
): Promise<Row[]> {
  const started = Date.now();
  const { url, stop, busy: serverBusy, idle } = await serveBuild(build.dir, folder);
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // The bench's own timing of each key, the same in every build (key-probe.ts).
    await page.addInitScript(installKeyProbe);
    page.setDefaultTimeout(120_000);
    await page.goto(url);
    await page
      .getByRole('navigation', { name: 'Posts' })
      .getByRole('option', { name: new RegExp(`^${title}`) })
      .click();
    // The form is shown and the first check is back: the post is open and settled.
    await page
      .getByLabel(/^title$/i)
      .first()
      .waitFor();
    const checks = page.getByRole('region', { name: 'Checks' });
    await checks.waitFor();
    await checks.getByText('Checking…').waitFor({ state: 'detached' });
    console.log(
      `${build.name} build, ${label}: post open after ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    // The profiles (POSTWRIGHT_BENCH_PROFILE) are of this build in the big folder.
    const profiled = (name: string): string | undefined =>
      build.name === 'this' && label !== '1 post' ? name : undefined;
    const rows: Row[] = [];
    const titleField = await editable(page, /^title$/i);
    if (titleField === null) throw new Error('No editable title field in the form');
    // A large folder is still being indexed in the background when the post opens (the body
    // checks, then the search index on its worker thread): on 2 cores that work competes with the
    // page for the CPU. Typing then is measured apart, and the rest once the server is idle.
    const indexing = page.getByRole('status').filter({ hasText: /^Checking posts…/ });
    const checking = (await indexing.count()) > 0;
    if (checking || (await serverBusy())) {
      rows.push({
        build: build.name,
        folder: label,
        field: checking ? 'title, while the folder is checked' : 'title, while search indexes',
        ...(await typeInto(page, titleField, typedTitle, profiled('title-busy'))),
      });
      if (checking) await indexing.waitFor({ state: 'detached' });
      await idle();
    }
    rows.push({
      build: build.name,
      folder: label,
      field: 'title',
      ...(await typeInto(page, titleField, typedTitle, profiled('title'))),
    });
    const tagsField = await editable(page, /^tags$/i);
    if (tagsField !== null) {
      rows.push({
        build: build.name,
        folder: label,
        field: 'tags',
        ...(await typeInto(page, tagsField, typedTags, profiled('tags'))),
      });
    } else {
      const fallback = await editable(page, /^description$/i);
      if (fallback === null) throw new Error('No editable tags or description field in the form');
      rows.push({
        build: build.name,
        folder: label,
        field: 'description (no tags widget yet)',
        ...(await typeInto(page, fallback, typedTags)),
      });
    }
    // The floor: the same keys in a bare text box outside the app, in the same page, so what
    // Chromium itself spends on a key (input, the probe, a small paint) is seen beside the form's.
    await page.evaluate(() => {
      const box = document.createElement('textarea');
      box.setAttribute('aria-label', 'Bench floor');
      box.rows = 1;
      box.style.cssText = 'position:fixed;left:8px;bottom:8px;width:600px;z-index:1000';
      document.body.append(box);
    });
    rows.push({
      build: build.name,
      folder: label,
      field: 'floor: a bare text box',
      ...(await typeInto(page, page.getByLabel('Bench floor'), typedTitle)),
    });
    await page.close();
    return rows;
  } finally {
    await stop();
  }
}

function print(rows: readonly Row[]): void {
  const header = [
    'build',
    'folder',
    'field',
    'keys',
    'p50 ms',
    'p95 ms',
    'max ms',
    'over 16 ms',
    'to paint p50/p95',
    'bench probe p50/p95',
    'main CPU/key',
    'tasks > 16 ms',
  ];
  const figure = (value: number): string => (Number.isNaN(value) ? 'n/a' : value.toFixed(1));
  const lines = rows.map((row) => [
    row.build,
    row.folder,
    row.field,
    String(row.samples.length),
    figure(percentile(row.samples, 50)),
    figure(percentile(row.samples, 95)),
    figure(row.samples.length === 0 ? NaN : Math.max(...row.samples)),
    row.samples.every(Number.isNaN)
      ? 'n/a'
      : String(row.samples.filter((value) => value > 16).length),
    `${figure(percentile(row.toPaint, 50))} / ${figure(percentile(row.toPaint, 95))}`,
    `${figure(percentile(row.probe, 50))} / ${figure(percentile(row.probe, 95))}`,
    figure(row.main.cpuMs / row.typed),
    row.main.longTasksMs.length === 0
      ? '0'
      : `${row.main.longTasksMs.length} (${row.main.longTasksMs
          .slice(0, 3)
          .map((ms) => ms.toFixed(0))
          .join(', ')}${row.main.longTasksMs.length > 3 ? ', …' : ''})`,
  ]);
  const widths = header.map((name, i) => Math.max(name.length, ...lines.map((l) => l[i]!.length)));
  for (const line of [header, ...lines]) {
    console.log(
      line
        .map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  '),
    );
  }
}

async function main(): Promise<void> {
  const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed');
  if ((process.env.POSTWRIGHT_BENCH_PROFILE ?? '') !== '') {
    // A profile names the renderer's functions only when it is not minified.
    const plain = spawnSync('npx', ['vite', 'build', '--minify', 'false', '--logLevel', 'warn'], {
      stdio: 'inherit',
    });
    if (plain.status !== 0) throw new Error('vite build --minify false failed');
  }
  const post = await benchPost();
  const big = await mkdtemp(join(tmpdir(), 'postwright-bench-form-'));
  const one = await mkdtemp(join(tmpdir(), 'postwright-bench-form-one-'));
  const builds = [{ name: 'this', dir: process.cwd() }];
  // One baseline is "baseline"; several (separated like PATH) go by their folders' names.
  const baselines = (process.env.POSTWRIGHT_BENCH_BASELINE ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '');
  builds.unshift(
    ...baselines.map((dir) => ({
      name: baselines.length === 1 ? 'baseline' : basename(resolve(dir)),
      dir: resolve(dir),
    })),
  );
  const load = () =>
    loadavg()
      .map((value) => value.toFixed(1))
      .join(' ');
  const loadBefore = load();
  const browser = await launchBenchChromium();
  try {
    await writePosts(big, count - 1);
    await writeFile(join(big, 'bench-post.md'), post);
    await writeFile(join(one, 'bench-post.md'), post);
    const rows: Row[] = [];
    for (const [label, folder] of [
      ['1 post', one],
      [`${count.toLocaleString('en')} posts`, big],
    ] as const) {
      // Each build on a fresh copy of the folder: typing edits (and may autosave) the post.
      for (const build of builds) {
        const copy = await mkdtemp(join(tmpdir(), 'postwright-bench-form-copy-'));
        try {
          await cp(folder, copy, { recursive: true });
          rows.push(...(await measureFolder(browser, build, label, copy)));
        } finally {
          await rm(copy, { recursive: true, force: true });
        }
      }
    }
    console.log(
      `\n${measureName}: key press in a form field to the next paint, less the idle wait for that frame;`,
    );
    console.log(
      `to paint: with that wait (0 to 16.7 ms at 60 Hz) left in, as every build records it (n/a: the`,
    );
    console.log(
      `build does not record the first); bench probe: the first, timed by the bench's own script the`,
    );
    console.log(
      `same way in every build; main CPU/key: the page's main thread's CPU time over the round (its`,
    );
    console.log(
      `own work and rendering, any task, not the time it waited for a core) per key typed; tasks > 16 ms:`,
    );
    console.log(
      `how many of its tasks took over 16 ms of CPU (the longest). Load average ${loadBefore} before, ${load()} after.\n`,
    );
    print(rows);
  } finally {
    await browser.close();
    await rm(big, { recursive: true, force: true });
    await rm(one, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
