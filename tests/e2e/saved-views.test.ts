import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appTests, runCli } from './harness';

/** One post file; `extra` lines go in the front matter as written. */
function post(title: string, extra: readonly string[]): string {
  return ['---', `title: "${title}"`, ...extra, '---', '', 'Words.', ''].join('\n');
}

const files: Record<string, string> = {
  'go-intro.md': post('Go intro', ['date: 2024-03-01', 'published: true', 'tags: [go]']),
  'go-deep.md': post('Deep Go', [
    'date: 2024-07-15',
    'published: false',
    'tags: [go, concurrency]',
    'featured: true',
  ]),
  'go-wip.md': post('Go channels', ['date: 2024-08-01', 'published: false', 'tags: [Go]']),
  'rust.md': post('Rust notes', ['date: 2023-11-02', 'published: false', 'tags: [rust]']),
  'trip.md': post('Lisbon walks', [
    'date: 2022-05-20',
    'published: true',
    'tags: [travel]',
    'featured: true',
  ]),
};

const app = appTests();
const listbox = (page: Page) =>
  page.getByRole('navigation', { name: 'Posts' }).getByRole('listbox', { name: 'Posts' });
const views = (page: Page) => page.getByRole('region', { name: 'Saved views' });
const view = (page: Page, name: string) => views(page).getByRole('button', { name, exact: true });

/** Resolves once the page has stored its saved views on the server. */
const stores = (page: Page) =>
  page.waitForResponse(
    (response) =>
      response.url().endsWith('/api/commands/setPreferences') &&
      (response.request().postData() ?? '').includes('savedViews'),
  );

/** The titles the list shows, sorted. */
async function shown(page: Page): Promise<string[]> {
  const labels = await listbox(page)
    .getByRole('option')
    .evaluateAll((options) => options.map((option) => option.getAttribute('aria-label') ?? ''));
  return labels.sort();
}

/** What `postwright list --json` lists with these flags: titles, sorted. */
async function listed(folder: string, flags: readonly string[]): Promise<string[]> {
  const run = await runCli(['list', folder, '--json', ...flags]);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { title: string }[]).map((row) => row.title).sort();
}

describe('saved views', () => {
  it('saves the filters as a named view, applies it with a click, renames and deletes it, remembered per folder', async () => {
    const { folder, served } = await app.serveFolder(files);
    const page = await app.newPage({ failOnDialog: true });
    await page.goto(served.url);
    await listbox(page).getByRole('option', { name: 'Go intro' }).waitFor();
    const goDrafts = await listed(folder, ['--tag', 'go', '--status', 'draft']);
    expect(goDrafts).toEqual(['Deep Go', 'Go channels']);

    // Nothing chosen yet: nothing to save.
    expect(await view(page, 'Save view…').isDisabled()).toBe(true);
    await page
      .getByRole('radio', { name: /^Drafts \d+$/ })
      .locator('xpath=..')
      .click();
    await page
      .getByRole('group', { name: /^Tags/ })
      .getByRole('checkbox', { name: /^go \d+$/i })
      .locator('xpath=..')
      .click();
    await expect.poll(() => shown(page)).toEqual(goDrafts);

    await view(page, 'Save view…').click();
    const save = page.getByRole('dialog', { name: 'Save view' });
    // A built-in's name, in another case, is taken.
    await save.getByRole('textbox', { name: 'View name' }).fill('drafts TO finish');
    await save.getByText('There is already a view named “drafts TO finish”').waitFor();
    expect(await save.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await save.getByRole('textbox', { name: 'View name' }).fill('Go drafts');
    await save.getByRole('button', { name: 'Save' }).click();
    await save.waitFor({ state: 'detached' });
    expect(await view(page, 'Go drafts').getAttribute('aria-pressed')).toBe('true');

    // Another view, then back with one click.
    await view(page, 'Featured').click();
    await expect.poll(() => shown(page)).toEqual(['Deep Go', 'Lisbon walks']);
    expect(await view(page, 'Go drafts').getAttribute('aria-pressed')).toBe('false');
    await view(page, 'Go drafts').click();
    await expect.poll(() => shown(page)).toEqual(goDrafts);

    await views(page).getByRole('button', { name: 'Rename view Go drafts' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename view “Go drafts”' });
    await rename.getByRole('textbox', { name: 'View name' }).fill('Go to finish');
    const stored = stores(page);
    await rename.getByRole('button', { name: 'Rename' }).click();
    await view(page, 'Go to finish').waitFor();

    // Remembered for this folder: the page loaded again (the same server and settings) has it.
    await stored;
    await page.reload();
    await view(page, 'Go to finish').click();
    await expect.poll(() => shown(page)).toEqual(goDrafts);
    const deleted = stores(page);
    await views(page).getByRole('button', { name: 'Delete view Go to finish' }).click();
    await view(page, 'Go to finish').waitFor({ state: 'detached' });
    await deleted;
    await page.reload();
    await view(page, 'Featured').waitFor();
    expect(await view(page, 'Go to finish').count()).toBe(0);
  });
});
