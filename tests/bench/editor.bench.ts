// Typing in the real app: browser mode (the built CLI) in Debian's Chromium, on an example-sized
// post (~10 KB) and a 200 KB one. Types ~200 characters at a writer's pace into the middle of each
// body and prints p50/p95 of the app's own measures (postwright:keystroke, key to next paint less
// the idle wait for that frame, and with it; postwright:preview, edit to patched preview;
// postwright:open, click in the sidebar to the first preview paint) beside the bare markdown-it
// render of the same text, timed in the same page, and the load average.
// POSTWRIGHT_BENCH_BASELINE=DIR also measures the build in DIR (another checkout, built, with its
// own node_modules) post by post in the same Chromium, for before/after figures from one run.
// Builds the app first (`npm run build`). Figures only: nothing passes or fails on a number.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { BuildResult } from 'esbuild';
import type { EditorView } from '@codemirror/view';
import type { Browser, Page } from 'playwright-core';
import type { BenchHooks } from './editor-page';
import { launchBenchChromium, serveForBench } from './bench-browser';
import { percentile } from './bench-node';

const sampleDir = 'assets/sample-blog';
const typed =
  'Typing a new sentence into the middle of the post, the way an author revises a draft. ' +
  'Then another thought follows it.\n\nA fresh paragraph starts here and grows word by word.';

interface PostStats {
  /** Which build: this checkout, or the baseline. */
  readonly build: string;
  readonly name: string;
  readonly bytes: number;
  readonly open: number[];
  /** The work of the preview's first render when the post opens. */
  readonly firstPreview: number[];
  /** Key to paint less the idle wait for the frame (NaN for a build that does not record it). */
  readonly keystroke: number[];
  /** Key to just after the next paint, the frame wait included: what every build records. */
  readonly keystrokeToPaint: number[];
  /** Key to paint less the frame wait, timed by the bench's own script the same way in every build. */
  readonly probe: number[];
  readonly preview: number[];
  readonly previewWork: number[];
  readonly modes: string;
  readonly markdownIt: number[];
  readonly renderAndSanitize: number[];
}

function bodyOf(text: string): string {
  const close = text.indexOf('\n---', 4);
  return text.slice(text.indexOf('\n', close + 1) + 1);
}

/** The example post: go-vs-node.md's front matter, its body and a second sample's (~10 KB). */
async function examplePost(): Promise<string> {
  const main = await readFile(join(sampleDir, 'go-vs-node.md'), 'utf8');
  const more = bodyOf(
    await readFile(join(sampleDir, 'deploying-a-static-blog-with-github-actions.md'), 'utf8'),
  );
  return `${main.trimEnd()}\n\n${more.replace(/^# .*$/m, '## Deploying it')}`;
}

