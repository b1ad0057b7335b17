import { mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Events, Preferences } from '../shared/api';
import { defaultPreferences, defaultSidebarView } from '../shared/preferences';
import { fail, ok } from '../shared/result';
import type { Result } from '../shared/result';
import { createService, dispatch, preferencesOf } from './service';
import type { Host, Service } from './service';
import { settingsStore } from './settings';

let base: string;
let root: string;
let other: string;
let configDir: string;
let emitted: [keyof Events, unknown][];
let opened: string[];
let chosen: string | null;
let unsavedCalls: boolean[];
let trashed: [string, string][];
let shown: string[];
let service: Service;

function kindOf(result: Result<unknown>): string {
  return result.ok ? 'ok' : result.error.kind;
}

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'postwright-service-')));
  root = join(base, 'blog');
  other = join(base, 'other blog');
  configDir = join(base, 'config');
  await mkdir(root);
  await mkdir(other);
  await writeFile(join(root, 'first.md'), '---\ntitle: First\n---\n');
  await writeFile(join(other, 'elsewhere.md'), '---\ntitle: Elsewhere\n---\n');
  emitted = [];
  opened = [];
  chosen = null;
  unsavedCalls = [];
  trashed = [];
  shown = [];
  const host: Host = {
    chooseFolder: () => Promise.resolve(chosen),
    openExternal: (url) => {
      opened.push(url);
      return Promise.resolve(ok(null));
    },
    setUnsavedChanges: (value) => unsavedCalls.push(value),
    trash: (path, folder) => {
      trashed.push([path, folder]);
      return Promise.resolve(ok('Moved to the trash'));
    },
    showInFolder: (path) => {
      shown.push(path);
      return Promise.resolve(ok(null));
    },
  };
  service = createService({
    root,
    host,
    settings: settingsStore(configDir),
    emit: (event, payload) => emitted.push([event, payload]),
  });
});

afterEach(async () => {
  // Its watcher would otherwise see this folder go and emit into the next test's `emitted`.
  await service.close();
  await rm(base, { recursive: true, force: true });
});

describe('dispatch', () => {
  test('runs a known command with well-typed arguments', async () => {
    const result = await dispatch(service, 'listPosts', []);
    expect(result).toEqual({
      ok: true,
      value: [expect.objectContaining({ path: 'first.md', title: 'First' })],
    });
    expect(kindOf(await dispatch(service, 'readPost', ['first.md']))).toBe('ok');
  });

  test('rejects unknown commands, including names that exist on the object but are not commands', async () => {
    for (const name of ['deleteEverything', 'root', '__proto__', 'constructor', 'toString', '']) {
      expect(await dispatch(service, name, []), name).toMatchObject({
        ok: false,
        error: { kind: 'invalidArgument' },
      });
    }
  });

  test('rejects wrong argument types and counts before running anything', async () => {
    const bad: [string, unknown][] = [
      ['readPost', [42]],
      ['readPost', [null]],
      ['readPost', []],
      ['readPost', ['first.md', 'extra']],
      ['readPost', 'first.md'],
      ['readPost', { 0: 'first.md', length: 1 }],
      ['listPosts', undefined],
      ['savePost', ['first.md', 'text']],
      ['savePost', ['first.md', { text: 'x' }, 'version']],
      ['openFolder', [undefined]],
      ['openFolder', [{ path: other }]],
      ['openExternal', [['https://example.com']]],
    ];
    for (const [name, args] of bad) {
      expect(kindOf(await dispatch(service, name, args)), `${name} ${JSON.stringify(args)}`).toBe(
        'invalidArgument',
      );
    }
    expect(emitted).toEqual([]);
    expect(opened).toEqual([]);
    expect(await readFile(join(root, 'first.md'), 'utf8')).toBe('---\ntitle: First\n---\n');
  });
});

describe('openFolder', () => {
  test('opens a folder by its full path: emits workspaceChanged, remembers it, and lists its posts', async () => {
    const result = await service.openFolder(other);
    const workspace = { root: other, name: 'other blog' };
    expect(result).toEqual({ ok: true, value: workspace });
    expect(emitted).toEqual([['workspaceChanged', workspace]]);
    expect(await settingsStore(configDir).load()).toEqual({ lastFolder: other });
    expect(service.root()).toBe(other);
    const posts = await service.listPosts();
    expect(posts.ok && posts.value.map((post) => post.path)).toEqual(['elsewhere.md']);
  });

  test('refuses a relative path, and changes nothing', async () => {
    for (const path of ['other blog', './other blog', '../x', '']) {
      expect(kindOf(await service.openFolder(path)), path).toBe('invalidArgument');
    }
    expect(emitted).toEqual([]);
    expect(service.root()).toBe(root);
    expect(await settingsStore(configDir).load()).toEqual({});
  });

  test('a missing folder is folderUnreadable, and changes nothing', async () => {
    expect(kindOf(await service.openFolder(join(base, 'missing')))).toBe('folderUnreadable');
    expect(emitted).toEqual([]);
    expect(service.root()).toBe(root);
    expect(await settingsStore(configDir).load()).toEqual({});
  });

  test('null asks the host; a cancelled dialog opens nothing', async () => {
    expect(kindOf(await service.openFolder(null))).toBe('unsupported');
    expect(service.root()).toBe(root);
    chosen = other;
    expect(await service.openFolder(null)).toEqual({
      ok: true,
      value: { root: other, name: 'other blog' },
    });
    expect(service.root()).toBe(other);
  });
});

