import { homedir } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { checkArgs } from '../shared/api';
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
import { createPostInFolder, deletePost, duplicatePost, renamePost } from './library/writes';
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
   * Moves a file or folder inside `root` to the trash (the OS trash on the desktop; browser mode
   * uses `<root>/.postwright/trash`); resolves to the message saying where it went.
   */
  trash(absolutePath: string, root: string): Promise<Result<string>>;
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
  const open = async (folder: string): Promise<Result<Workspace>> => {
    const expanded = expandHome(folder.trim());
    if (!isAbsolute(expanded))
      return fail('invalidArgument', `Give the folder's full path (got "${folder}")`);
    const target = resolve(expanded);
    const check = await checkFolder(target);
    if (!check.ok) return check;
    root = target;
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
    close: () => live.close(),
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
      const deleted = await deletePost(root, path, (target, folder) =>
        options.host.trash(target, folder),
      );
      if (deleted.ok) await live.touch([path]);
      return deleted.ok ? ok({ message: deleted.value }) : deleted;
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
    planExport: (request) => exporter.planExport(request),
    runExport: (run) =>
      exporter.runExport(run, (progress) => options.emit('exportProgress', progress)),
    cancelExport: () => Promise.resolve(exporter.cancelExport()),
  };
}

/** Runs a command whose name and arguments came from outside the process (IPC or HTTP), after checking them. */
export async function dispatch(
  service: Commands,
  name: string,
  args: unknown,
): Promise<Result<unknown>> {
  if (!checkArgs(name, args))
    return fail('invalidArgument', `Unknown command or bad arguments: ${name}`);
  const command = service[name as keyof Commands] as (
    ...values: unknown[]
  ) => Promise<Result<unknown>>;
  return command(...args);
}
