import { rm } from 'node:fs/promises';
import { afterAll, expect, it } from 'vitest';
import { launchChromium, makeFolder, serve } from './harness';

const count = 1200;
const files = Object.fromEntries(
  Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(4, '0');
    const date = `2020-01-01`;
    return [`post-${n}.md`, `---\ntitle: "Post ${n}"\ndate: ${date}\n---\n\nBody ${n}.\n`];
  }),
);

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

it('a long list renders only the rows in view, and every post is still reachable', async () => {
  const folder = await makeFolder(files);
  cleanup.push(() => rm(folder, { recursive: true, force: true }));
  const served = await serve(folder);
  cleanup.push(() => served.stop());
  const browser = await launchChromium();
  cleanup.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(served.url);
  const posts = page.getByRole('navigation', { name: 'Posts' });
  await posts.getByRole('option', { name: /^Post 0000/ }).waitFor();
  await page.getByText(`${count} posts`).waitFor();
  const rendered = await posts.locator('li').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(100);
  // Scroll the list to the end: the last post is there and opens.
  await page.locator('.post-list').evaluate((list) => list.scrollTo(0, list.scrollHeight));
  const last = posts.getByRole('option', { name: /^Post 1199/ });
  await last.waitFor();
  // A screen reader sees only the rows in view: each tells where it is in the whole list.
  expect(await last.getAttribute('aria-setsize')).toBe(String(count));
  expect(await last.getAttribute('aria-posinset')).toBe(String(count));
  await last.click();
  await page.getByRole('article', { name: 'Preview' }).getByText('Body 1199.').waitFor();
});
