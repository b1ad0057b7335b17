import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { PostSummary } from '../../shared/api';
import { indexFolder } from './library';
import { createSearchIndex } from './search-index';
import { createBackgroundSearch } from './search-thread';
import type { BackgroundSearch } from './search-thread';

let base: string;
let root: string;
let workerFile: string;

// The worker as the app ships it: bundled by esbuild, started by path.
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'postwright-search-thread-'));
  workerFile = join(base, 'search-worker.cjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'search-worker.ts')],
    outfile: workerFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // Outside the repository no node_modules is found at run time: everything goes in the file.
    logLevel: 'warning',
  });
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

beforeEach(async () => {
  root = await mkdtemp(join(base, 'posts-'));
});

const post = (title: string, body: string, tags = 'notes'): string =>
  `---\ntitle: ${title}\ndescription: About ${title.toLowerCase()}\ntags: [${tags}]\n---\n\n${body}\n`;

async function put(files: Readonly<Record<string, string>>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

const folder = {
  'go.md': post('Go at work', 'We moved the queue workers to goroutines last spring.', 'go'),
  'node.md': post('Node streams', 'Backpressure in streams, and why the queue grew.'),
  'travel/lisbon.md': post('Lisbon', 'Trams, tiles and a coffee by the river.', 'travel'),
  'queue.md': post('Queue design', 'Nothing about workers here.'),
};
const queries = ['goroutines', 'queue', 'work', 'queu workers', 'lisbon', 'travel', 'nothing'];

async function rowsOf(): Promise<(path: string) => PostSummary | undefined> {
  const index = await indexFolder(root);
  if (!index.ok) throw new Error(index.error.message);
  return (path) => index.value.entries.get(path)?.summary;
}

async function builtWith(
  make: () => BackgroundSearch,
): Promise<{ search: BackgroundSearch; rowOf: (path: string) => PostSummary | undefined }> {
  const rowOf = await rowsOf();
  const search = make();
  await search.build(Object.keys(folder), rowOf);
  return { search, rowOf };
}

describe('the search index on a worker thread', () => {
  test('answers every query exactly as the index on this thread does', async () => {
    await put(folder);
    const rowOf = await rowsOf();
    const here = createSearchIndex(root);
    await here.build(Object.keys(folder), rowOf);
    const { search } = await builtWith(() => createBackgroundSearch(root, { workerFile }));
    expect(search.count).toBe(4);
    expect(search.thread).toBe('worker');
    for (const query of queries)
      expect(await search.search(query), query).toEqual(here.search(query));
    expect((await search.search('goroutines')).map((hit) => hit.path)).toEqual(['go.md']);
    search.stop();
  });

  test('follows updates: changed, added and removed posts', async () => {
    await put(folder);
    const { search } = await builtWith(() => createBackgroundSearch(root, { workerFile }));
    await put({
      'go.md': post('Go at work', 'Now about channels only.', 'go'),
      'new.md': post('Fresh', 'Goroutines moved here.'),
    });
    await rm(join(root, 'queue.md'));
    const rowOf = await rowsOf();
    await search.update(['go.md', 'new.md', 'queue.md'], rowOf);
    expect((await search.search('goroutines')).map((hit) => hit.path)).toEqual(['new.md']);
    expect((await search.search('design')).map((hit) => hit.path)).toEqual([]);
    expect(search.count).toBe(4);
    search.stop();
    // Stopped: answers nothing, and never throws.
    expect(await search.search('goroutines')).toEqual([]);
  });

  test('searches while it builds, without waiting for the build to end', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 400; i++)
      many[`p${i}.md`] = post(`Post ${i}`, `Words ${'lorem ipsum dolor '.repeat(200)} marker${i}`);
    await put(many);
    const rowOf = await rowsOf();
    const search = createBackgroundSearch(root, { workerFile, concurrency: 4 });
    const building = search.build(Object.keys(many), rowOf);
    let finished = false;
    void building.then(() => (finished = true));
    const early = await search.search('lorem');
    expect(finished).toBe(false);
    expect(early.length).toBeLessThan(400);
    await building;
    expect((await search.search('lorem')).length).toBe(400);
    search.stop();
  });

  test('a process with nothing else to do waits for its answer, then exits (an idle worker holds nothing)', async () => {
    await put(folder);
    const script = join(base, 'alone.cjs');
    await build({
      stdin: {
        contents: [
          `import { createBackgroundSearch } from ${JSON.stringify(join(import.meta.dirname, 'search-thread.ts'))};`,
          `const search = createBackgroundSearch(process.argv[2], { workerFile: process.argv[3] });`,
          `search.build(['go.md', 'queue.md'], () => ({ title: 'T', description: '', tags: [] }))`,
          `  .then(() => search.search('goroutines'))`,
          `  .then((hits) => console.log(search.thread, search.count, hits.map((hit) => hit.path).join()));`,
        ].join('\n'),
        resolveDir: import.meta.dirname,
        loader: 'ts',
      },
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'warning',
    });
    const run = spawnSync(process.execPath, [script, root, workerFile], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('worker 2 go.md\n');
  });

  test('a worker that cannot start leaves the search working on this thread', async () => {
    await put(folder);
    const { search } = await builtWith(() =>
      createBackgroundSearch(root, { workerFile: join(base, 'missing-worker.cjs') }),
    );
    expect(search.count).toBe(4);
    expect(search.thread).toBe('main');
    expect((await search.search('goroutines')).map((hit) => hit.path)).toEqual(['go.md']);
    search.stop();
  });

  test('starts no thread until it is first asked for something', async () => {
    await put(folder);
    // A worker that notes it started, then ends: the search then goes on on this thread.
    const started = join(base, `started-${Date.now()}`);
    const noting = join(base, `noting-worker-${Date.now()}.cjs`);
    await writeFile(
      noting,
      `require('node:fs').writeFileSync(${JSON.stringify(started)}, 'started');\n`,
    );
    const search = createBackgroundSearch(root, { workerFile: noting });
    await new Promise((done) => setTimeout(done, 300));
    expect(existsSync(started)).toBe(false);
    await search.build(Object.keys(folder), await rowsOf());
    expect(existsSync(started)).toBe(true);
    expect((await search.search('goroutines')).map((hit) => hit.path)).toEqual(['go.md']);
    search.stop();
  });
});