describe('getWorkspace', () => {
  test('names the open folder, and reports it once it is gone', async () => {
    expect(await service.getWorkspace()).toEqual({ ok: true, value: { root, name: 'blog' } });
    await rm(root, { recursive: true });
    expect(kindOf(await service.getWorkspace())).toBe('folderUnreadable');
  });
});

describe('setUnsavedChanges', () => {
  test('passes the flag to the shell, and refuses anything but a boolean', async () => {
    expect(await dispatch(service, 'setUnsavedChanges', [true])).toEqual({ ok: true, value: null });
    expect(await dispatch(service, 'setUnsavedChanges', [false])).toEqual({
      ok: true,
      value: null,
    });
    expect(kindOf(await dispatch(service, 'setUnsavedChanges', ['yes']))).toBe('invalidArgument');
    expect(unsavedCalls).toEqual([true, false]);
  });
});

describe('openExternal', () => {
  test('hands http, https and mailto links to the host', async () => {
    for (const url of [
      'https://example.com/a?b=c',
      'http://example.com',
      'mailto:me@example.com',
    ]) {
      expect(await service.openExternal(url), url).toEqual({ ok: true, value: null });
    }
    expect(opened).toEqual([
      'https://example.com/a?b=c',
      'http://example.com',
      'mailto:me@example.com',
    ]);
  });

  test('refuses javascript:, file: and other schemes without calling the host', async () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'file:///etc/passwd',
      'FILE:///C:/Windows/win.ini',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'https://example.com\n/x',
      '',
    ]) {
      expect(kindOf(await service.openExternal(url)), JSON.stringify(url)).toBe('invalidArgument');
    }
    expect(opened).toEqual([]);
  });
});

describe('writes', () => {
  test('create, rename, duplicate and delete act on the open folder and give the new paths', async () => {
    expect(await dispatch(service, 'createPost', ['Hello there'])).toEqual({
      ok: true,
      value: { path: 'hello-there.md' },
    });
    expect(await readFile(join(root, 'hello-there.md'), 'utf8')).toContain('title: "Hello there"');
    expect(await dispatch(service, 'renamePost', ['hello-there.md', 'greeting'])).toEqual({
      ok: true,
      value: { path: 'greeting.md' },
    });
    expect(await dispatch(service, 'duplicatePost', ['greeting.md'])).toEqual({
      ok: true,
      value: { path: 'greeting-copy.md' },
    });
    const deleted = await dispatch(service, 'deletePost', ['greeting.md']);
    expect(deleted).toEqual({
      ok: true,
      value: { message: 'Moved to the trash', undo: expect.stringMatching(/Z-[0-9a-f]{8}$/) },
    });
    // It can be undone until the app closes or its time is up; only then the system trash has it.
    expect(trashed).toEqual([]);
    expect(await dispatch(service, 'revealPost', ['greeting-copy.md'])).toEqual(ok(null));
    expect(shown).toEqual([join(root, 'greeting-copy.md')]);
  });

  test('refuses paths outside the folder and bad arguments before touching the disk', async () => {
    await writeFile(join(other, 'victim.md'), '---\ntitle: Victim\n---\n');
    expect(kindOf(await service.deletePost('../other blog/victim.md'))).toBe('outsideFolder');
    expect(kindOf(await service.renamePost('first.md', '../other blog/first.md'))).toBe(
      'outsideFolder',
    );
    expect(kindOf(await service.duplicatePost(join(other, 'victim.md')))).toBe('outsideFolder');
    for (const [name, args] of [
      ['createPost', [1]],
      ['renamePost', ['first.md']],
      ['deletePost', [null]],
      ['setPreferences', ['no']],
      ['setPreferences', [{ autosave: 'no' }]],
      ['setPreferences', [{ colour: 'red' }]],
    ] as const) {
      expect(kindOf(await dispatch(service, name, args)), name).toBe('invalidArgument');
    }
    expect(trashed).toEqual([]);
    expect(await readFile(join(other, 'victim.md'), 'utf8')).toContain('Victim');
  });
});

