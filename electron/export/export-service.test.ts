import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Events } from '../../shared/api';
import type { ExportPlan, ExportProgressEvent, ExportTarget } from '../../shared/export';
import { ok } from '../../shared/result';
import type { Result } from '../../shared/result';
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
// Called with each event as it is emitted, inside the service's own call (so a cancel made here
// lands at a known point of a plan).
let onEmit: ((event: keyof Events, payload: unknown) => void) | null;
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
  onEmit = null;
  service = openService();
});

/** A service on the blog, as the app makes it. */
function openService(): Service {
  return createService({
    root: blog,
    host: {
      chooseFolder: () => Promise.resolve(null),
      openExternal: () => Promise.resolve(ok(null)),
      setUnsavedChanges: () => undefined,
      trash: () => Promise.resolve(ok('trashed')),
      showInFolder: () => Promise.resolve(ok(null)),
    },
    settings: settingsStore(join(base, 'config')),
    emit: (event, payload) => {
      emitted.push([event, payload]);
      onEmit?.(event, payload);
    },
    watch: false,
  });
}

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
    const plan = await dispatch(service, 'planExport', ['plan-0001', request]);
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
    const run = await dispatch(service, 'runExport', [
      'run-0001',
      { ...request, commit: true, push: false },
    ]);
    expect(run).toMatchObject({
      ok: true,
      value: { written: ['content/posts/hello.md', 'public/images/x.png'] },
    });
    const progress = emitted
      .filter(([event]) => event === 'exportProgress')
      .map(([, payload]) => payload as ExportProgressEvent);
    expect(progress.filter((each) => each.phase === 'writing')).toEqual([
      { id: 'run-0001', phase: 'writing', done: 0, total: 2, current: 'content/posts/hello.md' },
      // Files are prepared several at a time: the second starts before the first is done.
      { id: 'run-0001', phase: 'writing', done: 0, total: 2, current: 'public/images/x.png' },
      { id: 'run-0001', phase: 'writing', done: 2, total: 2, current: '' },
    ]);
    // The plan, and the run's own plan before its files: each starts with the post and ends done,
    // and each event names the request it belongs to.
    const planning = progress.filter((each) => each.phase === 'planning');
    expect(planning[0]).toEqual({
      id: 'plan-0001',
      phase: 'planning',
      done: 1,
      total: 2,
      current: 'hello.md',
    });
    const ends = planning.filter((each) => each.done === each.total && each.current === '');
    expect(ends.map((each) => each.id)).toEqual(['plan-0001', 'run-0001']);
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
      await service.planExport('plan-0002', {
        target: 'nope',
        scope: { kind: 'changed' },
        acceptWarnings: false,
        overwrite: [],
      }),
    ).toEqual({
      ok: false,
      error: { kind: 'notFound', message: 'There is no export target named "nope" in the config.' },
    });
    expect(await service.cancelExport('plan-0002')).toEqual(ok(null));
  });
});

/** The value of a result that must have succeeded. */
function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value;
}

/** Adds `count` published posts to the blog and opens the service on it again, to index them. */
async function addPosts(count: number): Promise<void> {
  const posts: Record<string, string> = {};
  for (let n = 0; n < count; n++) posts[`post-${n}.md`] = publishedPost(`Post ${n}`);
  await writeFiles(blog, posts);
  await service.close();
  service = openService();
}

/** The progress events emitted so far. */
function progressEvents(): ExportProgressEvent[] {
  return emitted
    .filter(([event]) => event === 'exportProgress')
    .map(([, payload]) => payload as ExportProgressEvent);
}

/** Whether a plan's progress reached its end (the last report: all done, no post named). */
function reachedEnd(id: string): boolean {
  return progressEvents().some(
    (each) => each.id === id && each.done === each.total && each.current === '',
  );
}

