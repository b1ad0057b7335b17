import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appTests, makeFolder, runCli } from './harness';

/** One post file; `extra` lines go in the front matter as written. */
function post(title: string, extra: readonly string[], body = 'Some words for the body.'): string {
  return ['---', `title: "${title}"`, ...extra, '---', '', body, ''].join('\n');
}

/** A folder with known tags (in two spellings), statuses, categories, dates and featured posts. */
const files: Record<string, string> = {
  'go-intro.md': post('Go intro', [
    'date: 2024-03-01',
    'published: true',
    'tags: [Go, intro]',
    'category: Technology',
  ]),
  'go-deep.md': post(
    'Deep Go',
    [
      'date: 2024-07-15',
      'published: false',
      'tags: [go, concurrency]',
      'category: technology',
      'featured: true',
    ],
    'Channels and goroutines, with a worked example.',
  ),
  'rust-notes.md': post('Rust notes', [
    'date: 2023-11-02',
    'published: true',
    'tags: [rust]',
    'category: Technology',
  ]),
  'coming-soon.md': post('Coming soon', [
    'date: 2099-01-01',
    'published: true',
    'tags: [go, news]',
    'category: News',
    'featured: true',
  ]),
  'lisbon.md': post('Lisbon walks', [
    'date: 2022-05-20',
    'published: true',
    'tags: [travel]',
    'category: Travel',
  ]),
  'hiking.md': post('Hiking in Scotland', [
    'date: 2022-08-03',
    'published: false',
    'tags: [Travel, hiking]',
    'category: travel',
  ]),
  'bad-date.md': post('Bad date', [
    'date: 2024-02-30',
    'published: true',
    'tags: [go]',
    'category: Technology',
  ]),
  'undated.md': post('Undated thoughts', ['published: false', 'tags: []']),
};

/** What `postwright list --json` prints for each post (the fields the sidebar filters on). */
interface Listed {
  readonly path: string;
  readonly title: string;
  readonly date: string;
  readonly status: 'draft' | 'published';
  readonly featured: boolean;
  readonly errors: number;
  readonly warnings: number;
}

