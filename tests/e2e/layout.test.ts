import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appTests } from './harness';

const filler =
  'The quick brown fox jumps over the lazy dog while the writer keeps typing into the editor. ';

/** A long post: sections of wrapped paragraphs, a 60-line code block, a table, a tall image. */
function longPost(): string {
  const lines = ['---', 'title: A long post', 'date: 2024-03-01', 'tags: [sample]', '---', ''];
  lines.push('# A long post', '');
  for (let section = 1; section <= 8; section++) {
    lines.push(`## Section ${section}`, '');
    for (let paragraph = 0; paragraph < 3; paragraph++) {
      const link = paragraph === 1 ? ' Back to [the first section](#section-1).' : '';
      lines.push(`Paragraph ${section}.${paragraph}: ${filler.repeat(3)}${link}`, '');
    }
    if (section === 3) {
      lines.push('```js');
      for (let line = 1; line <= 60; line++) lines.push(`console.log('code line ${line}');`);
      lines.push('```', '');
    }
    if (section === 5) {
      lines.push('| Name | Value |', '| --- | --- |');
      for (let row = 1; row <= 15; row++) lines.push(`| row ${row} | ${row * row} |`);
      lines.push('');
    }
    if (section === 6) {
      const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='400' height='700'><rect width='400' height='700' fill='%23abc'/></svg>`;
      lines.push(`![A tall image](data:image/svg+xml,${svg.replaceAll(' ', '%20')})`, '');
    }
  }
  return lines.join('\n');
}

const app = appTests();

const posts = (page: Page) => page.getByRole('navigation', { name: 'Posts' });
const preview = (page: Page) => page.getByRole('article', { name: 'Preview' });
const writingPane = (page: Page) => page.getByRole('region', { name: 'Editor' });
const editorText = (page: Page) => page.getByRole('textbox', { name: 'Post body' });
const divider = (page: Page) => page.getByRole('separator', { name: 'Resize editor and preview' });

async function openPost(page: Page): Promise<void> {
  await posts(page)
    .getByRole('option', { name: /^A long post/ })
    .click();
  await preview(page).getByRole('heading', { name: 'Section 1' }).waitFor();
}

async function openApp(): Promise<Page> {
  const { served } = await app.serveFolder({ 'long.md': longPost() });
  const page = await app.newPage();
  await page.goto(served.url);
  await openPost(page);
  return page;
}

async function reopen(page: Page): Promise<void> {
  await page.reload();
  await openPost(page);
}

/** Two animation frames: one for the sync to run, one for the scroll it caused to settle. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
  await page.waitForTimeout(100);
}

/** How far below the top of its scrolling pane `target` is, in pixels. */
async function offsetInPane(target: Locator, pane: Locator): Promise<number> {
  const [targetBox, paneBox] = await Promise.all([target.boundingBox(), pane.boundingBox()]);
  if (targetBox === null || paneBox === null) throw new Error('not visible');
  return targetBox.y - paneBox.y;
}

/** Wheels the pane down until `target` is rendered, then scrolls it exactly to the top. */
async function scrollToTop(page: Page, pane: Locator, target: Locator): Promise<void> {
  const box = await pane.boundingBox();
  if (box === null) throw new Error('pane not visible');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let step = 0; step < 60 && (await target.count()) === 0; step++) {
    await page.mouse.wheel(0, 500);
    await settle(page);
  }
  const offset = await offsetInPane(target, pane);
  await pane.evaluate((element, by) => element.scrollBy(0, by), offset);
  await settle(page);
}

/** Where the text `text` is inside `block`, in page coordinates (one line of a code block). */
async function textBox(
  block: Locator,
  text: string,
): Promise<{ x: number; y: number; height: number }> {
  return block.evaluate((element, wanted) => {
    // The text may run across several nodes (highlighted code is a span per token).
    const nodes: { node: Text; start: number }[] = [];
    let joined = '';
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      nodes.push({ node: node as Text, start: joined.length });
      joined += node.nodeValue ?? '';
    }
    const at = joined.indexOf(wanted);
    if (at < 0) throw new Error(`${wanted} not found`);
    const place = (offset: number, end: boolean): [Text, number] => {
      let found: { node: Text; start: number } | undefined;
      for (const each of nodes) if (end ? each.start < offset : each.start <= offset) found = each;
      if (found === undefined) throw new Error(`${wanted} not found`);
      return [found.node, offset - found.start];
    };
    const range = document.createRange();
    range.setStart(...place(at, false));
    range.setEnd(...place(at + wanted.length, true));
    const rect = range.getBoundingClientRect();
    return { x: rect.left, y: rect.top, height: rect.height };
  }, text);
}

/** The top of the text `text` inside `block`, below its pane's top. */
async function textOffsetInPane(block: Locator, text: string, pane: Locator): Promise<number> {
  const paneBox = await pane.boundingBox();
  if (paneBox === null) throw new Error('pane not visible');
  return (await textBox(block, text)).y - paneBox.y;
}

const editorPane = (page: Page) => page.locator('.writing-pane');
const previewPane = (page: Page) => page.locator('.preview-pane');
const editorLine = (page: Page, text: string) => page.locator('.cm-line').filter({ hasText: text });

describe('layout', () => {
  it('shows split, editor only and preview only, and remembers the choice', async () => {
    const page = await openApp();
    const layout = page.getByRole('radiogroup', { name: 'Layout' });
    expect(await layout.getByRole('radio', { name: 'Split' }).isChecked()).toBe(true);
    expect(await writingPane(page).isVisible()).toBe(true);
    expect(await preview(page).isVisible()).toBe(true);

    await layout.getByRole('radio', { name: 'Editor' }).check();
    await preview(page).waitFor({ state: 'hidden' });
    expect(await writingPane(page).isVisible()).toBe(true);
    expect(await divider(page).count()).toBe(0);

    // The hidden preview does not render what is typed; it catches up when shown.
    await editorText(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n\nTyped while the preview was hidden.');
    await page.waitForTimeout(300);
    expect(await preview(page).getByText('Typed while the preview was hidden.').count()).toBe(0);

    await layout.getByRole('radio', { name: 'Preview' }).check();
    await writingPane(page).waitFor({ state: 'hidden' });
    await preview(page).getByText('Typed while the preview was hidden.').waitFor();

    await page.reload();
    await posts(page)
      .getByRole('option', { name: /^A long post/ })
      .click();
    await preview(page).getByRole('heading', { name: 'Section 1' }).waitFor();
    expect(await layout.getByRole('radio', { name: 'Preview' }).isChecked()).toBe(true);
    expect(await writingPane(page).isVisible()).toBe(false);
  });

  it('cycles the layouts with Ctrl+\\', async () => {
    const page = await openApp();
    const layout = page.getByRole('radiogroup', { name: 'Layout' });
    await editorText(page).click();
    await page.keyboard.press('Control+\\');
    expect(await layout.getByRole('radio', { name: 'Editor' }).isChecked()).toBe(true);
    await preview(page).waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+\\');
    expect(await layout.getByRole('radio', { name: 'Preview' }).isChecked()).toBe(true);
    await page.keyboard.press('Control+\\');
    expect(await layout.getByRole('radio', { name: 'Split' }).isChecked()).toBe(true);
    await preview(page).waitFor();
    await writingPane(page).waitFor();
  });

  it('resizes the panes with the divider, by mouse and keyboard, and remembers the ratio', async () => {
    const page = await openApp();
    const separator = divider(page);
    expect(await separator.getAttribute('aria-valuenow')).toBe('50');
    expect(await separator.getAttribute('aria-valuemin')).toBe('15');
    expect(await separator.getAttribute('aria-valuemax')).toBe('85');

    const editorBox = await writingPane(page).boundingBox();
    const previewBox = await previewPane(page).boundingBox();
    const handle = await separator.boundingBox();
    if (editorBox === null || previewBox === null || handle === null) throw new Error('hidden');
    const width = previewBox.x + previewBox.width - editorBox.x;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(editorBox.x + width * 0.5, handle.y + 200, { steps: 3 });
    await page.mouse.move(editorBox.x + width * 0.3, handle.y + 200, { steps: 5 });
    await page.mouse.up();
    expect(await separator.getAttribute('aria-valuenow')).toBe('30');
    const narrower = await writingPane(page).boundingBox();
    expect(Math.abs((narrower?.width ?? 0) - width * 0.3)).toBeLessThan(4);

    await separator.focus();
    await page.keyboard.press('ArrowRight');
    expect(await separator.getAttribute('aria-valuenow')).toBe('35');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await separator.getAttribute('aria-valuenow')).toBe('25');
    await page.keyboard.press('End');
    expect(await separator.getAttribute('aria-valuenow')).toBe('85');
    await page.keyboard.press('Home');
    expect(await separator.getAttribute('aria-valuenow')).toBe('15');
    await page.keyboard.press('ArrowRight');
    expect(await separator.getAttribute('aria-valuenow')).toBe('20');

    await reopen(page);
    expect(await divider(page).getAttribute('aria-valuenow')).toBe('20');

    await divider(page).dblclick();
    expect(await divider(page).getAttribute('aria-valuenow')).toBe('50');
    await reopen(page);
    expect(await divider(page).getAttribute('aria-valuenow')).toBe('50');
  });
});

describe('scroll sync', () => {
  it('scrolls the preview to the block whose source line is at the top of the editor', async () => {
    const page = await openApp();
    const line = editorLine(page, '## Section 4');
    await scrollToTop(page, editorPane(page), line);
    expect(Math.abs(await offsetInPane(line, editorPane(page)))).toBeLessThan(2);
    const heading = preview(page).getByRole('heading', { name: 'Section 4' });
    expect(Math.abs(await offsetInPane(heading, previewPane(page)))).toBeLessThan(30);
  });

  it('scrolls the editor to the source line of the block at the top of the preview', async () => {
    const page = await openApp();
    // Section 7 comes after the tall code block, the table and the tall image.
    const heading = preview(page).getByRole('heading', { name: 'Section 7' });
    await scrollToTop(page, previewPane(page), heading);
    expect(Math.abs(await offsetInPane(heading, previewPane(page)))).toBeLessThan(2);
    const line = editorLine(page, '## Section 7');
    await line.waitFor();
    expect(Math.abs(await offsetInPane(line, editorPane(page)))).toBeLessThan(30);
  });

  it('stays aligned inside and after a tall code block', async () => {
    const page = await openApp();
    const codeLine = editorLine(page, "console.log('code line 30');");
    await scrollToTop(page, editorPane(page), codeLine);
    const code = preview(page).locator('pre');
    expect(
      Math.abs(await textOffsetInPane(code, "console.log('code line 30');", previewPane(page))),
    ).toBeLessThan(30);

    // And back: the preview's line 45 of the code at its top brings the editor's line 45 there.
    const previewTop = await textOffsetInPane(
      code,
      "console.log('code line 45');",
      previewPane(page),
    );
    await previewPane(page).hover();
    await page.mouse.wheel(0, 1);
    await previewPane(page).evaluate((element, by) => element.scrollBy(0, by), previewTop);
    await settle(page);
    const line45 = editorLine(page, "console.log('code line 45');");
    expect(Math.abs(await offsetInPane(line45, editorPane(page)))).toBeLessThan(30);
  });

  it('lines the preview up again once typing pauses, and not while it goes on', async () => {
    const page = await openApp();
    const editor = writingPane(page);
    // The preview's scrolling pane: the one around the article.
    const previewScroller = preview(page).locator('xpath=..');
    const previewTop = (): Promise<number> =>
      previewScroller.evaluate((element) => element.scrollTop);
    // The editor's top inside the tall code block, the heading after it in view below.
    const heading = editorText(page).getByText('## Section 4', { exact: true });
    await scrollToTop(page, editor, editorText(page).getByText("console.log('code line 45');"));
    expect(await offsetInPane(heading, editor)).toBeGreaterThan(200);
    const before = await previewTop();

    // Blank lines typed above the heading make the editor's stretch from the code block to the
    // heading taller while the preview's stays as it was: the preview no longer shows what scroll
    // sync maps the editor's top to. The editor does not scroll meanwhile, so only the
    // realignment after the pause can line the preview up again.
    await heading.click();
    await page.keyboard.press('Home');
    const typing = Date.now();
    for (let key = 0; key < 12; key++) {
      await page.keyboard.press('Enter');
      await page.waitForTimeout(60);
      // Not after each key: the preview keeps its place while the author types on.
      expect(Math.abs((await previewTop()) - before)).toBeLessThan(1);
    }
    expect(Date.now() - typing).toBeGreaterThan(600);
    const headingBelow = await offsetInPane(heading, editor);

    // Once typing pauses, the preview moves to what the editor's top shows now.
    await expect
      .poll(async () => Math.abs((await previewTop()) - before), { timeout: 3000 })
      .toBeGreaterThan(50);
    const realigned = await previewTop();
    // The editor itself never moved.
    expect(Math.abs((await offsetInPane(heading, editor)) - headingBelow)).toBeLessThan(1);
    // And it is where scroll sync puts the preview for the editor's place: a scroll of the editor
    // by a pixel and back, which lines the preview up afresh, leaves it there.
    await editor.evaluate((element) => element.scrollBy(0, 1));
    await settle(page);
    await editor.evaluate((element) => element.scrollBy(0, -1));
    await settle(page);
    expect(Math.abs((await previewTop()) - realigned)).toBeLessThan(2);
  });

  it('keeps the preview at its top while the form above the body shows', async () => {
    const page = await openApp();
    await editorPane(page).evaluate((element) => element.scrollBy(0, 120));
    await settle(page);
    expect(await previewPane(page).evaluate((element) => element.scrollTop)).toBeLessThan(30);
  });
});

describe('double-clicking the preview', () => {
  it('puts the editor cursor on the source line of the block', async () => {
    const page = await openApp();
    const paragraph = preview(page).getByText(/^Paragraph 2\.2:/);
    await paragraph.dblclick({ position: { x: 20, y: 10 } });
    await expect
      .poll(() => page.locator('.cm-activeLine').textContent())
      .toMatch(/^Paragraph 2\.2:/);
    expect(
      await editorText(page).evaluate((element) => element.contains(document.activeElement)),
    ).toBe(true);
    const line = editorLine(page, 'Paragraph 2.2:');
    const [lineTop, paragraphTop] = [
      await offsetInPane(line, editorPane(page)),
      await offsetInPane(paragraph, previewPane(page)),
    ];
    // Shown level with the block, so neither pane jumps under the pointer.
    expect(Math.abs(lineTop - paragraphTop)).toBeLessThan(40);
  });

  it('puts the cursor on the line inside a code block that was double-clicked', async () => {
    const page = await openApp();
    const code = preview(page).locator('pre');
    await code.scrollIntoViewIfNeeded();
    const box = await textBox(code, "console.log('code line 20');");
    await page.mouse.dblclick(box.x + 30, box.y + box.height / 2);
    await expect
      .poll(() => page.locator('.cm-activeLine').textContent())
      .toBe("console.log('code line 20');");
  });

  it('does not move the cursor for a link', async () => {
    const page = await openApp();
    await editorText(page).click();
    // The body's first line is the blank one after the front matter.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await preview(page)
      .getByRole('link', { name: 'the first section' })
      .first()
      .dblclick({ modifiers: [] });
    await page.waitForTimeout(200);
    expect(await page.locator('.cm-activeLine').textContent()).toBe('# A long post');
  });
});
