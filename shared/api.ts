import { assertNever } from './result';
import { isRequestId, requestIdRule } from './export';
import type {
  ExportPlan,
  ExportProgressEvent,
  ExportRequest,
  ExportRun,
  ExportSummary,
  ExportTarget,
  ExportTargets,
} from './export';
import type { Result } from './result';
import type { Schema } from './schema';
import type { Problem } from './validate';

export type { Problem } from './validate';

/** The posts folder the app is working on. */
export interface Workspace {
  /** Absolute path of the posts folder. */
  readonly root: string;
  /** The folder's name, for titles. */
  readonly name: string;
}

/** Draft or published, from the front matter's `published` field. */
export type PostStatus = 'draft' | 'published';

/** One row of the posts index. */
export interface PostSummary {
  /** Path relative to the posts folder, with `/` separators. */
  readonly path: string;
  readonly title: string;
  /** The date exactly as written in the front matter, or '' when there is none. */
  readonly date: string;
  readonly status: PostStatus;
  readonly tags: readonly string[];
  readonly category: string;
  /** What the checks found (front matter, fields, body), errors and warnings, in file order. */
  readonly problems: readonly Problem[];
  /** The front matter says `featured: true`. */
  readonly featured: boolean;
  /** The file's mtime in ms since the epoch; 0 when not known yet (a row of the early list). */
  readonly modified: number;
  /** The front matter's `description`, else its `excerpt`, else '' (for search and row tooltips). */
  readonly description: string;
}

/** One post that a search found. */
export interface SearchHit {
  readonly path: string;
  /** Relevance: higher is better. Only comparable within one search. */
  readonly score: number;
  /** The words of the post that matched (for highlighting), lowercase. */
  readonly terms: readonly string[];
}

/** Front matter block formats a post can have. */
export type FrontMatterFormat = 'yaml' | 'toml' | 'none';

/** Where a post file's parts are, as offsets into its text. Everything outside the body is kept byte for byte. */
export interface PostSplit {
  readonly format: FrontMatterFormat;
  /** Offsets of the raw front matter text (between the delimiter lines) in the file text; equal when there is none. */
  readonly frontMatterStart: number;
  readonly frontMatterEnd: number;
  /** Offset where the Markdown body starts. */
  readonly bodyStart: number;
  /** The line ending the file uses most. */
  readonly eol: '\n' | '\r\n';
  /** Why the block could not be split, when it could not (for example a `---js` block); the whole file is then the body. */
  readonly error: string | null;
}

/** A post file as read from disk. */
export interface PostFile {
  readonly path: string;
  /** The exact text of the file (without decoding surprises: UTF-8, BOM kept). */
  readonly text: string;
  /** Opaque version of what was read; a save must present it to prove it edited this version. */
  readonly version: string;
  readonly split: PostSplit;
}

/** What a save returns. */
export interface SaveOutcome {
  /** The version now on disk. */
  readonly version: string;
  /** False when the text was identical to the file and nothing was written. */
  readonly written: boolean;
}

/** The schema a posts folder uses. */
export interface FolderSchema {
  readonly schema: Schema;
  /** Problems of the config file (it is then ignored where broken, never fatal). */
  readonly problems: readonly Problem[];
  /** The config file, relative to the folder; null when there is none. */
  readonly configFile: string | null;
}

/** Where a post is after it was created, renamed or copied: its path relative to the posts folder. */
export interface PostLocation {
  readonly path: string;
}

/** An image copied into the site by `importImage`. */
export interface ImportedImage {
  /** What to write in the front matter field: a site path (`/images/blog/x.png`) or one relative to the post. */
  readonly path: string;
  /** True when a file with the same bytes was already there under that name and was used as it is. */
  readonly reused: boolean;
}

/** Which posts the sidebar shows, and in what order: remembered per folder. */
export interface SidebarView {
  readonly status: 'all' | 'drafts' | 'published' | 'scheduled' | 'featured' | 'problems';
  readonly tags: readonly string[];
  /** A post must have every selected tag, or any of them. */
  readonly tagMode: 'all' | 'any';
  readonly category: string | null;
  readonly year: number | null;
  /** 1 to 12; only with a year. */
  readonly month: number | null;
  readonly search: string;
  readonly sort: 'date' | 'title' | 'modified';
}

