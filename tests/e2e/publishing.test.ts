import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appTests } from './harness';

const almost = [
  '---',
  'title: Almost there',
  'description: A draft that is nearly ready.',
  'date: 2024-02-28',
  'published: false',
  '---',
  '',
  '# Almost there',
  '',
  'Every paragraph is written.',
  '',
].join('\n');

const app = appTests();

const posts = (page: Page) => page.getByRole('navigation', { name: 'Posts' });
const checklist = (page: Page) => page.getByRole('list', { name: 'Ready to publish' });
const checklistItem = (page: Page, label: string) =>
  checklist(page).getByRole('listitem').filter({ hasText: label });
// The form's labels are the keys today; a label "Title" would match as well.
const titleField = (page: Page) => page.getByLabel(/^title$/i);
const publishedField = (page: Page) => page.getByLabel(/^published$/i);
const publishDialog = (page: Page) =>
  page.getByRole('alertdialog', { name: 'Publish with errors?' });

/** Opens the post in a fresh folder; the Node side's checks after the first are held back. */
async function openAlmost(): Promise<{ page: Page; folder: string; release: () => Promise<void> }> {
  const { folder, served } = await app.serveFolder({ 'almost.md': almost });
  const page = await app.newPage({ failOnDialog: true });
  const held: Route[] = [];
  let checks = 0;
  await page.route('**/api/commands/checkPost', async (route) => {
    // The first check (on open) answers; later ones wait, so what shows meanwhile is the renderer's.
    if (++checks === 1) await route.continue();
    else held.push(route);
  });
  await page.goto(served.url);
  await posts(page)
    .getByRole('option', { name: /^Almost there/ })
    .click();
  await page.getByText('Ready to publish', { exact: true }).waitFor();
  const release = async () => {
    await page.unroute('**/api/commands/checkPost');
    await Promise.all(held.splice(0).map((route) => route.continue()));
  };
  return { page, folder, release };
}

async function save(page: Page): Promise<void> {
  await page.keyboard.press('Control+S');
  await page.getByRole('status').getByText('Saved', { exact: true }).waitFor();
}

describe('validation and publishing in the form', () => {
  it('shows a cleared required title at once, in the checklist and the checks, without a save', async () => {
    const { page, release } = await openAlmost();
    expect(await checklistItem(page, 'Title').getByRole('img', { name: 'Done' }).count()).toBe(1);

    await titleField(page).fill('');
    const title = checklistItem(page, 'Title');
    await title.getByRole('img', { name: 'To fix' }).waitFor({ timeout: 2_000 });
    expect(await title.textContent()).toContain('"title" is required; add it.');
    await page.getByText('1 thing to fix before publishing', { exact: true }).waitFor();
    await checklistItem(page, 'No errors').getByRole('img', { name: 'To fix' }).waitFor();
    // The Checks panel follows too, while the Node side's check of the edit is still held back.
    const panel = page.getByRole('region', { name: 'Checks' });
    await panel.getByText('1 error', { exact: true }).waitFor();
    await panel.getByRole('button', { name: /^Error "title" is required/ }).waitFor();
    // The other required and recommended fields are still ticked.
    for (const label of ['Description', 'Date']) {
      expect(await checklistItem(page, label).getByRole('img', { name: 'Done' }).count()).toBe(1);
    }

    await titleField(page).fill('Almost there, again');
    await page.getByText('Ready to publish', { exact: true }).waitFor({ timeout: 2_000 });

    // Each key typed in a field is measured, from the key press to the next paint.
    const measures = () =>
      page.evaluate(() => performance.getEntriesByName('postwright:form', 'measure').length);
    const before = await measures();
    await titleField(page).press('End');
    await page.keyboard.type('!?');
    await expect.poll(measures).toBe(before + 3);
    await release();
  });

  it('asks before publishing a post with errors: Keep as draft leaves it a draft, drafts save freely', async () => {
    const { page, folder, release } = await openAlmost();
    await release();
    await titleField(page).fill('');
    await page.getByText('1 thing to fix before publishing', { exact: true }).waitFor();

    await publishedField(page).click();
    const dialog = publishDialog(page);
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('This post has 1 error:');
    expect(await dialog.getByRole('listitem').allTextContents()).toEqual([
      '"title" is required; add it.',
    ]);
    await dialog.getByRole('button', { name: 'Keep as draft' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await publishedField(page).isChecked()).toBe(false);

    // A draft with an error saves without a question (any browser dialog fails the test too).
    await save(page);
    const text = await readFile(join(folder, 'almost.md'), 'utf8');
    expect(text).toMatch(/^published: false$/m);
    expect(text).not.toMatch(/^title: Almost there$/m);
    expect(await publishDialog(page).count()).toBe(0);
  });

  it('publishes with the errors after "Publish anyway"', async () => {
    const { page, folder, release } = await openAlmost();
    await release();
    await titleField(page).fill('');
    await page.getByText('1 thing to fix before publishing', { exact: true }).waitFor();

    await publishedField(page).click();
    const dialog = publishDialog(page);
    await dialog.getByRole('button', { name: 'Publish anyway' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await publishedField(page).isChecked()).toBe(true);
    await page.getByText('Published with 1 error', { exact: true }).waitFor();
    await save(page);
    expect(await readFile(join(folder, 'almost.md'), 'utf8')).toMatch(/^published: true$/m);
  });

  it('publishes a post without errors at once', async () => {
    const { page, folder, release } = await openAlmost();
    await release();
    await publishedField(page).click();
    await expect.poll(() => publishedField(page).isChecked()).toBe(true);
    expect(await publishDialog(page).count()).toBe(0);
    await save(page);
    expect(await readFile(join(folder, 'almost.md'), 'utf8')).toBe(
      almost.replace('published: false', 'published: true'),
    );
  });
});
