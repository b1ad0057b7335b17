import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, test } from 'vitest';

// The child saves with the app's own savePost (bundled from library.ts), not a copy of its logic,
// so a change to how saves are written is what this test checks.
const child = `
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { savePost, versionOf } from './library';

async function main(): Promise<void> {
  const [root = '', oldPath = '', newPath = ''] = process.argv.slice(2);
  const texts = [await readFile(oldPath, 'utf8'), await readFile(newPath, 'utf8')];
  let version = versionOf(await readFile(join(root, 'post.md')));
  for (let n = 0; ; n++) {
    const saved = await savePost(root, 'post.md', texts[(n + 1) % 2] ?? '', version);
    if (!saved.ok) throw new Error(saved.error.message);
    version = saved.value.version;
    if (n === 0) process.stdout.write('saving\\n');
  }
}
void main();
`;

const rounds = 30;
const size = 200 * 1024;

let dir: string;
let script: string;
let oldText: string;
let newText: string;

/** A text of about `size` characters, different on every line, so a torn write cannot look whole. */
function textOf(label: string): string {
  const lines: string[] = [`---\ntitle: ${label}\n---\n`];
  for (let n = 0; lines.join('').length < size; n++)
    lines.push(`${label} line ${n} ${'·'.repeat(60)}\n`);
  return lines.join('');
}

beforeAll(async () => {
  dir = await realpath(await mkdtemp(join(tmpdir(), 'postwright-crash-')));
  script = join(dir, 'saver.cjs');
  await build({
    stdin: { contents: child, resolveDir: import.meta.dirname, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: script,
    logLevel: 'error',
  });
  oldText = textOf('old');
  newText = textOf('new');
  await writeFile(join(dir, 'old.txt'), oldText);
  await writeFile(join(dir, 'new.txt'), newText);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts the saver on `root` and resolves once its first save is done and it is saving again. */
async function startSaver(root: string) {
  const saver = spawn(
    process.execPath,
    [script, root, join(dir, 'old.txt'), join(dir, 'new.txt')],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  saver.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((done) => saver.once('exit', () => done()));
  await new Promise<void>((ready, reject) => {
    createInterface({ input: saver.stdout }).once('line', () => ready());
    saver.once('exit', (code) => reject(new Error(`The saver exited (${code}): ${stderr}`)));
  });
  return { saver, exited };
}

test('a save killed at any moment leaves the old text or the new, never a part or nothing', async () => {
  const root = join(dir, 'posts');
  await mkdir(root);
  await writeFile(join(root, 'post.md'), oldText);
  const seen = new Set<string>();
  for (let round = 0; round < rounds; round++) {
    const { saver, exited } = await startSaver(root);
    await new Promise((wait) => setTimeout(wait, 5 + Math.random() * 45));
    saver.kill('SIGKILL');
    await exited;
    const text = await readFile(join(root, 'post.md'), 'utf8');
    expect(text.length, `round ${round}: the file has ${text.length} characters`).toBeGreaterThan(
      0,
    );
    const which = text === oldText ? 'old' : text === newText ? 'new' : null;
    expect(which, `round ${round}: the file is neither the old nor the new text`).not.toBeNull();
    seen.add(which ?? '');
  }
  // Both texts showing up proves the kills landed while saves were going on.
  expect([...seen].sort()).toEqual(['new', 'old']);
  // Temp files a killed save leaves are its own (`post.md.<hash>`), never another post.
  for (const name of await readdir(root)) expect(name).toMatch(/^post\.md(\.\d+)?$/);
}, 20_000);