/** A sidebar view the user named ("Drafts to finish"), to apply again with one click. */
export interface SavedView {
  /** 1 to 60 characters, unique in its folder ignoring case. */
  readonly name: string;
  readonly view: SidebarView;
}

/** What the user chose that outlives the window. */
export interface Preferences {
  /** Save the open post after a pause in typing, when the window loses focus, and on quit. */
  readonly autosave: boolean;
  /** Line numbers beside the body editor. */
  readonly lineNumbers: boolean;
  /** The spellchecker underlines misspelled words in the body editor. */
  readonly spellcheck: boolean;
  /** Editor and preview side by side, or one alone. */
  readonly layout: 'split' | 'editor' | 'preview';
  /** The editor's share of the width in the split layout (0.15 to 0.85). */
  readonly splitRatio: number;
  /** The sidebar's filters and sort, by posts folder root. */
  readonly sidebar: Readonly<Record<string, SidebarView>>;
  /** The sidebar's saved views, by posts folder root, in the order the user made them. */
  readonly savedViews: Readonly<Record<string, readonly SavedView[]>>;
}

/** Commands the renderer can run on the Node side. Every value is plain and structured-clonable. */
export interface Commands {
  /** The folder currently open, or why it cannot be read. */
  getWorkspace(): Promise<Result<Workspace>>;
  /** Opens another posts folder; `null` asks the user with the system dialog (desktop only). */
  openFolder(path: string | null): Promise<Result<Workspace>>;
  /** Every post in the folder, newest first. */
  listPosts(): Promise<Result<readonly PostSummary[]>>;
  /** Reads one post; `path` is relative to the posts folder. */
  readPost(path: string): Promise<Result<PostFile>>;
  /** Saves a post if it still is the version the caller edited; otherwise a `conflict` error and nothing written. */
  savePost(path: string, text: string, baseVersion: string): Promise<Result<SaveOutcome>>;
  /** Opens an http(s) or mailto link in the user's browser (desktop only). */
  openExternal(url: string): Promise<Result<null>>;
  /** The folder's schema (its config plus the keys its posts use) and the config's own problems. */
  getSchema(): Promise<Result<FolderSchema>>;
  /** Checks a post's text as it is being edited (fields, body, images on disk); `path` is relative to the folder. */
  checkPost(path: string, text: string): Promise<Result<readonly Problem[]>>;
  /** Tells the shell whether the open post has unsaved changes, so closing the window asks first. */
  setUnsavedChanges(unsaved: boolean): Promise<Result<null>>;
  /** Creates a draft post from the folder's schema, named after the title's slug (never overwriting). */
  createPost(title: string): Promise<Result<PostLocation>>;
  /** Renames a post (a page bundle: its folder); `newName` is a file name or a path inside the folder. */
  renamePost(path: string, newName: string): Promise<Result<PostLocation>>;
  /** Copies a post beside it as `name-copy.md`, titled "… (copy)", as a draft. */
  duplicatePost(path: string): Promise<Result<PostLocation>>;
  /**
   * Moves a post to the trash; `message` says where it went. `undo` names the deletion for
   * `restorePost`, which can put it back for a while (30 s; on the desktop the post then goes on to
   * the system trash, in browser mode it stays in the folder's `.postwright/trash`).
   */
  deletePost(path: string): Promise<Result<{ readonly message: string; readonly undo: string }>>;
  /**
   * Undoes a `deletePost`: the post (a page bundle with its folder) goes back to the same path with
   * the same bytes. Refused, with the post kept in the trash, when another file has taken its name.
   */
  restorePost(undo: string): Promise<Result<PostLocation>>;
  /** Shows a post's file selected in the system file manager (desktop; browser mode: `unsupported`). */
  revealPost(path: string): Promise<Result<null>>;
  /** The user's preferences. */
  getPreferences(): Promise<Result<Preferences>>;
  /** Changes some preferences (unknown keys or wrong types are refused); resolves to those now in force. */
  setPreferences(change: Partial<Preferences>): Promise<Result<Preferences>>;
  /**
   * Copies an image (`data` is its bytes in base64) into the site for a post, under a safe name
   * made from `fileName`, never overwriting: into the config's publicFolder + imageFolder, else
   * beside the post. Resolves to the path to write in the post's image field.
   */
  importImage(postPath: string, fileName: string, data: string): Promise<Result<ImportedImage>>;
  /**
   * Full-text search over titles (boost 3), descriptions (2), tags (2) and bodies (1), every word
   * required, each matching as a prefix or with a typo (one edit per five letters). Ranked best
   * first, at most 500 hits; '' gives none. Right after a folder opens the search index is still
   * being built in the background: hits then come from the posts indexed so far, and
   * `searchIndexed` says when all are in (search again then).
   */
  searchPosts(query: string): Promise<Result<readonly SearchHit[]>>;
  /** The export targets in the folder's config, and what is wrong with them. */
  getExportTargets(): Promise<Result<ExportTargets>>;
  /** Replaces the config's export targets, keeping the rest of the file (comments too) as it is. */
  setExportTargets(change: {
    readonly targets: readonly ExportTarget[];
  }): Promise<Result<ExportTargets>>;
  /**
   * What an export would write, leave and hold back; writes nothing. `id` is the caller's own
   * name for this plan (a fresh random one per request, see `isRequestId`; one already under way is
   * refused): `exportProgress` events with that id (phase `planning`) report how far it is, and
   * `cancelExport(id)` stops it (the plan says `cancelled`).
   */
  planExport(id: string, request: ExportRequest): Promise<Result<ExportPlan>>;
  /**
   * Carries an export out (plans again first), one at a time; `exportProgress` events with its `id`
   * report the plan, then each file, and `cancelExport(id)` stops it.
   */
  runExport(id: string, run: ExportRun): Promise<Result<ExportSummary>>;
  /**
   * Stops the plan or export the caller started with this id, before its next post or file (nothing
   * it prepared is written); every other plan and export goes on. An id with nothing under way is
   * not an error (it may have just finished); a plan or export that arrives later with it is
   * stopped at once, as the cancel may overtake its request on the way.
   */
  cancelExport(id: string): Promise<Result<null>>;
}

