import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { cliPath, makeFolder } from './e2e/harness';

const runningLine =
  /^Postwright is running at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+)$/;

let home: string;
let blog: string;
const children = new Set<ChildProcess>();

/** The environment of every CLI run: config and documents in temp folders, never the real home. */
function cliEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    POSTWRIGHT_CONFIG_DIR: join(home, 'config'),
    POSTWRIGHT_DOCUMENTS_DIR: join(home, 'documents'),
  };
}

function start(args: readonly string[]): ChildProcess {
  const child = spawn(process.execPath, [cliPath, ...args], {
    env: cliEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI to its end. */
function run(...args: string[]): Promise<Finished> {
  const child = start(args);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolveRun, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`postwright ${args.join(' ')} did not end`)),
      10_000,
    );
    child.once('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr });
    });
  });
}

/** Stops a child and waits for it to be gone. */
function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode);
    child.once('exit', (code) => done(code));
    child.kill('SIGTERM');
  });
}

interface Serving {
  readonly child: ChildProcess;
  /** Every stdout line within a second after the first one. */
  readonly lines: readonly string[];
  readonly stderr: string;
}

/** Starts `postwright serve ARGS`, waits for its first line, then watches stdout for one more second. */
async function serve(args: readonly string[]): Promise<Serving> {
  const child = start(['serve', ...args]);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines: string[] = [];
  const rl = createInterface({ input: child.stdout! });
  rl.on('line', (line) => lines.push(line));
  await new Promise<void>((ready, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed nothing: ${stderr}`)), 10_000);
    rl.once('line', () => {
      clearTimeout(timer);
      ready();
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  await new Promise((wait) => setTimeout(wait, 1000));
  return { child, lines, stderr };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((listening) => probe.listen(0, '127.0.0.1', listening));
  const { port } = probe.address() as AddressInfo;
  await new Promise((closed) => probe.close(closed));
  return port;
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'postwright-cli-home-'));
  blog = await makeFolder({
    'first.md': '---\ntitle: First post\ndate: 2024-05-03\npublished: true\n---\nHello\n',
    'drafts/second.md':
      '---\ntitle: Second post\ndate: 2024-02-28T10:00:00+02:00\npublished: false\n---\nDraft\n',
    'bundle/index.md': '---\ntitle: "Bundled: post"\n---\n',
    'broken.md': '---\ntitle: ok\nfoo: bar: baz\n---\n',
  });
});

afterEach(async () => {
  await Promise.all([...children].map(stop));
});

afterAll(async () => {
  await rm(home, { recursive: true, force: true });
  await rm(blog, { recursive: true, force: true });
});

describe('help and usage errors', () => {
  test('--help on every command exits 0 and prints its usage', async () => {
    const cases = [['--help'], ['-h'], ['help'], ['list', '--help'], ['serve', '--help']];
    const results = await Promise.all(cases.map((args) => run(...args)));
    results.forEach((result, i) => {
      const args = cases[i]?.join(' ');
      expect(result.code, args).toBe(0);
      expect(result.stdout, args).toMatch(/^Usage: postwright /);
      expect(result.stderr, args).toBe('');
    });
    expect(results[3]?.stdout).toMatch(/^Usage: postwright list FOLDER/);
    expect(results[4]?.stdout).toMatch(/^Usage: postwright serve/);
  });

  test('an unknown command, an unknown option or a missing FOLDER exits 2 with a message', async () => {
    const cases = [
      ['frobnicate'],
      ['list', blog, '--bogus'],
      ['serve', blog, '--bogus'],
      ['serve', blog, '--port', 'abc'],
      ['serve', blog, '--port', '70000'],
      ['list'],
      ['list', blog, blog],
    ];
    const results = await Promise.all(cases.map((args) => run(...args)));
    results.forEach((result, i) => {
      const args = cases[i]?.join(' ');
      expect(result.code, args).toBe(2);
      expect(result.stdout, args).toBe('');
      expect(result.stderr, args).toMatch(/^postwright: /);
      expect(result.stderr, args).not.toMatch(/^\s+at /m);
    });
  });
});

describe('list', () => {
  test('prints one line per post with status, date, title and path', async () => {
    const result = await run('list', blog);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines).toContainEqual(
      expect.stringMatching(/^published\s+2024-05-03\s+First post\s+\(first\.md\)( \s*\[.*\])?$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^draft\s+2024-02-28T10:00:00\+02:00\s+Second post\s+\(drafts\/second\.md\)( \s*\[.*\])?$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/Bundled: post\s+\(bundle\/index\.md\)( \s*\[.*\])?$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/\(broken\.md\)\s+\[1 error\(s\), \d+ warning\(s\)\]$/),
    );
  });

  test('--json prints the index with titles, statuses and dates exactly as written', async () => {
    const result = await run('list', blog, '--json');
    expect(result.code).toBe(0);
    const posts = JSON.parse(result.stdout) as {
      path: string;
      title: string;
      status: string;
      date: string;
      problems: { message: string; line: number; column: number; rule: string }[];
    }[];
    const byPath = Object.fromEntries(posts.map((post) => [post.path, post]));
    expect(Object.keys(byPath).sort()).toEqual([
      'broken.md',
      'bundle/index.md',
      'drafts/second.md',
      'first.md',
    ]);
    expect(byPath['first.md']).toMatchObject({
      title: 'First post',
      status: 'published',
      date: '2024-05-03',
    });
    expect(byPath['drafts/second.md']).toMatchObject({
      title: 'Second post',
      status: 'draft',
      date: '2024-02-28T10:00:00+02:00',
    });
    expect(byPath['bundle/index.md']).toMatchObject({
      title: 'Bundled: post',
      status: 'draft',
      date: '',
    });
    expect(byPath['broken.md']?.problems[0]).toMatchObject({
      rule: 'front-matter',
      line: 3,
      column: 6,
    });
  });

  test('a folder that does not exist exits 2 with one line on stderr and no stack trace', async () => {
    const result = await run('list', '/does/not/exist');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^postwright: [^\n]*\/does\/not\/exist[^\n]*\n$/);
  });
});

describe('serve', () => {
  test('prints exactly one line with the loopback address and token, and nothing after it', async () => {
    const { child, lines, stderr } = await serve([blog]);
    expect(lines).toHaveLength(1);
    const match = runningLine.exec(lines[0] ?? '');
    expect(match, lines[0]).not.toBeNull();
    expect(stderr).toBe('');
    // The printed address really serves the app.
    const reply = await fetch(`http://127.0.0.1:${match?.[1]}/?token=${match?.[2]}`);
    expect(reply.status).toBe(200);
    expect(await reply.text()).toContain('<title>');
    expect(await stop(child)).toBe(0);
  });

  test('--port N listens on port N', async () => {
    const port = await freePort();
    const { child, lines } = await serve([blog, '--port', String(port)]);
    expect(lines).toHaveLength(1);
    expect(runningLine.exec(lines[0] ?? '')?.[1]).toBe(String(port));
    const token = runningLine.exec(lines[0] ?? '')?.[2] ?? '';
    const reply = await fetch(`http://127.0.0.1:${port}/api/commands/listPosts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Postwright-Token': token },
      body: '{"args":[]}',
    });
    expect(await reply.json()).toMatchObject({
      ok: true,
      value: expect.arrayContaining([expect.objectContaining({ path: 'first.md' })]),
    });
    await stop(child);
  });

  test('a folder that does not exist exits 2 with one line on stderr', async () => {
    const result = await run('serve', '/does/not/exist');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^postwright: [^\n]*\/does\/not\/exist[^\n]*\n$/);
  });
});
