import { readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, makeFolder, serve } from './harness';
import type { Served } from './harness';

const post = (title: string, body: string) =>
  `---\ntitle: "${title}"\ndate: 2024-03-01\npublished: false\n---\n\n${body}\n`;

const lines = Array.from({ length: 14 }, (_, i) => `Paragraph ${i + 1} of the long post.`).join(
  '\n\n',
);

let browser: Browser;
let served: Served | null = null;
let page: Page;
let folder: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});
afterEach(async () => {
  await page.close();
  await served?.stop();
  served = null;
  await rm(folder, { recursive: true, force: true });
  expect(pageErrors.splice(0)).toEqual([]);
});

async function openApp(): Promise<void> {
  folder = await makeFolder({
    'long.md': post('Long post', lines),
    'other.md': post('Other post', 'Other body.'),
  });
  served = await serve(folder);
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(served.url);
  await posts()
    .getByRole('option', { name: /^Long post/ })
    .click();
  await page
    .getByRole('article', { name: 'Preview' })
    .getByText('Paragraph 14 of the long post.')
    .waitFor();
}

const posts = () => page.getByRole('navigation', { name: 'Posts' });
const editor = () => page.getByRole('textbox', { name: 'Post body' });
const banner = () => page.getByRole('alert').filter({ hasText: 'another program' });

/** Where the cursor is: the text of its line and its offset in the document. */
function cursor() {
  return page.evaluate(() => {
    const selection = document.getSelection();
    const line = selection?.anchorNode?.parentElement?.closest('.cm-line')?.textContent ?? '';
    return line;
  });
}

describe('changes made by other programs', () => {
  it('reloads a clean post silently, keeping the cursor line, and updates the list', async () => {
    await openApp();
    await editor().getByText('Paragraph 9 of the long post.').click();
    expect(await cursor()).toBe('Paragraph 9 of the long post.');
    const file = join(folder, 'long.md');
    const changed = (await readFile(file, 'utf8'))
      .replace('title: "Long post"', 'title: "Longer post"')
      .replace('Paragraph 2 of', 'Paragraph two of');
    await writeFile(file, changed);
    await editor().getByText('Paragraph two of the long post.').waitFor();
    await posts()
      .getByRole('option', { name: /^Longer post/ })
      .waitFor();
    expect(await cursor()).toBe('Paragraph 9 of the long post.');
    expect(await banner().count()).toBe(0);
    expect(await page.getByRole('img', { name: 'Unsaved changes' }).count()).toBe(0);
  });

  it('with unsaved edits, asks; Compare shows both; Keep mine writes mine over theirs', async () => {
    await openApp();
    await editor().getByText('Paragraph 14 of the long post.').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Mine.');
    const file = join(folder, 'long.md');
    const theirs = (await readFile(file, 'utf8')).replace('Paragraph 1 of', 'Their paragraph 1 of');
    await writeFile(file, theirs);
    await banner().getByText('This post was changed by another program.').waitFor();
    // Nothing was overwritten on either side.
    expect(await readFile(file, 'utf8')).toBe(theirs);
    await editor().getByText('Paragraph 14 of the long post. Mine.').waitFor();

    await banner().getByRole('button', { name: 'Compare' }).click();
    const differences = page.getByRole('dialog').getByLabel('Differences');
    await differences.getByText('+ Paragraph 14 of the long post. Mine.').waitFor();
    await differences.getByText('− Their paragraph 1 of the long post.').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Keep mine' }).click();
    await page.getByRole('status').getByText('Saved', { exact: true }).waitFor();
    const written = await readFile(file, 'utf8');
    expect(written).toContain('Paragraph 14 of the long post. Mine.');
    expect(written).not.toContain('Their paragraph');
  });

  it('Take theirs replaces the unsaved edits with the file on disk', async () => {
    await openApp();
    await editor().getByText('Paragraph 14 of the long post.').click();
    await page.keyboard.type('Mine ');
    const file = join(folder, 'long.md');
    const theirs = (await readFile(file, 'utf8')).replace('Paragraph 1 of', 'Their paragraph 1 of');
    await writeFile(file, theirs);
    await banner().getByRole('button', { name: 'Take theirs' }).click();
    await editor().getByText('Their paragraph 1 of the long post.').waitFor();
    expect(await page.getByRole('img', { name: 'Unsaved changes' }).count()).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(theirs);
  });

  it('a post deleted while open keeps its text and is written back on save; the list follows', async () => {
    await openApp();
    await editor().getByText('Paragraph 14 of the long post.').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Still here.');
    const file = join(folder, 'long.md');
    await unlink(file);
    await page
      .getByRole('alert')
      .getByText('This post was deleted or moved by another program.')
      .waitFor();
    await posts()
      .getByRole('option', { name: /^Long post/ })
      .waitFor({ state: 'detached' });
    await page.keyboard.press('Control+S');
    await page.getByRole('status').getByText('Saved', { exact: true }).waitFor();
    expect(await readFile(file, 'utf8')).toContain('Paragraph 14 of the long post. Still here.');
    await posts()
      .getByRole('option', { name: /^Long post/ })
      .waitFor();
  });

  it('posts added, renamed and removed by other programs appear and go; our own save raises nothing', async () => {
    await openApp();
    await writeFile(join(folder, 'new.md'), post('Brand new', 'Hello.'));
    await posts()
      .getByRole('option', { name: /^Brand new/ })
      .waitFor();
    await rename(join(folder, 'other.md'), join(folder, 'renamed.md'));
    await posts().locator('[title="renamed.md"]').getByText('Other post').waitFor();
    await posts().locator('[title="other.md"]').waitFor({ state: 'detached' });
    await unlink(join(folder, 'new.md'));
    await posts()
      .getByRole('option', { name: /^Brand new/ })
      .waitFor({ state: 'detached' });

    await editor().getByText('Paragraph 14 of the long post.').click();
    await page.keyboard.type('Saved by us. ');
    await page.keyboard.press('Control+S');
    await page.getByRole('status').getByText('Saved', { exact: true }).waitFor();
    // Give the watcher time to report our own write: it must not look like someone else's.
    await page.waitForTimeout(500);
    expect(await banner().count()).toBe(0);
  });
});
