import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../shared/front-matter';
import { appTests } from './harness';

const post = [
  '---',
  'title: Night train',
  '# written on the way',
  'date: 2024-03-01',
  "category: 'Travel'",
  'published: false',
  'tags: [notes, travel]',
  '---',
  '',
  'The carriage was quiet.',
  '',
].join('\n');

const app = appTests();

/** Serves a fresh copy of the post and opens it; returns the page and the post's file. */
async function openPost(text = post): Promise<{ page: Page; file: string }> {
  const { folder, served } = await app.serveFolder({ 'night-train.md': text });
  const page = await app.newPage();
  await page.goto(served.url);
  await page
    .getByRole('navigation', { name: 'Posts' })
    .getByRole('option', { name: /^Night train/ })
    .click();
  await page
    .getByRole('article', { name: 'Preview' })
    .getByText('The carriage was quiet.')
    .waitFor();
  return { page, file: join(folder, 'night-train.md') };
}

const title = (page: Page) => page.getByLabel('Title', { exact: true });
const body = (page: Page) => page.getByRole('textbox', { name: 'Post body' });
const source = (page: Page) => page.getByRole('textbox', { name: 'Front matter source' });
const sourceToggle = (page: Page) => page.getByRole('button', { name: 'Show front matter source' });

/** The text a CodeMirror editor shows, line by line. */
async function editorText(page: Page, name: string): Promise<string> {
  const lines = await page.getByRole('textbox', { name }).locator('.cm-line').allTextContents();
  return lines.join('\n');
}

async function saveAndWait(page: Page): Promise<void> {
  await page.keyboard.press('Control+S');
  await page.getByRole('status').getByText('Saved', { exact: true }).waitFor();
}

describe('the front matter state', () => {
  it('undoes a title edit and a body edit in the order they were made, from either place', async () => {
    const { page } = await openPost();
    await title(page).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' home');
    await expect.poll(() => title(page).inputValue()).toBe('Night train home');

    await body(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('Rain.');
    await expect.poll(() => editorText(page, 'Post body')).toContain('Rain.');

    // First the body edit goes, then the title's: its keystrokes undo as one step.
    await page.keyboard.press('Control+Z');
    await expect.poll(() => editorText(page, 'Post body')).not.toContain('Rain.');
    expect(await title(page).inputValue()).toBe('Night train home');
    await page.keyboard.press('Control+Z');
    await expect.poll(() => title(page).inputValue()).toBe('Night train');

    // Redo from the title field, then undo there again: the same one history.
    await title(page).focus();
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => title(page).inputValue()).toBe('Night train home');
    await page.keyboard.press('Control+Z');
    await expect.poll(() => title(page).inputValue()).toBe('Night train');
    expect(await editorText(page, 'Post body')).not.toContain('Rain.');
    await expect.poll(() => title(page).evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('keeps a front matter edit in the post’s undo history when another post was opened between', async () => {
    const { folder, served } = await app.serveFolder({
      'night-train.md': post,
      'other.md': post.replace('Night train', 'Other post'),
    });
    const page = await app.newPage();
    await page.goto(served.url);
    const list = page.getByRole('navigation', { name: 'Posts' });
    await list.getByRole('option', { name: /^Night train/ }).click();
    await title(page).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' home');
    // Autosave (on by default) saves the post when another is opened.
    await list.getByRole('option', { name: /^Other post/ }).click();
    await expect.poll(() => title(page).inputValue()).toBe('Other post');
    await list.getByRole('option', { name: /^Night train home/ }).click();
    await expect.poll(() => title(page).inputValue()).toBe('Night train home');

    await title(page).focus();
    await page.keyboard.press('Control+Z');
    await expect.poll(() => title(page).inputValue()).toBe('Night train');
    await saveAndWait(page);
    expect(await readFile(join(folder, 'night-train.md'), 'utf8')).toBe(post);
  });

  it('keeps the form in view when an undo from it undoes a front matter edit', async () => {
    const paragraphs = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1}.`).join('\n\n');
    const { page } = await openPost(`${post}\n${paragraphs}\n`);
    // The body's cursor is far below the form.
    await body(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' End.');
    await title(page).click();
    await page.keyboard.press('End');
    await page.keyboard.type('s');
    const pane = page.getByRole('region', { name: 'Editor' });
    const before = await pane.evaluate((el) => el.scrollTop);
    await page.keyboard.press('Control+Z');
    await expect.poll(() => title(page).inputValue()).toBe('Night train');
    await page.waitForTimeout(200);
    expect(await pane.evaluate((el) => el.scrollTop)).toBe(before);
    // The next undo is the body's, and goes to it.
    await page.keyboard.press('Control+Z');
    await expect.poll(() => pane.evaluate((el) => el.scrollTop)).toBeGreaterThan(before);
  });

  it('edits the front matter in the source view; the form follows, read-only while it does not parse', async () => {
    const { page, file } = await openPost();
    await sourceToggle(page).click();
    expect(await sourceToggle(page).getAttribute('aria-pressed')).toBe('true');
    await source(page).getByText("category: 'Travel'").click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.type("s'");
    // The form shows the new value as it is typed.
    await expect
      .poll(() => page.getByLabel('Category', { exact: true }).inputValue())
      .toBe('Travels');

    // An unclosed quote: the error with its line, inline and above the read-only form.
    await source(page).getByText('title: Night train').click();
    await page.keyboard.press('Home');
    for (let i = 0; i < 'title: '.length; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.type('"');
    // The last line is the empty one after the final line break.
    const broken = await editorText(page, 'Front matter source');
    expect(broken.startsWith('title: "Night train\n')).toBe(true);
    const problem = readFrontMatter(broken).problem;
    // The file's line: the front matter starts on line 2, after the opening ---.
    const alert = page
      .getByRole('alert')
      .filter({ hasText: `Line ${(problem?.line ?? 0) + 1}: ${problem?.message}` });
    await alert.waitFor();
    // The last fields it could read stay, read-only.
    await expect.poll(() => title(page).isEditable()).toBe(false);
    // Marked inline where the parser stopped (a point at the end, for a quote never closed).
    await page
      .locator('.front-matter-source :is(.cm-lintRange-error, .cm-lintPoint-error)')
      .first()
      .waitFor({ state: 'attached' });

    // Fixed: the form is back, and the text typed meanwhile is all there.
    await page.keyboard.press('Backspace');
    await alert.waitFor({ state: 'detached' });
    await title(page).waitFor();
    await title(page).click();
    await page.keyboard.press('End');
    await page.keyboard.type('s');
    // A form edit shows in the source view.
    await expect
      .poll(() => editorText(page, 'Front matter source'))
      .toContain('title: Night trains');

    await saveAndWait(page);
    const saved = await readFile(file, 'utf8');
    expect(saved).toBe(
      post.replace('title: Night train', 'title: Night trains').replace("'Travel'", "'Travels'"),
    );
  });

  it('shows a front matter change made on disk while the post is clean, keeping the focus', async () => {
    const { page, file } = await openPost();
    await page.getByLabel('Category', { exact: true }).focus();
    await writeFile(file, post.replace('title: Night train', 'title: Day train'));
    await expect.poll(() => title(page).inputValue()).toBe('Day train');
    expect(
      await page
        .getByLabel('Category', { exact: true })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    // Taken as the saved text: nothing to save.
    await page.keyboard.press('Control+S');
    await page.getByRole('status').getByText('No changes to save').waitFor();
  });
});
