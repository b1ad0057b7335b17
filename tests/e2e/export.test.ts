import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appTests, solidPng } from './harness';

const run = promisify(execFile);

const firstLight = [
  '---',
  'title: First light',
  'description: The morning the sea went quiet.',
  'date: 2024-03-01',
  'published: true',
  'tags: [notes]',
  '---',
  '',
  'The morning was quiet.',
  '',
  '![The shore at dawn](images/shore.png)',
  '',
].join('\n');

/** The config, with comments that editing targets in the app must keep. */
function configFor(repo: string): string {
  return [
    '# Postwright settings for this blog.',
    'export:',
    '  targets:',
    '    # The Next.js site on this laptop',
    '    - name: site',
    `      repo: ${JSON.stringify(repo)}`,
    '      content: content/blogs/{slug}.md # where Next.js reads posts',
    '      images: public/images/blogs',
    '      imageUrl: /images/blogs',
    "      message: 'Publish: {title}'",
    '',
    '# Fields and the rest come later.',
    '',
  ].join('\n');
}

const app = appTests();
const repos: string[] = [];
afterAll(async () => {
  await Promise.all(repos.map((repo) => rm(repo, { recursive: true, force: true })));
});

async function git(repo: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: repo });
  return stdout;
}

/**
 * A site repository in a temp folder: one commit, then an unrelated file staged and README.md
 * changed without staging, as a person in the middle of their own work would leave it.
 */
async function makeRepo(): Promise<string> {
  const repo = await mkdtemp(join(tmpdir(), 'postwright-site-'));
  repos.push(repo);
  await git(repo, 'init', '--quiet', '--initial-branch=main');
  // The export commits with the user's own git set-up; the test's user is this repository's.
  await git(repo, 'config', 'user.name', 'Ana Writer');
  await git(repo, 'config', 'user.email', 'ana@example.com');
  await git(repo, 'config', 'commit.gpgsign', 'false');
  await writeFile(join(repo, 'README.md'), '# My site\n');
  await git(repo, 'add', 'README.md');
  await git(repo, 'commit', '--quiet', '-m', 'Start');
  await mkdir(join(repo, 'drafts'), { recursive: true });
  await writeFile(join(repo, 'drafts/idea.md'), 'Half an idea.\n');
  await git(repo, 'add', 'drafts/idea.md');
  await writeFile(join(repo, 'README.md'), '# My site\n\nWork in progress.\n');
  return repo;
}

/**
 * Serves a posts folder with First light and its image, and a config whose target is `repo`
 * (no config when `repo` is null), and opens the post.
 */
async function openFolder(
  repo: string | null,
  more: Readonly<Record<string, string>> = {},
): Promise<{ page: Page; folder: string; url: string }> {
  const { folder, served } = await app.serveFolder({
    'first-light.md': firstLight,
    ...more,
    ...(repo === null ? {} : { 'postwright.config.yml': configFor(repo) }),
  });
  const image = join(folder, 'images/shore.png');
  await mkdir(dirname(image), { recursive: true });
  await writeFile(image, solidPng(4, 3, [200, 160, 90]));
  const page = await openFirstLight(served.url);
  return { page, folder, url: served.url };
}

/** A new tab on the served app with First light open. */
async function openFirstLight(url: string): Promise<Page> {
  const page = await app.newPage({ failOnDialog: true });
  await page.goto(url);
  await page
    .getByRole('navigation', { name: 'Posts' })
    .getByRole('option', { name: /^First light/ })
    .click();
  await page.getByRole('heading', { name: 'First light', level: 1 }).waitFor();
  return page;
}

/** `count` published posts of some length, so planning them takes far longer than a click. */
function manyPosts(count: number): Record<string, string> {
  const posts: Record<string, string> = {};
  for (let n = 0; n < count; n++) {
    posts[`post-${n}.md`] = firstLight
      .replace('First light', `Morning ${n}`)
      .replace('![The shore at dawn](images/shore.png)', 'Words. '.repeat(300));
  }
  return posts;
}

