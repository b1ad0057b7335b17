import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diffLines } from 'diff';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appTests } from './harness';

// In the example post's shape, with a key the schema does not know and a nested map.
const goPost = [
  '---',
  'title: "Go concurrency patterns that scale"',
  'description: "Worker pools, fan-out and backpressure in production Go services."',
  'date: 2026-11-20',
  'tags: [go, concurrency, backend]',
  'category: Engineering',
  'image: /images/blogs/go-concurrency.png',
  'external_url: https://medium.com/@me/go-concurrency',
  'reading_time: "1 min read"',
  'published: false',
  'featured: true',
  'series: go-in-production',
  'seo:',
  '  canonical: https://example.com/go',
  '  keywords: [go, channels]',
  '---',
  '',
  '# Go concurrency patterns',
  '',
  'Goroutines are cheap to start, but a service that starts one per request without a limit',
  'will fall over under load.',
  '',
].join('\n');

const rustPost = [
  '---',
  "title: 'Rust for Go developers'",
  'date: 2026-10-02T09:30:00+02:00',
  'tags:',
  '  - rust',
  '  - go',
  '  - memory',
  'category: Languages',
  'published: true',
  '---',
  '',
  'Ownership, in short.',
  '',
].join('\n');

const files = { 'go-concurrency.md': goPost, 'rust-for-go.md': rustPost };

const app = appTests();

const posts = (page: Page) => page.getByRole('navigation', { name: 'Posts' });
const unsavedMarkers = (page: Page) => page.getByRole('img', { name: 'Unsaved changes' });

/** Opens the app on a fresh copy of the posts, with autosave off so every write is a test's own. */
async function openPost(
  title: string,
  extraFiles: Readonly<Record<string, string>> = {},
): Promise<{ page: Page; folder: string }> {
  const { folder, served } = await app.serveFolder({ ...files, ...extraFiles });
  const page = await app.newPage();
  await page.goto(served.url);
  const autosave = page.getByRole('switch', { name: 'Autosave' });
  await autosave.uncheck();
  await posts(page)
    .getByRole('option', { name: new RegExp(`^${title}`) })
    .click();
  await page.getByLabel('Title', { exact: true }).waitFor();
  return { page, folder };
}

async function save(page: Page): Promise<void> {
  await unsavedMarkers(page).first().waitFor();
  await page.keyboard.press('Control+S');
  await page.getByRole('status').getByText('Saved', { exact: true }).waitFor();
  await unsavedMarkers(page).first().waitFor({ state: 'detached' });
}

/** The lines a save removed and added, compared line by line. */
function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const removed: string[] = [];
  const added: string[] = [];
  for (const part of diffLines(before, after)) {
    const lines = part.value.replace(/\n$/, '').split('\n');
    if (part.removed) removed.push(...lines);
    else if (part.added) added.push(...lines);
  }
  return { removed, added };
}

/** Runs an edit, saves, and expects the file to differ by exactly these lines. */
async function expectEdit(
  page: Page,
  path: string,
  edit: () => Promise<void>,
  expected: { removed: string[]; added: string[] },
): Promise<void> {
  const before = await readFile(path, 'utf8');
  await edit();
  await save(page);
  expect(lineDiff(before, await readFile(path, 'utf8'))).toEqual(expected);
}