/** The site repository's state: `git status` and its commits. */
function siteState(): string {
  const site = join(base, 'site');
  return (
    gitIn(site, 'status', '--porcelain', '--untracked-files=all') +
    gitIn(site, 'log', '--format=%H')
  );
}

const everyChange = {
  target: 'site',
  scope: { kind: 'changed' },
  acceptWarnings: false,
  overwrite: [],
} as const;

describe('cancelling names what it cancels', () => {
  test('cancelling one plan stops that plan only: another plan under way ends with its full plan', async () => {
    await addPosts(300);
    const before = siteState();
    const mine = 'tab-one-plan-1';
    const theirs = 'tab-two-plan-1';
    const ended = new Set<string>();
    let cancelledAt = -1;
    // Cancel `mine` the first time both plans have reported progress and neither has answered.
    onEmit = () => {
      const started = new Set(progressEvents().map((each) => each.id));
      if (cancelledAt !== -1 || !started.has(mine) || !started.has(theirs)) return;
      if (ended.size > 0) return;
      cancelledAt = progressEvents().length;
      void service.cancelExport(mine);
    };
    const answer = (id: string): Promise<Result<ExportPlan>> =>
      service.planExport(id, everyChange).finally(() => ended.add(id));
    const [cancelled, full] = await Promise.all([answer(mine), answer(theirs)]);

    expect(cancelledAt).toBeGreaterThan(0);
    expect(cancelled).toEqual(
      ok(expect.objectContaining({ cancelled: true, posts: [], files: [], held: [] })),
    );
    expect(reachedEnd(mine)).toBe(false);
    const plan = value(full);
    expect(plan.cancelled).toBe(false);
    expect(plan.posts).toHaveLength(301);
    // 300 posts, hello.md and its image.
    expect(plan.files).toHaveLength(302);
    expect(plan.files.every((file) => file.action === 'add')).toBe(true);
    // The other plan went on after the cancel, to its end.
    expect(
      progressEvents()
        .slice(cancelledAt)
        .some((each) => each.id === theirs),
    ).toBe(true);
    expect(reachedEnd(theirs)).toBe(true);
    expect(siteState()).toBe(before);
  });

  test('a plan replaced by a newer one is stopped by its id: it says cancelled, writes nothing, and the newer one is whole', async () => {
    await addPosts(300);
    const before = siteState();
    const older = 'dialog-plan-0001';
    const newer = 'dialog-plan-0002';
    let replacement: Promise<Result<ExportPlan>> | null = null;
    // As the export dialog does when its choices change while a plan is under way: cancel the
    // plan it replaces, then ask for the new one.
    onEmit = (event, payload) => {
      if (event !== 'exportProgress' || replacement !== null) return;
      if ((payload as ExportProgressEvent).id !== older) return;
      void service.cancelExport(older);
      replacement = service.planExport(newer, {
        ...everyChange,
        scope: { kind: 'posts', paths: ['hello.md'] },
      });
    };
    const replaced = await service.planExport(older, everyChange);
    expect(replacement).not.toBeNull();
    const plan = value(await (replacement as unknown as Promise<Result<ExportPlan>>));

    expect(replaced).toEqual(
      ok(expect.objectContaining({ cancelled: true, posts: [], files: [] })),
    );
    expect(reachedEnd(older)).toBe(false);
    expect(plan).toMatchObject({ cancelled: false, posts: ['hello.md'] });
    expect(plan.files.map((file) => file.repoPath)).toEqual([
      'content/posts/hello.md',
      'public/images/x.png',
    ]);
    expect(siteState()).toBe(before);
  });

  test('a cancel that overtakes its plan or export (two HTTP requests) stops it as soon as it arrives', async () => {
    const before = siteState();
    expect(await service.cancelExport('early-plan-01')).toEqual(ok(null));
    expect(await service.planExport('early-plan-01', everyChange)).toEqual(
      ok(expect.objectContaining({ cancelled: true, posts: [], files: [] })),
    );
    expect(await service.cancelExport('early-run-001')).toEqual(ok(null));
    expect(
      await service.runExport('early-run-001', { ...everyChange, commit: true, push: false }),
    ).toEqual(ok(expect.objectContaining({ cancelled: true, written: [], commit: null })));
    expect(siteState()).toBe(before);
    // The remembered cancel is used up; other ids were never touched.
    expect(value(await service.planExport('early-plan-01', everyChange)).posts).toEqual([
      'hello.md',
    ]);
    expect(value(await service.planExport('other-plan-01', everyChange)).cancelled).toBe(false);
  });

  test('an export goes on to its commit when another window cancels its own plan', async () => {
    await addPosts(100);
    const run = 'window-one-run1';
    const plan = 'window-two-plan';
    let cancelled = false;
    onEmit = (event, payload) => {
      if (event !== 'exportProgress' || cancelled) return;
      if ((payload as ExportProgressEvent).id !== run) return;
      cancelled = true;
      void service.cancelExport(plan);
    };
    const [summary, stopped] = await Promise.all([
      service.runExport(run, { ...everyChange, commit: true, push: false }),
      service.planExport(plan, everyChange),
    ]);
    expect(cancelled).toBe(true);
    expect(value(stopped).cancelled).toBe(true);
    expect(value(summary)).toMatchObject({ cancelled: false, held: [] });
    expect(value(summary).written).toHaveLength(102);
    expect(gitIn(join(base, 'site'), 'log', '-1', '--format=%s')).toBe('Publish: 101 posts\n');
  });

  test('a bad request id is refused with a clear message before anything runs', async () => {
    const before = siteState();
    const rule = '8 to 64 letters, digits, "-" or "_"';
    const refused = (message: string) => ({
      ok: false,
      error: { kind: 'invalidArgument', message },
    });
    // Through the transports (IPC and HTTP both dispatch): the argument is named.
    expect(await dispatch(service, 'cancelExport', ['x'])).toEqual(
      refused(`Bad arguments for cancelExport: argument 1 should be a request id (${rule})`),
    );
    expect(await dispatch(service, 'cancelExport', [])).toEqual(
      refused('Bad arguments for cancelExport: it takes 1 argument, not 0'),
    );
    // The old call without an id.
    expect(await dispatch(service, 'planExport', [everyChange])).toEqual(
      refused('Bad arguments for planExport: it takes 2 arguments, not 1'),
    );
    for (const id of ['../../etc/passwd', 'a b c d e f g', 'x'.repeat(65), 42, null]) {
      expect(await dispatch(service, 'planExport', [id, everyChange])).toEqual(
        refused(`Bad arguments for planExport: argument 1 should be a request id (${rule})`),
      );
      expect(
        await dispatch(service, 'runExport', [id, { ...everyChange, commit: true, push: false }]),
      ).toMatchObject({ ok: false, error: { kind: 'invalidArgument' } });
    }
    // Called directly (the service checks for itself): the message shows what came.
    expect(await service.cancelExport('a b')).toEqual(
      refused(`An export request id is ${rule}; got "a b".`),
    );
    expect(await service.planExport(42 as unknown as string, everyChange)).toEqual(
      refused(`An export request id is ${rule}; got number.`),
    );
    expect(
      await service.runExport('x'.repeat(200), { ...everyChange, commit: true, push: false }),
    ).toEqual(refused(`An export request id is ${rule}; got a string of 200 characters.`));
    expect(progressEvents()).toEqual([]);
    expect(siteState()).toBe(before);
  });

  test('an id already under way is refused: each plan needs its own', async () => {
    await addPosts(100);
    const first = service.planExport('same-id-0001', everyChange);
    expect(await service.planExport('same-id-0001', everyChange)).toEqual({
      ok: false,
      error: {
        kind: 'conflict',
        message:
          'A plan or export with the request id "same-id-0001" is already under way; give each request its own id.',
      },
    });
    expect(value(await first).posts).toHaveLength(101);
  });
});
