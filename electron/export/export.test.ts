import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ExportRun, ExportTarget } from '../../shared/export';
import { defaultSchema } from '../../shared/schema';
import {
  gitIn,
  makeRepo,
  png,
  publishedPost,
  tempFolder,
  writeFiles,
} from '../../tests/export-fixture';
import { prepareExport } from './plan';
import type { ExportContext } from './plan';
import { runExport } from './run';

let blog: string;
let repo: string;
const cleanup: string[] = [];

const target = (fields: Partial<ExportTarget> = {}): ExportTarget => ({
  name: 'site',
  repo,
  content: 'content/posts/{slug}.md',
  images: 'public/images/blog',
  imageUrl: '/images/blog',
  include: 'published',
  drop: [],
  rename: {},
  message: 'Publish: {title}',
  ...fields,
});

function context(
  fields: Partial<ExportTarget> = {},
  posts: string[] = ['hello.md', 'trip/index.md'],
): ExportContext {
  return { root: blog, schema: defaultSchema, posts, target: target(fields) };
}

function runOf(fields: Partial<ExportRun> = {}): ExportRun {
  return {
    target: 'site',
    scope: { kind: 'changed' },
    acceptWarnings: false,
    overwrite: [],
    commit: true,
    push: false,
    ...fields,
  };
}

const never = { cancelled: () => false };

beforeEach(async () => {
  blog = await tempFolder('postwright-blog-');
  repo = await makeRepo({ 'README.md': '# Site\n', 'content/posts/old.md': 'old post\n' });
  cleanup.push(blog, repo);
  await writeFiles(blog, {
    'hello.md': publishedPost('Hello', 'image: cover.png\n', 'Hi.\n\n![A photo](photo.png)\n'),
    'cover.png': png(1),
    'photo.png': png(2),
    'trip/index.md': publishedPost(
      'Trip',
      'slug: the-trip\n',
      'Went away.\n\n<img src="map.png" alt="map">\n',
    ),
    'trip/map.png': png(3),
  });
});

afterEach(async () => {
  for (const folder of cleanup.splice(0)) await rm(folder, { recursive: true, force: true });
});

describe('export', () => {
  test('plans, writes, rewrites image links and commits exactly the exported files', async () => {
    const prepared = await prepareExport(context(), runOf());
    expect(prepared.plan.blockers).toEqual([]);
    expect(prepared.plan.held).toEqual([]);
    expect(prepared.plan.files.map((file) => [file.repoPath, file.action]).sort()).toEqual([
      ['content/posts/hello.md', 'add'],
      ['content/posts/the-trip.md', 'add'],
      ['public/images/blog/cover.png', 'add'],
      ['public/images/blog/map.png', 'add'],
      ['public/images/blog/photo.png', 'add'],
    ]);
    const summary = await runExport(context(), runOf(), never);
    if (!summary.ok) throw new Error(summary.error.message);
    expect(summary.value.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(await readFile(join(repo, 'content/posts/hello.md'), 'utf8')).toBe(
      publishedPost(
        'Hello',
        'image: /images/blog/cover.png\n',
        'Hi.\n\n![A photo](/images/blog/photo.png)\n',
      ),
    );
    expect(await readFile(join(repo, 'content/posts/the-trip.md'), 'utf8')).toContain(
      '<img src="/images/blog/map.png" alt="map">',
    );
    expect(await readFile(join(repo, 'public/images/blog/map.png'))).toEqual(png(3));
    const stat = gitIn(repo, 'show', '--name-only', '--format=%s', 'HEAD').trim().split('\n');
    expect(stat[0]).toBe('Publish: 2 posts');
    expect(stat.slice(2).sort()).toEqual(prepared.plan.files.map((file) => file.repoPath).sort());

    const again = await runExport(context(), runOf(), never);
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value).toMatchObject({ written: [], commit: null, unchanged: 0 });
  });
});
