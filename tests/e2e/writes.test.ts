import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parsePost } from '../../shared/document';
import { newPostText } from '../../shared/new-post';
import { defaultSchema } from '../../shared/schema';
import { appTests } from './harness';

const firstLight = [
  '---',
  'title: First light',
  'date: 2024-03-01',
  'published: true',
  'tags: [notes, travel]',
  '---',
  '',
  'The morning was quiet.',
  '',
].join('\n');

const windowsPost = [
  '---',
  "title: 'Windows words'",
  'date: 2023-11-20',
  'published: true',
  '---',
  '',
  'Line one.',
  '',
].join('\r\n');

const files = { 'first-light.md': firstLight, 'windows-words.md': windowsPost };

const app = appTests();

/** Serves a fresh copy of the posts and opens the app once the list is there. */
async function openApp(): Promise<{ page: Page; folder: string }> {
  const { folder, served } = await app.serveFolder(files);
  const page = await app.newPage({ failOnDialog: true });
  await page.goto(served.url);
  await row(page, 'First light').waitFor();
  return { page, folder };
}

const posts = (page: Page) => page.getByRole('navigation', { name: 'Posts' });
const row = (page: Page, title: string) =>
  posts(page).getByRole('option', { name: new RegExp(`^${title.replace(/[()]/g, '\\$&')}`) });
const status = (page: Page) => page.getByRole('status');
/** The list follows the folder through the watcher's events: give them the page's own patience. */
const listTimeout = { timeout: 10_000 };
const unsavedMarkers = (page: Page) => page.getByRole('img', { name: 'Unsaved changes' });

