import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../shared/front-matter';
import { appTests } from './harness';

const firstLight = [
  '---',
  'title: First light',
  '# written on the train',
  'date: 2024-03-01',
  "category: 'Travel'",
  'published: false',
  'tags: [notes, travel]',
  '---',
  '',
  '# First light',
  '',
  'The morning was quiet.',
  '',
].join('\n');

const windowsPost = [
  '---',
  "title: 'Windows words'",
  'date: 2023-11-20',
  'published: true',
  'tags:',
  '  - windows',
  '---',
  '',
  'Line one.',
  '',
  'Line two.',
  '',
].join('\r\n');

const brokenFrontMatter = 'title: Broken post\ndate: 2024-01-01\ntags: [a, b\n';
const brokenPost = `---\n${brokenFrontMatter}---\n\nThe body is fine.\n`;

const files = {
  'first-light.md': firstLight,
  'windows-words.md': windowsPost,
  'broken.md': brokenPost,
};

const app = appTests();

/** Serves a fresh copy of the posts and opens the app; returns the page and the folder. */
async function openApp(): Promise<{ page: Page; folder: string }> {
  const { folder, served } = await app.serveFolder(files);
  const page = await app.newPage();
  await page.goto(served.url);
  await posts(page).getByRole('option').first().waitFor();
  return { page, folder };
}

const posts = (page: Page) => page.getByRole('navigation', { name: 'Posts' });
const unsavedMarkers = (page: Page) => page.getByRole('img', { name: 'Unsaved changes' });

async function saveAndWait(page: Page): Promise<void> {
  await page.keyboard.press('Control+S');
  await page.getByRole('status').getByText('Saved', { exact: true }).waitFor();
  await unsavedMarkers(page).first().waitFor({ state: 'detached' });
}

describe('editing a post in browser mode', () => {
  it('saves typed text into the file and changes no other byte', async () => {
    const { page, folder } = await openApp();
    await posts(page)
      .getByRole('option', { name: /^First light/ })
      .click();
    const editor = page.getByRole('textbox', { name: 'Post body' });
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('Typed in *the* editor.');

    const preview = page.getByRole('article', { name: 'Preview' });
    await preview.getByText('Typed in the editor.').waitFor();
    expect(await preview.locator('em').last().textContent()).toBe('the');
    // The dot shows beside the post in the sidebar and in the header.
    await expect.poll(() => unsavedMarkers(page).count()).toBe(2);
    expect(await posts(page).getByRole('img', { name: 'Unsaved changes' }).count()).toBe(1);

    await saveAndWait(page);
    expect(await readFile(join(folder, 'first-light.md'), 'utf8')).toBe(
      `${firstLight}Typed in *the* editor.`,
    );
  });

  it('keeps CRLF line endings when a line is edited in the middle', async () => {
    const { page, folder } = await openApp();
    await posts(page)
      .getByRole('option', { name: /^Windows words/ })
      .click();
    await page.getByRole('textbox', { name: 'Post body' }).click();
    // The body starts with the blank line after the front matter; "Line one." is line 2.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.type(' And more.');
    await page.getByRole('article', { name: 'Preview' }).getByText('Line one. And more.').waitFor();

    await saveAndWait(page);
    const saved = await readFile(join(folder, 'windows-words.md'), 'utf8');
    expect(saved).toBe(windowsPost.replace('Line one.\r\n', 'Line one. And more.\r\n'));
  });

  it('changes only the title value when the title field is edited', async () => {
    const { page, folder } = await openApp();
    await posts(page)
      .getByRole('option', { name: /^First light/ })
      .click();
    const title = page.getByLabel('Title', { exact: true });
    expect(await title.inputValue()).toBe('First light');
    await title.fill('First light, revised');
    await unsavedMarkers(page).first().waitFor();
    // Saving works while the focus is still in the field.
    await saveAndWait(page);

    expect(await readFile(join(folder, 'first-light.md'), 'utf8')).toBe(
      firstLight.replace('title: First light\n', 'title: First light, revised\n'),
    );
    // The sidebar's row follows the save (the Node side reports it) and shows the new title.
    await posts(page)
      .getByRole('option', { name: /^First light, revised/ })
      .waitFor();
  });

  it('saves a field edit and a body edit together, quote styles kept', async () => {
    const { page, folder } = await openApp();
    await posts(page)
      .getByRole('option', { name: /^First light/ })
      .click();
    await page.getByLabel('Category', { exact: true }).fill('Trains');
    await page.getByRole('textbox', { name: 'Post body' }).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('More.');
    await saveAndWait(page);

    expect(await readFile(join(folder, 'first-light.md'), 'utf8')).toBe(
      `${firstLight.replace("category: 'Travel'", "category: 'Trains'")}More.`,
    );
  });

  it('shows front matter that does not parse, with its file line and column, and never rewrites it', async () => {
    const { page, folder } = await openApp();
    // Its title cannot be read, so the sidebar names it by its file.
    const row = posts(page).getByRole('option', { name: /^broken\.md/ });
    await row.getByRole('img', { name: /^\d+ errors?$/ }).waitFor();
    const describedBy = await row.getAttribute('aria-describedby');
    expect(describedBy).not.toBeNull();
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(
      /^The front matter cannot be read/,
    );

    await row.click();
    const problem = readFrontMatter(brokenFrontMatter).problem;
    expect(problem).not.toBeNull();
    // The front matter starts on line 2 of the file, after the opening ---.
    const expected = `Line ${(problem?.line ?? 0) + 1}: ${problem?.message}`;
    await page.getByRole('alert').filter({ hasText: expected }).waitFor();
    // The source view opens by itself with the raw text to fix; the body is still there to edit.
    const raw = page.getByRole('textbox', { name: 'Front matter source' });
    expect((await raw.locator('.cm-line').allTextContents()).join('\n')).toBe(brokenFrontMatter);
    await page.getByRole('article', { name: 'Preview' }).getByText('The body is fine.').waitFor();

    // Nothing typed: nothing written.
    await page.keyboard.press('Control+S');
    await page.getByRole('status').getByText('No changes to save').waitFor();
    expect(await readFile(join(folder, 'broken.md'), 'utf8')).toBe(brokenPost);

    // Fixing the text clears the error as it is typed, the fields come back, and saving writes
    // exactly the fix.
    await raw.getByText('tags: [a, b').click();
    await page.keyboard.press('End');
    await page.keyboard.type(']');
    await page.getByRole('alert').filter({ hasText: expected }).waitFor({ state: 'detached' });
    await page.getByLabel('Title', { exact: true }).waitFor();
    await page.keyboard.press('Control+S');
    await page.getByRole('status').getByText('Saved').waitFor();
    expect(await readFile(join(folder, 'broken.md'), 'utf8')).toBe(
      brokenPost.replace('[a, b', '[a, b]'),
    );
    await page.getByLabel('Title', { exact: true }).waitFor();
  });

  it('refuses to overwrite a post that changed on disk, and keeps the typed text', async () => {
    const { page, folder } = await openApp();
    await posts(page)
      .getByRole('option', { name: /^First light/ })
      .click();
    await page.getByRole('textbox', { name: 'Post body' }).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('Mine.');
    const theirs = `${firstLight}Theirs.`;
    await writeFile(join(folder, 'first-light.md'), theirs);

    await page.keyboard.press('Control+S');
    await page
      .getByRole('status')
      .getByText(/changed on disk since you opened it/)
      .waitFor();
    expect(await readFile(join(folder, 'first-light.md'), 'utf8')).toBe(theirs);
    expect(await page.getByRole('textbox', { name: 'Post body' }).textContent()).toContain('Mine.');
    expect(await unsavedMarkers(page).count()).toBe(2);
  });
});

