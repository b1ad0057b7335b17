import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium } from '../chromium';

/** The built CLI; `npm test` builds before it runs the tests. */
export const cliPath = resolve(import.meta.dirname, '../../out/electron/cli.cjs');

export { chromiumPath, launchChromium } from '../chromium';

/** A solid-colour RGB PNG, built from bytes (signature, IHDR, IDAT, IEND). */
export function solidPng(width: number, height: number, rgb: readonly number[]): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(width).fill(rgb).flat())]);
  const pixels = Buffer.concat(Array<Buffer>(height).fill(row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Makes a temp folder holding the given files (paths relative to it). */
export async function makeFolder(
  files: Readonly<Record<string, string | Buffer>>,
): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'postwright-test-'));
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
  }
  return root;
}

/** A running `postwright serve`. */
export interface Served {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** Every line the server printed on stdout. */
  readonly lines: string[];
  stop(): Promise<void>;
}

/** Starts `postwright serve FOLDER` from the built CLI and waits for its one line. */
export async function serve(folder: string, args: readonly string[] = []): Promise<Served> {
  const configDir = await mkdtemp(join(tmpdir(), 'postwright-config-'));
  const child = spawn(process.execPath, [cliPath, 'serve', folder, ...args], {
    env: { ...process.env, POSTWRIGHT_CONFIG_DIR: configDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines: string[] = [];
  const first = await new Promise<string>((resolveLine, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.on('line', (line) => {
      lines.push(line);
      if (lines.length === 1) resolveLine(line);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    setTimeout(() => reject(new Error(`serve printed nothing in 15 s: ${stderr}`)), 15_000);
  });
  const match =
    /^Postwright is running at (http:\/\/127\.0\.0\.1:(\d+))\/\?token=([A-Za-z0-9_-]+)$/.exec(
      first,
    );
  if (match === null) throw new Error(`Unexpected first line: ${first}`);
  const [, origin = '', port = '', token = ''] = match;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port: Number(port),
    process: child,
    lines,
    stop: async () => {
      await new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill();
      });
      await rm(configDir, { recursive: true, force: true });
    },
  };
}

/** What a finished CLI run printed. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built `postwright` CLI to the end, with config and documents in `home` (a temp folder
 * made and removed for this run unless given, so a test can keep an index cache across runs).
 */
export async function runCli(
  args: readonly string[],
  options: { readonly home?: string } = {},
): Promise<CliRun> {
  const home = options.home ?? (await mkdtemp(join(tmpdir(), 'postwright-home-')));
  const child = spawn(process.execPath, [cliPath, ...args], {
    env: {
      ...process.env,
      POSTWRIGHT_CONFIG_DIR: join(home, 'config'),
      POSTWRIGHT_DOCUMENTS_DIR: join(home, 'documents'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('close', done));
  if (options.home === undefined) await rm(home, { recursive: true, force: true });
  return { code, stdout, stderr };
}

/** What `appTests` gives a file of end-to-end tests. */
export interface AppTests {
  /** A temp posts folder holding `files`, served in browser mode until the test ends. */
  serveFolder(files: Readonly<Record<string, string>>): Promise<{ folder: string; served: Served }>;
  /** A new 1400x900 page in the file's Chromium; an uncaught error in it fails the test. */
  newPage(options?: { readonly failOnDialog?: boolean }): Promise<Page>;
}

/**
 * One Chromium for a file of end-to-end tests, and per test its served folders and pages, all
 * cleaned up afterwards. Call once at the top of the file: it registers the hooks.
 */
export function appTests(): AppTests {
  let browser: Browser | null = null;
  const pages: Page[] = [];
  const servers: Served[] = [];
  const folders: string[] = [];
  /** Uncaught exceptions in any page: the app must have none. */
  const pageErrors: string[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.close()));
    await Promise.all(servers.splice(0).map((server) => server.stop()));
    expect(pageErrors.splice(0)).toEqual([]);
  });
  return {
    async serveFolder(files) {
      const folder = await makeFolder(files);
      folders.push(folder);
      const served = await serve(folder);
      servers.push(served);
      return { folder, served };
    },
    async newPage(options = {}) {
      if (browser === null) throw new Error('appTests: the browser is not running');
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (error) => pageErrors.push(error.message));
      if (options.failOnDialog) {
        // Any browser dialog (confirm, alert) is a failure: the app uses its own.
        page.on('dialog', (dialog) => {
          pageErrors.push(`Unexpected ${dialog.type()}: ${dialog.message()}`);
          void dialog.dismiss();
        });
      }
      pages.push(page);
      return page;
    },
  };
}
