import type { Problem } from './validate';

/**
 * Export: finished posts copied into a site's git repository. These types are the contract
 * between the export engine (electron/export/), the CLI (`postwright export`) and the UI.
 */

/** One place posts are exported to, as written under `export.targets` in the folder's config. */
export interface ExportTarget {
  /** How the author names it (`site`, `blog`); unique within the folder. */
  readonly name: string;
  /** The site repository's folder: absolute, `~/…`, or relative to the posts folder. */
  readonly repo: string;
  /**
   * Where a post goes inside the repository, with placeholders: `{slug}`, `{date}` (YYYY-MM-DD),
   * `{year}`, `{month}`, `{day}`, `{name}` (the post's file or bundle name), `{category}`.
   * Examples: `content/blogs/{slug}.md`, `src/content/blog/{slug}/index.md`, `_posts/{date}-{slug}.md`.
   */
  readonly content: string;
  /** The repository folder local images are copied into (`public/images/blogs`); null leaves image links alone. */
  readonly images: string | null;
  /** The public URL prefix that folder is served under (`/images/blogs`); required with `images`. */
  readonly imageUrl: string | null;
  /** Which posts go: published ones only (the default), or every post. */
  readonly include: 'published' | 'all';
  /** Front matter keys left out of the exported file (editor-only notes). */
  readonly drop: readonly string[];
  /** Front matter keys renamed on the way out: `{ cover: 'image' }` writes `image:` for `cover:`. */
  readonly rename: Readonly<Record<string, string>>;
  /** The commit message: `{title}` for one post; `{count}` for several (`Publish {count} posts`). */
  readonly message: string;
}

/** The folder's export targets, with what is wrong in their config (a broken target is left out). */
export interface ExportTargets {
  readonly targets: readonly ExportTarget[];
  readonly problems: readonly Problem[];
}

/** Which posts an export takes. */
export type ExportScope =
  /** These posts, by path relative to the posts folder. */
  | { readonly kind: 'posts'; readonly paths: readonly string[] }
  /** Every post the target includes whose exported file would differ from the repository's. */
  | { readonly kind: 'changed' };

/** What the user asks to export. */
export interface ExportRequest {
  /** A target's name. */
  readonly target: string;
  readonly scope: ExportScope;
  /** Export posts whose checks found warnings (errors always hold a post back). */
  readonly acceptWarnings: boolean;
  /** Repository paths the user agreed to overwrite although they were changed by hand since the last export. */
  readonly overwrite: readonly string[];
}

/** What happens to one file of the repository. */
export type ExportAction =
  /** A new file. */
  | 'add'
  /** The file exists and will change. */
  | 'update'
  /** Already identical: not written. */
  | 'unchanged'
  /** Changed in the repository since Postwright last wrote it: written only when listed in `overwrite`. */
  | 'changedByHand';

/** One file an export writes or leaves. */
export interface ExportFile {
  /** Path inside the repository, `/`-separated. */
  readonly repoPath: string;
  readonly kind: 'post' | 'image';
  /** The post it comes from (relative to the posts folder). */
  readonly post: string;
  readonly action: ExportAction;
  /** A unified diff of the repository's file against the new one, for text files that change; else null. */
  readonly diff: string | null;
}

/** A post that is not exported, and why. */
export interface HeldPost {
  readonly post: string;
  readonly reason: string;
  /** The checks' findings behind it, if that is the reason. */
  readonly problems: readonly Problem[];
}

/** What an export would do, shown before anything is written. */
export interface ExportPlan {
  readonly target: string;
  /** The repository folder, absolute. */
  readonly repo: string;
  /** The posts that will be exported (relative to the posts folder). */
  readonly posts: readonly string[];
  readonly files: readonly ExportFile[];
  readonly held: readonly HeldPost[];
  /** Posts exported only if `acceptWarnings`: their warnings, to show. */
  readonly warnings: readonly HeldPost[];
  /** Why the export cannot run at all (not a git repository, mid-merge, git missing …); empty when it can. */
  readonly blockers: readonly string[];
  /** The commit message the export would use. */
  readonly message: string;
  /** Stopped by `cancelExport` (of its request id) while planning: the plan is empty and nothing can be exported from it. */
  readonly cancelled: boolean;
}

/** Options for carrying an export out. */
export interface ExportRun extends ExportRequest {
  /** Commit the exported files (only those) with the target's message. */
  readonly commit: boolean;
  /** Push the commit to the branch's upstream with the user's own git set-up (implies commit). */
  readonly push: boolean;
}

/** What an export did. */
export interface ExportSummary {
  readonly target: string;
  /** Repository paths written (added or updated). */
  readonly written: readonly string[];
  /** Files that were already identical. */
  readonly unchanged: number;
  readonly held: readonly HeldPost[];
  /** The new commit's id, or null when nothing was committed (no changes, or not asked). */
  readonly commit: string | null;
  readonly pushed: boolean;
  /** Why the push failed (the commit stays local); null when it did not fail. */
  readonly pushError: string | null;
  /** Stopped by `cancelExport` (of its request id) between files: nothing was written or committed. */
  readonly cancelled: boolean;
}

/** Progress of a plan or a running export, sent as the `exportProgress` event. */
export interface ExportProgress {
  /**
   * `planning`: reading and checking the posts (a plan, or the first step of an export), counted
   * in steps of two per post (read, then checked); `writing`: the files of an export, one by one.
   */
  readonly phase: 'planning' | 'writing';
  readonly done: number;
  readonly total: number;
  /** The post being planned (relative to the posts folder), or the repository path being prepared. */
  readonly current: string;
}

/** Progress of one plan or export, as the `exportProgress` event: `id` is the request id its caller gave. */
export interface ExportProgressEvent extends ExportProgress {
  readonly id: string;
}

/**
 * What a request id may be: the caller's own name for one plan or export (`planExport`,
 * `runExport`), which `cancelExport` takes to stop that one and no other. The renderer makes a
 * random one per request.
 */
export const requestIdPattern = /^[A-Za-z0-9_-]{8,64}$/;

/** Says what a good request id is, for error messages. */
export const requestIdRule = '8 to 64 letters, digits, "-" or "_"';

/** Whether a value is a well-formed request id. */
export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && requestIdPattern.test(value);
}
