import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from './config';
import { availableParallelism } from 'node:os';
import { defaultFactsThreads, minFilesForThreads, openFactsPool } from './facts-pool';
import { buildFolderIndex } from './folder-index';
import type { FolderIndex } from './folder-index';
import { readFacts } from './index-entry';
import { diskReader } from './scan';

// The worker threads must give exactly the facts this thread gives: the same index, every field,
// for posts of every kind; and a worker that cannot start or dies must change nothing but speed.

let base: string;
let root: string;
let script: string;

const longAgo = new Date(Date.now() - 86_400_000);

const posts: Readonly<Record<string, string | Buffer>> = {
  'plain.md':
    '---\ntitle: Plain\ndate: 2024-02-28\npublished: true\ntags: [a, b]\n---\n\n# Plain\n\nSome words here.\n',
  'crlf.md': '---\r\ntitle: "CRLF"\r\ntags:\r\n  - x\r\n  - y\r\n---\r\nBody with TODO in it.\r\n',
  'bom.md': '\ufeff---\ntitle: Bom\n---\nText.\n',
  'anchors.md':
    '---\nbase: &b {x: 1}\nother: *b\ntitle: |\n  Multi\n  line\n---\n## Empty\n## Next\n',
  'broken.md': '---\ntitle: [unclosed\n---\nBody.\n',
  'no-front-matter.markdown': 'Just a body.\n\nLet me know if you would like a longer version.\n',
  'toml.md': '+++\ntitle = "Toml"\n+++\nBody.\n',
  'binary.md': Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]),
  'latin1.md': Buffer.from('---\ntitle: caf\xe9\n---\n', 'latin1'),
  // Front matter past the first read's 2 KB: the early list reads it whole.
  'long.md': `---\ntitle: Long\ndescription: ${'long '.repeat(700)}\n---\nBody.\n`,
  'bundle/index.md': `---\ntitle: Big\n---\n${'word '.repeat(5000)}\n`,
};

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'postwright-facts-pool-'));
  root = join(base, 'posts');
  for (const [path, content] of Object.entries(posts)) {
    const full = join(root, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
    await utimes(full, longAgo, longAgo);
  }
  // The worker as electron/build.mjs builds it, but self-contained: the temp folder has no
  // node_modules to resolve packages from.
  script = join(base, 'index-worker.cjs');
  await build({
    entryPoints: ['electron/library/index-worker.ts'],
    outfile: script,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
}, 30_000);

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

/** The complete index, with the early list it showed first as `listed`. */
async function indexWith(workers: {
  script: string | null;
  threads: number;
}): Promise<FolderIndex & { listed: FolderIndex | null }> {
  const config = await loadConfig(root);
  if (!config.ok) throw new Error(config.error.message);
  let listed: FolderIndex | null = null;
  const index = await buildFolderIndex(root, config.value, {
    workers,
    onListed: (early) => (listed = early),
  });
  return { ...index, listed };
}

/** Everything an index gives the UI and keeps, without the config object. */
function shapeOf(index: FolderIndex): unknown {
  return {
    posts: index.posts,
    schemaKey: index.schemaKey,
    entries: [...index.entries.values()],
  };
}

describe('cold index in worker threads', () => {
  test('gives the same index, every field, as one thread', async () => {
    const inThread = await indexWith({ script: null, threads: 0 });
    const threaded = await indexWith({ script, threads: 2 });
    expect(threaded.posts.length).toBe(Object.keys(posts).length);
    expect(shapeOf(threaded)).toStrictEqual(shapeOf(inThread));
    // The early list too (front matter only, from the first bytes of each file).
    expect(threaded.listed?.complete).toBe(false);
    expect(shapeOf(threaded.listed as FolderIndex)).toStrictEqual(
      shapeOf(inThread.listed as FolderIndex),
    );
    // The cases above are all there: unreadable files, a front matter error, body warnings.
    const problems = threaded.posts.flatMap((post) => post.problems.map((problem) => problem.rule));
    expect(problems).toEqual(
      expect.arrayContaining(['front-matter', 'todo', 'empty-section', 'assistant-residue']),
    );
  });

  test('gives key positions as file lines, and a TOML post its values', async () => {
    const threaded = await indexWith({ script, threads: 1 });
    expect(threaded.entries.get('crlf.md')?.facts.keys).toEqual(['title', 2, 1, 'tags', 3, 1]);
    expect(threaded.entries.get('toml.md')?.summary.title).toBe('Toml');
    expect(threaded.entries.get('anchors.md')?.facts.values.other).toEqual({ x: 1 });
    expect(threaded.entries.get('bundle/index.md')?.facts.body?.words).toBe(5000);
  });

  test('does the work in this thread when the worker cannot start', async () => {
    const missing = await indexWith({ script: join(base, 'no-such-worker.cjs'), threads: 2 });
    const inThread = await indexWith({ script: null, threads: 0 });
    expect(shapeOf(missing)).toStrictEqual(shapeOf(inThread));
  });

  test('the threads do the work, reading the files themselves', async () => {
    const pool = openFactsPool(script, 2);
    try {
      const paths = Object.keys(posts);
      const facts = await Promise.all(
        paths.map((path) => pool.factsOf({ path, file: join(root, path) })),
      );
      // This thread takes its share too.
      expect(pool.answered()).toBeGreaterThan(paths.length / 2);
      expect(pool.answered()).toBeLessThan(paths.length);
      const answered = pool.answered();
      const direct = await Promise.all(
        paths.map((path) => readFacts(diskReader, { path, file: join(root, path) })),
      );
      expect(facts).toStrictEqual(direct);
      expect(await pool.factsOf({ path: 'gone.md', file: join(root, 'gone.md') })).toBeNull();
      // The early list's first bytes are read here: no worker's start-up to wait for.
      const heads = await Promise.all(
        paths.map((path) => pool.headFactsOf({ path, file: join(root, path) })),
      );
      expect(heads.every((head) => head !== null)).toBe(true);
      expect(pool.answered()).toBe(answered + 1);
    } finally {
      await pool.close();
    }
  });

  test('does a dead worker’s files in this thread', async () => {
    // Takes its first file and dies without answering.
    const dying = join(base, 'dying-worker.cjs');
    await writeFile(
      dying,
      "require('node:worker_threads').parentPort.once('message', () => process.exit(3));\n",
    );
    const pool = openFactsPool(dying, 2);
    try {
      const paths = Object.keys(posts);
      const pooled = await Promise.all(
        paths.map((path) => pool.factsOf({ path, file: join(root, path) })),
      );
      const direct = await Promise.all(
        paths.map((path) => readFacts(diskReader, { path, file: join(root, path) })),
      );
      expect(pooled).toStrictEqual(direct);
      expect(pool.answered()).toBe(0);
    } finally {
      await pool.close();
    }
  });

  test('a bug in a worker rejects with the file it was checking', async () => {
    const throwing = join(base, 'throwing-worker.cjs');
    await writeFile(
      throwing,
      "const { parentPort } = require('node:worker_threads');\n" +
        "parentPort.on('message', (r) => parentPort.postMessage({ id: r.id, error: 'Error: boom' }));\n",
    );
    const pool = openFactsPool(throwing, 1);
    try {
      await expect(
        pool.factsOf({ path: 'plain.md', file: join(root, 'plain.md') }),
      ).rejects.toThrow('Indexing plain.md failed: Error: boom');
    } finally {
      await pool.close();
    }
  });

  test('a small folder starts no worker; a large one one, when there is a core besides this one', () => {
    expect(defaultFactsThreads(minFilesForThreads - 1)).toBe(0);
    expect(defaultFactsThreads(10_000)).toBe(availableParallelism() > 1 ? 1 : 0);
  });
});
