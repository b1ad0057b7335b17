import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeFolder, runCli } from './e2e/harness';
import type { CliRun } from './e2e/harness';

let home: string;
let blog: string;

/** Runs the built CLI with a config folder that lasts the whole test, so its index cache does. */
function run(...args: string[]): Promise<CliRun> {
  return runCli(args, { home });
}

interface JsonPost {
  readonly path: string;
  readonly title: string;
  readonly status: string;
  readonly tags: string[];
  readonly category: string;
  readonly featured: boolean;
  readonly wordCount: number | null;
  readonly errors: number;
  readonly warnings: number;
  readonly size: number;
  readonly modified: string;
}

async function listed(...args: string[]): Promise<JsonPost[]> {
  const result = await run('list', blog, '--json', ...args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as JsonPost[];
}

const paths = (posts: readonly JsonPost[]): string[] => posts.map((post) => post.path).sort();

const longAgo = new Date('2024-01-01T00:00:00Z');

function post(title: string, fields: string, body = 'Body text of the post.\n'): string {
  return `---\ntitle: ${title}\ndate: 2024-03-01\ndescription: ${title}, a post used by the list tests.\n${fields}---\n${body}`;
}

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'postwright-list-home-'));
  blog = await makeFolder({
    'go.md': post(
      'Go',
      'published: true\nfeatured: true\ntags: [Go, Backend]\ncategory: Technology\n',
    ),
    'node.md': post('Node', 'published: true\ntags: [node, backend]\ncategory: technology\n'),
    'lisbon/index.md': post('Lisbon', 'published: false\ntags: [Travel]\ncategory: Travel\n'),
    'draft.markdown': post('Draft', 'published: false\ntags: [go]\n'),
    '.drafts/hidden.md': post('Hidden', 'tags: [go]\n'),
  });
  // Posts written long ago, as in a real folder (a file written this very second is re-read).
  for (const path of ['go.md', 'node.md', 'lisbon/index.md', 'draft.markdown']) {
    await utimes(join(blog, path), longAgo, longAgo);
  }
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
  await rm(blog, { recursive: true, force: true });
});

describe('postwright list filters', () => {
  test('--tag matches ignoring case; given twice, a post needs both', async () => {
    expect(paths(await listed('--tag', 'GO'))).toEqual(['draft.markdown', 'go.md']);
    expect(paths(await listed('--tag', 'backend'))).toEqual(['go.md', 'node.md']);
    expect(paths(await listed('--tag', 'go', '--tag', 'Backend'))).toEqual(['go.md']);
    expect(await listed('--tag', 'go', '--tag', 'travel')).toEqual([]);
  });

  test('--status and --category select, and combine with tags', async () => {
    expect(paths(await listed('--status', 'draft'))).toEqual(['draft.markdown', 'lisbon/index.md']);
    expect(paths(await listed('--status', 'published'))).toEqual(['go.md', 'node.md']);
    expect(paths(await listed('--category', 'TECHNOLOGY'))).toEqual(['go.md', 'node.md']);
    expect(paths(await listed('--status', 'draft', '--tag', 'go'))).toEqual(['draft.markdown']);
    expect(paths(await listed('--category', 'travel', '--status', 'published'))).toEqual([]);
  });

  test('--json gives each post featured, word count, problem counts, size and modified', async () => {
    const posts = await listed();
    const go = posts.find((each) => each.path === 'go.md');
    expect(go).toMatchObject({
      title: 'Go',
      status: 'published',
      tags: ['Go', 'Backend'],
      category: 'Technology',
      featured: true,
      wordCount: 5,
      errors: 0,
      size: Buffer.byteLength(await readFile(join(blog, 'go.md'))),
      modified: longAgo.toISOString(),
    });
    expect(posts.find((each) => each.path === 'node.md')?.featured).toBe(false);
  });

  test('the text list is filtered the same way, and says when nothing matches', async () => {
    const result = await run('list', blog, '--tag', 'travel');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^draft\s+2024-03-01\s+Lisbon\s+\(lisbon\/index\.md\)/);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(1);
    const none = await run('list', blog, '--category', 'Cooking');
    expect(none).toMatchObject({ code: 0, stdout: 'No posts.\n', stderr: '' });
  });

  test('--search finds words in bodies, prefixes and typos, needs every word, ranks a title match first, and combines with filters', async () => {
    await writeFile(
      join(blog, 'deep.md'),
      post('Deep dive', 'published: true\ntags: [Go]\n', 'All about goroutines and Node.\n'),
    );
    await utimes(join(blog, 'deep.md'), longAgo, longAgo);
    const searched = async (...args: string[]): Promise<string[]> =>
      (await listed('--search', ...args)).map((each) => each.path);
    expect(await searched('goroutines')).toEqual(['deep.md']);
    expect(await searched('gorout')).toEqual(['deep.md']);
    expect(await searched('goroutnes')).toEqual(['deep.md']);
    expect(await searched('node')).toEqual(['node.md', 'deep.md']);
    expect(await searched('node goroutines')).toEqual(['deep.md']);
    expect(await searched('goroutines lisbon')).toEqual([]);
    expect(await searched('node', '--tag', 'go')).toEqual(['deep.md']);
    const text = await run('list', blog, '--search', 'goroutines');
    expect(text.stdout).toMatch(/^published\s+2024-03-01\s+Deep dive\s+\(deep\.md\)\n$/);
  });

  test('a --status that is neither draft nor published is a usage error', async () => {
    const result = await run('list', blog, '--status', 'archived');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^postwright: --status is draft or published, not "archived"/);
  });

  test('--help names every filter', async () => {
    const result = await run('list', '--help');
    expect(result.code).toBe(0);
    for (const option of ['--tag T', '--status', '--category C', '--search W', '--json']) {
      expect(result.stdout).toContain(option);
    }
  });
});

describe('postwright list cache', () => {
  test('keeps its index cache in the config folder and gives the same list from it', async () => {
    const first = await run('list', blog, '--json');
    const cacheFiles = await readdir(join(home, 'config', 'index-cache'));
    expect(cacheFiles).toHaveLength(1);
    const second = await run('list', blog, '--json');
    expect(second.stdout).toBe(first.stdout);
  });

  test('a post changed since the last list is read again', async () => {
    await listed();
    await writeFile(
      join(blog, 'node.md'),
      post('Node, retitled', 'published: true\ntags: [node]\n'),
    );
    const posts = await listed();
    expect(posts.find((each) => each.path === 'node.md')?.title).toBe('Node, retitled');
    expect(paths(await listed('--tag', 'backend'))).toEqual(['go.md']);
  });

  test('a damaged cache file is rebuilt, and the list is still right', async () => {
    const before = await listed();
    const [name = ''] = await readdir(join(home, 'config', 'index-cache'));
    const file = join(home, 'config', 'index-cache', name);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, Math.floor(text.length / 2)));
    expect(await listed()).toEqual(before);
    // Rewritten whole: it parses again.
    const rewritten = await readFile(file, 'utf8');
    expect(() => JSON.parse(rewritten.slice(rewritten.indexOf('\n') + 1)) as unknown).not.toThrow();
  });
});