/** Opens a post's menu with its ⋯ button. */
async function menuOf(page: Page, title: string) {
  await posts(page)
    .getByRole('button', { name: `Actions for ${title}` })
    .click();
  const menu = page.getByRole('menu', { name: `Actions for ${title}` });
  await menu.waitFor();
  return menu;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

describe('writing posts in browser mode', () => {
  it("creates a post from its title with the schema's front matter, and opens it", async () => {
    const { page, folder } = await openApp();
    await page.getByRole('button', { name: 'New post' }).click();
    const dialog = page.getByRole('dialog', { name: 'New post' });
    await dialog.getByLabel('Title').fill('Fresh start: day one');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });

    await status(page).getByText('Created fresh-start-day-one.md').waitFor();
    const text = await readFile(join(folder, 'fresh-start-day-one.md'), 'utf8');
    const date = String(parsePost(text).values.date);
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const expected = newPostText(defaultSchema, 'Fresh start: day one', date);
    expect(expected.ok && expected.value).toBe(text);
    // Open in the editor, and in the list as a draft.
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(
      'Fresh start: day one',
    );
    await row(page, 'Fresh start: day one').getByText('Draft').waitFor();
    await expect
      .poll(() => row(page, 'Fresh start: day one').getAttribute('aria-selected'), listTimeout)
      .toBe('true');
  });

  it('renames from the context menu by keyboard, refuses unsafe names, and offers the title slug', async () => {
    const { page, folder } = await openApp();
    // Shift+F10 on the focused row opens its menu, as the context-menu key does.
    await row(page, 'First light').focus();
    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu', { name: 'Actions for First light' });
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent), listTimeout)
      .toBe('Rename…');
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached' });

    const dialog = page.getByRole('dialog', { name: 'Rename “First light”' });
    const name = dialog.getByLabel('File name');
    expect(await name.inputValue()).toBe('first-light.md');
    await name.fill('dawn: take 2');
    await dialog
      .getByRole('alert')
      .getByText(/cannot contain/)
      .waitFor();
    expect(await dialog.getByRole('button', { name: 'Rename' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Use dawn- take 2.md' }).waitFor();
    await name.fill('dawn');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await dialog.waitFor({ state: 'detached' });

    await status(page).getByText('Renamed to dawn.md').waitFor();
    expect(await readFile(join(folder, 'dawn.md'), 'utf8')).toBe(firstLight);
    expect(await exists(join(folder, 'first-light.md'))).toBe(false);
    await expect
      .poll(() => row(page, 'First light').getAttribute('title'), listTimeout)
      .toBe('dawn.md');

    // Its name no longer follows its title: the menu offers to match it, asking first.
    const offered = await menuOf(page, 'First light');
    await offered.getByRole('menuitem', { name: 'Rename to match title…' }).click();
    const again = page.getByRole('dialog', { name: 'Rename “First light”' });
    expect(await again.getByLabel('File name').inputValue()).toBe('first-light.md');
    await again.getByRole('button', { name: 'Rename' }).click();
    await status(page).getByText('Renamed to first-light.md').waitFor();
    expect(await readdir(folder)).toEqual(expect.arrayContaining(['first-light.md']));
    expect(await exists(join(folder, 'dawn.md'))).toBe(false);
  });

  it('refuses a rename onto another post, even in another case', async () => {
    const { page, folder } = await openApp();
    const menu = await menuOf(page, 'First light');
    await menu.getByRole('menuitem', { name: 'Rename…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rename “First light”' });
    await dialog.getByLabel('File name').fill('Windows-Words.md');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await dialog
      .getByRole('alert')
      .getByText(/already there/)
      .waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await readdir(folder)).sort()).toEqual(['first-light.md', 'windows-words.md']);
  });

  it('renames the open post and keeps it open, saving what was typed first', async () => {
    const { page, folder } = await openApp();
    await row(page, 'First light').click();
    await page.getByRole('textbox', { name: 'Post body' }).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('Typed before the rename.');
    const menu = await menuOf(page, 'First light');
    await menu.getByRole('menuitem', { name: 'Rename…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rename “First light”' });
    await dialog.getByLabel('File name').fill('renamed-open');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await status(page).getByText('Renamed to renamed-open.md').waitFor();

    expect(await readFile(join(folder, 'renamed-open.md'), 'utf8')).toBe(
      `${firstLight}Typed before the rename.`,
    );
    expect(await page.getByRole('textbox', { name: 'Post body' }).textContent()).toContain(
      'Typed before the rename.',
    );
    expect(await unsavedMarkers(page).count()).toBe(0);
    await expect
      .poll(() => posts(page).locator('[aria-selected="true"]').getAttribute('title'), listTimeout)
      .toBe('renamed-open.md');
  });

  it('duplicates a post as name-copy.md, titled (copy), as a draft, bytes otherwise kept', async () => {
    const { page, folder } = await openApp();
    const menu = await menuOf(page, 'Windows words');
    await menu.getByRole('menuitem', { name: 'Duplicate' }).click();
    await status(page).getByText('Duplicated as windows-words-copy.md').waitFor();
    expect(await readFile(join(folder, 'windows-words-copy.md'), 'utf8')).toBe(
      windowsPost
        .replace("title: 'Windows words'", "title: 'Windows words (copy)'")
        .replace('published: true', 'published: false'),
    );
    await row(page, 'Windows words (copy)').getByText('Draft').waitFor();
    expect(await readFile(join(folder, 'windows-words.md'), 'utf8')).toBe(windowsPost);
  });

  it('deletes from the context menu at once, and Undo puts the post back byte for byte', async () => {
    const { page, folder } = await openApp();
    const before = await readFile(join(folder, 'windows-words.md'));
    await row(page, 'Windows words').click();
    await page.getByRole('article', { name: 'Preview' }).getByText('Line one.').waitFor();
    // Right-click opens the same menu as the ⋯ button.
    await row(page, 'Windows words').click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Actions for Windows words' });
    // Browser mode has no file manager of the user's: no Show item, Copy path instead.
    expect(await menu.getByRole('menuitem', { name: 'Show in file manager' }).count()).toBe(0);
    await menu.getByRole('menuitem', { name: 'Delete' }).click();

    const undo = page.getByRole('button', { name: 'Undo' });
    await page.getByRole('status').getByText('Deleted “Windows words”', { exact: true }).waitFor();
    await row(page, 'Windows words').waitFor({ state: 'detached', ...listTimeout });
    expect(await exists(join(folder, 'windows-words.md'))).toBe(false);
    const trashed = (await readdir(join(folder, '.postwright', 'trash'))).filter(
      (name) => name !== '.gitignore',
    );
    expect(trashed).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2}T[\d-]+Z-[0-9a-f]{8}$/)]);
    const kept = await readFile(
      join(folder, '.postwright', 'trash', trashed[0] ?? '', 'windows-words.md'),
    );
    expect(kept.equals(before)).toBe(true);
    // The deleted post was open: the editor closed with it.
    await page.getByText('Pick a post to start writing').waitFor();

    await undo.click();
    await status(page).getByText('Restored “Windows words”').waitFor();
    await row(page, 'Windows words').waitFor(listTimeout);
    await undo.waitFor({ state: 'detached' });
    expect((await readFile(join(folder, 'windows-words.md'))).equals(before)).toBe(true);
    expect(await readdir(join(folder, '.postwright', 'trash'))).toEqual(['.gitignore']);
    // It was open, so it opens again.
    await page.getByRole('article', { name: 'Preview' }).getByText('Line one.').waitFor();
  });

  it('deletes with the Delete key; an undo whose name was taken meanwhile says so and loses nothing', async () => {
    const { page, folder } = await openApp();
    await row(page, 'First light').focus();
    await page.keyboard.press('Delete');
    await row(page, 'First light').waitFor({ state: 'detached', ...listTimeout });
    // Another program writes a new post under the same name before the undo.
    await writeFile(join(folder, 'first-light.md'), 'theirs');
    await page.getByRole('button', { name: 'Undo' }).click();
    await status(page)
      .getByText(
        /^Not undone: first-light\.md was not put back: another file has taken its name since; it is kept in \.postwright\/trash\//,
      )
      .waitFor();
    expect(await readFile(join(folder, 'first-light.md'), 'utf8')).toBe('theirs');
    const trashed = (await readdir(join(folder, '.postwright', 'trash'))).filter(
      (name) => name !== '.gitignore',
    );
    expect(
      await readFile(
        join(folder, '.postwright', 'trash', trashed[0] ?? '', 'first-light.md'),
        'utf8',
      ),
    ).toBe(firstLight);
  });

  it('asks before deleting the open post when its unsaved edits would be lost', async () => {
    const { page, folder } = await openApp();
    await page.getByRole('switch', { name: 'Autosave' }).uncheck();
    await row(page, 'First light').click();
    const body = page.getByRole('textbox', { name: 'Post body' });
    await body.click();
    await page.keyboard.type('More words. ');
    await unsavedMarkers(page).first().waitFor();
    const menu = await menuOf(page, 'First light');
    await menu.getByRole('menuitem', { name: 'Delete' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete “First light”?' });
    await confirm.getByText('Its unsaved changes will be lost.').waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await readFile(join(folder, 'first-light.md'), 'utf8')).toBe(firstLight);
  });

  it('copies the full path of a post', async () => {
    const { page, folder } = await openApp();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const menu = await menuOf(page, 'First light');
    await menu.getByRole('menuitem', { name: 'Copy path' }).click();
    const path = join(folder, 'first-light.md');
    await status(page).getByText(`Copied ${path}`).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(path);
  });

  it('closes the menu with Escape and gives focus back to its button', async () => {
    const { page } = await openApp();
    const button = posts(page).getByRole('button', { name: 'Actions for First light' });
    await button.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Actions for First light' });
    await menu.waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect(await button.evaluate((element) => element === document.activeElement)).toBe(true);
  });
});

