import { createHash } from 'node:crypto';
import { lstat, readFile, realpath } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { parsePost } from '../../shared/document';
import type {
  ExportFile,
  ExportPlan,
  ExportProgress,
  ExportRequest,
  ExportTarget,
  HeldPost,
} from '../../shared/export';
import { isPublished } from '../../shared/schema';
import type { Schema } from '../../shared/schema';
import { validatePost } from '../../shared/validate';
import type { Problem } from '../../shared/validate';
import { foldName } from '../../shared/file-names';
import { resolveImage } from '../library/images';
import { checkPostText, readPost } from '../library/library';
import { isInside, realpathOrNull, resolveInside } from '../library/paths';
import { ignoredPaths, repoState } from './git';
import { mapLimit } from './limit';
import { loadRecord } from './record';
import type { ExportRecord } from './record';
import { bodyImages, contentPath, exportedText, fieldImages, postFacts } from './post-text';
import type { BodyImage } from './post-text';
import { repoFolder } from './targets';
import { laps, timed, timedSync } from './timing';
import type { PhaseTimer } from './timing';

/** What an export works on: the posts folder, its schema and posts, and the target. */
export interface ExportContext {
  /** The posts folder, absolute. */
  readonly root: string;
  /** The folder's schema (config plus the keys its posts use). */
  readonly schema: Schema;
  /** Every post of the folder (relative paths), for the `changed` scope. */
  readonly posts: readonly string[];
  readonly target: ExportTarget;
}

/** One file of a plan with what it takes to write it. */
export interface PlannedFile extends ExportFile {
  readonly bytes: Buffer;
  /** SHA-256 of the repository's file when planned; null when there was none. */
  readonly currentHash: string | null;
  readonly newHash: string;
  /** Every post that needs this file (an image can serve several). */
  readonly posts: readonly string[];
  /** For images: the file copied. */
  readonly source?: string;
}

/** A plan with the bytes behind it, for `runExport`. */
export interface PreparedExport {
  readonly plan: ExportPlan;
  readonly files: readonly PlannedFile[];
  /** The repository folder (absolute) and its git folder; null git folder when blocked. */
  readonly repo: string;
  readonly gitDir: string | null;
  readonly record: ExportRecord;
  /** Each exported post's title, for the commit message. */
  readonly titles: ReadonlyMap<string, string>;
}

