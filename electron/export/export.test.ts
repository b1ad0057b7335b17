import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ExportProgress, ExportRun, ExportSummary, ExportTarget } from '../../shared/export';
import type { Result } from '../../shared/result';
import { defaultSchema } from '../../shared/schema';
import {
  addBareRemote,
  configureRepo,
  gitIn,
  makeRepo,
  png,
  publishedPost,
  siteTarget,
  tempFolder,
  writeFiles,
} from '../../tests/export-fixture';
import { packsInOneGo } from './git';
import { prepareExport } from './plan';
import type { ExportContext } from './plan';
import { recordPath } from './record';
import { runExport } from './run';

let blog: string;
let repo: string;
const cleanup: string[] = [];

const allPosts = ['hello.md', 'trip/index.md', 'draft.md'];

function target(fields: Partial<ExportTarget> = {}): ExportTarget {
  return siteTarget(repo, fields);
}

function context(fields: Partial<ExportTarget> = {}, posts = allPosts): ExportContext {
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

const never = {};

function value(result: Result<ExportSummary>): ExportSummary {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function exportNow(
  fields: Partial<ExportRun> = {},
  targetFields: Partial<ExportTarget> = {},
): Promise<ExportSummary> {
  return value(await runExport(context(targetFields), runOf(fields), never));
}

/** Every file of the repository's work tree (not .git), with its bytes. */
async function snapshot(folder: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const path = `${prefix}${entry.name}`;
      if (entry.isDirectory()) await walk(join(dir, entry.name), `${path}/`);
      else files[path] = (await readFile(join(dir, entry.name))).toString('base64');
    }
  };
  await walk(folder, '');
  return files;
}