describe('the front matter form', () => {
  it('changes each kind of field through its control and writes only that field', async () => {
    const { page, folder } = await openPost('Go concurrency');
    const file = join(folder, 'go-concurrency.md');
    const field = (label: string) => page.getByLabel(label, { exact: true });

    // Text: the slug and the counter follow the title.
    await expectEdit(
      page,
      file,
      async () => {
        await field('Title').fill('Go concurrency, the patterns that scale');
        await page.getByText('go-concurrency-the-patterns-that-scale').waitFor();
      },
      {
        removed: ['title: "Go concurrency patterns that scale"'],
        added: ['title: "Go concurrency, the patterns that scale"'],
      },
    );
    await expectEdit(
      page,
      file,
      () => field('Description').fill('Worker pools and backpressure.'),
      {
        removed: [
          'description: "Worker pools, fan-out and backpressure in production Go services."',
        ],
        added: ['description: "Worker pools and backpressure."'],
      },
    );
    // A date stays a plain date.
    await expectEdit(page, file, () => field('Date').fill('2026-11-21'), {
      removed: ['date: 2026-11-20'],
      added: ['date: 2026-11-21'],
    });
    await expectEdit(page, file, () => field('Category').fill('Languages'), {
      removed: ['category: Engineering'],
      added: ['category: Languages'],
    });
    await expectEdit(page, file, () => field('Image').fill('/images/blogs/pools.png'), {
      removed: ['image: /images/blogs/go-concurrency.png'],
      added: ['image: /images/blogs/pools.png'],
    });
    await expectEdit(page, file, () => field('External URL').fill('https://dev.to/me/go'), {
      removed: ['external_url: https://medium.com/@me/go-concurrency'],
      added: ['external_url: https://dev.to/me/go'],
    });
    // Switches.
    await expectEdit(page, file, () => field('Featured').click(), {
      removed: ['featured: true'],
      added: ['featured: false'],
    });
    expect(await field('Featured').getAttribute('aria-checked')).toBe('false');
    // A key the schema does not know, shown by its value.
    await expectEdit(page, file, () => field('Series').fill('go-at-scale'), {
      removed: ['series: go-in-production'],
      added: ['series: go-at-scale'],
    });
  });

  it('shows published as the status and the sidebar follows a save', async () => {
    const { page, folder } = await openPost('Go concurrency');
    const status = page.getByRole('switch', { name: 'Published', exact: true });
    expect(await status.getAttribute('aria-checked')).toBe('false');
    expect(await status.textContent()).toContain('Draft');
    const row = posts(page).getByRole('option', { name: /^Go concurrency/ });
    await row.getByText('Draft', { exact: true }).waitFor();

    await expectEdit(
      page,
      join(folder, 'go-concurrency.md'),
      async () => {
        await status.focus();
        await page.keyboard.press('Space');
        await expect.poll(() => status.textContent()).toContain('Published');
      },
      { removed: ['published: false'], added: ['published: true'] },
    );
    await row.getByText('Published', { exact: true }).waitFor();
  });

  it('adds tags from the folder and new ones, removes and reorders them, keeping the list style', async () => {
    const { page, folder } = await openPost('Go concurrency');
    const tags = page.getByRole('combobox', { name: 'Tags' });
    expect(await tags.getAttribute('aria-autocomplete')).toBe('list');

    await expectEdit(
      page,
      join(folder, 'go-concurrency.md'),
      async () => {
        // From the folder's tags, with its count.
        await tags.fill('mem');
        const option = page.getByRole('option', { name: /^memory/ });
        expect(await option.textContent()).toBe('memory1');
        await page.keyboard.press('ArrowDown');
        expect(await option.getAttribute('aria-selected')).toBe('true');
        await page.keyboard.press('Enter');
        // A new tag, with a comma; another with Enter.
        await tags.pressSequentially('channels,');
        await tags.pressSequentially('pools');
        await page.keyboard.press('Enter');
        // Click a chip's remove button; Backspace in the empty box removes the last one.
        await page.getByRole('button', { name: 'Remove tag concurrency' }).click();
        await tags.focus();
        await page.keyboard.press('Backspace');
        // Alt+Left moves a focused chip; Delete removes one.
        await page.getByText('channels', { exact: true }).focus();
        await page.keyboard.press('Alt+ArrowLeft');
        await page.getByText('backend', { exact: true }).focus();
        await page.keyboard.press('Delete');
      },
      {
        removed: ['tags: [go, concurrency, backend]'],
        added: ['tags: [go, channels, memory]'],
      },
    );
  });

  it('keeps a block list a block list', async () => {
    const { page, folder } = await openPost('Rust for Go');
    await expectEdit(
      page,
      join(folder, 'rust-for-go.md'),
      async () => {
        await page.getByRole('button', { name: 'Remove tag go' }).click();
      },
      { removed: ['  - go'], added: [] },
    );
  });

  it('says what is wrong with a web address as it is typed', async () => {
    const { page } = await openPost('Go concurrency');
    const url = page.getByLabel('External URL', { exact: true });
    await url.fill('medium.com/@me/go');
    const message = page.getByText('Start the address with https:// or http://.');
    await message.waitFor();
    expect(await url.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await url.getAttribute('aria-describedby')) ?? '';
    expect(describedBy.split(' ')).toContain(await message.getAttribute('id'));
    expect(await page.getByRole('button', { name: 'Open', exact: true }).isDisabled()).toBe(true);
    await url.fill('https://medium.com/@me/go');
    await message.waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: 'Open', exact: true }).isEnabled()).toBe(true);
  });

  it('keeps the reading time automatic, pins a typed one and resets it', async () => {
    const { page, folder } = await openPost('Go concurrency');
    const file = join(folder, 'go-concurrency.md');
    const readingTime = page.getByLabel('Reading time', { exact: true });
    await page.getByText('1 min read · automatic').waitFor();
    await expectEdit(page, file, () => readingTime.fill('9 min read'), {
      removed: ['reading_time: "1 min read"'],
      added: ['reading_time: "9 min read"'],
    });
    await page.getByText('Pinned · the body reads in 1 min read').waitFor();
    await expectEdit(
      page,
      file,
      () => page.getByRole('button', { name: 'Reset to automatic' }).click(),
      { removed: ['reading_time: "9 min read"'], added: ['reading_time: "1 min read"'] },
    );
    await page.getByText('1 min read · automatic').waitFor();
  });

  it('shows a nested map as YAML, checks what is typed there and saves it in its entry only', async () => {
    const { page, folder } = await openPost('Go concurrency');
    const seo = page.getByLabel('SEO', { exact: true });
    expect(await seo.inputValue()).toBe(
      'canonical: https://example.com/go\nkeywords:\n  - go\n  - channels',
    );
    await seo.fill('canonical: [oops');
    await page.getByText(/^Not YAML yet: Line 1/).waitFor();
    expect(await seo.getAttribute('aria-invalid')).toBe('true');

    // Valid YAML is written as the value: the entry's own lines change, in the file's styles.
    await expectEdit(
      page,
      join(folder, 'go-concurrency.md'),
      async () => {
        await seo.fill(
          'canonical: https://example.com/go-at-scale\nkeywords:\n  - go\n  - channels\nrobots: noindex',
        );
        await page.getByText(/^Not YAML yet/).waitFor({ state: 'detached' });
      },
      {
        removed: ['  canonical: https://example.com/go'],
        added: ['  canonical: https://example.com/go-at-scale', '  robots: noindex'],
      },
    );
    expect(await seo.getAttribute('aria-invalid')).toBeNull();
  });

  it('shows a required field the post lacks as an empty field in schema order; typing adds only its line', async () => {
    const { page, folder } = await openPost('Rust for Go', {
      'postwright.config.yml': 'fields:\n  description:\n    required: true\n',
    });
    const file = join(folder, 'rust-for-go.md');
    const description = page.getByLabel('Description', { exact: true });
    expect(await description.inputValue()).toBe('');
    const shell = page.locator('.fm-field[data-key="description"]');
    await shell.getByText('not in the post yet').waitFor();
    // Where it will be written: after the title, before the date.
    const shownKeys = await page
      .locator('.fm-field')
      .evaluateAll((fields) => fields.map((field) => field.getAttribute('data-key')));
    expect(shownKeys.slice(0, 3)).toEqual(['title', 'description', 'date']);
    // The required problem shows at the empty field, tied to its control.
    const message = shell.getByText('"description" is required; add it.');
    await message.waitFor();
    expect(await description.getAttribute('aria-invalid')).toBe('true');
    expect((await description.getAttribute('aria-describedby'))?.split(' ')).toContain(
      await message.getAttribute('id'),
    );
    // Focusing it writes nothing; nor does typing and clearing again.
    await description.focus();
    await page.keyboard.type('x');
    await unsavedMarkers(page).first().waitFor();
    await page.keyboard.press('Backspace');
    await unsavedMarkers(page).first().waitFor({ state: 'detached' });
    await shell.getByText('not in the post yet').waitFor();

    await expectEdit(
      page,
      file,
      async () => {
        await page.keyboard.type('Ownership for Go developers');
        await message.waitFor({ state: 'detached' });
      },
      { removed: [], added: ['description: Ownership for Go developers'] },
    );
    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines.slice(1, 4)).toEqual([
      "title: 'Rust for Go developers'",
      'description: Ownership for Go developers',
      'date: 2026-10-02T09:30:00+02:00',
    ]);
    expect(await shell.getByText('not in the post yet').count()).toBe(0);
    // Other schema fields the post lacks are still offered under "Add field".
    await page.getByRole('button', { name: '+ Add field' }).click();
    const offered = await page
      .locator('.fm-form datalist option')
      .evaluateAll((options) => options.map((option) => option.getAttribute('value')));
    expect(offered).toContain('excerpt');
    expect(offered).not.toContain('description');
  });

  it('adds a field, refusing bad and duplicate names, and removes one', async () => {
    const { page, folder } = await openPost('Go concurrency');
    const file = join(folder, 'go-concurrency.md');
    await page.getByRole('button', { name: '+ Add field' }).click();
    const name = page.getByLabel('Field name');
    await name.fill('title');
    await page.keyboard.press('Enter');
    await page.getByText('This post already has a field "title".').waitFor();
    await name.fill('sub title');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText(/^Use letters, digits/).waitFor();

    await expectEdit(
      page,
      file,
      async () => {
        await name.fill('subtitle');
        await page.getByLabel('Kind').selectOption('text');
        await page.keyboard.press('Enter');
        const subtitle = page.getByLabel('Subtitle', { exact: true });
        await expect
          .poll(() => subtitle.evaluate((el) => el === document.activeElement))
          .toBe(true);
        await page.keyboard.type('In production');
      },
      { removed: [], added: ['subtitle: In production'] },
    );

    await expectEdit(
      page,
      file,
      () =>
        page
          .locator('.fm-field[data-key="series"]')
          .getByRole('button', { name: 'Remove field' })
          .click(),
      { removed: ['series: go-in-production'], added: [] },
    );
    await page.getByLabel('Series', { exact: true }).waitFor({ state: 'detached' });
  });
});
