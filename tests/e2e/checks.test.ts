import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appTests } from './harness';

// No `date` (required: an error on line 1) and a TODO on line 11 (a warning).
const halfDone = [
  '---',
  'title: Half done',
  'description: A post that is not finished yet.',
  'published: false',
  '---',
  '',
  '# Half done',
  '',
  'The first part is written.',
  '',
  'TODO: write the ending.',
  '',
  'The last paragraph.',
  '',
].join('\n');

// A date that does not exist (an error on line 4, in a field the form shows) and a line pasted
// from a chat assistant on line 12 (a warning).
const chatty = [
  '---',
  'title: Chatty',
  'description: A post pasted from a chat window.',
  'date: 2024-02-30',
  'published: false',
  '---',
  '',
  '# Chatty',
  '',
  'Goroutines are cheap to start.',
  '',
  'Would you like me to expand this section?',
  '',
].join('\n');

const files = { 'half-done.md': halfDone, 'chatty.md': chatty };

const app = appTests();

/** Serves a temp folder holding `contents`, opens the app, and opens the post titled `title`. */
async function openPost(
  contents: Readonly<Record<string, string>>,
  title: string,
  before: (page: Page) => Promise<void> = async () => undefined,
): Promise<{ page: Page; folder: string }> {
  const { folder, served } = await app.serveFolder(contents);
  const page = await app.newPage();
  await before(page);
  await page.goto(served.url);
  await posts(page)
    .getByRole('option', { name: new RegExp(`^${title}`) })
    .click();
  return { page, folder };
}

const posts = (page: Page) => page.getByRole('navigation', { name: 'Posts' });
const checks = (page: Page) => page.getByRole('region', { name: 'Checks' });
const body = (page: Page) => page.getByRole('textbox', { name: 'Post body' });

/** The text of the editor line holding the cursor, and whether the editor has the focus. */
async function cursorLine(page: Page): Promise<{ focused: boolean; line: string }> {
  return page.evaluate(() => {
    const content = document.querySelector('[aria-label="Post body"]');
    const node = window.getSelection()?.focusNode ?? null;
    const element = node instanceof Element ? node : (node?.parentElement ?? null);
    return {
      focused: content !== null && content === document.activeElement,
      line: element?.closest('.cm-line')?.textContent ?? '',
    };
  });
}

describe('the Checks panel', () => {
  it('lists the open post’s problems with their file lines, and goes to a body line', async () => {
    const { page } = await openPost(files, 'Half done');
    const panel = checks(page);
    await panel.getByRole('heading', { name: 'Checks' }).waitFor();
    await panel.getByText('1 error, 1 warning', { exact: true }).waitFor();

    const list = panel.getByRole('list', { name: 'Problems in this post' }).getByRole('button');
    expect(await list.count()).toBe(2);
    // Severity is in the name, not only in the colour; problems come in file order.
    const missingDate = list.nth(0);
    expect(await missingDate.textContent()).toMatch(/"date" is required; add it\..*line 1$/);
    await panel.getByRole('button', { name: /^Error "date" is required; add it\./ }).waitFor();
    // The form shows the missing date as an empty field: the problem goes there.
    expect(await missingDate.getAttribute('aria-disabled')).toBeNull();
    await missingDate.click();
    const dateField = page.getByLabel('Date', { exact: true });
    await expect.poll(() => dateField.evaluate((el) => el === document.activeElement)).toBe(true);

    const todo = panel.getByRole('button', { name: /^Warning "TODO" is left in the text/ });
    expect(await todo.textContent()).toMatch(/line 11$/);
    await todo.click();
    await expect
      .poll(() => cursorLine(page))
      .toEqual({ focused: true, line: 'TODO: write the ending.' });

    // Deleting the TODO clears its warning once the author pauses.
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Backspace');
    await todo.waitFor({ state: 'detached' });
    await panel.getByText('1 error', { exact: true }).waitFor();
    expect(await list.count()).toBe(1);
  });

  it('goes to a field from its problem, re-checks after a field edit, and the sidebar follows a save', async () => {
    const { page, folder } = await openPost(files, 'Chatty');
    const panel = checks(page);
    await panel.getByText('1 error, 1 warning', { exact: true }).waitFor();
    const row = posts(page).getByRole('option', { name: /^Chatty/ });
    await row.getByRole('img', { name: '1 error' }).waitFor();

    const residue = panel.getByRole('button', { name: /reads like a chat assistant/ });
    expect(await residue.textContent()).toMatch(/line 12$/);
    await residue.click();
    await expect
      .poll(() => cursorLine(page))
      .toEqual({ focused: true, line: 'Would you like me to expand this section?' });

    const badDate = panel.getByRole('button', { name: /^Error "date" is "2024-02-30"/ });
    expect(await badDate.textContent()).toMatch(/date line 4$/);
    await badDate.click();
    const dateField = page.getByLabel('Date', { exact: true });
    await expect.poll(() => dateField.evaluate((el) => el === document.activeElement)).toBe(true);

    await dateField.fill('2024-02-28');
    await badDate.waitFor({ state: 'detached' });
    await panel.getByText('Ready to publish', { exact: true }).waitFor();
    await panel.getByText('1 warning', { exact: true }).waitFor();

    // The sidebar shows what is on disk: the error goes once the fix is saved.
    expect(await row.getByRole('img', { name: '1 error' }).count()).toBe(1);
    await page.keyboard.press('Control+S');
    await page.getByRole('status').getByText('Saved', { exact: true }).waitFor();
    await row.getByRole('img', { name: '1 warning' }).waitFor();
    expect(await readFile(join(folder, 'chatty.md'), 'utf8')).toBe(
      chatty.replace('2024-02-30', '2024-02-28'),
    );
  });

  it('shows the answer to the latest check when an earlier one arrives after it', async () => {
    let firstAnswered: () => void = () => undefined;
    const firstDone = new Promise<void>((resolve) => (firstAnswered = resolve));
    let calls = 0;
    const { page } = await openPost(files, 'Half done', async (p) => {
      await p.route('**/api/commands/checkPost', async (route) => {
        const call = ++calls;
        const response = await route.fetch();
        // The check of the post as opened answers last, after the check of the fixed text.
        if (call === 1) await new Promise((resolve) => setTimeout(resolve, 2_000));
        await route.fulfill({ response });
        if (call === 1) firstAnswered();
      });
    });
    const panel = checks(page);
    await panel.getByText('Checking…').waitFor();
    // The TODO is on body line 6 (the body starts with the blank line after the front matter).
    await body(page).click();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Backspace');

    await panel.getByText('1 error', { exact: true }).waitFor();
    await firstDone;
    // Give the stale answer time to be (wrongly) shown.
    await page.waitForTimeout(300);
    expect(await panel.getByText('1 error', { exact: true }).count()).toBe(1);
    expect(await panel.getByRole('button', { name: /"TODO"/ }).count()).toBe(0);
    expect(calls).toBe(2);
  });

  it('shows the config file’s problems above the post’s', async () => {
    const { page } = await openPost(
      { ...files, 'postwright.config.yml': 'fields:\n  title:\n    kind: sentence\n' },
      'Half done',
    );
    const config = checks(page).getByRole('list', { name: 'Config file' });
    const item = config.getByRole('listitem');
    await item.first().waitFor();
    expect(await item.count()).toBe(1);
    expect(await item.textContent()).toMatch(/postwright\.config\.yml line 3: .*"sentence"/);
    await item.getByRole('img', { name: 'Error' }).waitFor();
    // The post is still checked, against the default fields.
    await checks(page).getByText('1 error, 1 warning', { exact: true }).waitFor();
  });
});
