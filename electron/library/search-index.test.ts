import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Events, PostSummary } from '../../shared/api';
import { indexFolder } from './library';
import type { FolderIndex } from './library';
import { createLiveIndex } from './live-index';
import type { LiveIndex } from './live-index';
import { bodyText, createSearchIndex, processTerm, tokenize } from './search-index';
import type { SearchIndex } from './search-index';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'postwright-search-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const post = (title: string, body: string, extra = ''): string =>
  `---\ntitle: ${title}\ndescription: About ${title.toLowerCase()}\ntags: [notes]\n${extra}---\n\n${body}\n`;

async function put(files: Readonly<Record<string, string>>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

async function built(): Promise<{ search: SearchIndex; index: FolderIndex }> {
  const result = await indexFolder(root);
  if (!result.ok) throw new Error(result.error.message);
  const index = result.value;
  const search = createSearchIndex(root);
  const rowOf = (path: string): PostSummary | undefined => index.entries.get(path)?.summary;
  await search.build(
    index.posts.map((row) => row.path),
    rowOf,
  );
  return { search, index };
}

const pathsOf = (search: SearchIndex, query: string): string[] =>
  search.search(query).map((hit) => hit.path);

const folder = {
  'go.md': post('Go at work', 'We moved the queue workers to goroutines last spring.'),
  'node.md': post('Node streams', 'Backpressure in streams, and why the queue grew.'),
  'travel/lisbon.md': post('Lisbon', 'Trams, tiles and a coffee by the river.', 'excerpt: x\n'),
  'queue.md': post('Queue design', 'Nothing about workers here.'),
};

describe('search index', () => {
  test('finds a word that is only in a body, with the matched word for highlighting', async () => {
    await put(folder);
    const { search } = await built();
    expect(search.search('goroutines')).toEqual([
      { path: 'go.md', score: expect.any(Number) as number, terms: ['goroutines'] },
    ]);
  });

  test('finds a prefix and a one-letter typo', async () => {
    await put(folder);
    const { search } = await built();
    expect(pathsOf(search, 'gorout')).toEqual(['go.md']);
    expect(pathsOf(search, 'goroutnes')).toEqual(['go.md']);
    expect(pathsOf(search, 'backpresure')).toEqual(['node.md']);
  });

  test('needs every word (AND), in any field', async () => {
    await put(folder);
    const { search } = await built();
    expect(pathsOf(search, 'queue').sort()).toEqual(['go.md', 'node.md', 'queue.md']);
    expect(pathsOf(search, 'queue workers').sort()).toEqual(['go.md', 'queue.md']);
    expect(pathsOf(search, 'queue notes backpressure')).toEqual(['node.md']);
    expect(pathsOf(search, 'queue lisbon')).toEqual([]);
  });

  test('ranks a title match above body matches', async () => {
    await put(folder);
    const { search } = await built();
    expect(pathsOf(search, 'queue')[0]).toBe('queue.md');
  });

  test("'' and punctuation give no hits", async () => {
    await put(folder);
    const { search } = await built();
    expect(search.search('')).toEqual([]);
    expect(search.search('  -- ** ')).toEqual([]);
  });

  test('a body word counts once per post, however often and in whatever case it is written', async () => {
    await put({
      'once.md': post('One', 'Kayaks are fun.'),
      'often.md': post('Two', 'Kayaks, kayaks, KAYAKS and more kayaks.'),
      'none.md': post('Three', 'Nothing to see.'),
    });
    const { search } = await built();
    const [first, second, ...rest] = search.search('kayaks');
    expect(rest).toEqual([]);
    expect(first?.score).toBeGreaterThan(0);
    expect(second?.score).toBe(first?.score);
    // Equal scores: in path order.
    expect([first?.path, second?.path]).toEqual(['often.md', 'once.md']);
  });

  test('an update reads a changed post again and drops a removed one', async () => {
    await put(folder);
    const { search, index } = await built();
    await put({ 'go.md': post('Go at work', 'Channels everywhere now.') });
    await unlink(join(root, 'node.md'));
    const rows = new Map(index.posts.map((row) => [row.path, row]));
    rows.delete('node.md');
    await search.update(['go.md', 'node.md'], (path) => rows.get(path));
    expect(pathsOf(search, 'goroutines')).toEqual([]);
    expect(pathsOf(search, 'channels')).toEqual(['go.md']);
    expect(pathsOf(search, 'backpressure')).toEqual([]);
    expect(search.count).toBe(3);
  });

  test('words of any script; Han characters one by one; no link targets', () => {
    expect(tokenize('Café über 東京 naïve-test 123')).toEqual([
      'Café',
      'über',
      '東',
      '京',
      'naïve',
      'test',
      '123',
    ]);
    expect(tokenize('Goの並行')).toEqual(['Go', 'の', '並', '行']);
    expect(tokenize(bodyText('See [docs](https://example.com/secretword) <b>bold</b>'))).toEqual([
      'See',
      'docs',
      'bold',
    ]);
    expect(processTerm('Ünïcode')).toBe('ünïcode');
  });
});

describe('searchPosts through the live index', () => {
  let live: LiveIndex | null = null;
  let events: (keyof Events)[];

  afterEach(async () => {
    await live?.close();
    live = null;
  });

  async function until(condition: () => Promise<boolean> | boolean, what: string): Promise<number> {
    const started = Date.now();
    while (!(await condition())) {
      if (Date.now() - started > 10_000) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((done) => setTimeout(done, 20));
    }
    return Date.now() - started;
  }

  const found = async (query: string): Promise<string[]> => {
    const result = await (live as LiveIndex).search(query);
    if (!result.ok) throw new Error(result.error.message);
    return result.value.map((hit) => hit.path);
  };

  test('builds on the first search, says so, and a post changed on disk is found by its new words within a second', async () => {
    await put(folder);
    events = [];
    live = createLiveIndex(root, { emit: (name) => events.push(name) });
    await live.posts();
    // Opening a folder builds no search index: it costs memory most sessions never use.
    await new Promise((done) => setTimeout(done, 300));
    expect(events).not.toContain('searchIndexed');
    await live.search('anything');
    await until(() => events.includes('searchIndexed'), 'searchIndexed');
    expect(await found('goroutines')).toEqual(['go.md']);
    await new Promise((done) => setTimeout(done, 300));
    await put({ 'go.md': post('Go at work', 'Now about zeppelins instead.') });
    const waited = await until(
      async () => (await found('zeppelins')).includes('go.md'),
      'the new word',
    );
    // The watcher settles a write first (its own delay); the search follows the same batch.
    expect(waited).toBeLessThan(1_000);
    expect(await found('goroutines')).toEqual([]);
    await unlink(join(root, 'node.md'));
    await until(async () => (await found('backpressure')).length === 0, 'the removal');
  });

  test('our own save is searchable when touch resolves', async () => {
    await put(folder);
    events = [];
    live = createLiveIndex(root, { emit: (name) => events.push(name), watch: false });
    await live.search('');
    await until(() => events.includes('searchIndexed'), 'searchIndexed');
    await put({ 'new.md': post('Fresh', 'Brand new quokka words.') });
    await live.touch(['new.md']);
    expect(await found('quokka')).toEqual(['new.md']);
  });
});