/** A 200 KB post: the sample blog's bodies over and over, each under its own numbered heading. */
async function longPost(): Promise<string> {
  const names = (await readdir(sampleDir)).filter((name) => name.endsWith('.md')).sort();
  const bodies = await Promise.all(
    names.map(async (name) => bodyOf(await readFile(join(sampleDir, name), 'utf8'))),
  );
  const parts = [
    '---',
    'title: "A very long post"',
    'description: "Two hundred kilobytes of real blog Markdown, for timing the editor."',
    'date: "2024-03-01"',
    'tags: ["Performance", "Writing"]',
    '---',
    '',
    '# A very long post',
  ];
  let size = 0;
  for (let round = 1; size < 200 * 1024; round++) {
    for (const body of bodies) {
      const part = body.replace(/^# (.*)$/m, `## $1 (part ${round})`);
      parts.push('', part.trim());
      size += part.length;
    }
  }
  return `${parts.join('\n')}\n`;
}

/** Puts the cursor at the end of a prose line in the middle of the body, through CodeMirror. */
async function cursorToMiddle(page: Page): Promise<string> {
  return page.evaluate(() => {
    // A bench-only peek at the EditorView, to put the cursor mid-body without keystrokes.
    const content = document.querySelector('.cm-content') as unknown as {
      cmTile?: { root?: { view?: EditorView } };
    };
    // CodeMirror's own link from its DOM to its view (what EditorView.findFromDOM reads).
    const view = content.cmTile?.root?.view;
    if (view === undefined) throw new Error('No CodeMirror view found: its internals changed');
    const doc = view.state.doc;
    for (let number = Math.ceil(doc.lines / 2); number <= doc.lines; number++) {
      const line = doc.line(number);
      if (/^[A-Z][^|]{60,}[.!?]$/.test(line.text)) {
        view.dispatch({ selection: { anchor: line.to }, scrollIntoView: true });
        view.focus();
        return line.text;
      }
    }
    throw new Error('No prose line below the middle of the body');
  });
}

async function measurePost(
  page: Page,
  build: string,
  name: string,
  title: RegExp,
  bytes: number,
  withPreview = true,
): Promise<PostStats> {
  const sidebar = page.getByRole('navigation', { name: 'Posts' });
  const open: number[] = [];
  const firstPreview: number[] = [];
  // With the preview hidden (the Editor layout) the post is opened once, and nothing is timed.
  if (!withPreview) await sidebar.getByRole('option', { name: title }).click();
  // Open it a few times (another post in between), as an author switching between drafts.
  for (let round = 0; round < (withPreview ? 3 : 0); round++) {
    await sidebar.getByRole('option', { name: /^Another post/ }).click();
    await page.getByRole('article', { name: 'Preview' }).getByText('Another post body.').waitFor();
    await page.evaluate(() => {
      performance.clearMeasures('postwright:open');
      performance.clearMeasures('postwright:preview');
    });
    await sidebar.getByRole('option', { name: title }).click();
    await page.waitForFunction(
      () => performance.getEntriesByName('postwright:open').length > 0,
      null,
      {
        timeout: 30_000,
      },
    );
    open.push(
      await page.evaluate(() => performance.getEntriesByName('postwright:open')[0]!.duration),
    );
    firstPreview.push(
      await page.evaluate(() => {
        // The render the open waited for (a long post's rest follows it, after the paint).
        const first = performance.getEntriesByName('postwright:preview')[0] as
          PerformanceMeasure | undefined;
        return (first?.detail as { work: number } | undefined)?.work ?? NaN;
      }),
    );
  }
  await page.waitForTimeout(500);
  await cursorToMiddle(page);
  await page.waitForTimeout(300);
  await page.evaluate(() => {
    performance.clearMeasures('postwright:keystroke');
    performance.clearMeasures('postwright:preview');
    (window as unknown as { postwrightBench: BenchHooks }).postwrightBench.startKeys();
  });
  // A writer's pace: about 8 characters a second, a longer pause between words.
  for (const word of typed.split(/(?<= )/)) {
    for (const char of word) {
      if (char === '\n') await page.keyboard.press('Enter');
      else await page.keyboard.type(char);
      await page.waitForTimeout(60 + Math.random() * 60);
    }
    await page.waitForTimeout(120);
  }
  await page.waitForTimeout(1000);
  const measures = await page.evaluate(() => ({
    probe: (window as unknown as { postwrightBench: BenchHooks }).postwrightBench.keys(),
    keystroke: performance.getEntriesByName('postwright:keystroke').map((entry) => ({
      duration: entry.duration,
      // A build from before the frame wait was left out has no detail: its span is key to paint.
      detail: (entry as PerformanceMeasure).detail as { toPaint: number } | null,
    })),
    preview: performance.getEntriesByName('postwright:preview').map((entry) => ({
      duration: entry.duration,
      detail: (entry as PerformanceMeasure).detail as { work: number; mode: string },
    })),
  }));
  const body = await page.evaluate(() => {
    const content = document.querySelector('.cm-content') as unknown as {
      cmTile?: { root?: { view?: EditorView } };
    };
    // CodeMirror's own link from its DOM to its view (what EditorView.findFromDOM reads).
    const view = content.cmTile?.root?.view;
    if (view === undefined) throw new Error('No CodeMirror view found: its internals changed');
    return view.state.doc.toString();
  });
  const markdownIt: number[] = [];
  const renderAndSanitize: number[] = [];
  for (let round = 0; round < 7; round++) {
    markdownIt.push(
      await page.evaluate(
        (text) =>
          (window as unknown as { postwrightBench: BenchHooks }).postwrightBench.render(text),
        body,
      ),
    );
    renderAndSanitize.push(
      await page.evaluate(
        (text) =>
          (window as unknown as { postwrightBench: BenchHooks }).postwrightBench.renderAndSanitize(
            text,
          ),
        body,
      ),
    );
  }
  const modes = new Map<string, number>();
  for (const { detail } of measures.preview)
    modes.set(detail.mode, (modes.get(detail.mode) ?? 0) + 1);
  return {
    build,
    name,
    bytes,
    open,
    firstPreview,
    keystroke: measures.keystroke.map((entry) => (entry.detail === null ? NaN : entry.duration)),
    keystrokeToPaint: measures.keystroke.map((entry) => entry.detail?.toPaint ?? entry.duration),
    probe: measures.probe.map((key) => key.latency),
    preview: measures.preview.map((entry) => entry.duration),
    previewWork: measures.preview.map((entry) => entry.detail.work),
    modes: [...modes].map(([mode, count]) => `${count} ${mode}`).join(', '),
    markdownIt,
    renderAndSanitize,
  };
}

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, index) => cell.padStart(widths[index] ?? 0)).join('  ');
}

