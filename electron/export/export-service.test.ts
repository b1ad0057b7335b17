import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Events } from '../../shared/api';
import type { ExportProgress, ExportTarget } from '../../shared/export';
import { ok } from '../../shared/result';
import {
  gitIn,
  makeRepo,
  png,
  publishedPost,
  siteTarget,
  tempFolder,
  writeFiles,
} from '../../tests/export-fixture';
import { createService, dispatch } from '../service';
import type { Service } from '../service';
import { settingsStore } from '../settings';

let base: string;
let blog: string;
let repo: string;
let emitted: [keyof Events, unknown][];
let service: Service;

const configText = `# My blog's settings
imageFolder: /images # where the form puts images
export:
  targets:
    - name: site
      repo: ../site # next to the blog
      content: content/posts/{slug}.md
      images: public/images
      imageUrl: /images
fields:
  title:
    maxLength: 90
`;

const site = siteTarget('../site', { images: 'public/images', imageUrl: '/images' });

beforeEach(async () => {
  base = await tempFolder('postwright-export-service-');
  blog = join(base, 'blog');
  repo = await makeRepo({ 'README.md': '# Site\n' });
  await writeFiles(blog, {
    'postwright.config.yml': configText,
    'hello.md': publishedPost('Hello', '', '![x](x.png)\n'),
    'x.png': png(1),
  });
  // The target's repo is `../site` from the blog.
  await rm(join(base, 'site'), { recursive: true, force: true });
  gitIn(base, 'clone', '-q', repo, 'site');
  gitIn(join(base, 'site'), 'config', 'user.name', 'Test Author');
  gitIn(join(base, 'site'), 'config', 'user.email', 'author@example.com');
  emitted = [];
  service = createService({
    root: blog,
    host: {
      chooseFolder: () => Promise.resolve(null),
      openExternal: () => Promise.resolve(ok(null)),
      setUnsavedChanges: () => undefined,
      trash: () => Promise.resolve(ok('trashed')),
      showInFolder: () => Promise.resolve(ok(null)),
    },
    settings: settingsStore(join(base, 'config')),
    emit: (event, payload) => emitted.push([event, payload]),
    watch: false,
  });
});

afterEach(async () => {
  await service.close();
  await rm(base, { recursive: true, force: true });
  await rm(repo, { recursive: true, force: true });
});

describe('export through the service', () => {
  test('getExportTargets reads the config', async () => {
    expect(await dispatch(service, 'getExportTargets', [])).toEqual(
      ok({ targets: [site], problems: [] }),
    );
  });

  test('setExportTargets replaces the targets and keeps the rest of the config byte for byte', async () => {
    const blogTarget: ExportTarget = { ...site, name: 'blog', drop: ['notes'], include: 'all' };
    const saved = await dispatch(service, 'setExportTargets', [{ targets: [site, blogTarget] }]);
    expect(saved).toEqual(ok({ targets: [site, blogTarget], problems: [] }));
    const text = await readFile(join(blog, 'postwright.config.yml'), 'utf8');
    expect(text.startsWith(configText.slice(0, configText.indexOf('export:')))).toBe(true);
    expect(text.endsWith(configText.slice(configText.indexOf('fields:')))).toBe(true);
    expect(await dispatch(service, 'getExportTargets', [])).toEqual(saved);
  });

  test('setExportTargets writes nothing when the targets are the same, or wrong', async () => {
    const path = join(blog, 'postwright.config.yml');
    await writeFile(
      path,
      configText.replace('    - name: site\n', '    - name: site\n      include: published\n'),
    );
    const before = await stat(path);
    const same = await service.setExportTargets({ targets: [site] });
    expect(same.ok).toBe(true);
    expect((await stat(path)).mtimeMs).toBe(before.mtimeMs);

    const broken = await service.setExportTargets({
      targets: [{ ...site, content: '../up/{slug}.md' }],
    });
    expect(broken).toEqual({
      ok: false,
      error: {
        kind: 'invalidArgument',
        message:
          'The targets were not saved: Target "site": `content` leaves the repository with "..".',
      },
    });
    const shapeless = await dispatch(service, 'setExportTargets', [{ targets: [{ name: 1 }] }]);
    expect(shapeless).toMatchObject({ ok: false, error: { kind: 'invalidArgument' } });
    expect((await stat(path)).mtimeMs).toBe(before.mtimeMs);
  });

  test('setExportTargets creates the config when the folder has none', async () => {
    await rm(join(blog, 'postwright.config.yml'));
    expect(await service.getExportTargets()).toEqual(ok({ targets: [], problems: [] }));
    expect(await service.setExportTargets({ targets: [site] })).toEqual(
      ok({ targets: [site], problems: [] }),
    );
    expect(await readFile(join(blog, 'postwright.config.yml'), 'utf8')).toMatch(
      /^export:\n {2}targets:\n {4}- name: site\n/,
    );
  });

  test('planExport and runExport export the post, with progress events', async () => {
    const request = {
      target: 'site',
      scope: { kind: 'changed' },
      acceptWarnings: false,
      overwrite: [],
    };
    const plan = await dispatch(service, 'planExport', [request]);
    expect(plan).toMatchObject({
      ok: true,
      value: {
        posts: ['hello.md'],
        files: [
          { repoPath: 'content/posts/hello.md', action: 'add' },
          { repoPath: 'public/images/x.png', action: 'add' },
        ],
        blockers: [],
        message: 'Publish: Hello',
      },
    });
    const run = await dispatch(service, 'runExport', [{ ...request, commit: true, push: false }]);
    expect(run).toMatchObject({
      ok: true,
      value: { written: ['content/posts/hello.md', 'public/images/x.png'] },
    });
    const progress = emitted
      .filter(([event]) => event === 'exportProgress')
      .map(([, payload]) => payload as ExportProgress);
    expect(progress.filter((each) => each.phase === 'writing')).toEqual([
      { phase: 'writing', done: 0, total: 2, current: 'content/posts/hello.md' },
      // Files are prepared several at a time: the second starts before the first is done.
      { phase: 'writing', done: 0, total: 2, current: 'public/images/x.png' },
      { phase: 'writing', done: 2, total: 2, current: '' },
    ]);
    // The plan, and the run's own plan before its files: each starts with the post and ends done.
    const planning = progress.filter((each) => each.phase === 'planning');
    expect(planning[0]).toEqual({ phase: 'planning', done: 1, total: 2, current: 'hello.md' });
    expect(planning.filter((each) => each.done === each.total && each.current === '')).toHaveLength(
      2,
    );
    expect(gitIn(join(base, 'site'), 'log', '-1', '--format=%s')).toBe('Publish: Hello\n');
  });

  test('bad requests and unknown targets are clear errors', async () => {
    expect(
      await dispatch(service, 'planExport', [{ target: 'site', scope: { kind: 'some' } }]),
    ).toMatchObject({
      ok: false,
      error: { kind: 'invalidArgument' },
    });
    expect(
      await service.planExport({
        target: 'nope',
        scope: { kind: 'changed' },
        acceptWarnings: false,
        overwrite: [],
      }),
    ).toEqual({
      ok: false,
      error: { kind: 'notFound', message: 'There is no export target named "nope" in the config.' },
    });
    expect(await service.cancelExport()).toEqual(ok(null));
  });
});