/** What the page asked the Node side about plans: each plan's answer by request id, and the ids it cancelled. */
interface PlanTraffic {
  readonly answers: Map<string, { readonly posts: number; readonly cancelled: boolean }>;
  /** How many posts each plan asked for (0 for every changed post). */
  readonly asked: Map<string, number>;
  readonly cancels: string[];
}

/** Watches a page's planExport and cancelExport commands (browser mode: each is an HTTP request). */
function watchPlans(page: Page): PlanTraffic {
  const traffic: PlanTraffic = { answers: new Map(), asked: new Map(), cancels: [] };
  const argsOf = (body: string | null): unknown[] => {
    const parsed = JSON.parse(body ?? '{}') as { args?: unknown[] };
    return parsed.args ?? [];
  };
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    const [id, plan] = argsOf(request.postData());
    if (typeof id !== 'string') return;
    if (path === '/api/commands/cancelExport') traffic.cancels.push(id);
    if (path === '/api/commands/planExport') {
      const scope = (plan as { scope: { paths?: unknown[] } }).scope;
      traffic.asked.set(id, scope.paths?.length ?? 0);
    }
  });
  page.on('response', (response) => {
    if (new URL(response.url()).pathname !== '/api/commands/planExport') return;
    const [id] = argsOf(response.request().postData());
    void response
      .json()
      .then((result: { ok: boolean; value?: { posts: unknown[]; cancelled: boolean } }) => {
        if (typeof id === 'string' && result.value !== undefined)
          traffic.answers.set(id, {
            posts: result.value.posts.length,
            cancelled: result.value.cancelled,
          });
      });
  });
  return traffic;
}

const exportDialog = (page: Page) => page.getByRole('dialog', { name: 'Export' });
const plannedFile = (page: Page, path: string) =>
  exportDialog(page).getByRole('row').filter({ hasText: path });