const committedFiles = (): string[] =>
  gitIn(repo, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n').sort();

beforeEach(async () => {
  blog = await tempFolder('postwright-blog-');
  repo = await makeRepo({
    'README.md': '# Site\n',
    'content/posts/old.md': 'old post\n',
    'src/app.js': 'console.log(1);\n',
  });
  cleanup.push(blog, repo);
  await writeFiles(blog, {
    'hello.md': publishedPost(
      'Hello',
      'image: cover.png\n',
      'Hi.\n\n![A photo](photo.png)\n\n```md\n![not this](photo.png)\n```\n',
    ),
    'cover.png': png(1),
    'photo.png': png(2),
    'trip/index.md': publishedPost(
      'Trip',
      'slug: the-trip\n',
      'Went away.\n\n<img src="map.png" alt="map">\n',
    ),
    'trip/map.png': png(3),
    'draft.md':
      '---\ntitle: Draft\ndescription: A draft that is not ready.\ndate: 2024-03-02\npublished: false\n---\nNot yet.\n',
  });
});

afterEach(async () => {
  for (const folder of cleanup.splice(0)) {
    if (process.getuid?.() === 0) execFileSync('chattr', ['-i', folder], { stdio: 'ignore' });
    await rm(folder, { recursive: true, force: true });
  }
});

describe('export plan and run', () => {
  test('writes the posts and images, rewrites image links, and commits exactly those files', async () => {
    const prepared = await prepareExport(context(), runOf());
    expect(prepared.plan).toMatchObject({ blockers: [], held: [], warnings: [] });
    expect(prepared.plan.posts).toEqual(['hello.md', 'trip/index.md']);
    expect(prepared.plan.message).toBe('Publish: 2 posts');
    expect(prepared.plan.files.map((file) => [file.repoPath, file.kind, file.action])).toEqual([
      ['content/posts/hello.md', 'post', 'add'],
      ['public/images/blog/cover.png', 'image', 'add'],
      ['public/images/blog/photo.png', 'image', 'add'],
      ['content/posts/the-trip.md', 'post', 'add'],
      ['public/images/blog/map.png', 'image', 'add'],
    ]);
    const before = await snapshot(repo);

    const summary = await exportNow();
    expect(summary.commit).toMatch(/^[0-9a-f]{40}$/);
    expect([...summary.written].sort()).toEqual(prepared.plan.files.map((f) => f.repoPath).sort());
    expect(await readFile(join(repo, 'content/posts/hello.md'), 'utf8')).toBe(
      publishedPost(
        'Hello',
        'image: /images/blog/cover.png\n',
        'Hi.\n\n![A photo](/images/blog/photo.png)\n\n```md\n![not this](photo.png)\n```\n',
      ),
    );
    expect(await readFile(join(repo, 'content/posts/the-trip.md'), 'utf8')).toContain(
      '<img src="/images/blog/map.png" alt="map">',
    );
    expect(await readFile(join(repo, 'public/images/blog/map.png'))).toEqual(png(3));
    expect(gitIn(repo, 'log', '-1', '--format=%s%n%an <%ae>')).toBe(
      'Publish: 2 posts\nTest Author <author@example.com>\n',
    );
    expect(committedFiles()).toEqual([...summary.written].sort());
    // Nothing else in the work tree changed, and no temp or backup file is left.
    const after = await snapshot(repo);
    for (const path of summary.written) delete after[path];
    expect(after).toEqual(before);
    expect(gitIn(repo, 'status', '--porcelain')).toBe('');
  });

  test('a second export with no changes writes nothing and makes no commit', async () => {
    await exportNow();
    const head = gitIn(repo, 'rev-parse', 'HEAD');
    const plan = (await prepareExport(context(), runOf())).plan;
    expect(plan.files).toEqual([]);
    expect(plan.posts).toEqual([]);
    const again = await exportNow();
    expect(again).toMatchObject({ written: [], commit: null, held: [] });
    expect(gitIn(repo, 'rev-parse', 'HEAD')).toBe(head);
    const named = await exportNow({ scope: { kind: 'posts', paths: ['hello.md'] } });
    expect(named).toMatchObject({ written: [], unchanged: 3, commit: null });
  });

  test("leaves the user's other staged and unstaged changes exactly as they were", async () => {
    await writeFile(join(repo, 'README.md'), '# Site, edited but not staged\n');
    await writeFiles(repo, { 'staged.txt': 'staged, not committed\n', 'untracked.txt': 'x\n' });
    gitIn(repo, 'add', 'staged.txt');
    await writeFile(join(repo, 'src/app.js'), 'console.log(2);\n');
    gitIn(repo, 'add', 'src/app.js');
    await writeFile(join(repo, 'src/app.js'), 'console.log(3);\n');
    const status = gitIn(repo, 'status', '--porcelain');
    const staged = gitIn(repo, 'diff', '--cached');
    const unstaged = gitIn(repo, 'diff');

    const summary = await exportNow();
    expect(committedFiles()).toEqual([...summary.written].sort());
    expect(gitIn(repo, 'status', '--porcelain')).toBe(status);
    expect(gitIn(repo, 'diff', '--cached')).toBe(staged);
    expect(gitIn(repo, 'diff')).toBe(unstaged);
    expect(gitIn(repo, 'diff', '--cached', '--name-only')).toContain('staged.txt');
    expect(gitIn(repo, 'show', '--stat', '--format=', 'HEAD')).not.toContain('staged.txt');
  });

  test('commits in a repository without any commit yet', async () => {
    const fresh = await tempFolder('postwright-fresh-');
    cleanup.push(fresh);
    gitIn(fresh, 'init', '-q', '-b', 'main');
    configureRepo(fresh);
    await writeFiles(fresh, { 'staged.txt': 'mine\n' });
    gitIn(fresh, 'add', 'staged.txt');
    const summary = value(await runExport(context({ repo: fresh }), runOf(), never));
    expect(summary.commit).not.toBeNull();
    expect(
      gitIn(fresh, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n').sort(),
    ).toEqual([...summary.written].sort());
    expect(gitIn(fresh, 'status', '--porcelain')).toBe('A  staged.txt\n');
  });

  test('commits into a site that is a folder inside the repository', async () => {
    await mkdir(join(repo, 'web'));
    const summary = value(await runExport(context({ repo: join(repo, 'web') }), runOf(), never));
    expect(committedFiles()).toEqual(summary.written.map((path) => `web/${path}`).sort());
    expect(gitIn(repo, 'status', '--porcelain')).toBe('');
  });

  test('without commit, writes the files and leaves git alone', async () => {
    const head = gitIn(repo, 'rev-parse', 'HEAD');
    const summary = await exportNow({ commit: false });
    expect(summary.commit).toBeNull();
    expect(summary.written).toHaveLength(5);
    expect(gitIn(repo, 'rev-parse', 'HEAD')).toBe(head);
    expect(gitIn(repo, 'diff', '--cached')).toBe('');
  });

  test('drops and renames front matter keys on the way out', async () => {
    await writeFiles(blog, {
      'hello.md': publishedPost(
        'Hello',
        'notes: |\n  only for me\n  # and this\ncover: cover.png\n',
      ),
    });
    await exportNow({}, { drop: ['notes'], rename: { cover: 'heroImage' } });
    expect(await readFile(join(repo, 'content/posts/hello.md'), 'utf8')).toBe(
      publishedPost('Hello', 'heroImage: cover.png\n'),
    );
  });

  test('a draft is held back when named, and left out of the changed scope', async () => {
    const plan = (
      await prepareExport(context(), runOf({ scope: { kind: 'posts', paths: ['draft.md'] } }))
    ).plan;
    expect(plan.held).toEqual([
      {
        post: 'draft.md',
        reason: 'It is a draft; target "site" exports published posts only.',
        problems: [],
      },
    ]);
    const all = (await prepareExport(context({ include: 'all' }), runOf())).plan;
    expect(all.posts).toContain('draft.md');
  });

  test('errors hold a post back; warnings do unless accepted', async () => {
    await writeFiles(blog, {
      'hello.md': '---\ntitle: Hello\npublished: true\n---\nNo date.\n',
      'trip/index.md': publishedPost('Trip', '', 'TODO: finish this.\n'),
    });
    const plan = (await prepareExport(context(), runOf())).plan;
    expect(plan.held.map((held) => held.post)).toEqual(['hello.md']);
    expect(plan.held[0]?.problems.map((problem) => problem.rule)).toContain('required');
    expect(plan.warnings.map((warned) => warned.post)).toEqual(['trip/index.md']);
    expect(plan.warnings[0]?.problems.map((problem) => problem.rule)).toEqual(['todo']);
    expect(plan.posts).toEqual([]);
    const unaccepted = await exportNow();
    expect(unaccepted.written).toEqual([]);
    expect(unaccepted.held.map((held) => held.post)).toEqual(['hello.md', 'trip/index.md']);
    const accepted = await exportNow({ acceptWarnings: true });
    expect(accepted.written).toEqual(['content/posts/trip.md']);
  });

  test('an image missing on disk holds its post back and says which', async () => {
    await rm(join(blog, 'photo.png'));
    const plan = (await prepareExport(context(), runOf())).plan;
    expect(plan.held).toEqual([
      {
        post: 'hello.md',
        reason: 'The image "photo.png" is not on disk; add it or fix the link.',
        problems: [],
      },
    ]);
    expect(plan.files.map((file) => file.post)).not.toContain('hello.md');
  });

  test('another image of the same name gets a hashed name; the same bytes are reused', async () => {
    await writeFiles(repo, {
      'public/images/blog/cover.png': png(99),
      'public/images/blog/map.png': png(3),
    });
    gitIn(repo, 'add', '-A');
    gitIn(repo, 'commit', '-q', '-m', 'images');
    await writeFiles(blog, { 'trip/cover.png': png(4) });
    await writeFiles(blog, {
      'trip/index.md': publishedPost(
        'Trip',
        'slug: the-trip\nimage: cover.png\n',
        '![m](map.png)\n',
      ),
    });
    const plan = (await prepareExport(context(), runOf())).plan;
    const hash = (seed: number): string =>
      execFileSync('sha256sum', { input: png(seed) })
        .toString()
        .slice(0, 8);
    expect(plan.files.map((file) => [file.repoPath, file.action])).toEqual([
      ['content/posts/hello.md', 'add'],
      [`public/images/blog/cover-${hash(1)}.png`, 'add'],
      ['public/images/blog/photo.png', 'add'],
      ['content/posts/the-trip.md', 'add'],
      [`public/images/blog/cover-${hash(4)}.png`, 'add'],
      ['public/images/blog/map.png', 'unchanged'],
    ]);
    await exportNow();
    expect(await readFile(join(repo, 'public/images/blog/cover.png'))).toEqual(png(99));
    expect(await readFile(join(repo, 'content/posts/the-trip.md'), 'utf8')).toContain(
      `image: /images/blog/cover-${hash(4)}.png`,
    );
  });

  test('a changed image replaces the copy Postwright made of it', async () => {
    await exportNow();
    await writeFiles(blog, { 'photo.png': png(20) });
    const plan = (await prepareExport(context(), runOf())).plan;
    expect(plan.files.filter((file) => file.action !== 'unchanged')).toMatchObject([
      { repoPath: 'public/images/blog/photo.png', action: 'update', post: 'hello.md' },
    ]);
    expect(plan.posts).toEqual(['hello.md']);
    const summary = await exportNow();
    expect(summary.written).toEqual(['public/images/blog/photo.png']);
    expect(await readFile(join(repo, 'public/images/blog/photo.png'))).toEqual(png(20));
  });

  test('a file changed by hand since the last export is listed and only overwritten when asked', async () => {
    await exportNow();
    await writeFile(join(repo, 'content/posts/hello.md'), 'edited on the site\n');
    await writeFiles(blog, {
      'hello.md': publishedPost('Hello', 'image: cover.png\n', 'New text.\n'),
    });
    const plan = (await prepareExport(context(), runOf())).plan;
    const file = plan.files.find((each) => each.repoPath === 'content/posts/hello.md');
    expect(file?.action).toBe('changedByHand');
    expect(file?.diff).toContain('-edited on the site');
    const kept = await exportNow();
    expect(kept.written).toEqual([]);
    expect(kept.held.map((held) => held.post)).toEqual(['hello.md']);
    expect(kept.held[0]?.reason).toMatch(
      /changed in the repository since Postwright last wrote it/,
    );
    expect(await readFile(join(repo, 'content/posts/hello.md'), 'utf8')).toBe(
      'edited on the site\n',
    );
    const overwritten = await exportNow({ overwrite: ['content/posts/hello.md'] });
    expect(overwritten.written).toEqual(['content/posts/hello.md']);
    expect(await readFile(join(repo, 'content/posts/hello.md'), 'utf8')).toContain('New text.');
  });

  test('a file Postwright never wrote counts as changed by hand; an update of its own file does not', async () => {
    await writeFiles(repo, { 'content/posts/hello.md': 'written by someone else\n' });
    expect(
      (await prepareExport(context(), runOf())).plan.files.find((f) => f.kind === 'post')?.action,
    ).toBe('changedByHand');
    await exportNow({ overwrite: ['content/posts/hello.md'] });
    await writeFiles(blog, {
      'hello.md': publishedPost('Hello', 'image: cover.png\n', 'Changed.\n'),
    });
    const plan = (await prepareExport(context(), runOf())).plan;
    const file = plan.files.find((f) => f.repoPath === 'content/posts/hello.md');
    expect(file?.action).toBe('update');
    expect(file?.diff).toContain('+Changed.');
  });

  test('two posts for the same file are both held back, each naming the other', async () => {
    await writeFiles(blog, { 'copy.md': publishedPost('Copy', 'slug: hello\n') });
    const plan = (await prepareExport(context({}, [...allPosts, 'copy.md']), runOf())).plan;
    expect(plan.held).toEqual([
      {
        post: 'copy.md',
        reason:
          'It goes to content/posts/hello.md, as hello.md does; give one of them another slug.',
        problems: [],
      },
      {
        post: 'hello.md',
        reason:
          'It goes to content/posts/hello.md, as copy.md does; give one of them another slug.',
        problems: [],
      },
    ]);
    expect(plan.posts).toEqual(['trip/index.md']);
  });

  test('a slug that would leave its folder holds the post back', async () => {
    await writeFiles(blog, { 'hello.md': publishedPost('Hello', 'slug: ../../escape\n') });
    const plan = (await prepareExport(context(), runOf())).plan;
    expect(plan.held[0]?.reason).toMatch(
      /has \{slug\} "\.\.\/\.\.\/escape", which cannot be part of a file name/,
    );
  });

  test('a file where a destination folder goes holds the post back; new folders are planned as new files', async () => {
    await writeFiles(repo, { pages: 'a file, not a folder\n' });
    const blocked = (await prepareExport(context({ content: 'pages/{slug}.md' }), runOf())).plan;
    expect(blocked.held.map((held) => held.reason)).toEqual([
      'a file in the repository is in the way of pages/hello.md.',
      'a file in the repository is in the way of pages/the-trip.md.',
    ]);
    const fresh = (await prepareExport(context({ content: 'new/deep/{slug}.md' }), runOf())).plan;
    expect(fresh.held).toEqual([]);
    expect(fresh.files.filter((file) => file.kind === 'post').map((file) => file.action)).toEqual([
      'add',
      'add',
    ]);
  });

  test('a folder linked outside the repository is not written through', async () => {
    const outside = await tempFolder('postwright-outside-');
    cleanup.push(outside);
    await mkdir(join(repo, 'content'), { recursive: true });
    await rm(join(repo, 'content/posts'), { recursive: true });
    await symlink(outside, join(repo, 'content/posts'));
    const summary = await exportNow();
    expect(summary.held.map((held) => held.post).sort()).toEqual(['hello.md', 'trip/index.md']);
    expect(summary.held[0]?.reason).toMatch(/link that leads outside the repository/);
    expect(await readdir(outside)).toEqual([]);
  });

  test('never writes into the posts folder, when the repository holds it', async () => {
    const site = await tempFolder('postwright-site-with-blog-');
    cleanup.push(site);
    gitIn(site, 'init', '-q', '-b', 'main');
    await writeFiles(site, {
      'blog/hello.md': publishedPost('Hello'),
      'blog/other.md': publishedPost('Other'),
    });
    const inside: ExportContext = {
      root: join(site, 'blog'),
      schema: defaultSchema,
      posts: ['hello.md', 'other.md'],
      target: target({ repo: '..', content: 'blog/{slug}-copy.md', images: null, imageUrl: null }),
    };
    const plan = (await prepareExport(inside, runOf())).plan;
    expect(plan.held.map((held) => held.reason)).toEqual([
      'blog/hello-copy.md is inside the posts folder.',
      'blog/other-copy.md is inside the posts folder.',
    ]);
    expect(plan.files).toEqual([]);
  });

  test('files the repository ignores hold their post back', async () => {
    await writeFiles(repo, { '.gitignore': 'public/\n' });
    const plan = (await prepareExport(context(), runOf())).plan;
    expect(plan.held.map((held) => held.reason)).toEqual([
      "public/images/blog/cover.png is ignored by the repository's .gitignore, so it could not be committed.",
      "public/images/blog/map.png is ignored by the repository's .gitignore, so it could not be committed.",
    ]);
  });

  test('progress is reported per file; a cancel between files writes nothing', async () => {
    const seen: ExportProgress[] = [];
    const before = await snapshot(repo);
    const head = gitIn(repo, 'rev-parse', 'HEAD');
    const controller = new AbortController();
    const cancelled = value(
      await runExport(context(), runOf(), {
        signal: controller.signal,
        progress: (progress) => {
          if (progress.phase !== 'writing') return;
          seen.push(progress);
          if (seen.length === 2) controller.abort();
        },
      }),
    );
    expect(cancelled).toMatchObject({ cancelled: true, written: [], commit: null });
    // Cancelled once two files were started: the check comes before each file.
    expect(seen).toHaveLength(2);
    expect(seen[0]).toEqual({
      phase: 'writing',
      done: 0,
      total: 5,
      current: 'content/posts/hello.md',
    });
    expect(await snapshot(repo)).toEqual(before);
    expect(gitIn(repo, 'rev-parse', 'HEAD')).toBe(head);

    const all: ExportProgress[] = [];
    value(await runExport(context(), runOf(), { progress: (p) => all.push(p) }));
    const writing = all.filter((p) => p.phase === 'writing');
    expect(writing).toHaveLength(6);
    expect(new Set(writing.slice(0, 5).map((p) => p.current)).size).toBe(5);
    expect(writing.at(-1)).toEqual({ phase: 'writing', done: 5, total: 5, current: '' });
    // Planning came first, and ended with every step done.
    expect(all.indexOf(writing[0] as ExportProgress)).toBeGreaterThan(0);
    expect(all.filter((p) => p.phase === 'planning').at(-1)).toEqual({
      phase: 'planning',
      done: 6,
      total: 6,
      current: '',
    });
  });

  test('a cancel while planning stops the plan between posts; the run writes and commits nothing', async () => {
    const posts = [...allPosts];
    for (let i = 0; i < 60; i++) {
      const name = `many-${String(i).padStart(2, '0')}.md`;
      await writeFiles(blog, { [name]: publishedPost(`Many ${i}`, '', 'Words.\n') });
      posts.push(name);
    }
    const before = await snapshot(repo);
    const head = gitIn(repo, 'rev-parse', 'HEAD');
    const recordBefore = await readFile(recordPath(join(repo, '.git'))).catch(() => null);

    // The plan alone: stopped after its first post, it comes back empty and says so.
    const planning = new AbortController();
    const read: string[] = [];
    const plan = (
      await prepareExport(context({}, posts), runOf(), {
        signal: planning.signal,
        progress: (progress) => {
          read.push(progress.current);
          planning.abort();
        },
      })
    ).plan;
    expect(plan).toMatchObject({ cancelled: true, posts: [], files: [], held: [] });
    // One report (the first post's): the plan stopped before the next one.
    expect(read).toEqual(['hello.md']);

    // A run cancelled while it plans: nothing written, no commit, no record.
    const running = new AbortController();
    const seen: ExportProgress[] = [];
    const summary = value(
      await runExport(context({}, posts), runOf(), {
        signal: running.signal,
        progress: (progress) => {
          seen.push(progress);
          if (progress.phase === 'planning') running.abort();
        },
      }),
    );
    expect(summary).toMatchObject({ cancelled: true, written: [], commit: null });
    expect(seen.every((progress) => progress.phase === 'planning')).toBe(true);
    expect(await snapshot(repo)).toEqual(before);
    expect(gitIn(repo, 'rev-parse', 'HEAD')).toBe(head);
    expect(await readFile(recordPath(join(repo, '.git'))).catch(() => null)).toEqual(recordBefore);

    // Not cancelled, the same posts plan in full.
    const full = (await prepareExport(context({}, posts), runOf())).plan;
    expect(full.cancelled).toBe(false);
    expect(full.posts).toHaveLength(62);
  });

  test('a failed commit puts every file back as it was', async () => {
    await exportNow();
    await writeFiles(blog, {
      'hello.md': publishedPost('Hello', 'image: cover.png\n', 'Changed.\n'),
    });
    await writeFiles(blog, { 'trip/map.png': png(30) });
    const before = await snapshot(repo);
    const record = await readFile(recordPath(join(repo, '.git')), 'utf8');
    // Another git holds the branch's lock: the commit cannot move the branch.
    await writeFile(join(repo, '.git/refs/heads/main.lock'), '');
    const failed = await runExport(context(), runOf(), never);
    expect(failed.ok).toBe(false);
    if (!failed.ok)
      expect(failed.error.message).toMatch(
        /^The commit failed \(git update-ref failed: .*main\.lock.*\); the files were put back\. Nothing was changed\.$/,
      );
    expect(await snapshot(repo)).toEqual(before);
    expect(await readFile(recordPath(join(repo, '.git')), 'utf8')).toBe(record);
    expect(gitIn(repo, 'status', '--porcelain')).toBe('');
  });
});

describe('export commit objects', () => {
  test('git 2.38 and later take the one-pack path; older or unknown versions do not', () => {
    expect(packsInOneGo('git version 2.39.5\n')).toBe(true);
    expect(packsInOneGo('git version 2.38.0.windows.1')).toBe(true);
    expect(packsInOneGo('git version 3.0.0')).toBe(true);
    expect(packsInOneGo('git version 2.34.1')).toBe(false);
    expect(packsInOneGo('git version 1.9.9')).toBe(false);
    expect(packsInOneGo('not git')).toBe(false);
  });

  test('the committed blobs are what git add would store, through the repository filters, in one pack', async () => {
    // A clean filter that upper-cases Markdown: the commit must hold the filtered text, as git add would.
    await writeFiles(repo, { '.gitattributes': '*.md filter=upper\n' });
    gitIn(repo, 'config', 'filter.upper.clean', 'tr a-z A-Z');
    gitIn(repo, 'add', '.gitattributes');
    gitIn(repo, 'commit', '-q', '-m', 'Filters');
    const summary = await exportNow();
    expect(summary.commit).toMatch(/^[0-9a-f]{40}$/);
    for (const path of summary.written) {
      expect(gitIn(repo, 'rev-parse', `HEAD:${path}`)).toBe(
        gitIn(repo, 'hash-object', `--path=${path}`, path),
      );
    }
    expect(gitIn(repo, 'show', 'HEAD:content/posts/hello.md')).toContain('TITLE: HELLO');
    expect(gitIn(repo, 'show', 'HEAD:public/images/blog/map.png', '--format=')).not.toBe('');
    // The images (no filter) were streamed into a pack, not written as loose objects.
    const counts = gitIn(repo, 'count-objects', '-v');
    expect(Number(/in-pack: (\d+)/.exec(counts)?.[1])).toBeGreaterThanOrEqual(3);
    // The user's index has the committed entries: none of them shows as staged or changed (the
    // site's own Markdown, committed before the filter, does).
    expect(gitIn(repo, 'status', '--porcelain', '--', ...summary.written)).toBe('');
  });

  test('a target folder inside the work tree commits its files under that folder', async () => {
    const site = join(repo, 'site');
    await mkdir(site);
    const summary = await exportNow({}, { repo: site });
    expect(summary.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(committedFiles()).toEqual(summary.written.map((path) => `site/${path}`).sort());
    expect(await readFile(join(site, 'public/images/blog/map.png'))).toEqual(png(3));
    expect(gitIn(repo, 'show', 'HEAD:site/public/images/blog/map.png').length).toBeGreaterThan(0);
    expect(gitIn(repo, 'status', '--porcelain')).toBe('');
  });
});

describe('export blockers', () => {
  test('a folder that is not a git repository', async () => {
    const plain = await tempFolder('postwright-plain-');
    cleanup.push(plain);
    const plan = (await prepareExport(context({ repo: plain }), runOf())).plan;
    expect(plan.blockers).toEqual([
      `${plain} is not a git repository (run git init there, or choose the site's repository folder).`,
    ]);
    expect(plan.files.length).toBeGreaterThan(0);
    const run = await runExport(context({ repo: plain }), runOf(), never);
    expect(run).toEqual({
      ok: false,
      error: {
        kind: 'unsupported',
        message: `Cannot export to ${plain}: ${plan.blockers[0] ?? ''}`,
      },
    });
    expect(await readdir(plain)).toEqual([]);
  });

  test('a repository folder that does not exist', async () => {
    const plan = (await prepareExport(context({ repo: join(repo, 'nope') }), runOf())).plan;
    expect(plan.blockers).toEqual([`The repository folder ${join(repo, 'nope')} does not exist.`]);
  });

  test('git not installed', async () => {
    const empty = await tempFolder('postwright-path-');
    cleanup.push(empty);
    const path = process.env.PATH;
    process.env.PATH = empty;
    try {
      const plan = (await prepareExport(context(), runOf())).plan;
      expect(plan.blockers).toEqual([
        'git is not installed (or not on the PATH); export commits with the system git.',
      ]);
    } finally {
      process.env.PATH = path;
    }
  });

  test('a repository that is not writable', async () => {
    // As root every folder is writable unless it is immutable.
    if (process.getuid?.() === 0) execFileSync('chattr', ['+i', repo]);
    else execFileSync('chmod', ['a-w', repo]);
    try {
      const plan = (await prepareExport(context(), runOf())).plan;
      expect(plan.blockers).toEqual([
        `${repo} is not writable: export cannot write or commit there.`,
      ]);
      expect((await runExport(context(), runOf(), never)).ok).toBe(false);
    } finally {
      if (process.getuid?.() === 0) execFileSync('chattr', ['-i', repo]);
      else execFileSync('chmod', ['u+w', repo]);
    }
  });

  test('a repository in the middle of a merge, rebase, cherry-pick or revert', async () => {
    gitIn(repo, 'checkout', '-q', '-b', 'other');
    await writeFile(join(repo, 'README.md'), '# Other\n');
    gitIn(repo, 'commit', '-q', '-am', 'other');
    gitIn(repo, 'checkout', '-q', 'main');
    await writeFile(join(repo, 'README.md'), '# Main\n');
    gitIn(repo, 'commit', '-q', '-am', 'main');
    expect(() => gitIn(repo, 'merge', 'other')).toThrow();
    const plan = (await prepareExport(context(), runOf())).plan;
    expect(plan.blockers).toEqual([
      'The repository is in the middle of a merge (finish it, or git merge --abort); export commits only on a clean history.',
    ]);
    gitIn(repo, 'merge', '--abort');
    expect(() => gitIn(repo, 'rebase', 'other')).toThrow();
    expect((await prepareExport(context(), runOf())).plan.blockers[0]).toMatch(
      /middle of a rebase/,
    );
    gitIn(repo, 'rebase', '--abort');
    expect(() => gitIn(repo, 'cherry-pick', 'other')).toThrow();
    expect((await prepareExport(context(), runOf())).plan.blockers[0]).toMatch(
      /middle of a cherry-pick/,
    );
    gitIn(repo, 'cherry-pick', '--abort');
    expect((await prepareExport(context(), runOf())).plan.blockers).toEqual([]);
  });
});

describe('export push', () => {
  test('pushes the commit to the upstream', async () => {
    const bare = await addBareRemote(repo);
    cleanup.push(bare);
    const summary = await exportNow({ push: true });
    expect(summary).toMatchObject({ pushed: true, pushError: null });
    expect(gitIn(bare, 'rev-parse', 'main')).toBe(`${summary.commit ?? ''}\n`);
  });

  test('a rejected push is reported, and the commit stays local', async () => {
    const bare = await addBareRemote(repo);
    const other = await tempFolder('postwright-other-clone-');
    cleanup.push(bare, other);
    gitIn(other, 'clone', '-q', bare, '.');
    configureRepo(other);
    await writeFile(join(other, 'README.md'), '# Pushed first\n');
    gitIn(other, 'commit', '-q', '-am', 'someone else');
    gitIn(other, 'push', '-q');
    const remoteHead = gitIn(bare, 'rev-parse', 'main');

    const summary = await exportNow({ push: true });
    expect(summary.pushed).toBe(false);
    expect(summary.pushError).toBe(
      'The push to origin was rejected: the remote has commits this clone does not have (someone pushed first). Pull, then push again. The commit stays local.',
    );
    expect(gitIn(repo, 'rev-parse', 'HEAD')).toBe(`${summary.commit ?? ''}\n`);
    expect(gitIn(bare, 'rev-parse', 'main')).toBe(remoteHead);
  });

  test('a branch without upstream says so', async () => {
    const summary = await exportNow({ push: true });
    expect(summary.commit).not.toBeNull();
    expect(summary.pushError).toMatch(/^The branch main has no upstream to push to/);
  });
});