/** Commands from the application menu. */
export type MenuCommand = 'save' | 'openFolder' | 'export';

/** Events the Node side sends to the renderer. */
export interface Events {
  /** Another folder was opened (from the menu, or from another window). */
  workspaceChanged: Workspace;
  /** The user chose a menu item that the renderer carries out. */
  menuCommand: MenuCommand;
  /** A post appeared in the folder (another program, a `git pull`, a copy). */
  postAddedOnDisk: PostSummary;
  /** A post's file changed on disk (another program, or our own save). */
  postChangedOnDisk: PostSummary;
  /** A post's file is gone (deleted, or renamed: the new name arrives as an addition). */
  postRemovedOnDisk: { readonly path: string };
  /** The config file changed, or a first index finished its checks: reload the list. */
  postsReindexed: { readonly count: number };
  /** A first index of a large folder is under way: posts read and checked so far. */
  indexProgress: { readonly done: number; readonly total: number };
  /** The search index of the open folder has every post in it (it is built after the first index). */
  searchIndexed: { readonly count: number };
  /** A plan or a running export got further (a plan now and then, an export per file); `id` says which. */
  exportProgress: ExportProgressEvent;
}

/** The runtime list of command names, checked against `Commands` so the two cannot drift. */
export const commandNames = {
  getWorkspace: true,
  openFolder: true,
  listPosts: true,
  readPost: true,
  savePost: true,
  openExternal: true,
  getSchema: true,
  checkPost: true,
  setUnsavedChanges: true,
  createPost: true,
  renamePost: true,
  duplicatePost: true,
  deletePost: true,
  restorePost: true,
  revealPost: true,
  getPreferences: true,
  setPreferences: true,
  importImage: true,
  searchPosts: true,
  getExportTargets: true,
  setExportTargets: true,
  planExport: true,
  runExport: true,
  cancelExport: true,
} as const satisfies Record<keyof Commands, true>;

/** The runtime list of event names, checked against `Events`. */
export const eventNames = {
  workspaceChanged: true,
  menuCommand: true,
  postAddedOnDisk: true,
  postChangedOnDisk: true,
  postRemovedOnDisk: true,
  postsReindexed: true,
  indexProgress: true,
  searchIndexed: true,
  exportProgress: true,
} as const satisfies Record<keyof Events, true>;