async function main(): Promise<void> {
  const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed');
  const pageScript = await build({
    entryPoints: ['tests/bench/editor-page.ts'],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'warning',
  });
  const folder = await mkdtemp(join(tmpdir(), 'postwright-bench-editor-'));
  const example = await examplePost();
  const long = await longPost();
  await writeFile(join(folder, 'go-vs-node.md'), example);
  await writeFile(join(folder, 'a-very-long-post.md'), long);
  const note =
    '---\ntitle: "A short note"\n---\n\nA short note with one line of prose, long enough to type after.\n';
  await writeFile(join(folder, 'a-short-note.md'), note);
  await writeFile(
    join(folder, 'another-post.md'),
    '---\ntitle: "Another post"\n---\n\nAnother post body.\n',
  );
  // The baseline's server runs from its own checkout (serveForBench starts the CLI of the
  // current directory), each build on its own copy of the posts, so neither sees the other's edits.
  const baseline = process.env.POSTWRIGHT_BENCH_BASELINE;
  const builds: { name: string; dir: string; folder: string }[] = [
    { name: 'this', dir: process.cwd(), folder },
  ];
  if (baseline !== undefined && baseline !== '') {
    const baselineFolder = await mkdtemp(join(tmpdir(), 'postwright-bench-editor-base-'));
    await cp(folder, baselineFolder, { recursive: true });
    builds.unshift({ name: 'baseline', dir: resolve(baseline), folder: baselineFolder });
  }
  const here = process.cwd();
  const servers = [];
  for (const target of builds) {
    process.chdir(target.dir);
    try {
      servers.push(await serveForBench(target.folder));
    } finally {
      process.chdir(here);
    }
  }
  const browser = await launchBenchChromium();
  const load = () =>
    loadavg()
      .map((value) => value.toFixed(1))
      .join(' ');
  const loadBefore = load();
  try {
    const pages: Page[] = [];
    for (const server of servers) pages.push(await openBenchPage(browser, server.url, pageScript));
    const posts: [string, RegExp, number][] = [
      // The floor: the same typing in a one-paragraph post, where nothing is costly but the frame.
      ['tiny', /^A short note/, Buffer.byteLength(note)],
      ['example', /^Go vs Node/, Buffer.byteLength(example)],
      ['200 KB', /^A very long post/, Buffer.byteLength(long)],
    ];
    const results: PostStats[] = [];
    // Post by post, each build in turn, so a change in the machine's load hits both alike.
    for (const [name, title, bytes] of posts) {
      for (const [index, page] of pages.entries())
        results.push(await measurePost(page, builds[index]!.name, name, title, bytes));
    }
    // The same typing with the preview hidden: what the preview (and scroll sync) add to a key.
    for (const [index, page] of pages.entries()) {
      await layout(page, 'Editor');
      results.push(
        await measurePost(
          page,
          builds[index]!.name,
          '200 KB, Editor layout',
          /^A very long post/,
          Buffer.byteLength(long),
          false,
        ),
      );
      await layout(page, 'Split');
    }
    const widths = [8, 22, 7, 18, 18, 18, 18, 18, 18, 18, 10];
    console.log(
      `\nload average ${loadBefore} before, ${load()} after (1, 5, 15 min; 2 cores shared)\n`,
    );
    console.log(
      row(
        [
          'build',
          'post',
          'size',
          'keystroke p50/p95',
          'key to paint',
          'bench probe',
          'preview p50/p95',
          'preview work',
          'markdown-it whole',
          'whole+DOMPurify',
          'open',
        ],
        widths,
      ),
    );
    const pair = (values: readonly number[]): string =>
      values.every(Number.isNaN)
        ? 'n/a'
        : `${percentile(values, 50).toFixed(1)} / ${percentile(values, 95).toFixed(1)}`;
    for (const result of results) {
      console.log(
        row(
          [
            result.build,
            result.name,
            `${(result.bytes / 1024).toFixed(0)} KB`,
            pair(result.keystroke),
            pair(result.keystrokeToPaint),
            pair(result.probe),
            pair(result.preview),
            pair(result.previewWork),
            pair(result.markdownIt),
            pair(result.renderAndSanitize),
            result.open.length === 0 ? '' : percentile(result.open, 50).toFixed(0),
          ],
          widths,
        ),
      );
    }
    for (const line of [
      '',
      "All times in ms (p50 / p95). keystroke: the app's measure, key event to just after the next",
      'paint less the idle wait for that frame (n/a: the build does not record it); key to paint: the',
      "app's measure with that wait left in (an older build's own measure, whose end ran late: a",
      'posted message, queued behind rendering and input); bench probe: key to paint less the frame',
      "wait, timed by the bench's script the same way in every build (keys that type text); preview:",
      'edit to patched preview (includes waiting for its turn); preview work: the update alone;',
      'markdown-it whole / whole+DOMPurify: the bare pipeline on the same body, 7 runs in the page;',
      'open: click in the sidebar to the first preview',
    ])
      console.log(line);
    console.log("paint, median of 3 (and the work of the preview's first render within it).");
    for (const result of results) {
      console.log(
        `${result.build} ${result.name}: ${result.keystroke.length} keystrokes, ${result.preview.length} preview updates (${result.modes}), opens ${result.open.map((value) => value.toFixed(0)).join(', ')} ms (first preview work ${result.firstPreview.map((value) => value.toFixed(0)).join(', ')} ms)`,
      );
    }
  } finally {
    await browser.close();
    for (const server of servers) await server.stop();
    for (const target of builds) await rm(target.folder, { recursive: true, force: true });
  }
}

/** A page of the app at `url` with the bench's script in it, its post list shown. */
async function openBenchPage(browser: Browser, url: string, script: BuildResult): Promise<Page> {
  // A context of its own: pages of one context on the same site share a renderer process, and so
  // a main thread, where the other build's work would be timed too. The app's CSP would refuse
  // the bench's script; only this bench page bypasses it.
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    bypassCSP: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(url);
  await page.addScriptTag({ content: script.outputFiles![0]!.text });
  await page.getByRole('navigation', { name: 'Posts' }).getByRole('option').first().waitFor();
  return page;
}

/** Picks a layout with the Layout switch, as an author would. */
async function layout(page: Page, name: 'Editor' | 'Split'): Promise<void> {
  await page.getByRole('radiogroup', { name: 'Layout' }).getByRole('radio', { name }).check();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