describe('opening posts and folders in browser mode', () => {
  it('with autosave off, asks before dropping unsaved changes when another post is opened', async () => {
    const { page } = await openApp();
    // With autosave on, leaving a post saves it instead (tests/e2e/writes.test.ts).
    await page.getByRole('switch', { name: 'Autosave' }).uncheck();
    await posts(page)
      .getByRole('option', { name: /^First light/ })
      .click();
    await page.getByRole('textbox', { name: 'Post body' }).click();
    await page.keyboard.type('Unsaved words. ');
    await unsavedMarkers(page).first().waitFor();

    const questions: string[] = [];
    page.once('dialog', (dialog) => {
      questions.push(dialog.message());
      void dialog.dismiss();
    });
    await posts(page)
      .getByRole('option', { name: /^Windows words/ })
      .click();
    await expect.poll(() => questions.length).toBe(1);
    expect(questions[0]).toMatch(/unsaved changes/);
    // Declined: the post and its text stay.
    expect(await page.getByRole('textbox', { name: 'Post body' }).textContent()).toContain(
      'Unsaved words.',
    );

    page.once('dialog', (dialog) => void dialog.accept());
    await posts(page)
      .getByRole('option', { name: /^Windows words/ })
      .click();
    await page.getByRole('article', { name: 'Preview' }).getByText('Line two.').waitFor();
    expect(await unsavedMarkers(page).count()).toBe(0);
  });

  it('explains a posts folder that cannot be read, and opens another one', async () => {
    const { folder: gone, served } = await app.serveFolder({ 'a.md': '---\ntitle: A\n---\n' });
    const { folder: other } = await app.serveFolder({
      'b.md': '---\ntitle: Another folder post\n---\n\nHi\n',
    });
    await rm(gone, { recursive: true });
    const page = await app.newPage();
    await page.goto(served.url);
    const alert = page.getByRole('alert').filter({ hasText: 'cannot be opened' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(gone);

    await alert.getByRole('button', { name: 'Open folder…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open a posts folder' });
    await dialog.getByLabel('Folder path').fill(other);
    await dialog.getByRole('button', { name: 'Open' }).click();
    await posts(page)
      .getByRole('option', { name: /^Another folder post/ })
      .click();
    await page.getByRole('article', { name: 'Preview' }).getByText('Hi').waitFor();
  });
});
