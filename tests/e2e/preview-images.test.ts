import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appTests, solidPng } from './harness';

const gallery = [
  '---',
  'title: Gallery',
  '---',
  '',
  '# Gallery',
  '',
  'Intro paragraph.',
  '',
  '![Site image](/images/blogs/site.png)',
  '',
  '![Missing image](/images/nope.png)',
  '',
  'Last paragraph.',
  '',
].join('\n');

const bundle = ['---', 'title: Trip', '---', '', '# Trip', '', '![Cover](cover.png)', ''].join(
  '\n',
);

const files = {
  // The site's public folder sits inside the temp folder here; in a real site it is usually beside.
  'postwright.config.yml': 'publicFolder: _public\n',
  'gallery.md': gallery,
  'trip/index.md': bundle,
};

const app = appTests();

async function openPost(title: RegExp): Promise<{ page: Page; folder: string }> {
  const { folder, served } = await app.serveFolder(files);
  await mkdir(join(folder, '_public', 'images', 'blogs'), { recursive: true });
  await writeFile(
    join(folder, '_public', 'images', 'blogs', 'site.png'),
    solidPng(320, 120, [46, 125, 200]),
  );
  await writeFile(join(folder, 'trip', 'cover.png'), solidPng(2, 2, [220, 80, 40]));
  const page = await app.newPage();
  await page.goto(served.url);
  await page
    .getByRole('navigation', { name: 'Posts' })
    .getByRole('option', { name: title })
    .click();
  return { page, folder };
}

type Marked = Element & { marked?: boolean };

const preview = (page: Page) => page.getByRole('article', { name: 'Preview' });

function naturalWidth(page: Page, name: string): Promise<number> {
  return preview(page)
    .getByRole('img', { name })
    .evaluate((img) => (img as HTMLImageElement).naturalWidth);
}

describe('images in the preview (browser mode)', () => {
  it('shows a site-absolute image from the public folder', async () => {
    const { page } = await openPost(/^Gallery/);
    await expect.poll(() => naturalWidth(page, 'Site image')).toBe(320);
    const src = await preview(page).getByRole('img', { name: 'Site image' }).getAttribute('src');
    expect(src).toBe('/api/image?post=gallery.md&src=%2Fimages%2Fblogs%2Fsite.png');
  });

  it('shows a relative image beside a page bundle’s index.md', async () => {
    const { page } = await openPost(/^Trip/);
    await expect.poll(() => naturalWidth(page, 'Cover')).toBe(2);
  });

  it('shows a placeholder for a missing image, and the image once it appears', async () => {
    const { page, folder } = await openPost(/^Gallery/);
    const note = preview(page).getByText('Image not found: /images/nope.png');
    await note.waitFor();
    await expect
      .poll(() => preview(page).getByRole('img', { name: 'Missing image' }).isVisible())
      .toBe(false);

    // Typing re-renders the preview; the placeholder stays.
    const editor = page.getByRole('textbox', { name: 'Post body' });
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('More words.');
    await preview(page).getByText('More words.').waitFor();
    expect(await note.isVisible()).toBe(true);

    await writeFile(join(folder, '_public', 'images', 'nope.png'), solidPng(4, 4, [0, 160, 0]));
    await expect.poll(() => naturalWidth(page, 'Missing image'), { timeout: 10_000 }).toBe(4);
    await note.waitFor({ state: 'detached' });
  });

  it('does not fetch a loaded image again while the author types', async () => {
    const { page } = await openPost(/^Gallery/);
    const fetched: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('site.png')) fetched.push(request.url());
    });
    const image = preview(page).getByRole('img', { name: 'Site image' });
    await expect.poll(() => naturalWidth(page, 'Site image')).toBe(320);
    // A property, not an attribute: the patcher would rightly remove an attribute the text lacks.
    await image.evaluate((img) => ((img as Marked).marked = true));
    const before = fetched.length;

    const editor = page.getByRole('textbox', { name: 'Post body' });
    await editor.getByText('Intro paragraph.').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Typed above the image.');
    await preview(page).getByText('Intro paragraph. Typed above the image.').waitFor();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('Typed below it.\n\nAnd a new paragraph.');
    await preview(page).getByText('And a new paragraph.').waitFor();
    await page.waitForTimeout(300);

    expect(fetched.length - before).toBe(0);
    // The very same element: the patcher never replaced it.
    expect(await image.evaluate((img) => (img as Marked).marked)).toBe(true);
    expect(await naturalWidth(page, 'Site image')).toBe(320);
  });
});
