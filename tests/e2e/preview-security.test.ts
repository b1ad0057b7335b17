import { rm } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  forbiddenElements,
  hostileEndMarker,
  hostileFixtures,
  offendingAttributes,
} from '../hostile-html';
import type { RenderedAttribute } from '../hostile-html';
import { launchChromium, makeFolder, serve } from './harness';
import type { Served } from './harness';

// Every hostile fixture, opened in the real app in Chromium. The page's CSP is bypassed on
// purpose: it would stop inline handlers by itself, and this test is about what the sanitizer
// lets through. Had anything survived, it would run here.
const fixtures = await hostileFixtures();

let browser: Browser;
let context: BrowserContext;
let served: Served;
let page: Page;
let folder: string;
let appUrl: string;
/** Everything that should never happen, as it happens: dialogs, navigations, downloads. */
const incidents: string[] = [];

beforeAll(async () => {
  folder = await makeFolder(Object.fromEntries(fixtures.map(({ file, text }) => [file, text])));
  served = await serve(folder);
  browser = await launchChromium();
  context = await browser.newContext({
    bypassCSP: true,
    viewport: { width: 1400, height: 900 },
  });
  page = await context.newPage();
  // Browser mode opens web links in a new tab: fine, and closed at once.
  context.on('page', (tab) => void tab.close());
  page.setDefaultTimeout(10_000);
  page.on('dialog', (dialog) => {
    incidents.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('download', (download) => incidents.push(`download: ${download.url()}`));
  page.on('pageerror', (error) => incidents.push(`page error: ${error.message}`));
  await page.goto(served.url);
  appUrl = page.url();
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) incidents.push(`navigated to ${frame.url()}`);
  });
  page.on('request', (request) => {
    if (request.url().includes('pwned.invalid')) incidents.push(`request to ${request.url()}`);
  });
});

afterAll(async () => {
  await browser.close();
  await served.stop();
  await rm(folder, { recursive: true, force: true });
});

const preview = () => page.getByRole('article', { name: 'Preview' });
const pwned = () => page.evaluate(() => (window as { __pwned?: unknown }).__pwned);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function open(title: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Posts' })
    .getByRole('option', { name: new RegExp(`^${escapeRegExp(title)}`) })
    .click();
  await preview().getByText(hostileEndMarker).waitFor();
  // Time for an image error, a frame load, an animation or a refresh to fire, had one survived.
  await page.waitForTimeout(300);
}

/** Every element of the preview and its attributes, as the browser holds them. */
function inspectPreview(): Promise<{ elements: string[]; attributes: RenderedAttribute[] }> {
  return preview().evaluate((article) => {
    const all = Array.from(article.querySelectorAll('*'));
    return {
      elements: all.map((element) => element.localName),
      attributes: all.flatMap((element) =>
        Array.from(element.attributes).map(({ name, value }) => ({
          element: element.localName,
          name,
          value,
        })),
      ),
    };
  });
}

async function expectNothingHappened(): Promise<void> {
  expect(await pwned()).toBeUndefined();
  expect(page.url()).toBe(appUrl);
  expect(incidents).toEqual([]);
  // The app is still the app: its sidebar is there, its own root is the only one.
  expect(await page.getByRole('navigation', { name: 'Posts' }).isVisible()).toBe(true);
  expect(await page.locator('[id="root"]').count()).toBe(1);
}

describe.each(fixtures)('the preview of $file', ({ title }) => {
  it('runs nothing, navigates nowhere, and keeps no handler or script URL', async () => {
    await open(title);
    await expectNothingHappened();
    const { elements, attributes } = await inspectPreview();
    expect(elements.filter((name) => forbiddenElements.includes(name))).toEqual([]);
    expect(offendingAttributes(attributes)).toEqual([]);
  });

  it('navigates nowhere when any of its links is clicked', async () => {
    const links = preview().locator('a, area');
    const count = await links.count();
    for (let i = 0; i < count; i++) {
      const link = links.nth(i);
      // A real click where the link can be clicked, and a scripted one on every link.
      await link.click({ timeout: 500 }).catch(() => undefined);
      await link.evaluate((element) =>
        element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true })),
      );
    }
    await page.waitForTimeout(200);
    await expectNothingHappened();
  });
});

describe('a web link in a hostile post', () => {
  it('opens outside the app, never in its window', async () => {
    await open('Hostile: targets and popups');
    const tab = context.waitForEvent('page');
    await preview().getByText('target top').click();
    await tab;
    await expectNothingHappened();
  });
});
