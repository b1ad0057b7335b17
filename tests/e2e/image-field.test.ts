import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appTests, solidPng } from './harness';

const post = (title: string, image: string): string =>
  ['---', `title: ${title}`, `image: ${image}`, 'published: false', '---', '', 'Words.', ''].join(
    '\n',
  );

const files = {
  // The site's public folder sits inside the temp folder here; in a real site it is usually beside.
  'postwright.config.yml': 'publicFolder: _public\nimageFolder: /images/blog\n',
  'with-cover.md': post('With cover', '/images/blog/cover.png'),
  'missing-cover.md': post('Missing cover', '/images/blog/nope.png'),
};

const app = appTests();

async function openPost(title: string): Promise<{ page: Page; folder: string }> {
  const { folder, served } = await app.serveFolder(files);
  await mkdir(join(folder, '_public', 'images', 'blog'), { recursive: true });
  await writeFile(
    join(folder, '_public', 'images', 'blog', 'cover.png'),
    solidPng(320, 180, [46, 125, 200]),
  );
  const page = await app.newPage();
  await page.goto(served.url);
  await page
    .getByRole('navigation', { name: 'Posts' })
    .getByRole('option', { name: new RegExp(`^${title}`) })
    .click();
  return { page, folder };
}

const field = (page: Page) =>
  page.getByRole('region', { name: 'Front matter' }).getByLabel('Image', { exact: true });
const thumbnail = (page: Page) => page.getByAltText('Image thumbnail');
const naturalWidth = (page: Page): Promise<number> =>
  thumbnail(page).evaluate((img) => (img as HTMLImageElement).naturalWidth);

async function choose(page: Page, name: string, buffer: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'image/png', buffer });
}

describe('the image field (browser mode)', () => {
  it('shows the thumbnail of the image the field names, from the public folder', async () => {
    const { page } = await openPost('With cover');
    expect(await field(page).inputValue()).toBe('/images/blog/cover.png');
    await expect.poll(() => naturalWidth(page)).toBe(320);
  });

  it('copies a chosen file into the public image folder and sets the field to it', async () => {
    const { page, folder } = await openPost('With cover');
    const picked = solidPng(240, 160, [220, 120, 40]);
    await choose(page, 'Holiday Shot.PNG', picked);

    await expect.poll(() => field(page).inputValue()).toBe('/images/blog/holiday-shot.png');
    const imageFolder = join(folder, '_public', 'images', 'blog');
    expect(await readFile(join(imageFolder, 'holiday-shot.png'))).toEqual(picked);
    await expect.poll(() => naturalWidth(page)).toBe(240);
    await mkdir('/tmp/postwright-shots', { recursive: true });
    await page.screenshot({ path: '/tmp/postwright-shots/image-field.png' });

    // Saving writes the new path into that one line of the file.
    await page.keyboard.press('Control+S');
    await expect
      .poll(() => readFile(join(folder, 'with-cover.md'), 'utf8'))
      .toBe(post('With cover', '/images/blog/holiday-shot.png'));

    // The same file again is the same image; other bytes under that name get -2.
    await choose(page, 'Holiday Shot.PNG', picked);
    await choose(page, 'Holiday Shot.PNG', solidPng(10, 10, [0, 0, 0]));
    await expect.poll(() => field(page).inputValue()).toBe('/images/blog/holiday-shot-2.png');
    expect((await readdir(imageFolder)).sort()).toEqual([
      'cover.png',
      'holiday-shot-2.png',
      'holiday-shot.png',
    ]);
  });

  it('says "Image not found" for a path with no image, and shows one once it is typed', async () => {
    const { page } = await openPost('Missing cover');
    const missing = page.getByText('Image not found', { exact: true });
    await missing.waitFor();
    await expect.poll(() => thumbnail(page).isVisible()).toBe(false);
    await mkdir('/tmp/postwright-shots', { recursive: true });
    await page
      .getByRole('region', { name: 'Front matter' })
      .screenshot({ path: '/tmp/postwright-shots/image-field-missing.png' });

    await field(page).fill('/images/blog/cover.png');
    await expect.poll(() => naturalWidth(page)).toBe(320);
    await missing.waitFor({ state: 'detached' });
  });

  it('refuses a file that is not an image, with the reason under the field', async () => {
    const { page, folder } = await openPost('With cover');
    await choose(page, 'notes.png', Buffer.from('just some text, not a picture'));
    await page
      .getByRole('alert')
      .getByText(/notes\.png does not hold a PNG/)
      .waitFor();
    expect(await field(page).inputValue()).toBe('/images/blog/cover.png');
    expect(await readdir(join(folder, '_public', 'images', 'blog'))).toEqual(['cover.png']);
  });
});