/** SHA-256 of bytes, hex. */
export function hashOf(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A folder's real path, or the path it would have; `exists` is false only when it is surely not there. */
interface RealFolder {
  readonly path: string;
  readonly exists: boolean;
}

interface RepoFile {
  readonly bytes: Buffer | null;
  readonly hash: string | null;
  /** Why the path cannot be written (a symlink, a folder, outside the repository). */
  readonly refused: string | null;
}

/** Reads repository files, refusing paths whose folders lead outside the repository through symlinks. */
class RepoReader {
  private readonly folders = new Map<string, Promise<RealFolder | null>>();
  constructor(
    private readonly repo: string,
    private readonly realRepo: string | null,
    private readonly realRoot: string | null,
  ) {}

  /** A folder's real path (symlinks followed), through its nearest existing parent. */
  private realFolder(folder: string): Promise<RealFolder | null> {
    let answer = this.folders.get(folder);
    if (answer === undefined) {
      answer = (async () => {
        let missing = false;
        const real = await realpath(folder).catch((error: NodeJS.ErrnoException) => {
          // ENOENT: a folder on the way is not there (a file on the way is ENOTDIR).
          missing = error.code === 'ENOENT';
          return null;
        });
        if (real !== null) return { path: real, exists: true };
        const parent = dirname(folder);
        if (parent === folder) return null;
        const realParent = await this.realFolder(parent);
        return realParent === null
          ? null
          : { path: join(realParent.path, basename(folder)), exists: !missing };
      })();
      this.folders.set(folder, answer);
    }
    return answer;
  }

  private readonly files = new Map<string, Promise<RepoFile>>();

  /** The repository's file at `repoPath` (read once per plan). */
  read(repoPath: string): Promise<RepoFile> {
    let file = this.files.get(repoPath);
    if (file === undefined) {
      file = this.readNow(repoPath);
      this.files.set(repoPath, file);
    }
    return file;
  }

  private async readNow(repoPath: string): Promise<RepoFile> {
    const full = join(this.repo, ...repoPath.split('/'));
    const real = this.realRepo === null ? null : await this.realFolder(dirname(full));
    const folder = real?.path ?? null;
    if (this.realRepo !== null && (folder === null || !isInside(this.realRepo, folder))) {
      return {
        bytes: null,
        hash: null,
        refused: `${repoPath} would be written through a link that leads outside the repository`,
      };
    }
    // A site repository that holds the posts folder: export never writes among the posts.
    if (folder !== null && this.realRoot !== null && isInside(this.realRoot, folder)) {
      return { bytes: null, hash: null, refused: `${repoPath} is inside the posts folder` };
    }
    // No folder, no file (a first export into a new folder: thousands of lookups saved). The run
    // checks again that nothing appeared before it puts a file in place.
    if (real !== null && !real.exists) return { bytes: null, hash: null, refused: null };
    try {
      const info = await lstat(full);
      if (info.isSymbolicLink())
        return {
          bytes: null,
          hash: null,
          refused: `${repoPath} is a symbolic link in the repository; it is not replaced`,
        };
      if (!info.isFile())
        return { bytes: null, hash: null, refused: `${repoPath} is a folder in the repository` };
      const bytes = await readFile(full);
      return { bytes, hash: hashOf(bytes), refused: null };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { bytes: null, hash: null, refused: null };
      if (code === 'ENOTDIR')
        return {
          bytes: null,
          hash: null,
          refused: `a file in the repository is in the way of ${repoPath}`,
        };
      return {
        bytes: null,
        hash: null,
        refused: `${repoPath} cannot be read: ${code ?? String(error)}`,
      };
    }
  }
}

/** The commit message for these post titles: `{title}` is the title (or "N posts"), `{count}` the number. */
export function commitMessage(template: string, titles: readonly string[]): string {
  const count = titles.length;
  const title = count === 1 ? (titles[0] ?? '') : `${count} posts`;
  return template.replace(/\{title\}/g, () => title).replace(/\{count\}/g, String(count));
}

interface PostImage {
  readonly src: string;
  readonly file: string;
  readonly bytes: Buffer;
  readonly hash: string;
}

interface Candidate {
  readonly post: string;
  readonly doc: ReturnType<typeof parsePost>;
  readonly title: string;
  readonly repoPath: string;
  readonly images: readonly PostImage[];
  /** The body's image references, found once for the plan and the exported text. */
  readonly bodyImages: readonly BodyImage[];
}

function stringOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function imageReason(src: string, kind: string, message: string): string {
  switch (kind) {
    case 'notFound':
      return `The image "${src}" is not on disk; add it or fix the link.`;
    case 'outsideFolder':
      return `The image "${src}" is outside the posts folder and the public folder, so it is not copied.`;
    case 'unsupported':
      return `"${src}" is not an image file export copies (${message}).`;
    default:
      return `The image "${src}" cannot be used: ${message}`;
  }
}

function encodeName(name: string): string {
  return encodeURIComponent(name).replace(
    /[()'*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** How many posts are read, and files written, at the same time. */
export const parallel = 16;

/** Options for planning. */
export interface PlanOptions {
  /** Stops the plan between posts; the plan then comes back empty, with `cancelled` set. */
  readonly signal?: AbortSignal;
  /** Told how far the plan is (phase `planning`), at most every `progressEvery` ms and at the end. */
  readonly progress?: (progress: ExportProgress) => void;
  /** Adds each phase's time (see `PhaseTimer`). */
  readonly timer?: PhaseTimer;
}

/** Milliseconds between two progress reports of a plan (a plan reads a thousand posts in a second). */
export const progressEvery = 50;

/** Counts a plan's steps (two per post: read, then checked) and reports them now and then. */
function planProgress(
  total: number,
  report: ((progress: ExportProgress) => void) | undefined,
): { step(post: string, steps?: number): void; finish(): void } {
  let done = 0;
  let last = -Infinity;
  return {
    step(post, steps = 1) {
      if (steps === 0) return;
      done += steps;
      const now = performance.now();
      if (report === undefined || now - last < progressEvery) return;
      last = now;
      report({ phase: 'planning', done: Math.min(done, total), total, current: post });
    },
    finish() {
      report?.({ phase: 'planning', done: total, total, current: '' });
    },
  };
}

/**
 * Works out an export without writing anything: each file to add, update, leave or that was changed
 * by hand, posts held back and why, warnings, blockers, and the commit message; with the bytes
 * behind each file, so a run writes exactly what was planned.
 */
export async function prepareExport(
  context: ExportContext,
  request: ExportRequest,
  options: PlanOptions = {},
): Promise<PreparedExport> {
  const { timer, signal } = options;
  // A function, not a test of the field: TypeScript would take it for false after the first test.
  const stopped = (): boolean => signal?.aborted === true;
  const { root, schema, target } = context;
  const repo = repoFolder(root, target.repo);
  const { state, record, realRepo, realRoot } = await timed(
    timer,
    'plan: repository state',
    async () => {
      const state = await repoState(repo);
      const gitDir = state.ok ? state.gitDir : null;
      return {
        state,
        record: gitDir === null ? {} : await loadRecord(gitDir),
        realRepo: await realpathOrNull(repo),
        // Looked up once for the whole plan, instead of once per post and twice per image.
        realRoot: await realpathOrNull(root),
      };
    },
  );
  const gitDir = state.ok ? state.gitDir : null;
  const blockers = state.ok ? [] : [...state.blockers];
  const cancelled = (): PreparedExport => ({
    plan: {
      target: target.name,
      repo: resolve(repo),
      posts: [],
      files: [],
      held: [],
      warnings: [],
      blockers,
      message: commitMessage(target.message, []),
      cancelled: true,
    },
    files: [],
    repo: resolve(repo),
    gitDir,
    record,
    titles: new Map(),
  });
  if (stopped()) return cancelled();
  const knownRoot = realRoot === null ? {} : { realRoot };
  // The public folder's real path, once for every image of the plan.
  const knownPublic =
    realRoot === null || schema.publicFolder === null
      ? {}
      : { realPublicFolder: await realpathOrNull(resolve(realRoot, schema.publicFolder)) };
  const reader = new RepoReader(repo, realRepo, realRoot);
  const held: HeldPost[] = [];
  const hold = (post: string, reason: string, problems: readonly Problem[] = []): void => {
    held.push({ post, reason, problems });
  };

  const scoped = request.scope.kind === 'posts';
  const paths = scoped ? [...new Set(request.scope.paths)] : [...context.posts];
  const imageCache = new Map<string, Promise<{ bytes: Buffer; hash: string } | null>>();
  const readImage = (file: string): Promise<{ bytes: Buffer; hash: string } | null> => {
    let cached = imageCache.get(file);
    if (cached === undefined) {
      cached = readFile(file).then(
        (bytes) => ({ bytes, hash: timedSync(timer, '  cpu: hash images', () => hashOf(bytes)) }),
        () => null,
      );
      imageCache.set(file, cached);
    }
    return cached;
  };
  const progress = planProgress(paths.length * 2, options.progress);
  type Read = Candidate | { readonly held: string } | null;
  const readOne = async (post: string): Promise<Read> => {
    // Cancelled: every post left is skipped at once.
    if (stopped()) return null;
    progress.step(post);
    const read = await readPost(root, post, knownRoot.realRoot);
    if (!read.ok) return { held: read.error.message };
    const doc = timedSync(timer, '  cpu: parse posts', () =>
      parsePost(read.value.text, read.value.split),
    );
    if (
      target.include === 'published' &&
      (doc.problem !== null || !isPublished(doc.values, schema))
    ) {
      return scoped
        ? { held: `It is a draft; target "${target.name}" exports published posts only.` }
        : null;
    }
    const where = contentPath(target.content, postFacts(post, doc.values));
    if (!where.ok) return { held: `It ${where.error.message}.` };
    const images: PostImage[] = [];
    const inBody = target.images === null ? [] : bodyImages(doc.body);
    if (target.images !== null) {
      const refs = [
        ...new Set([
          ...fieldImages(doc, schema).map((each) => each.src),
          ...inBody.map((each) => each.src),
        ]),
      ];
      // The post's own real path once for all its images, not once per image.
      const realPost =
        refs.length > 1 && realRoot !== null ? await resolveInside(root, post, realRoot) : null;
      const folders = {
        root,
        publicFolder: schema.publicFolder,
        ...knownRoot,
        ...knownPublic,
        ...(realPost?.ok === true ? { realPost: realPost.value } : {}),
      };
      for (const src of refs) {
        const found = await resolveImage(folders, post, src);
        if (!found.ok) {
          // Not a local reference after all (a scheme resolveImage knows): left as written.
          if (
            found.error.kind === 'invalidArgument' &&
            !/%-escape|usable/.test(found.error.message)
          ) {
            continue;
          }
          return { held: imageReason(src, found.error.kind, found.error.message) };
        }
        // eslint-disable-next-line no-control-regex -- a control character is no file name for a site
        if (/[\x00-\x1f\x7f]/.test(basename(found.value.path))) {
          return { held: `The image "${src}" has a control character in its file name.` };
        }
        const loaded = await readImage(found.value.path);
        if (loaded === null) return { held: `The image "${src}" cannot be read.` };
        images.push({ src, file: found.value.path, ...loaded });
      }
    }
    const title = stringOf(doc.values.title) || post;
    return { post, doc, title, repoPath: where.value, images, bodyImages: inBody };
  };
  const candidates: Candidate[] = [];
  const reads = await timed(timer, 'plan: read posts and images', () =>
    mapLimit(paths, parallel, readOne),
  );
  reads.forEach((read, index) => {
    if (read === null) return;
    if ('held' in read) hold(paths[index] ?? '', read.held);
    else candidates.push(read);
  });
  if (stopped()) return cancelled();

  const lap = laps(timer);
  // Two posts for one file: neither goes, and each names the other.
  const byPath = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const key = foldName(candidate.repoPath);
    byPath.set(key, [...(byPath.get(key) ?? []), candidate]);
  }
  const clashing = new Set<string>();
  for (const group of byPath.values()) {
    if (group.length < 2) continue;
    for (const candidate of group) {
      const others = group.filter((other) => other !== candidate).map((other) => other.post);
      hold(
        candidate.post,
        `It goes to ${candidate.repoPath}, as ${others.join(' and ')} does; give one of them another slug.`,
      );
      clashing.add(candidate.post);
    }
  }
  let live = candidates.filter((candidate) => !clashing.has(candidate.post));

  // Image names: `{images}/{file name}`; another file under that name (in the repository, or
  // planned) gets a short hash of its content added; the same bytes are reused.
  const imageFiles = new Map<string, PlannedFile>();
  const claimed = new Map<string, string>();
  const urlOf = new Map<string, string>();
  const pathOfSource = new Map<string, string>();
  const imagesOfPost = new Map<string, Set<string>>();
  const useImage = (post: string, repoPath: string): void => {
    const set = imagesOfPost.get(post) ?? new Set<string>();
    set.add(repoPath);
    imagesOfPost.set(post, set);
  };
  const imageRefused = new Map<string, string>();
  const imageDir = target.images;
  const urlBase = (target.imageUrl ?? '').replace(/\/+$/, '');
  if (imageDir !== null) {
    const first = new Set(
      live.flatMap((c) => c.images.map((image) => `${imageDir}/${basename(image.file)}`)),
    );
    await mapLimit([...first], parallel, (path) => reader.read(path));
  }
  for (const candidate of live) {
    for (const image of candidate.images) {
      const sourceKey = `${image.file}\0${image.hash}`;
      const known = urlOf.get(sourceKey);
      if (known !== undefined) {
        const repoPath = pathOfSource.get(sourceKey);
        if (repoPath !== undefined) useImage(candidate.post, repoPath);
        continue;
      }
      if (imageDir === null) continue;
      const name = basename(image.file);
      const ext = extname(name);
      const names = [
        name,
        `${name.slice(0, name.length - ext.length)}-${image.hash.slice(0, 8)}${ext}`,
        `${name.slice(0, name.length - ext.length)}-${image.hash.slice(0, 20)}${ext}`,
      ];
      let chosen: { repoPath: string; current: RepoFile; name: string } | null = null;
      for (const each of names) {
        const repoPath = `${imageDir}/${each}`;
        const folded = foldName(repoPath);
        const taken = claimed.get(folded);
        if (taken !== undefined) {
          if (taken === image.hash) {
            chosen = {
              repoPath,
              current: { bytes: null, hash: image.hash, refused: null },
              name: each,
            };
            break;
          }
          continue;
        }
        const current = await reader.read(repoPath);
        if (current.refused !== null) {
          imageRefused.set(candidate.post, current.refused);
          break;
        }
        const ours = record[repoPath];
        const replaceable =
          current.hash !== null &&
          ours !== undefined &&
          ours.hash === current.hash &&
          ours.source === image.file;
        if (current.hash === null || current.hash === image.hash || replaceable) {
          chosen = { repoPath, current, name: each };
          break;
        }
      }
      if (imageRefused.has(candidate.post)) break;
      if (chosen === null) {
        imageRefused.set(candidate.post, `No free name for the image ${name} in ${imageDir}.`);
        break;
      }
      const url = `${urlBase}/${encodeName(chosen.name)}`;
      urlOf.set(sourceKey, url);
      pathOfSource.set(sourceKey, chosen.repoPath);
      useImage(candidate.post, chosen.repoPath);
      if (imageFiles.has(chosen.repoPath)) continue;
      claimed.set(foldName(chosen.repoPath), image.hash);
      const action =
        chosen.current.hash === null
          ? 'add'
          : chosen.current.hash === image.hash
            ? 'unchanged'
            : 'update';
      imageFiles.set(chosen.repoPath, {
        repoPath: chosen.repoPath,
        kind: 'image',
        post: candidate.post,
        action,
        diff: null,
        bytes: image.bytes,
        currentHash: chosen.current.hash,
        newHash: image.hash,
        posts: [],
        source: image.file,
      });
    }
  }
  for (const [post, reason] of imageRefused) hold(post, reason);
  live = live.filter((candidate) => !imageRefused.has(candidate.post));
  lap('plan: image names');
  // The posts that go no further count as checked.
  progress.step('', paths.length - live.length);

  // The posts' files, with their actions.
  const postFiles = new Map<string, PlannedFile>();
  const checks = new Map<string, Problem[]>();
  type Outcome = PlannedFile | { readonly held: string };
  const outcomes = await mapLimit(live, parallel, async (candidate): Promise<Outcome> => {
    if (stopped()) return { held: 'cancelled' };
    progress.step(candidate.post);
    const images = new Map<string, string>();
    for (const image of candidate.images) {
      const url = urlOf.get(`${image.file}\0${image.hash}`);
      if (url !== undefined) images.set(image.src, url);
    }
    const text = timedSync(timer, '  cpu: exported text', () =>
      exportedText(
        candidate.doc,
        schema,
        { drop: target.drop, rename: target.rename, images },
        // Without an image folder no link is rewritten, and none were looked for.
        target.images === null ? [] : candidate.bodyImages,
      ),
    );
    if (!text.ok) return { held: `It ${text.error.message}.` };
    const current = await reader.read(candidate.repoPath);
    if (current.refused !== null) return { held: `${current.refused}.` };
    if (imageFiles.has(candidate.repoPath)) {
      return { held: `It goes to ${candidate.repoPath}, where an image is exported.` };
    }
    const bytes = Buffer.from(text.value, 'utf8');
    const newHash = timedSync(timer, '  cpu: hash posts', () => hashOf(bytes));
    const recorded = record[candidate.repoPath];
    const action =
      current.hash === null
        ? 'add'
        : current.hash === newHash
          ? 'unchanged'
          : recorded !== undefined && recorded.hash === current.hash
            ? 'update'
            : 'changedByHand';
    const diff =
      action === 'update' || action === 'changedByHand'
        ? timedSync(timer, '  cpu: diffs', () =>
            createTwoFilesPatch(
              `a/${candidate.repoPath}`,
              `b/${candidate.repoPath}`,
              (current.bytes ?? Buffer.alloc(0)).toString('utf8'),
              text.value,
              '',
              '',
              { context: 3 },
            ),
          )
        : null;
    const planned: PlannedFile = {
      repoPath: candidate.repoPath,
      kind: 'post',
      post: candidate.post,
      action,
      diff,
      bytes,
      currentHash: current.hash,
      newHash,
      posts: [candidate.post],
    };
    // The checks, in the same pass, for every post that will be listed.
    const changing =
      action !== 'unchanged' ||
      [...(imagesOfPost.get(candidate.post) ?? [])].some(
        (path) => imageFiles.get(path)?.action !== 'unchanged',
      );
    if (scoped || changing) {
      checks.set(
        candidate.post,
        // With images copied, each was found on disk already (else the post is held): the
        // validator is told so instead of looking them up again.
        target.images === null
          ? await timed(timer, '  checks (with image lookups)', () =>
              checkPostText(root, schema, candidate.post, candidate.doc.text),
            )
          : timedSync(timer, '  cpu: checks', () =>
              validatePost(candidate.doc, schema, {
                path: candidate.post,
                imageExists: (ref) =>
                  candidate.images.some((image) => image.src === ref) ? true : undefined,
              }),
            ),
      );
    }
    return planned;
  });
  outcomes.forEach((outcome, index) => {
    const post = live[index]?.post ?? '';
    if ('held' in outcome) hold(post, outcome.held);
    else postFiles.set(post, outcome);
  });
  if (stopped()) return cancelled();
  live = live.filter((candidate) => postFiles.has(candidate.post));
  lap('plan: post texts, repository files, checks');

  const filesOf = (post: string): PlannedFile[] => {
    const own = postFiles.get(post);
    const images = [...(imagesOfPost.get(post) ?? [])].flatMap((path) => {
      const file = imageFiles.get(path);
      return file === undefined ? [] : [file];
    });
    return own === undefined ? images : [own, ...images];
  };
  // The `changed` scope: only posts with something to write.
  if (!scoped)
    live = live.filter((candidate) =>
      filesOf(candidate.post).some((file) => file.action !== 'unchanged'),
    );

  // The checks: errors hold a post back; warnings do unless accepted.
  const warnings: HeldPost[] = [];
  const exported: Candidate[] = [];
  for (const candidate of live) {
    const problems = checks.get(candidate.post) ?? [];
    const errors = problems.filter((problem) => problem.severity === 'error');
    if (errors.length > 0) {
      hold(
        candidate.post,
        `The checks found ${errors.length === 1 ? 'an error' : `${errors.length} errors`}: ${errors[0]?.message ?? ''}`,
        errors,
      );
      continue;
    }
    if (problems.length > 0) {
      warnings.push({
        post: candidate.post,
        reason: `The checks found ${problems.length === 1 ? 'a warning' : `${problems.length} warnings`}: ${problems[0]?.message ?? ''}`,
        problems,
      });
      if (!request.acceptWarnings) continue;
    }
    exported.push(candidate);
  }

  if (gitDir !== null) {
    const writing = exported
      .flatMap((candidate) => filesOf(candidate.post))
      .filter((file) => file.action !== 'unchanged');
    const ignored = await ignoredPaths(repo, [...new Set(writing.map((file) => file.repoPath))]);
    if (ignored.size > 0) {
      const kept: Candidate[] = [];
      for (const candidate of exported) {
        const path = filesOf(candidate.post).find((file) => ignored.has(file.repoPath))?.repoPath;
        if (path === undefined) kept.push(candidate);
        else
          hold(
            candidate.post,
            `${path} is ignored by the repository's .gitignore, so it could not be committed.`,
          );
      }
      exported.splice(0, exported.length, ...kept);
    }
  }

  lap('plan: git check-ignore');
  if (stopped()) return cancelled();
  progress.finish();
  const users = new Map<string, string[]>();
  const files: PlannedFile[] = [];
  for (const candidate of exported) {
    for (const file of filesOf(candidate.post)) {
      const list = users.get(file.repoPath);
      if (list !== undefined) {
        list.push(candidate.post);
        continue;
      }
      const posts = [candidate.post];
      users.set(file.repoPath, posts);
      files.push({ ...file, post: candidate.post, posts });
    }
  }
  const titles = new Map(exported.map((candidate) => [candidate.post, candidate.title]));
  const changedTitles = exported
    .filter((candidate) => filesOf(candidate.post).some((file) => file.action !== 'unchanged'))
    .map((candidate) => candidate.title);
  const plan: ExportPlan = {
    target: target.name,
    repo: resolve(repo),
    posts: exported.map((candidate) => candidate.post),
    files: files.map(({ repoPath, kind, post, action, diff }) => ({
      repoPath,
      kind,
      post,
      action,
      diff,
    })),
    held: held.sort((a, b) => (a.post < b.post ? -1 : a.post > b.post ? 1 : 0)),
    warnings,
    blockers,
    message: commitMessage(target.message, changedTitles),
    cancelled: false,
  };
  return { plan, files, repo: resolve(repo), gitDir, record, titles };
}
