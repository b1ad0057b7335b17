import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ExportPlan, ExportSummary } from '../shared/export';
import { runCli } from './e2e/harness';
import type { CliRun } from './e2e/harness';
import { gitIn, makeRepo, png, publishedPost, tempFolder, writeFiles } from './export-fixture';

let home: string;
let blog: string;
let hugo: string;
let site: string;

function run(...args: string[]): Promise<CliRun> {
  return runCli(['export', ...args], { home });
}

beforeEach(async () => {
  home = await tempFolder('postwright-export-home-');
  blog = await tempFolder('postwright-export-blog-');
  hugo = await makeRepo({ 'hugo.toml': 'title = "Site"\n' });
  site = await makeRepo({ 'package.json': '{}\n' });
  await writeFiles(blog, {
    'postwright.config.yml': `export:\n  targets:\n    - name: site\n      repo: ${site}\n      content: src/posts/{date}-{slug}.md\n      images: public/img\n      imageUrl: /img\n      drop: [notes]\n`,
    'hello.md': publishedPost('Hello', 'notes: mine\n', '![pic](pic.png)\n'),
    'pic.png': png(1),
    'draft.md': '---\ntitle: Draft\ndate: 2024-03-05\npublished: false\n---\nSoon.\n',
  });
});

afterEach(async () => {
  for (const folder of [home, blog, hugo, site]) await rm(folder, { recursive: true, force: true });
});

describe('postwright export', () => {
  test('--dry-run prints the plan and writes nothing; a repository without a target gets its layout default', async () => {
    const result = await run(blog, '--to', hugo, '--all-published', '--dry-run');
    expect(result.stderr).toBe(
      `postwright: no target for ${hugo} in the config; using the Hugo layout: posts to content/posts/{slug}.md, images to static/images/posts (served as /images/posts)\n`,
    );
    expect(result.stdout).toBe(
      [
        `Export to ${hugo} (${hugo})`,
        '  add              content/posts/hello.md  (hello.md)',
        '  add              static/images/posts/pic.png  (hello.md)',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(0);
    expect(gitIn(hugo, 'status', '--porcelain')).toBe('');
  });

  test('exports to a named target and commits exactly those files', async () => {
    const result = await run(blog, '--to', 'site', '--post', join(blog, 'hello.md'), '--commit');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Wrote 2 files, 0 unchanged\.\nCommitted [0-9a-f]{12}\.\n$/);
    expect(await readFile(join(site, 'src/posts/2024-03-01-hello.md'), 'utf8')).toBe(
      publishedPost('Hello', '', '![pic](/img/pic.png)\n'),
    );
    expect(gitIn(site, 'show', '--name-only', '--format=%s', 'HEAD')).toBe(
      'Publish: Hello\n\npublic/img/pic.png\nsrc/posts/2024-03-01-hello.md\n',
    );
    const again = await run(blog, '--to', site, '--all-published', '--commit');
    expect(again.stdout).toContain('Nothing to commit.');
    expect(again.code).toBe(0);
  });

  test('exits 1 when posts are held back, and says why', async () => {
    const result = await run(blog, '--to', 'site', '--post', 'draft.md', '--post', 'hello.md');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'Held back draft.md: It is a draft; target "site" exports published posts only.',
    );
  });

  test('--json prints the plan or the summary', async () => {
    const dry = await run(blog, '--to', 'site', '--all-published', '--dry-run', '--json');
    const plan = JSON.parse(dry.stdout) as ExportPlan;
    expect(plan.files.map((file) => [file.repoPath, file.action])).toEqual([
      ['src/posts/2024-03-01-hello.md', 'add'],
      ['public/img/pic.png', 'add'],
    ]);
    const done = await run(blog, '--to', 'site', '--all-published', '--json');
    const summary = JSON.parse(done.stdout) as ExportSummary;
    expect(summary).toMatchObject({
      written: ['src/posts/2024-03-01-hello.md', 'public/img/pic.png'],
      commit: null,
    });
  });

  test('a file changed by hand is kept unless --overwrite-changed', async () => {
    await run(blog, '--to', 'site', '--all-published');
    await writeFile(join(site, 'src/posts/2024-03-01-hello.md'), 'mine now\n');
    await writeFiles(blog, { 'hello.md': publishedPost('Hello', '', 'New.\n') });
    const kept = await run(blog, '--to', 'site', '--all-published');
    expect(kept.code).toBe(1);
    expect(kept.stdout).toContain(
      'changed by hand  src/posts/2024-03-01-hello.md  (hello.md)  (not overwritten without --overwrite-changed)',
    );
    expect(await readFile(join(site, 'src/posts/2024-03-01-hello.md'), 'utf8')).toBe('mine now\n');
    const forced = await run(blog, '--to', 'site', '--all-published', '--overwrite-changed');
    expect(forced.code).toBe(0);
    expect(await readFile(join(site, 'src/posts/2024-03-01-hello.md'), 'utf8')).toContain('New.');
  });

  test('exits 2 on bad usage and on a repository that cannot take the export', async () => {
    const noTo = await run(blog, '--all-published');
    expect(noTo.code).toBe(2);
    expect(noTo.stderr).toMatch(/^postwright: export needs --to TARGET_OR_REPO/);
    const both = await run(blog, '--to', 'site', '--all-published', '--post', 'hello.md');
    expect(both).toMatchObject({
      code: 2,
      stderr: 'postwright: say which posts: --post FILE (one or more) or --all-published\n',
    });
    const unknown = await run(blog, '--to', 'nowhere', '--all-published');
    expect(unknown).toMatchObject({
      code: 2,
      stderr: `postwright: "nowhere" is neither an export target of ${blog} (site) nor a folder\n`,
    });
    const plain = await tempFolder('postwright-plain-');
    try {
      await writeFile(join(plain, '_config.yml'), 'title: x\n');
      const blocked = await run(blog, '--to', plain, '--all-published');
      expect(blocked.code).toBe(2);
      expect(blocked.stderr).toContain(`postwright: ${plain} is not a git repository`);
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
  });
});
