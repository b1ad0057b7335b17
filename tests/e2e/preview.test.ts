import { rm } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, makeFolder, serve } from './harness';
import type { Served } from './harness';

// What blog posts use; hostile HTML has its own test (preview-security.test.ts).
const rich = `---
title: Rich
---

# Rich

Some text with a note.[^note] Jump to [the list](#the-list).

\`\`\`ts
const answer: number = 42; // "<b>not bold</b>"
\`\`\`

<iframe src="https://www.youtube.com/embed/x"></iframe>

<p><a href="javascript:window.__pwned='link'">a javascript link</a></p>

[A web link](https://example.com/page)

Filler paragraph 1.

Filler paragraph 2.

Filler paragraph 3.

Filler paragraph 4.

Filler paragraph 5.

Filler paragraph 6.

Filler paragraph 7.

Filler paragraph 8.

Filler paragraph 9.

Filler paragraph 10.

## The list

- [x] done
- [ ] to do

[^note]: The note itself.
`;

const plain = `---
title: Plain
---

# Plain

First paragraph.

- one
- two

| a | b |
| - | - |
| 1 | 2 |

Last paragraph.
`;

let browser: Browser;
let served: Served;
let page: Page;
let folder: string;

beforeAll(async () => {
  folder = await makeFolder({ 'rich.md': rich, 'plain.md': plain });
  served = await serve(folder);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(10_000);
  await page.goto(served.url);
  await page
    .getByRole('navigation', { name: 'Posts' })
    .getByRole('option', { name: /^Rich/ })
    .click();
  await preview().getByText('Filler paragraph 10.').waitFor();
});

afterAll(async () => {
  await browser.close();
  await served.stop();
  await rm(folder, { recursive: true, force: true });
});

const preview = () => page.getByRole('article', { name: 'Preview' });
const pwned = () => page.evaluate(() => (window as { __pwned?: unknown }).__pwned);

/** Whether an element of the preview shows in the visible part of the preview pane. */
const inView = (text: string) =>
  preview()
    .getByText(text)
    .evaluate((element) => {
      const pane = element.closest('.preview-pane')?.getBoundingClientRect();
      const box = element.getBoundingClientRect();
      return pane !== undefined && box.bottom > pane.top && box.top < pane.bottom;
    });

describe('the preview of a blog post', () => {
  it('highlights fenced code once its language has loaded, with the code as text', async () => {
    const code = preview().locator('pre code.language-ts');
    await code.locator('.tok-keyword', { hasText: 'const' }).waitFor();
    expect(await code.locator('.tok-number').textContent()).toBe('42');
    expect(await code.textContent()).toBe('const answer: number = 42; // "<b>not bold</b>"\n');
    expect(await code.locator('b').count()).toBe(0);
  });

  it('shows task items as read-only boxes, not form controls', async () => {
    const boxes = preview().getByRole('checkbox');
    expect(await boxes.count()).toBe(2);
    expect(await boxes.nth(0).getAttribute('aria-checked')).toBe('true');
    expect(await boxes.nth(1).getAttribute('aria-checked')).toBe('false');
    expect(await boxes.nth(0).getAttribute('aria-disabled')).toBe('true');
    expect(await preview().locator('input').count()).toBe(0);
  });

  it('scrolls to a heading or a footnote when an in-page link is clicked, and back', async () => {
    const appUrl = page.url();
    expect(await inView('The note itself.')).toBe(false);
    await preview().getByRole('link', { name: '[1]' }).click();
    await expect.poll(() => inView('The note itself.')).toBe(true);
    expect(await inView('Some text with a note.')).toBe(false);
    await preview().locator('.footnote-backref').click();
    await expect.poll(() => inView('Some text with a note.')).toBe(true);
    expect(await inView('to do')).toBe(false);
    await preview().getByRole('link', { name: 'the list' }).click();
    await expect.poll(() => inView('to do')).toBe(true);
    expect(page.url()).toBe(appUrl);
    await preview().getByRole('heading', { name: 'Rich' }).scrollIntoViewIfNeeded();
  });

  it('replaces an iframe with a placeholder naming its source', async () => {
    const placeholder = preview().getByRole('note', { name: 'Embedded frame' });
    expect(await placeholder.textContent()).toContain('https://www.youtube.com/embed/x');
  });

  it('records how long each preview update took', async () => {
    const measures = await page.evaluate(
      () => performance.getEntriesByName('postwright:preview', 'measure').length,
    );
    expect(measures).toBeGreaterThan(0);
  });

  it('never navigates the app when a preview link is clicked', async () => {
    const appUrl = page.url();
    await preview().getByText('a javascript link').click();
    expect(page.url()).toBe(appUrl);

    // A web link opens outside the app (a new tab in browser mode), never in its window.
    const opened = page.context().waitForEvent('page');
    await preview().getByText('A web link').click();
    const tab = await opened;
    await tab.close();
    expect(page.url()).toBe(appUrl);
    expect(await pwned()).toBeUndefined();
    await preview().getByRole('heading', { name: 'Rich' }).waitFor();
  });
});

describe('the preview while typing', () => {
  it('ends up exactly as a fresh render of the same text', async () => {
    const sidebar = page.getByRole('navigation', { name: 'Posts' });
    await sidebar.getByRole('option', { name: /^Plain/ }).click();
    await preview().getByText('Last paragraph.').waitFor();
    const editor = page.getByRole('textbox', { name: 'Post body' });
    await editor.getByText('First paragraph.').click();
    // A new block above others (their source lines shift), a new list item, a table edit.
    await page.keyboard.press('End');
    await page.keyboard.type('\n\n## Added heading\n\nAdded *words*.');
    await editor.getByText('- two').click();
    await page.keyboard.press('End');
    await page.keyboard.type('\nthree');
    await editor.getByText('| 1 | 2 |').click();
    await page.keyboard.press('End');
    await page.keyboard.type('\n| 3 | 4 |');
    await preview().getByRole('cell', { name: '4' }).waitFor();
    await preview().getByText('three').waitFor();
    const patched = await preview().innerHTML();

    // Save, then open the post again: its preview is rendered from scratch.
    await page.keyboard.press('Control+S');
    await page.getByRole('status').getByText('Saved', { exact: true }).waitFor();
    await sidebar.getByRole('option', { name: /^Rich/ }).click();
    await preview().getByText('Filler paragraph 10.').waitFor();
    await sidebar.getByRole('option', { name: /^Plain/ }).click();
    await preview().getByText('three').waitFor();
    expect(await preview().innerHTML()).toBe(patched);
    // The body starts with the blank line after the front matter: the new heading is on line 6.
    expect(patched).toContain(
      '<h2 data-source-line="6" id="user-content-added-heading">Added heading</h2>',
    );
  });
});