async function listed(folder: string, flags: readonly string[] = []): Promise<Listed[]> {
  const run = await runCli(['list', folder, '--json', ...flags]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Listed[];
}

const titles = (rows: readonly Listed[]): string[] => rows.map((row) => row.title).sort();

const app = appTests();
const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Posts' });
const listbox = (page: Page) => sidebar(page).getByRole('listbox', { name: 'Posts' });

/** The titles the list shows, in its order. */
async function shown(page: Page): Promise<string[]> {
  return listbox(page)
    .getByRole('option')
    .evaluateAll((options) => options.map((option) => option.getAttribute('aria-label') ?? ''));
}

async function expectShown(page: Page, expected: readonly string[]): Promise<void> {
  await expect.poll(async () => (await shown(page)).sort()).toEqual([...expected].sort());
}

const status = (page: Page, name: string) =>
  page.getByRole('radio', { name: new RegExp(`^${name} \\d+$`) });
const tag = (page: Page, name: string) =>
  page
    .getByRole('group', { name: /^Tags/ })
    .getByRole('checkbox', { name: new RegExp(`^${name} \\d+$`, 'i') });

/** The count shown beside a filter (the last number in its name). */
async function countOf(locator: ReturnType<Page['getByRole']>): Promise<number> {
  const text = (await locator.evaluate((input) => input.closest('label')?.textContent ?? '')) ?? '';
  return Number(/(\d+)\s*$/.exec(text)?.[1]);
}

/** Clicks a filter's pill (its input is visually hidden inside the label, as a person sees it). */
async function toggle(locator: ReturnType<Page['getByRole']>): Promise<void> {
  await locator.locator('xpath=..').click();
}

async function openApp(): Promise<{ page: Page; folder: string }> {
  const { folder, served } = await app.serveFolder(files);
  const page = await app.newPage();
  await page.goto(served.url);
  await listbox(page).getByRole('option', { name: 'Go intro' }).waitFor();
  return { page, folder };
}

let folder = '';
let all: Listed[] = [];
const today = new Date().toISOString().slice(0, 10);
beforeAll(async () => {
  folder = await makeFolder(files);
  all = await listed(folder);
});

describe('the sidebar filters', () => {
  it('each status shows exactly its posts, with its count, as the CLI lists them', async () => {
    const { page } = await openApp();
    const expected: Record<string, Listed[]> = {
      All: all,
      Drafts: await listed(folder, ['--status', 'draft']),
      Published: await listed(folder, ['--status', 'published']),
      Scheduled: all.filter((row) => row.status === 'published' && row.date.slice(0, 10) > today),
      Featured: all.filter((row) => row.featured),
      'With problems': all.filter((row) => row.errors + row.warnings > 0),
    };
    expect(titles(expected.Scheduled ?? [])).toEqual(['Coming soon']);
    expect(expected['With problems']?.map((row) => row.title)).toContain('Bad date');
    for (const [name, rows] of Object.entries(expected)) {
      await toggle(status(page, name));
      await expectShown(page, titles(rows));
      expect(await countOf(status(page, name)), name).toBe(rows.length);
    }
    // The scheduled post's badge says so.
    await toggle(status(page, 'All'));
    await listbox(page)
      .getByRole('option', { name: 'Coming soon' })
      .getByText('Scheduled')
      .waitFor();
    await listbox(page)
      .getByRole('option', { name: 'Deep Go' })
      .getByRole('img', { name: 'Featured post' })
      .waitFor();
  });

  it('tags (ignoring case, all or any), category and year/month filter and combine like the CLI', async () => {
    const { page } = await openApp();
    const go = await listed(folder, ['--tag', 'go']);
    await toggle(tag(page, 'Go'));
    await expectShown(page, titles(go));
    expect(await countOf(tag(page, 'Go'))).toBe(go.length);

    const goNews = await listed(folder, ['--tag', 'go', '--tag', 'NEWS']);
    await toggle(tag(page, 'news'));
    await expectShown(page, titles(goNews));

    await page.getByRole('checkbox', { name: 'Match any' }).check();
    await expectShown(page, titles(go));
    await page.getByRole('checkbox', { name: 'Match any' }).uncheck();
    await toggle(tag(page, 'news'));

    const goTechPublished = await listed(folder, [
      '--tag',
      'go',
      '--category',
      'technology',
      '--status',
      'published',
    ]);
    // The category's count is what it would leave given the other filters (the tag).
    const goTech = await listed(folder, ['--tag', 'go', '--category', 'Technology']);
    const category = page.getByRole('combobox', { name: 'Filter by category' });
    const label =
      (await category
        .locator('option')
        .filter({ hasText: /^technology \(/i })
        .textContent()) ?? '';
    expect(label).toMatch(new RegExp(`\\(${goTech.length}\\)$`));
    await category.selectOption({ label });
    await expectShown(page, titles(goTech));
    await toggle(status(page, 'Published'));
    await expectShown(page, titles(goTechPublished));

    await page.getByRole('button', { name: 'Clear all' }).click();
    await expectShown(page, titles(all));

    await page.getByRole('combobox', { name: 'Filter by year' }).selectOption('2024');
    await expectShown(page, titles(all.filter((row) => row.date.startsWith('2024'))));
    await page.getByRole('combobox', { name: 'Filter by month' }).selectOption('7');
    await expectShown(page, ['Deep Go']);
  });

  it('chips remove one filter each; Clear all removes every one', async () => {
    const { page } = await openApp();
    await toggle(status(page, 'Drafts'));
    await toggle(tag(page, 'travel'));
    await expectShown(page, ['Hiking in Scotland']);
    const chips = page.getByRole('list', { name: 'Active filters' });
    await chips.getByRole('button', { name: 'Remove filter Drafts' }).click();
    await expectShown(page, ['Hiking in Scotland', 'Lisbon walks']);
    await chips.getByRole('button', { name: /^Remove filter Tag: travel/i }).click();
    await expectShown(page, titles(all));
    expect(await chips.count()).toBe(0);
  });

  it('search finds a title word, highlighted, combined with the other filters', async () => {
    const { page } = await openApp();
    await page.getByRole('searchbox', { name: 'Search posts' }).fill('scot');
    await expectShown(page, ['Hiking in Scotland']);
    expect(
      await listbox(page)
        .getByRole('option', { name: 'Hiking in Scotland' })
        .locator('mark')
        .textContent(),
    ).toBe('Scotland');
    await page.getByRole('searchbox', { name: 'Search posts' }).fill('go');
    await expectShown(page, ['Bad date', 'Coming soon', 'Deep Go', 'Go intro']);
    await toggle(status(page, 'Drafts'));
    await expectShown(page, ['Deep Go']);
  });

  it('search finds a word from a body, with prefix and typo tolerance', async () => {
    const { page } = await openApp();
    await page.getByRole('searchbox', { name: 'Search posts' }).fill('gorutines');
    await expectShown(page, ['Deep Go']);
  });

  it('remembers the filters and sort for the folder after a reload', async () => {
    const { page } = await openApp();
    // Stored a moment after the last change, in one request.
    const stored = page.waitForResponse((response) => response.url().includes('/setPreferences'));
    await toggle(tag(page, 'go'));
    await page.getByRole('combobox', { name: 'Sort' }).selectOption('title');
    await expectShown(page, titles(await listed(folder, ['--tag', 'go'])));
    await stored;
    await page.reload();
    await listbox(page).getByRole('option', { name: 'Go intro' }).waitFor();
    await expectShown(page, titles(await listed(folder, ['--tag', 'go'])));
    expect(await shown(page)).toEqual(['Bad date', 'Coming soon', 'Deep Go', 'Go intro']);
    expect(await page.getByRole('combobox', { name: 'Sort' }).inputValue()).toBe('title');
    expect(await tag(page, 'Go').isChecked()).toBe(true);
  });
});

describe('the sidebar by keyboard', () => {
  it('arrows move, Home and End jump, Enter opens; typing goes to the search box', async () => {
    const { page } = await openApp();
    const order = await shown(page);
    expect(order[0]).toBe('Coming soon');
    const focused = () =>
      page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
    await listbox(page).getByRole('option', { name: order[0] }).focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toBe(order[1]);
    await page.keyboard.press('End');
    await expect.poll(focused).toBe(order.at(-1));
    await page.keyboard.press('Home');
    await expect.poll(focused).toBe(order[0]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        listbox(page).getByRole('option', { name: order[1] }).getAttribute('aria-selected'),
      )
      .toBe('true');
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(order[1]);

    await listbox(page).getByRole('option', { name: order[1] }).focus();
    await page.keyboard.type('lis');
    const search = page.getByRole('searchbox', { name: 'Search posts' });
    expect(await search.inputValue()).toBe('lis');
    await expectShown(page, ['Lisbon walks']);
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toBe('Lisbon walks');
    // Shift+F10 opens the row's menu.
    await page.keyboard.press('Shift+F10');
    await page.getByRole('menu', { name: 'Actions for Lisbon walks' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(focused).toBe('Lisbon walks');
  });
});
