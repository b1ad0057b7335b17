import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appTests } from './harness';

/** A post whose body starts right after the front matter, so body line 1 is the first line. */
function post(title: string, body: string): string {
  return `---\ntitle: ${title}\ndate: 2024-05-01\npublished: false\n---\n${body}`;
}

const app = appTests();

/** Serves `files`, opens the app and the post titled `title`; returns the page and the folder. */
async function openPost(
  files: Readonly<Record<string, string>>,
  title: string,
): Promise<{ page: Page; folder: string }> {
  const { folder, served } = await app.serveFolder(files);
  const page = await app.newPage();
  await page.goto(served.url);
  await postButton(page, title).click();
  await editorOf(page).waitFor();
  return { page, folder };
}

const postButton = (page: Page, title: string) =>
  page
    .getByRole('navigation', { name: 'Posts' })
    .getByRole('option', { name: new RegExp(`^${title}`) });
const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Post body' });
const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Formatting' });
const stats = (page: Page) => page.getByRole('group', { name: 'Post statistics' });

/** Puts the cursor at body line `line` (1-based), `column` characters in. */
async function cursorAt(page: Page, line: number, column = 0): Promise<void> {
  await editorOf(page).click();
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  for (let i = 0; i < column; i++) await page.keyboard.press('ArrowRight');
}

async function saveAndRead(page: Page, path: string): Promise<string> {
  await page.keyboard.press('Control+S');
  await page.getByRole('status').getByText('Saved', { exact: true }).waitFor();
  return readFile(path, 'utf8');
}

