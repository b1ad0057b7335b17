// Debian's Chromium for the end-to-end tests and the browser benchmarks alike. Plain Node (no
// vitest), so the benchmarks can use it under `npm run bench`.
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/** Debian's Chromium, as CI installs it (POSTWRIGHT_CHROMIUM elsewhere). */
export const chromiumPath = process.env.POSTWRIGHT_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Launches it headless with the flags our closed network needs, quiet: no background traffic to
 * fail or to skew a benchmark's figures.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