describe('deletePost with undo', () => {
  const serviceWith = (host: Partial<Host>, undoMs: number): Service =>
    createService({
      root,
      settings: settingsStore(configDir),
      emit: () => undefined,
      watch: false,
      undoMs,
      host: {
        chooseFolder: () => Promise.resolve(null),
        openExternal: () => Promise.resolve(ok(null)),
        setUnsavedChanges: () => undefined,
        trash: null,
        showInFolder: () => Promise.resolve(ok(null)),
        ...host,
      },
    });
  const trashTo =
    (into: string[]): Host['trash'] =>
    (path) => {
      into.push(path);
      return rm(path, { recursive: true }).then(() => ok('Moved to the trash'));
    };
  const paths = async (on: Service): Promise<string[]> => {
    const listed = await on.listPosts();
    return listed.ok ? listed.value.map((post) => post.path) : [];
  };

  test('restorePost puts the post back in the list, byte for byte', async () => {
    const bytes = Buffer.from('---\r\ntitle: First\r\n---\r\n\r\nBody\n');
    await writeFile(join(root, 'first.md'), bytes);
    const desktop = serviceWith({ trash: trashTo([]) }, 60_000);
    expect(await paths(desktop)).toEqual(['first.md']);
    const deleted = await desktop.deletePost('first.md');
    if (!deleted.ok) throw new Error(deleted.error.message);
    expect(await paths(desktop)).toEqual([]);
    expect(await desktop.restorePost(deleted.value.undo)).toEqual(ok({ path: 'first.md' }));
    expect(await paths(desktop)).toEqual(['first.md']);
    expect((await readFile(join(root, 'first.md'))).equals(bytes)).toBe(true);
    await desktop.close();
  });

  test('on the desktop the post goes on to the system trash when its time is up; undo then says so', async () => {
    const trashed: string[] = [];
    const desktop = serviceWith({ trash: trashTo(trashed) }, 50);
    const deleted = await desktop.deletePost('first.md');
    if (!deleted.ok) throw new Error(deleted.error.message);
    await vi.waitFor(() => expect(trashed).toHaveLength(1));
    expect(trashed[0]).toBe(join(root, '.postwright/trash', deleted.value.undo, 'first.md'));
    await vi.waitFor(async () =>
      expect(await readdir(join(root, '.postwright/trash'))).toEqual(['.gitignore']),
    );
    const late = await desktop.restorePost(deleted.value.undo);
    expect(late.ok ? '' : late.error.message).toBe(
      'It is too late to undo: the post is in the system trash now',
    );
    await desktop.close();
  });

  test('closing the desktop app sends pending deletions on; the next start adopts leftovers', async () => {
    const trashed: string[] = [];
    const desktop = serviceWith({ trash: trashTo(trashed) }, 60_000);
    expect((await desktop.deletePost('first.md')).ok).toBe(true);
    expect(trashed).toEqual([]);
    await desktop.close();
    expect(trashed).toHaveLength(1);

    // A run that was killed leaves its deletion in the folder's trash; the next one finishes it.
    await writeFile(join(root, 'second.md'), '---\ntitle: Second\n---\n');
    const browser = serviceWith({}, 60_000);
    expect((await browser.deletePost('second.md')).ok).toBe(true);
    await browser.close();
    const next = serviceWith({ trash: trashTo(trashed) }, 0);
    await vi.waitFor(() => expect(trashed).toHaveLength(2));
    await next.close();
  });

  test('browser mode keeps the post in the folder’s trash and can always undo', async () => {
    const browser = serviceWith(
      { showInFolder: () => Promise.resolve(fail('unsupported', 'No file manager')) },
      10,
    );
    const deleted = await browser.deletePost('first.md');
    if (!deleted.ok) throw new Error(deleted.error.message);
    expect(deleted.value.message).toBe('Moved to .postwright/trash in the posts folder');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await browser.restorePost(deleted.value.undo)).toEqual(ok({ path: 'first.md' }));
    expect(kindOf(await browser.revealPost('first.md'))).toBe('unsupported');
    await browser.close();
  });

  test('revealPost refuses paths outside the folder and posts that are gone', async () => {
    expect(kindOf(await service.revealPost('../other blog/elsewhere.md'))).toBe('outsideFolder');
    expect(kindOf(await service.revealPost('gone.md'))).toBe('notFound');
    expect(kindOf(await dispatch(service, 'restorePost', [1]))).toBe('invalidArgument');
    expect(shown).toEqual([]);
  });
});