/** The shape of each command's arguments, for checking what arrives over IPC or HTTP. */
export type ArgKind = 'string' | 'string|null' | 'boolean' | 'object' | 'requestId';

/** Argument kinds per command, checked against `Commands` by arity. */
export const commandArgs = {
  getWorkspace: [],
  openFolder: ['string|null'],
  listPosts: [],
  readPost: ['string'],
  savePost: ['string', 'string', 'string'],
  openExternal: ['string'],
  getSchema: [],
  checkPost: ['string', 'string'],
  setUnsavedChanges: ['boolean'],
  createPost: ['string'],
  renamePost: ['string', 'string'],
  duplicatePost: ['string'],
  deletePost: ['string'],
  restorePost: ['string'],
  revealPost: ['string'],
  getPreferences: [],
  setPreferences: ['object'],
  importImage: ['string', 'string', 'string'],
  searchPosts: ['string'],
  getExportTargets: [],
  setExportTargets: ['object'],
  planExport: ['requestId', 'object'],
  runExport: ['requestId', 'object'],
  cancelExport: ['requestId'],
} as const satisfies {
  [K in keyof Commands]: { length: Parameters<Commands[K]>['length'] } & readonly ArgKind[];
};

/** A command's name. */
export type CommandName = keyof Commands;

/** Everything the renderer gets: the commands, event subscription, and which shell it runs in. */
export interface Api extends Commands {
  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): () => void;
  readonly platform: 'desktop' | 'browser';
  /**
   * The URL the preview loads a post's local image from (`/images/x.png`, `cover.png`), through
   * the transport's image route; null for references that load as written (`https:`, `data:`).
   * The same arguments always give the same URL. `postPath` is relative to the posts folder.
   */
  imageUrl(postPath: string, src: string): string | null;
}

/** Builds a `Commands` object from one function per name; used by both transports so none is forgotten. */
export function mapCommands(make: <K extends CommandName>(name: K) => Commands[K]): Commands {
  const entries = (Object.keys(commandNames) as CommandName[]).map((name) => [name, make(name)]);
  return Object.fromEntries(entries) as Commands;
}

/** Whether one argument is of its kind. */
function isOfKind(kind: ArgKind, arg: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof arg === 'string';
    case 'string|null':
      return typeof arg === 'string' || arg === null;
    case 'boolean':
      return typeof arg === 'boolean';
    case 'object':
      // A plain record: the command checks its keys itself.
      return typeof arg === 'object' && arg !== null && !Array.isArray(arg);
    case 'requestId':
      return isRequestId(arg);
    default:
      return assertNever(kind);
  }
}

/** What an argument of a kind should be, for messages. */
function kindText(kind: ArgKind): string {
  switch (kind) {
    case 'string':
      return 'a string';
    case 'string|null':
      return 'a string or null';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'an object';
    case 'requestId':
      return `a request id (${requestIdRule})`;
    default:
      return assertNever(kind);
  }
}

/**
 * What is wrong with arguments that arrived from outside the process, checked against
 * `commandArgs`: a message naming the command and the argument, or null when they are fine.
 */
export function argsProblem(name: string, args: unknown): string | null {
  if (!Object.hasOwn(commandArgs, name)) return `Unknown command: ${name}`;
  if (!Array.isArray(args)) return `Bad arguments for ${name}: they should be a list`;
  const kinds: readonly ArgKind[] = commandArgs[name as CommandName];
  if (args.length !== kinds.length)
    return `Bad arguments for ${name}: it takes ${kinds.length} ${kinds.length === 1 ? 'argument' : 'arguments'}, not ${args.length}`;
  const wrong = kinds.findIndex((kind, i) => !isOfKind(kind, args[i]));
  if (wrong === -1) return null;
  return `Bad arguments for ${name}: argument ${wrong + 1} should be ${kindText(kinds[wrong] as ArgKind)}`;
}

/** Checks arguments that arrived from outside the process against `commandArgs`. */
export function checkArgs(name: string, args: unknown): args is unknown[] {
  return argsProblem(name, args) === null;
}

/** The IPC channel of a command. */
export function commandChannel(name: CommandName): string {
  return `postwright:${name}`;
}

/** The IPC channel of an event. */
export function eventChannel(name: keyof Events): string {
  return `postwright-event:${name}`;
}
