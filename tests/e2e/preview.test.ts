import { rm } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, makeFolder, serve } from './harness';
import type { Served } from './harness';

// Each payload would set window.__pwned if it ran.
const hostile = `---
title: Hostile
---

# Hostile

<script>window.__pwned = 'script'</script>

<img src="x" onerror="window.__pwned = 'img'">

<p><a href="javascript:window.__pwned='link'">a javascript link</a></p>

<p><a href="  JaVaScRiPt:window.__pwned='spaced'">a disguised link</a></p>

<iframe src="https://www.youtube.com/embed/x" onload="window.__pwned = 'iframe'"></iframe>

<form action="https://example.com/steal"><input name="q" autofocus onfocus="window.__pwned = 'input'"><button>Send</button></form>

<style>body { display: none }</style>

<div id="root" style="position: fixed; inset: 0" onclick="window.__pwned = 'div'">styled div</div>

<svg><a href="javascript:window.__pwned='svg'"><text y="20">svg link</text></a></svg>

<object data="data:text/html,<script>parent.__pwned='object'</script>"></object>

<a href="data:text/html,<script>alert(1)</script>">a data link</a>

[A web link](https://example.com/page) and [an anchor](#hostile).
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
  folder = await makeFolder({ 'hostile.md': hostile, 'plain.md': plain });
  served = await serve(folder);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(10_000);
  await page.goto(served.url);
  await page
    .getByRole('navigation', { name: 'Posts' })
    .getByRole('button', { name: /^Hostile/ })
    .click();
  await preview().getByText('styled div').waitFor();
  // Give an image error or a frame load time to fire, had a handler survived.
  await page.waitForTimeout(300);
});

afterAll(async () => {
  await browser.close();
  await served.stop();
  await rm(folder, { recursive: true, force: true });
});

const preview = () => page.getByRole('article', { name: 'Preview' });
const pwned = () => page.evaluate(() => (window as { __pwned?: unknown }).__pwned);

describe('the preview of a post with hostile HTML', () => {
  it('runs none of it', async () => {
    expect(await pwned()).toBeUndefined();
    for (const selector of [
      'script',
      'iframe',
      'form',
      'input',
      'button',
      'style',
      'object',
      'embed',
    ]) {
      expect(await preview().locator(selector).count(), selector).toBe(0);
    }
  });

  it('keeps no event handlers, inline styles or script and data: links', async () => {
    const offending = await preview().evaluate((article) =>
      Array.from(article.querySelectorAll('*')).flatMap((element) =>
        Array.from(element.attributes)
          .filter(
            ({ name, value }) =>
              name.startsWith('on') || name === 'style' || /^\s*(javascript|data):/i.test(value),
          )
          .map(({ name, value }) => `${element.localName} ${name}=${value}`),
      ),
    );
    expect(offending).toEqual([]);
  });

  it('renders the ordinary content around it', async () => {
    await preview().getByRole('heading', { name: 'Hostile' }).waitFor();
    await preview().getByText('a javascript link').waitFor();
    expect(await preview().locator('img').count()).toBe(1);
    // The post's id="root" cannot clobber the app's own #root.
    expect(await page.locator('[id="root"]').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Posts' }).isVisible()).toBe(true);
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
    await preview().getByText('svg link').click();
    await preview().getByText('styled div').click();
    await preview().getByText('an anchor').click();
    expect(page.url()).toBe(appUrl);

    // A web link opens outside the app (a new tab in browser mode), never in its window.
    const opened = page.context().waitForEvent('page');
    await preview().getByText('A web link').click();
    const tab = await opened;
    await tab.close();
    expect(page.url()).toBe(appUrl);
    expect(await pwned()).toBeUndefined();
    await preview().getByRole('heading', { name: 'Hostile' }).waitFor();
  });
});

describe('the preview while typing', () => {
  it('ends up exactly as a fresh render of the same text', async () => {
    const sidebar = page.getByRole('navigation', { name: 'Posts' });
    await sidebar.getByRole('button', { name: /^Plain/ }).click();
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
    await sidebar.getByRole('button', { name: /^Hostile/ }).click();
    await preview().getByText('styled div').waitFor();
    await sidebar.getByRole('button', { name: /^Plain/ }).click();
    await preview().getByText('three').waitFor();
    expect(await preview().innerHTML()).toBe(patched);
    // The body starts with the blank line after the front matter: the new heading is on line 6.
    expect(patched).toContain('<h2 data-source-line="6">Added heading</h2>');
  });
});