describe('autosave in browser mode', () => {
  it('saves after a pause in typing, with no Ctrl+S', async () => {
    const { page, folder } = await openApp();
    await row(page, 'First light').click();
    await page.getByRole('textbox', { name: 'Post body' }).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('Saved by itself.');
    await unsavedMarkers(page).first().waitFor();

    await unsavedMarkers(page).first().waitFor({ state: 'detached' });
    expect(await readFile(join(folder, 'first-light.md'), 'utf8')).toBe(
      `${firstLight}Saved by itself.`,
    );
    await status(page).getByText('Saved', { exact: true }).waitFor();

    // A front matter field edit saves itself the same way.
    await page.getByLabel('Title', { exact: true }).fill('First light, retitled');
    await unsavedMarkers(page).first().waitFor();
    await unsavedMarkers(page).first().waitFor({ state: 'detached' });
    expect(await readFile(join(folder, 'first-light.md'), 'utf8')).toBe(
      `${firstLight.replace('title: First light', 'title: First light, retitled')}Saved by itself.`,
    );
  });

  it('saves the post being left when another opens, asking nothing', async () => {
    const { page, folder } = await openApp();
    await row(page, 'First light').click();
    await page.getByLabel('Title', { exact: true }).fill('First light, retitled');
    // Straight to another post, before the pause: the edit is saved on the way, nothing asked.
    await row(page, 'Windows words').click();
    await page.getByRole('article', { name: 'Preview' }).getByText('Line one.').waitFor();
    expect(await readFile(join(folder, 'first-light.md'), 'utf8')).toBe(
      firstLight.replace('title: First light', 'title: First light, retitled'),
    );
  });

  it('does nothing by itself when switched off, and remembers that', async () => {
    const { page, folder } = await openApp();
    const toggle = page.getByRole('switch', { name: 'Autosave' });
    expect(await toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    await page.reload();
    await row(page, 'First light').click();
    expect(await page.getByRole('switch', { name: 'Autosave' }).isChecked()).toBe(false);
    await page.getByRole('textbox', { name: 'Post body' }).click();
    await page.keyboard.type('Not saved by itself. ');
    await page.waitForTimeout(2500);
    expect(await readFile(join(folder, 'first-light.md'), 'utf8')).toBe(firstLight);
    expect(await unsavedMarkers(page).count()).toBe(2);
  });
});