describe('exporting from the app', () => {
  it('shows the plan, exports the open post with its image in one commit, and leaves the rest of the repository alone', async () => {
    const repo = await makeRepo();
    const { page } = await openFolder(repo);

    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = exportDialog(page);
    await expect.poll(() => dialog.getByLabel('Target').inputValue()).toBe('site');
    await expect
      .poll(() => dialog.getByRole('radio', { name: /This post/ }).isChecked())
      .toBe(true);

    // The plan, before anything is written: the post and its image, both new.
    await dialog.getByText('1 post to export: 2 new.').waitFor();
    await plannedFile(page, 'content/blogs/first-light.md').getByText('New').waitFor();
    await plannedFile(page, 'public/images/blogs/shore.png').getByText('New').waitFor();
    const before = await git(repo, 'status', '--porcelain');
    expect(before).toBe(' M README.md\nA  drafts/idea.md\n');
    await dialog.getByText('Commit message: “Publish: First light”').waitFor();
    expect(
      await dialog.getByRole('checkbox', { name: /Commit the exported files/ }).isChecked(),
    ).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: /Push/ }).isChecked()).toBe(false);

    await dialog.getByRole('button', { name: 'Export and commit' }).click();
    const done = page.getByRole('dialog', { name: 'Export finished' });
    await done.getByText('Wrote 2 files and committed.').waitFor();
    // The new commit is the repository's HEAD, and the summary names it by its short id.
    const commit = (await git(repo, 'rev-parse', 'HEAD')).trim();
    expect(await git(repo, 'log', '--format=%s')).toBe('Publish: First light\nStart\n');
    await done.getByText(commit.slice(0, 7), { exact: true }).waitFor();

    // Exactly the post and its image in the commit, with the image link rewritten.
    const stat = await git(repo, 'show', '--stat=200', '--format=%s', commit);
    const changed = stat
      .split('\n')
      .filter((line) => line.includes('|'))
      .map((line) => line.split('|')[0]?.trim())
      .sort();
    expect(changed).toEqual(['content/blogs/first-light.md', 'public/images/blogs/shore.png']);
    expect(stat.split('\n')[0]).toBe('Publish: First light');
    const exported = await git(repo, 'show', `${commit}:content/blogs/first-light.md`);
    expect(exported).toContain('![The shore at dawn](/images/blogs/shore.png)');
    expect(exported).not.toContain('images/shore.png)');
    // Nothing written but the committed files: the working tree matches them.
    expect(await git(repo, 'status', '--porcelain')).toBe(before);

    // The user's own work is as they left it: the staged file still staged, README still unstaged.
    expect(await git(repo, 'diff', '--cached', '--name-only')).toBe('drafts/idea.md\n');
    expect(await git(repo, 'diff', '--name-only')).toBe('README.md\n');

    await done.getByRole('button', { name: 'Done' }).click();
    await done.waitFor({ state: 'detached' });
  });

  it('shows an update as a diff, leaves a file changed by hand alone until Overwrite is ticked, and takes posts with warnings once accepted', async () => {
    const repo = await makeRepo();
    const tide = firstLight
      .replace('First light', 'Tide tables')
      .replace('2024-03-01', '2024-02-11')
      .replace('![The shore at dawn](images/shore.png)', 'The tide turned at four.');
    const winter = tide
      .replace('Tide tables', 'Winter notes')
      .replace('four.', 'four. TODO: photos');
    const { page, folder } = await openFolder(repo, {
      'tide-tables.md': tide,
      'winter-notes.md': winter,
    });
    const dialog = exportDialog(page);
    const everyChanged = dialog.getByRole('radio', { name: /changed since its last export/ });

    // A first export of everything that is ready; the post with a warning waits.
    await page.getByRole('button', { name: 'Export…' }).click();
    await everyChanged.check();
    const warnings = dialog.getByRole('list', { name: 'With warnings (1)' });
    await warnings.getByText('Winter notes').waitFor();
    expect(await dialog.getByRole('row').filter({ hasText: 'winter-notes' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Export and commit' }).click();
    const done = page.getByRole('dialog', { name: 'Export finished' });
    await done.getByText('Wrote 3 files and committed.').waitFor();
    await done.getByRole('button', { name: 'Done' }).click();

    // Then: a post edited in Postwright, and an exported file edited by hand in the repository.
    await writeFile(
      join(folder, 'first-light.md'),
      firstLight.replace('The morning the sea went quiet.', 'Dawn, and nothing moved.'),
    );
    const handEdited = join(repo, 'content/blogs/tide-tables.md');
    const byHand = `${await readFile(handEdited, 'utf8')}\nA line added on GitHub.\n`;
    await writeFile(handEdited, byHand);
    await writeFile(
      join(folder, 'tide-tables.md'),
      tide.replace('The tide turned at four.', 'The tide turned at five.'),
    );

    await page.getByRole('button', { name: 'Export…' }).click();
    await everyChanged.check();
    const update = plannedFile(page, 'content/blogs/first-light.md');
    await update.getByText('Update').waitFor();
    await update
      .getByRole('button', { name: 'Show changes to content/blogs/first-light.md' })
      .click();
    const diff = dialog.getByLabel('Changes to content/blogs/first-light.md');
    await diff.getByText('-description: The morning the sea went quiet.').waitFor();
    await diff.getByText('+description: Dawn, and nothing moved.').waitFor();
    const overwrite = dialog.getByRole('checkbox', {
      name: 'Overwrite content/blogs/tide-tables.md',
    });
    await plannedFile(page, 'content/blogs/tide-tables.md').getByText('Changed by hand').waitFor();
    expect(await overwrite.isChecked()).toBe(false);
    await plannedFile(page, 'public/images/blogs/shore.png').getByText('Unchanged').waitFor();

    // Accepting the warnings plans again, with the held post in.
    await dialog.getByRole('checkbox', { name: 'Export posts with warnings too' }).check();
    await plannedFile(page, 'content/blogs/winter-notes.md').getByText('New').waitFor();

    await dialog.getByRole('button', { name: 'Export and commit' }).click();
    await done.getByText('Wrote 2 files and committed.').waitFor();
    const stat = await git(repo, 'show', '--name-only', '--format=', 'HEAD');
    expect(stat.trim().split('\n').sort()).toEqual([
      'content/blogs/first-light.md',
      'content/blogs/winter-notes.md',
    ]);
    // The file changed by hand was left as the person left it.
    expect(await readFile(handEdited, 'utf8')).toBe(byHand);
    await done.getByRole('button', { name: 'Done' }).click();

    // Ticked, it is overwritten (and only then is Export possible, as nothing else changed).
    await page.getByRole('button', { name: 'Export…' }).click();
    await everyChanged.check();
    await plannedFile(page, 'content/blogs/tide-tables.md').getByText('Changed by hand').waitFor();
    const exportButton = dialog.getByRole('button', { name: 'Export and commit' });
    await dialog
      .getByText('Only files changed by hand differ: tick Overwrite for those to replace.')
      .waitFor();
    expect(await exportButton.isDisabled()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: /Commit the exported files/ }).count()).toBe(
      0,
    );
    await overwrite.check();
    await exportButton.click();
    await done.getByText('Wrote 1 file and committed.').waitFor();
    const overwritten = await readFile(handEdited, 'utf8');
    expect(overwritten).toContain('The tide turned at five.');
    expect(overwritten).not.toContain('A line added on GitHub.');
    expect(await git(repo, 'show', '--name-only', '--format=', 'HEAD')).toBe(
      'content/blogs/tide-tables.md\n',
    );
  });

  it('stops at Cancel with nothing written, and shows progress while exporting many posts', async () => {
    const repo = await makeRepo();
    const before = await git(repo, 'status', '--porcelain');
    const { page } = await openFolder(repo, manyPosts(1500));
    const dialog = exportDialog(page);
    const planned = async (): Promise<void> => {
      await page.getByRole('button', { name: 'Export…' }).click();
      await dialog.getByRole('radio', { name: /The posts the sidebar shows/ }).check();
      await dialog.getByText('1501 posts to export: 1502 new.').waitFor({ timeout: 30_000 });
    };

    // Cancel while planning: the plan stops and says so, and Export stays off. A plan of 1501
    // posts takes far longer than a click, but the plan and the cancel are two requests: should
    // the plan win the race, it is asked for again.
    await page.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByText('1 post to export: 2 new.').waitFor({ timeout: 30_000 });
    let stopped = false;
    for (let attempt = 0; attempt < 3 && !stopped; attempt++) {
      await dialog.getByRole('radio', { name: /The posts the sidebar shows/ }).check();
      await dialog.getByRole('progressbar', { name: 'Planning progress' }).waitFor();
      stopped = await dialog
        .getByRole('button', { name: 'Cancel' })
        .click({ timeout: 5_000 })
        .then(() =>
          dialog.getByText('The plan was cancelled: nothing was written.').waitFor({
            timeout: 30_000,
          }),
        )
        .then(
          () => true,
          () => false,
        );
      if (!stopped) {
        await dialog.getByRole('radio', { name: /This post/ }).check();
        await dialog.getByText('1 post to export: 2 new.').waitFor({ timeout: 30_000 });
      }
    }
    expect(stopped).toBe(true);
    expect(await dialog.getByRole('button', { name: 'Export and commit' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Make the plan again' }).click();
    await dialog.getByText('1501 posts to export: 1502 new.').waitFor({ timeout: 30_000 });
    expect(await git(repo, 'status', '--porcelain')).toBe(before);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Cancel straight away: the export plans again first, and stops before its first file.
    await planned();
    await dialog.getByRole('button', { name: 'Show all 1502 files' }).waitFor();
    await dialog.getByRole('button', { name: 'Export and commit' }).click();
    // Escape does not close a running export: Cancel is the way out.
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const cancelled = page.getByRole('dialog', { name: 'Export cancelled' });
    await cancelled.getByText('Export cancelled: nothing was written or committed.').waitFor({
      timeout: 30_000,
    });
    expect(await git(repo, 'status', '--porcelain')).toBe(before);
    expect(await git(repo, 'log', '--format=%s')).toBe('Start\n');
    await cancelled.getByRole('button', { name: 'Done' }).click();

    // Again, to the end: the progress bar counts the files, then the summary.
    await planned();
    await dialog.getByRole('button', { name: 'Export and commit' }).click();
    const bar = dialog.getByRole('progressbar', { name: 'Export progress' });
    await dialog
      .getByText(
        /^(\d+ of 1502 files prepared|All 1502 files prepared; putting them in place and committing…)$/,
      )
      .waitFor({ timeout: 30_000 });
    expect(Number(await bar.getAttribute('max'))).toBe(1502);
    await page
      .getByRole('dialog', { name: 'Export finished' })
      .getByText('Wrote 1502 files and committed.')
      .waitFor({ timeout: 60_000 });
    expect(await git(repo, 'log', '--format=%s')).toBe('Publish: 1501 posts\nStart\n');
  }, 180_000);

  it("Cancel in one tab stops that tab's plan only: another tab's plan of the same folder goes on to its end", async () => {
    const repo = await makeRepo();
    const before = await git(repo, 'status', '--porcelain');
    const { page: one, url } = await openFolder(repo, manyPosts(1500));
    const two = await openFirstLight(url);
    const dialogs = [exportDialog(one), exportDialog(two)] as const;
    for (const [index, page] of [one, two].entries()) {
      await page.getByRole('button', { name: 'Export…' }).click();
      await dialogs[index]?.getByText('1 post to export: 2 new.').waitFor({ timeout: 30_000 });
    }
    const [first, second] = dialogs;
    const planning = (dialog: typeof first) =>
      dialog.getByRole('progressbar', { name: 'Planning progress' });

    // Both tabs plan every post the sidebar shows; the second tab cancels its own while the
    // first tab's plan is still under way (two plans of 1501 posts share the cores for seconds).
    await first.getByRole('radio', { name: /The posts the sidebar shows/ }).check();
    await planning(first).waitFor();
    await second.getByRole('radio', { name: /The posts the sidebar shows/ }).check();
    await planning(second).waitFor();
    expect(await planning(first).isVisible()).toBe(true);
    await second.getByRole('button', { name: 'Cancel' }).click();
    await second
      .getByText('The plan was cancelled: nothing was written.')
      .waitFor({ timeout: 30_000 });

    // The first tab's plan ends in full, never cancelled by the other tab's Cancel.
    const ended = first.getByText(
      /^(1501 posts to export: 1502 new\.|The plan was cancelled: nothing was written\.)$/,
    );
    await ended.waitFor({ timeout: 60_000 });
    expect(await ended.textContent()).toBe('1501 posts to export: 1502 new.');
    expect(await first.getByRole('button', { name: 'Export and commit' }).isDisabled()).toBe(false);
    expect(await git(repo, 'status', '--porcelain')).toBe(before);
  }, 180_000);

  it('stops a plan on the Node side when a new choice replaces it, and when the dialog closes', async () => {
    const repo = await makeRepo();
    const before = await git(repo, 'status', '--porcelain');
    const { page } = await openFolder(repo, manyPosts(1500));
    const traffic = watchPlans(page);
    const dialog = exportDialog(page);
    const everyShown = dialog.getByRole('radio', { name: /The posts the sidebar shows/ });
    const planning = dialog.getByRole('progressbar', { name: 'Planning progress' });
    /** The request ids of the plans of all 1501 posts, in the order they were asked for. */
    const bigPlans = (): string[] =>
      [...traffic.asked].filter(([, posts]) => posts === 1501).map(([id]) => id);
    /** A plan's answer once it has come, as the test can compare it. */
    const answerOf = (id: string | undefined) => () =>
      id === undefined ? undefined : traffic.answers.get(id);

    await page.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByText('1 post to export: 2 new.').waitFor({ timeout: 30_000 });

    // A new choice while the big plan is under way: the dialog plans the one post at once, and
    // the plan it replaced is cancelled by its id, so it stops instead of running to its end.
    await everyShown.check();
    await planning.waitFor();
    await dialog.getByRole('radio', { name: /This post/ }).check();
    await dialog.getByText('1 post to export: 2 new.').waitFor({ timeout: 30_000 });
    expect(await dialog.getByText('The plan was cancelled').count()).toBe(0);
    const [replaced] = bigPlans();
    expect(replaced).toBeDefined();
    await expect
      .poll(answerOf(replaced), { timeout: 30_000 })
      .toEqual({ posts: 0, cancelled: true });
    expect(traffic.cancels).toContain(replaced);

    // Closing the dialog while it plans stops its plan too.
    await everyShown.check();
    await planning.waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    const closed = bigPlans()[1];
    expect(closed).toBeDefined();
    await expect.poll(answerOf(closed), { timeout: 30_000 }).toEqual({ posts: 0, cancelled: true });
    expect(traffic.cancels).toContain(closed);
    // The plans that finished were not cancelled: only those two were.
    expect(traffic.cancels.filter((id) => id !== replaced && id !== closed)).toEqual([]);
    expect(await git(repo, 'status', '--porcelain')).toBe(before);
  }, 180_000);

  it('will not start when the target folder is not a git repository, and says why', async () => {
    const plain = await mkdtemp(join(tmpdir(), 'postwright-not-a-repo-'));
    repos.push(plain);
    const { page } = await openFolder(plain);

    await page.keyboard.press('Control+Shift+E');
    const dialog = exportDialog(page);
    const blockers = dialog.getByRole('alert').filter({ hasText: 'Export cannot start' });
    await blockers.getByText(/git repository/i).waitFor();
    expect(await dialog.getByRole('button', { name: 'Export and commit' }).isDisabled()).toBe(true);

    // Escape closes it (nothing is running), and nothing was written into the folder.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await readdir(plain)).toEqual([]);
  });
});

describe('export targets', () => {
  it("edits a target in the settings dialog, refusing bad input beside its field, and keeps the config file's comments", async () => {
    const repo = await makeRepo();
    const { page, folder } = await openFolder(repo);
    const configPath = join(folder, 'postwright.config.yml');
    const original = await readFile(configPath, 'utf8');

    await page.getByRole('button', { name: 'Export…' }).click();
    await exportDialog(page).getByRole('button', { name: 'Export targets…' }).click();
    const targets = page.getByRole('dialog', { name: 'Export targets' });
    await targets
      .getByRole('list', { name: 'Targets' })
      .getByText('site', { exact: true })
      .waitFor();
    await targets.getByRole('button', { name: 'Edit site' }).click();

    // Bad input: a message beside the field, and nothing written.
    const content = targets.getByLabel('Content path');
    expect(await content.inputValue()).toBe('content/blogs/{slug}.md');
    await content.fill('../outside/{slug}.md');
    await targets.getByLabel('Public URL of the image folder').fill('images/blogs');
    await targets.getByRole('button', { name: 'Save target' }).click();
    await targets.getByText('The content path leaves the repository with "..".').waitFor();
    await targets.getByText('Start the URL with /').waitFor();
    expect(await content.getAttribute('aria-invalid')).toBe('true');
    expect(await readFile(configPath, 'utf8')).toBe(original);

    await content.fill('content/posts/{year}/{slug}.md');
    await targets.getByLabel('Public URL of the image folder').fill('/images/blogs');
    await targets.getByLabel('Keys to drop').fill('notes, reading_time');
    await targets.getByLabel('Commit message').fill('New post: {title}');
    await targets.getByRole('button', { name: 'Add a rename' }).click();
    await targets.getByLabel('Rename 1: Key').fill('tags');
    await targets.getByLabel('Rename 1: Exported as').fill('topics');
    await targets.getByRole('button', { name: 'Save target' }).click();
    await targets.getByRole('status').getByText('Saved “site”.').waitFor();

    const saved = await readFile(configPath, 'utf8');
    // The setting's own lines are rewritten; everything before and after them stays byte for byte.
    expect(saved.startsWith('# Postwright settings for this blog.\nexport:\n')).toBe(true);
    expect(saved.endsWith('\n# Fields and the rest come later.\n')).toBe(true);
    // Inside the section too: the comments, the untouched settings as written, a changed value
    // in its quotes with its comment.
    const lines = saved.split('\n');
    expect(lines).toContain('    # The Next.js site on this laptop');
    expect(lines).toContain('    - name: site');
    expect(lines).toContain(`      repo: ${JSON.stringify(repo)}`);
    expect(lines).toContain(
      '      content: content/posts/{year}/{slug}.md # where Next.js reads posts',
    );
    expect(lines).toContain('      images: public/images/blogs');
    expect(lines).toContain("      message: 'New post: {title}'");
    const parsed = parse(saved) as { export: { targets: Record<string, unknown>[] } };
    expect(parsed.export.targets).toHaveLength(1);
    expect(parsed.export.targets[0]).toMatchObject({
      name: 'site',
      repo,
      content: 'content/posts/{year}/{slug}.md',
      images: 'public/images/blogs',
      imageUrl: '/images/blogs',
      drop: ['notes', 'reading_time'],
      rename: { tags: 'topics' },
      message: 'New post: {title}',
    });

    // Saving again without a change writes nothing.
    await targets.getByRole('button', { name: 'Edit site' }).click();
    await targets.getByRole('button', { name: 'Save target' }).click();
    await targets.getByRole('status').getByText('No changes to save.').waitFor();
    expect(await readFile(configPath, 'utf8')).toBe(saved);

    // Back in Export, the plan follows the edited target.
    await targets.getByRole('button', { name: 'Done' }).click();
    await targets.waitFor({ state: 'detached' });
    await exportDialog(page)
      .getByRole('row')
      .filter({ hasText: 'content/posts/2024/first-light.md' })
      .waitFor();
  });

  it("offers to add a target when there is none, and plans with the new one (opened from the post's menu)", async () => {
    const repo = await makeRepo();
    const { page, folder } = await openFolder(null);
    await page
      .getByRole('navigation', { name: 'Posts' })
      .getByRole('button', { name: 'Actions for First light' })
      .click();
    await page
      .getByRole('menu', { name: 'Actions for First light' })
      .getByRole('menuitem', { name: 'Export…' })
      .click();
    const dialog = exportDialog(page);
    await dialog.getByText('No export targets yet.').waitFor();
    await dialog.getByRole('button', { name: 'Add a target…' }).click();

    const targets = page.getByRole('dialog', { name: 'Export targets' });
    await targets.getByLabel('Name').fill('blog');
    await targets.getByLabel('Repository folder').fill(repo);
    await targets.getByLabel('Content path').fill('_posts/{date}-{slug}.md');
    await targets.getByRole('button', { name: 'Add target' }).click();
    await targets.getByRole('status').getByText('Added “blog”.').waitFor();
    await targets.getByRole('button', { name: 'Done' }).click();

    await expect.poll(() => dialog.getByLabel('Target').inputValue()).toBe('blog');
    expect(await dialog.getByRole('radio', { name: /This post/ }).isChecked()).toBe(true);
    await dialog.getByRole('row').filter({ hasText: '_posts/2024-03-01-first-light.md' }).waitFor();
    const config = parse(await readFile(join(folder, 'postwright.config.yml'), 'utf8')) as {
      export: { targets: { name: string }[] };
    };
    expect(config.export.targets.map((target) => target.name)).toEqual(['blog']);
  });
});
