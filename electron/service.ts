import { lstat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { argsProblem, checkArgs } from '../shared/api';
import type { Commands, PostLocation, Preferences, Workspace } from '../shared/api';
import { isExternalUrl } from '../shared/links';
import { defaultPreferences, isPreferenceChange, readPreferences } from '../shared/preferences';
import { fail, ok } from '../shared/result';
import type { Result } from '../shared/result';
import type { Emit } from './events';
import { createExporter, loadExportTargets, saveExportTargets } from './export/export';
import { decodeBase64, importImage } from './library/import-image';
import { checkFolder, checkPostText, readPost, savePost } from './library/library';
import { createLiveIndex } from './library/live-index';
import type { LiveIndex } from './library/live-index';
import { resolveInside } from './library/paths';
import {
  createPostInFolder,
  deletePost,
  duplicatePost,
  finishDelete,
  folderTrashMessage,
  pendingDeletions,
  renamePost,
  restorePost,
} from './library/writes';
import type { Trash } from './library/writes';
import type { Settings, SettingsStore } from './settings';

/** What differs between the desktop shell and browser mode. */
export interface Host {
  /** Asks the user for a folder with the system dialog; `null` when there is no dialog or it was cancelled. */
  chooseFolder(): Promise<string | null>;
  /** Opens a checked http(s)/mailto link in the user's browser. */
  openExternal(url: string): Promise<Result<null>>;
  /** Remembers whether the open post has unsaved changes (the desktop window asks before closing). */
  setUnsavedChanges(unsaved: boolean): void;
  /**
   * Moves a file or folder inside `root` to the system trash (the desktop), where a deleted post
   * goes once its undo has expired. Null where there is none of the user's (browser mode: a web
   * page cannot reach the server's), and deleted posts stay in `<root>/.postwright/trash`.
   */
  readonly trash: Trash | null;
  /** Shows a file selected in the system file manager; `unsupported` where there is none (browser mode). */
  showInFolder(absolutePath: string): Promise<Result<null>>;
}

/** The service behind both transports, and the folder it is on. */
export interface Service extends Commands {
  /** The posts folder now open. */
  root(): string;
  /** Stops watching the folder. */
  close(): Promise<void>;
}

/** Options for `createService`. */
export interface ServiceOptions {
  readonly root: string;
  readonly host: Host;
  readonly settings: SettingsStore;
  readonly emit: Emit;
  /** Watch the open folder for changes by other programs (default true). */
  readonly watch?: boolean;
  /** Where index caches are kept (the app's data folder); none means every open reads every file. */
  readonly cacheDir?: string;
  /** How long a deleted post can be restored before it goes on to the system trash (default 30 s). */
  readonly undoMs?: number;
}

/** How long a deletion can be undone by default: the toast shows 10 s, and slow clicks still count. */
export const defaultUndoMs = 30_000;

/** When a deletion id (`2024-05-03T10-20-30-123Z-1a2b3c4d`) was made, in ms; NaN when it is not one. */
function deletedAt(id: string): number {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-/.exec(id);
  if (match === null) return Number.NaN;
  const [, day, h, m, s, ms] = match;
  return Date.parse(`${day}T${h}:${m}:${s}.${ms}Z`);
}

function workspaceOf(root: string): Workspace {
  return { root, name: basename(root) || root };
}

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

function located(result: Result<string>): Result<PostLocation> {
  return result.ok ? ok({ path: result.value }) : result;
}

/** The preferences in the settings, each at its default until the user chose. */
export function preferencesOf(settings: Settings): Preferences {
  return { ...defaultPreferences, ...readPreferences(settings) };
}

/** Creates the Node-side service: one object, used by IPC in the desktop app and by the HTTP server. */
export function createService(options: ServiceOptions): Service {
  let root = resolve(options.root);
  const liveOptions = {
    emit: options.emit,
    ...(options.watch === undefined ? {} : { watch: options.watch }),
    ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
  };
  // The open folder's index lives here, kept current by its watcher; a new folder gets a new one.
  let live: LiveIndex = createLiveIndex(root, liveOptions);

  // Deletions that can still be undone, by id, with the folder they are in and their timer. With
  // a system trash, each goes on to it when its time is up, when another folder opens, and when
  // the app closes; without one (browser mode), the folder's trash is where they stay.
  const undoMs = options.undoMs ?? defaultUndoMs;
  const systemTrash = options.host.trash;
  const pending = new Map<string, { readonly folder: string; readonly timer: NodeJS.Timeout }>();
  const finish = async (id: string): Promise<void> => {
    const deletion = pending.get(id);
    if (deletion === undefined || systemTrash === null) return;
    pending.delete(id);
    clearTimeout(deletion.timer);
    // A refusal leaves the post in the folder's trash: nothing is lost, and the next start tries again.
    await finishDelete(deletion.folder, id, systemTrash);
  };
  const finishAll = async (): Promise<void> => {
    await Promise.all([...pending.keys()].map(finish));
  };
  const remember = (id: string, folder: string, after: number): void => {
    if (systemTrash === null) return;
    const timer = setTimeout(() => void finish(id), Math.max(0, after));
    // A pending deletion never keeps the process alive; close() finishes them.
    timer.unref();
    pending.set(id, { folder, timer });
  };
  // Deletions a previous run left behind (it was killed before their time was up): each gets
  // what was left of its time.
  const adopt = async (folder: string): Promise<void> => {
    if (systemTrash === null) return;
    for (const id of await pendingDeletions(folder)) {
      if (!pending.has(id)) remember(id, folder, deletedAt(id) + undoMs - Date.now() || 0);
    }
  };
  void adopt(root);
  const open = async (folder: string): Promise<Result<Workspace>> => {
    const expanded = expandHome(folder.trim());
    if (!isAbsolute(expanded))
      return fail('invalidArgument', `Give the folder's full path (got "${folder}")`);
    const target = resolve(expanded);
    const check = await checkFolder(target);
    if (!check.ok) return check;
    root = target;
    await finishAll();
    void adopt(root);
    await live.close();
    live = createLiveIndex(root, liveOptions);
    await options.settings.update({ lastFolder: root });
    const workspace = workspaceOf(root);
    options.emit('workspaceChanged', workspace);
    return ok(workspace);
  };
  const exporter = createExporter({
    root: () => root,
    async schema() {
      const index = await live.schema();
      return index.ok ? ok(index.value.schema) : index;
    },
    async postPaths() {
      const posts = await live.posts();
      return posts.ok ? ok(posts.value.map((post) => post.path)) : posts;
    },
  });
  return {
    root: () => root,
    async close() {
      await finishAll();
      await live.close();
    },
    async getWorkspace() {
      const check = await checkFolder(root);
      return check.ok ? ok(workspaceOf(root)) : check;
    },
    async openFolder(path) {
      const folder = path ?? (await options.host.chooseFolder());
      if (folder === null) return fail('unsupported', 'No folder was chosen');
      return open(folder);
    },
    listPosts: () => live.posts(),
    readPost: (path) => readPost(root, path),
    async savePost(path, text, baseVersion) {
      const saved = await savePost(root, path, text, baseVersion);
      if (saved.ok) await live.touch([path]);
      return saved;
    },
    async openExternal(url) {
      if (!isExternalUrl(url))
        return fail('invalidArgument', `Only http, https and mailto links open outside: ${url}`);
      return options.host.openExternal(url);
    },
    async getSchema() {
      const index = await live.schema();
      if (!index.ok) return index;
      const { schema, config } = index.value;
      return ok({ schema, problems: config.problems, configFile: config.file });
    },
    async checkPost(path, text) {
      const inside = await resolveInside(root, path);
      if (!inside.ok) return inside;
      const index = await live.schema();
      if (!index.ok) return index;
      return ok(await checkPostText(root, index.value.schema, path, text));
    },
    setUnsavedChanges(unsaved) {
      options.host.setUnsavedChanges(unsaved);
      return Promise.resolve(ok(null));
    },
    // Each write brings the live index up to date before it answers, so a list fetched right
    // after it already shows the change.
    async createPost(title) {
      const created = await createPostInFolder(root, title);
      if (created.ok) await live.touch([created.value]);
      return located(created);
    },
    async renamePost(path, newName) {
      const renamed = await renamePost(root, path, newName);
      if (renamed.ok) await live.touch([path, renamed.value]);
      return located(renamed);
    },
    async duplicatePost(path) {
      const copy = await duplicatePost(root, path);
      if (copy.ok) await live.touch([copy.value]);
      return located(copy);
    },
    async deletePost(path) {
      const deleted = await deletePost(root, path);
      if (!deleted.ok) return deleted;
      await live.touch([deleted.value.path]);
      remember(deleted.value.id, root, undoMs);
      const message = systemTrash === null ? folderTrashMessage : 'Moved to the trash';
      return ok({ message, undo: deleted.value.id });
    },
    async restorePost(undo) {
      // Handed on to the system trash already: from there it is the system's to restore.
      if (systemTrash !== null && !pending.has(undo))
        return fail('notFound', 'It is too late to undo: the post is in the system trash now');
      const deletion = pending.get(undo);
      if (deletion !== undefined) {
        clearTimeout(deletion.timer);
        pending.delete(undo);
      }
      const restored = await restorePost(deletion?.folder ?? root, undo);
      // Not put back (its name is taken): it stays where the message says until the next start.
      if (restored.ok) await live.touch([restored.value]);
      return located(restored);
    },
    async revealPost(path) {
      const file = await resolveInside(root, path);
      if (!file.ok) return file;
      // The file manager says nothing about a missing file: we do.
      const there = await lstat(file.value).then(
        () => true,
        () => false,
      );
      if (!there) return fail('notFound', `${path} is not in the posts folder any more`, path);
      return options.host.showInFolder(file.value);
    },
    getPreferences: async () => ok(preferencesOf(await options.settings.load())),
    async setPreferences(change) {
      if (!isPreferenceChange(change))
        return fail('invalidArgument', 'Unknown preference or a value of the wrong kind');
      await options.settings.update(change);
      return ok(preferencesOf(await options.settings.load()));
    },
    async importImage(postPath, fileName, data) {
      const bytes = decodeBase64(data);
      if (!bytes.ok) return bytes;
      const index = await live.schema();
      if (!index.ok) return index;
      const { publicFolder, imageFolder } = index.value.schema;
      return importImage({ root, publicFolder, imageFolder }, postPath, fileName, bytes.value);
    },
    searchPosts: (query) => live.search(query),
    getExportTargets: () => loadExportTargets(root),
    async setExportTargets(change) {
      if (change === null || typeof change !== 'object' || !('targets' in change)) {
        return fail('invalidArgument', 'setExportTargets takes { targets: [...] }');
      }
      return saveExportTargets(root, change.targets);
    },
    // Progress goes to every window (browser-mode tabs share one event stream): the id says whose.
    planExport: (id, request) =>
      exporter.planExport(id, request, (progress) =>
        options.emit('exportProgress', { ...progress, id }),
      ),
    runExport: (id, run) =>
      exporter.runExport(id, run, (progress) =>
        options.emit('exportProgress', { ...progress, id }),
      ),
    cancelExport: (id) => Promise.resolve(exporter.cancelExport(id)),
  };
}

/** Runs a command whose name and arguments came from outside the process (IPC or HTTP), after checking them. */
export async function dispatch(
  service: Commands,
  name: string,
  args: unknown,
): Promise<Result<unknown>> {
  // The message says which argument is wrong, so a caller's mistake is found from it alone.
  if (!checkArgs(name, args))
    return fail('invalidArgument', argsProblem(name, args) ?? `Bad arguments for ${name}`);
  const command = service[name as keyof Commands] as (
    ...values: unknown[]
  ) => Promise<Result<unknown>>;
  return command(...args);
}

/**
 * What stops a command's work once its caller is gone before the answer (a browser tab closed or
 * reloaded, a window closed), for the transports to call: a plan, whose answer nobody would read
 * any more (the dialog's own clean-up does not run when its page goes). Null for every other
 * command, an export included: that was asked for, and only the user's Cancel stops it.
 */
export function cancelIfCallerGone(
  service: Commands,
  name: string,
  args: unknown,
): (() => void) | null {
  if (name !== 'planExport' || !checkArgs(name, args)) return null;
  const id = args[0];
  if (typeof id !== 'string') return null;
  return () => void service.cancelExport(id);
}