describe('importImage', () => {
  /** A 1x1 PNG. */
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );

  test('copies the image beside a post and gives the path for the field', async () => {
    const result = await dispatch(service, 'importImage', [
      'first.md',
      'Cover.png',
      png.toString('base64'),
    ]);
    expect(result).toEqual({ ok: true, value: { path: 'images/cover.png', reused: false } });
    expect(await readFile(join(root, 'images', 'cover.png'))).toEqual(png);
  });

  test('uses the folder config’s publicFolder and imageFolder', async () => {
    await writeFile(
      join(other, 'postwright.config.yml'),
      'publicFolder: ../site/public\nimageFolder: /images/blog\n',
    );
    await mkdir(join(base, 'site', 'public'), { recursive: true });
    expect(kindOf(await service.openFolder(other))).toBe('ok');
    const result = await service.importImage('elsewhere.md', 'a.png', png.toString('base64'));
    expect(result).toEqual({ ok: true, value: { path: '/images/blog/a.png', reused: false } });
    expect(await readFile(join(base, 'site', 'public', 'images', 'blog', 'a.png'))).toEqual(png);
  });

  test('refuses arguments of the wrong kind or count, and data that is not base64', async () => {
    for (const args of [
      [1, 'a.png', 'AAAA'],
      ['first.md', 'a.png'],
      ['first.md', 'a.png', null],
      ['first.md', { name: 'a.png' }, 'AAAA'],
      ['first.md', 'a.png', 'not base64!'],
    ]) {
      expect(kindOf(await dispatch(service, 'importImage', args)), JSON.stringify(args)).toBe(
        'invalidArgument',
      );
    }
    expect(
      kindOf(
        await service.importImage('../other blog/elsewhere.md', 'a.png', png.toString('base64')),
      ),
    ).toBe('outsideFolder');
    await expect(readFile(join(root, 'images', 'a.png'))).rejects.toThrow();
  });
});

describe('preferences', () => {
  test('each preference has its default until changed, and is remembered', async () => {
    expect(await service.getPreferences()).toEqual({ ok: true, value: defaultPreferences });
    expect(await dispatch(service, 'setPreferences', [{ autosave: false }])).toEqual({
      ok: true,
      value: { ...defaultPreferences, autosave: false },
    });
    await service.setPreferences({ layout: 'preview', splitRatio: 0.99 });
    expect(await service.getPreferences()).toEqual({
      ok: true,
      value: { ...defaultPreferences, autosave: false, layout: 'preview', splitRatio: 0.85 },
    });
    expect(await settingsStore(configDir).load()).toEqual({
      autosave: false,
      layout: 'preview',
      splitRatio: 0.85,
    });
  });

  test('saved views are remembered per folder; a bad one is refused and nothing changes', async () => {
    const view = { name: 'Drafts to finish', view: { ...defaultSidebarView, status: 'drafts' } };
    const saved = await dispatch(service, 'setPreferences', [{ savedViews: { [root]: [view] } }]);
    expect(saved.ok && (saved.value as Preferences).savedViews).toEqual({ [root]: [view] });
    const bad = { savedViews: { [root]: [view, { ...view, name: 'DRAFTS to finish' }] } };
    expect(kindOf(await dispatch(service, 'setPreferences', [bad]))).toBe('invalidArgument');
    // Read back from the settings file, as the next start reads it.
    expect(preferencesOf(await settingsStore(configDir).load()).savedViews).toEqual({
      [root]: [view],
    });
  });

  test('a hand-edited settings file with wrong values falls back to the defaults', async () => {
    await mkdir(configDir, { recursive: true });
    await writeFile(
      join(configDir, 'settings.json'),
      JSON.stringify({ layout: 'sideways', lineNumbers: 'yes', spellcheck: false }),
    );
    expect(await service.getPreferences()).toEqual({
      ok: true,
      value: { ...defaultPreferences, spellcheck: false },
    });
  });
});

describe('searchPosts', () => {
  test('finds posts whose title, tags or description hold every word, title matches first', async () => {
    await writeFile(
      join(root, 'go.md'),
      '---\ntitle: Goroutines at work\ntags: [concurrency]\n---\nBody\n',
    );
    await writeFile(
      join(root, 'notes.md'),
      '---\ntitle: Notes\ndescription: About goroutines\n---\nBody\n',
    );
    // The first search starts building the search index; hits come as it fills.
    let hits = await service.searchPosts('GOROUT');
    for (let tries = 0; tries < 100 && hits.ok && hits.value.length < 2; tries++) {
      await new Promise((done) => setTimeout(done, 50));
      hits = await service.searchPosts('GOROUT');
    }
    expect(hits.ok && hits.value.map((hit) => hit.path)).toEqual(['go.md', 'notes.md']);
    expect(hits.ok && hits.value[0]?.terms).toEqual(['goroutines']);
    const both = await service.searchPosts('goroutines concurrency');
    expect(both.ok && both.value.map((hit) => hit.path)).toEqual(['go.md']);
    expect(await service.searchPosts('   ')).toEqual(ok([]));
  });
});
