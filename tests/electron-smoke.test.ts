import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { _electron } from 'playwright-core';
import { expect, it } from 'vitest';
import { makeFolder } from './e2e/harness';

const appDir = resolve(import.meta.dirname, '..');

/** The downloaded Electron binary, or why there is none (our build machines cannot download it). */
function electronBinary(): { path: string } | { reason: string } {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { reason: 'the Electron binary is not downloaded here (it downloads on first launch)' };
  }
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary)
    ? { path: binary }
    : { reason: `the Electron binary is missing: ${binary}` };
}

function skipReason(): string | null {
  const electron = electronBinary();
  if ('reason' in electron) return electron.reason;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'there is no display (run under xvfb-run to include this test)';
  }
  return null;
}

it('the desktop app opens a sandboxed window on a posts folder', async (context) => {
  const reason = skipReason();
  if (reason !== null) {
    console.log(`Electron smoke test skipped: ${reason}`);
    context.skip(`Electron smoke test skipped: ${reason}`);
  }
  const electron = electronBinary();
  if (!('path' in electron)) return;
  const folder = await makeFolder({
    'hello.md': '---\ntitle: "Hello from Electron"\n---\n\nBody\n',
  });
  const configDir = await mkdtemp(join(tmpdir(), 'postwright-config-'));
  const app = await _electron.launch({
    executablePath: electron.path,
    args: [appDir],
    env: { ...process.env, POSTWRIGHT_CONFIG_DIR: configDir },
  });
  try {
    const window = await app.firstWindow();
    // The page has no Node: the preload's narrow API is all it gets.
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    );
    expect(
      await window.evaluate(() => typeof (globalThis as { postwright?: unknown }).postwright),
    ).toBe('object');
    await window.evaluate(
      (path) =>
        (
          globalThis as unknown as { postwright: { openFolder(p: string): Promise<unknown> } }
        ).postwright.openFolder(path),
      folder,
    );
    await window.getByRole('button', { name: /Hello from Electron/ }).waitFor();
  } finally {
    await app.close();
  }
});