describe('the body editor', () => {
  it('makes the selection bold from the toolbar and with Mod-b, keeping the focus in the text', async () => {
    const text = post('Bold moves', 'The morning was quiet.\n');
    const { page, folder } = await openPost({ 'bold.md': text }, 'Bold moves');
    await cursorAt(page, 1, 4);
    await page.keyboard.press('Control+Shift+ArrowRight');
    await toolbar(page).getByRole('button', { name: 'Bold' }).click();
    // The button did not take the focus: typing goes on in the editor.
    await expect
      .poll(() => editorOf(page).evaluate((el) => el === document.activeElement))
      .toBe(true);

    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Control+B');
    expect(await saveAndRead(page, join(folder, 'bold.md'))).toBe(
      text.replace('The morning was quiet.', 'The **morning** was **quiet**.'),
    );
  });

  it('gives buttons names and shortcuts in their titles', async () => {
    const { page } = await openPost({ 'a.md': post('Any', 'Text\n') }, 'Any');
    const bold = toolbar(page).getByRole('button', { name: 'Bold' });
    expect(await bold.getAttribute('title')).toBe('Bold (Ctrl+B)');
    for (const name of ['Italic', 'Inline code', 'Link', 'Heading', 'Quote', 'Bullet list']) {
      await toolbar(page).getByRole('button', { name }).waitFor();
    }
    for (const name of ['Numbered list', 'Task', 'Code block', 'Horizontal rule']) {
      await toolbar(page).getByRole('button', { name }).waitFor();
    }
  });

  it('continues a numbered list on Enter with the next number, renumbering the rest', async () => {
    const text = post('Steps', '1. Grind\n2. Pour\n');
    const { page, folder } = await openPost({ 'steps.md': text }, 'Steps');
    await cursorAt(page, 1);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Bloom');
    expect(await saveAndRead(page, join(folder, 'steps.md'))).toBe(
      post('Steps', '1. Grind\n2. Bloom\n3. Pour\n'),
    );
  });

  it('nests a list item with Tab and leaves the editor with Escape then Tab', async () => {
    const text = post('Nesting', '- Coffee\n- Beans\n');
    const { page, folder } = await openPost({ 'nest.md': text }, 'Nesting');
    await cursorAt(page, 2, 3);
    await page.keyboard.press('Tab');
    expect(await editorOf(page).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await saveAndRead(page, join(folder, 'nest.md'))).toBe(
      post('Nesting', '- Coffee\n  - Beans\n'),
    );

    await editorOf(page).click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await editorOf(page).evaluate((el) => el.contains(document.activeElement))).toBe(false);
  });

  it('replaces every match of a regular expression', async () => {
    const text = post('Pets', 'cat1 and cat22 met dog, then cat333.\n');
    const { page, folder } = await openPost({ 'pets.md': text }, 'Pets');
    await cursorAt(page, 1);
    await page.keyboard.press('Control+F');
    await page.getByRole('textbox', { name: 'Find' }).fill('cat\\d+');
    await page.getByRole('checkbox', { name: 'regexp' }).check();
    await page.getByRole('textbox', { name: 'Replace' }).fill('pet');
    await page.getByRole('button', { name: 'replace all' }).click();
    expect(await saveAndRead(page, join(folder, 'pets.md'))).toBe(
      post('Pets', 'pet and pet met dog, then pet.\n'),
    );
  });

  it('keeps a post’s undo history when another post was opened in between', async () => {
    const { page, folder } = await openPost(
      { 'first.md': post('First', 'Hello.\n'), 'second.md': post('Second', 'Other.\n') },
      'First',
    );
    await cursorAt(page, 1);
    await page.keyboard.press('End');
    await page.keyboard.type(' Typed here.');
    // Autosave (on by default) saves the post when another is opened.
    await postButton(page, 'Second').click();
    await editorOf(page).getByText('Other.').waitFor();
    await postButton(page, 'First').click();
    await editorOf(page).getByText('Hello. Typed here.').waitFor();

    await editorOf(page).focus();
    await page.keyboard.press('Control+Z');
    await editorOf(page).getByText('Hello.', { exact: true }).waitFor();
    expect(await saveAndRead(page, join(folder, 'first.md'))).toBe(post('First', 'Hello.\n'));
  });

  it('shows words, characters, reading time and the cursor position, following the typing', async () => {
    const { page } = await openPost({ 'a.md': post('Counting', 'One two three.\n') }, 'Counting');
    await stats(page).getByText('3 words').waitFor();
    await stats(page).getByText('14 characters').waitFor();
    await stats(page).getByText('1 min read').waitFor();

    await cursorAt(page, 1);
    await page.keyboard.press('End');
    await stats(page).getByText('Ln 1, Col 15').waitFor();
    await page.keyboard.type(' Four');
    await stats(page).getByText('4 words').waitFor();
    await stats(page).getByText('Ln 1, Col 20').waitFor();
    await page.keyboard.press('ArrowLeft');
    await stats(page).getByText('Ln 1, Col 19').waitFor();
  });

  it('goes to a line with Mod-Alt-g', async () => {
    const { page } = await openPost({ 'a.md': post('Lines', 'a\nb\nc\nd\n') }, 'Lines');
    await cursorAt(page, 1);
    await page.keyboard.press('Control+Alt+G');
    const field = page.getByRole('textbox', { name: 'Go to line' });
    await field.fill('3');
    await field.press('Enter');
    await stats(page).getByText('Ln 3, Col 1').waitFor();
  });

  it('shows line numbers when asked, and remembers that after a reload', async () => {
    const { page } = await openPost({ 'a.md': post('Numbers', 'a\nb\n') }, 'Numbers');
    const gutter = page.locator('.cm-lineNumbers');
    const toggle = page.getByRole('button', { name: 'Line numbers', exact: true });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await gutter.count()).toBe(0);

    await toggle.click();
    await gutter.waitFor();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');

    await page.reload();
    await postButton(page, 'Numbers').click();
    await gutter.waitFor();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
  });

  it('turns the spellchecker on and off on the text', async () => {
    const { page } = await openPost({ 'a.md': post('Spelling', 'Wrods\n') }, 'Spelling');
    const toggle = page.getByRole('button', { name: 'Spelling', exact: true });
    expect(await editorOf(page).getAttribute('spellcheck')).toBe('true');
    await toggle.click();
    await expect.poll(() => editorOf(page).getAttribute('spellcheck')).toBe('false');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
  });
});
