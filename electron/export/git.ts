import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, constants, mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { timed } from './timing';
import type { PhaseTimer } from './timing';

/** What one git command did. */
export interface GitOutput {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Thrown when the `git` program cannot be started at all. */
export class GitMissing extends Error {}

/** Options for one git command. */
export interface GitOptions {
  /** Sent to git's standard input. */
  readonly input?: string;
  /** Extra environment (GIT_INDEX_FILE ...). */
  readonly env?: Readonly<Record<string, string>>;
  /** Milliseconds before git is stopped (network commands). */
  readonly timeout?: number;
}

/**
 * Runs the system `git` in `cwd` with `args`, never through a shell. Git never asks on a terminal
 * (GIT_TERMINAL_PROMPT=0) and speaks English (its messages are read). Resolves with the exit code
 * and output; rejects with `GitMissing` when git is not installed.
 */
export function git(
  cwd: string,
  args: readonly string[],
  options: GitOptions = {},
): Promise<GitOutput> {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(
      'git',
      args,
      {
        cwd,
        env: {
          ...process.env,
          GIT_TERMINAL_PROMPT: '0',
          GIT_LITERAL_PATHSPECS: '1',
          LC_ALL: 'C',
          ...options.env,
        },
        maxBuffer: 256 * 1024 * 1024,
        timeout: options.timeout ?? 0,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (
          error !== null &&
          (error as NodeJS.ErrnoException).code === 'ENOENT' &&
          typeof error.code === 'string'
        ) {
          reject(
            new GitMissing(
              'git is not installed (or not on the PATH); export commits with the system git.',
            ),
          );
          return;
        }
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        const killed = error?.killed === true ? '\n(git took too long and was stopped)' : '';
        resolvePromise({ code, stdout, stderr: stderr + killed });
      },
    );
    child.stdin?.on('error', () => {
      // A git that exits before reading its input: its exit code says what happened.
    });
    child.stdin?.end(options.input ?? '');
  });
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.replace(/^(?:fatal|error): /, '').trim())
      .find((line) => line !== '') ?? ''
  );
}

/** A repository ready to take an export, or why it is not. */
export type RepoState =
  | { readonly ok: true; readonly top: string; readonly gitDir: string }
  | { readonly ok: false; readonly blockers: readonly string[]; readonly exists: boolean };

const inProgress: readonly (readonly [string, string])[] = [
  ['MERGE_HEAD', 'a merge (finish it, or git merge --abort)'],
  ['rebase-merge', 'a rebase (finish it, or git rebase --abort)'],
  ['rebase-apply', 'a rebase or git am (finish it, or abort it)'],
  ['CHERRY_PICK_HEAD', 'a cherry-pick (finish it, or git cherry-pick --abort)'],
  ['REVERT_HEAD', 'a revert (finish it, or git revert --abort)'],
];

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function writable(path: string): Promise<boolean> {
  try {
    await access(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks that `folder` is a git work tree an export can write to and commit in: git installed,
 * the folder there and writable, a repository (not bare), and no merge, rebase, cherry-pick or
 * revert under way.
 */
export async function repoState(folder: string): Promise<RepoState> {
  try {
    const info = await stat(folder);
    if (!info.isDirectory())
      return { ok: false, exists: false, blockers: [`${folder} is not a folder.`] };
  } catch {
    return {
      ok: false,
      exists: false,
      blockers: [`The repository folder ${folder} does not exist.`],
    };
  }
  let out: GitOutput;
  try {
    out = await git(folder, ['rev-parse', '--absolute-git-dir', '--show-toplevel']);
  } catch (error) {
    if (error instanceof GitMissing) return { ok: false, exists: true, blockers: [error.message] };
    throw error;
  }
  if (out.code !== 0) {
    const why = /not a git repository/i.test(out.stderr)
      ? `${folder} is not a git repository (run git init there, or choose the site's repository folder).`
      : `${folder} cannot be used as a git repository: ${firstLine(out.stderr)}`;
    return { ok: false, exists: true, blockers: [why] };
  }
  const [gitDir = '', top = ''] = out.stdout.split('\n');
  if (top === '') {
    return {
      ok: false,
      exists: true,
      blockers: [`${folder} is a bare repository; export needs a checked-out work tree.`],
    };
  }
  const blockers: string[] = [];
  if (!(await writable(folder)) || !(await writable(gitDir))) {
    blockers.push(`${folder} is not writable: export cannot write or commit there.`);
  }
  for (const [marker, what] of inProgress) {
    if (await exists(join(gitDir, marker))) {
      blockers.push(
        `The repository is in the middle of ${what}; export commits only on a clean history.`,
      );
    }
  }
  return blockers.length > 0 ? { ok: false, exists: true, blockers } : { ok: true, top, gitDir };
}

/** Thrown when a git step of a commit or push fails, with git's own words. */
export class GitFailed extends Error {}

async function must(
  cwd: string,
  args: readonly string[],
  options: GitOptions = {},
): Promise<string> {
  const out = await git(cwd, args, options);
  if (out.code !== 0) {
    throw new GitFailed(
      `git ${args[0] ?? ''} failed: ${firstLine(out.stderr) || `exit code ${out.code}`}`,
    );
  }
  return out.stdout;
}

/**
 * Whether this `git --version` output names a git (2.38 or later) whose `update-index` writes the
 * blobs of one call into a single pack when they are streamed (`core.bigFileThreshold`); older
 * versions would make one pack per file, far worse than loose objects.
 */
export function packsInOneGo(versionText: string): boolean {
  const match = /git version (\d+)\.(\d+)/.exec(versionText);
  if (match === null) return false;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return major > 2 || (major === 2 && minor >= 38);
}

/**
 * Puts the files at `paths` (from `repo`; `full`: the same from the top of the work tree) into the
 * temporary index `env.GIT_INDEX_FILE`, with the repository's own filters as `git add` would, and
 * returns the index entries (`mode blob\tpath\0`) for them. With a recent git, `update-index` writes
 * every blob that needs no conversion into one pack instead of thousands of loose objects (three
 * times faster for 3,000 files here); otherwise `hash-object` writes loose objects as before.
 */
async function stageBlobs(
  repo: string,
  paths: readonly string[],
  full: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<string> {
  const version = await git(repo, ['--version']);
  if (version.code === 0 && packsInOneGo(version.stdout)) {
    // A threshold of 1 byte streams every non-empty blob git would not convert (filters, eol)
    // into the call's one pack; converted ones are written as usual, so contents are as `git add`.
    await must(repo, ['-c', 'core.bigFileThreshold=1', 'update-index', '--add', '-z', '--stdin'], {
      env,
      // update-index takes paths from `repo` (it may be a folder inside the work tree).
      input: `${paths.join('\0')}\0`,
    });
    const wanted = new Set(full);
    const entries = (await must(repo, ['ls-files', '--stage', '--full-name', '-z'], { env }))
      .split('\0')
      .filter((entry) => wanted.has(entry.slice(entry.indexOf('\t') + 1)))
      // `mode blob stage\tpath`: stage is 0 in an index git just wrote.
      .map((entry) => `${entry.replace(/ 0\t/, '\t')}\0`);
    if (entries.length !== full.length)
      throw new GitFailed('git update-index did not add every file');
    return entries.join('');
  }
  const blobs = (
    await must(repo, ['hash-object', '-w', '--stdin-paths'], { input: `${full.join('\n')}\n` })
  )
    .trim()
    .split('\n');
  if (blobs.length !== full.length) throw new GitFailed('git hash-object did not hash every file');
  const entries = full.map((path, i) => `100644 ${blobs[i] ?? ''}\t${path}\0`).join('');
  await must(repo, ['update-index', '--add', '-z', '--index-info'], { env, input: entries });
  return entries;
}

/**
 * Commits exactly `paths` (relative to `repo`, as they now are on disk; no line breaks in them) on
 * the current branch, and nothing else. The files are hashed into git's object store (with the
 * repository's own filters, as `git add` would), the tree is built in a temporary index from HEAD
 * plus those files, so the user's index (their other staged changes) and work tree are never
 * touched; after the branch moves, the user's index entries of those paths alone are set to the
 * committed files. Returns the new commit id, or null when the files already are as committed.
 * Throws `GitFailed` with git's message.
 */
export async function commitPaths(
  repo: string,
  gitDir: string,
  paths: readonly string[],
  message: string,
  timer?: PhaseTimer,
): Promise<string | null> {
  const step = <T>(name: string, task: () => Promise<T>): Promise<T> =>
    timed(timer, `  git: ${name}`, task);
  const headOut = await step('rev-parse', () =>
    git(repo, ['rev-parse', '-q', '--verify', 'HEAD^{commit}']),
  );
  const head = headOut.code === 0 ? headOut.stdout.trim() : null;
  // Paths for git's plumbing are from the top of the work tree; `repo` may be a folder inside it.
  const prefix = (await step('rev-parse', () => must(repo, ['rev-parse', '--show-prefix']))).trim();
  const full = paths.map((path) => `${prefix}${path}`);
  const folder = join(gitDir, 'postwright');
  await mkdir(folder, { recursive: true });
  const index = join(folder, `index-${process.pid}-${randomBytes(4).toString('hex')}`);
  const env = { GIT_INDEX_FILE: index };
  try {
    if (head !== null) await step('read-tree', () => must(repo, ['read-tree', head], { env }));
    const entries = await step('blobs into the temporary index', () =>
      stageBlobs(repo, paths, full, env),
    );
    const tree = (await step('write-tree', () => must(repo, ['write-tree'], { env }))).trim();
    if (head !== null) {
      const headTree = (
        await step('rev-parse', () => must(repo, ['rev-parse', `${head}^{tree}`]))
      ).trim();
      if (headTree === tree) return null;
    }
    const parents = head === null ? [] : ['-p', head];
    const commit = (
      await step('commit-tree', () =>
        must(repo, ['commit-tree', tree, ...parents, '-F', '-'], { input: message }),
      )
    ).trim();
    // Only if HEAD is still where it was: a commit made meanwhile is never lost.
    await step('update-ref', () =>
      must(repo, [
        'update-ref',
        '-m',
        `postwright: ${firstLine(message)}`,
        'HEAD',
        commit,
        head ?? '',
      ]),
    );
    // The commit is made: a failure here only leaves those index entries stale, never loses work.
    await step("the user's index", () =>
      git(repo, ['update-index', '--add', '-z', '--index-info'], { input: entries }),
    );
    return commit;
  } finally {
    await rm(index, { force: true });
  }
}

/** What a push did: null when it went through, else why not (the commit stays local either way). */
export async function pushUpstream(repo: string): Promise<string | null> {
  const branchOut = await git(repo, ['symbolic-ref', '-q', '--short', 'HEAD']);
  if (branchOut.code !== 0)
    return 'HEAD is detached (no branch), so there is nothing to push to. The commit stays local.';
  const branch = branchOut.stdout.trim();
  const remote = (await git(repo, ['config', '--get', `branch.${branch}.remote`])).stdout.trim();
  const merge = (await git(repo, ['config', '--get', `branch.${branch}.merge`])).stdout.trim();
  if (remote === '' || merge === '') {
    return `The branch ${branch} has no upstream to push to (set one once with git push -u REMOTE ${branch}). The commit stays local.`;
  }
  const out = await git(repo, ['push', '--porcelain', remote, `HEAD:${merge}`], {
    timeout: 300_000,
  });
  if (out.code === 0) return null;
  const all = `${out.stdout}\n${out.stderr}`;
  if (/\[rejected\]|\(fetch first\)|non-fast-forward/.test(all)) {
    return `The push to ${remote} was rejected: the remote has commits this clone does not have (someone pushed first). Pull, then push again. The commit stays local.`;
  }
  const lines = out.stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('To '));
  return `git push to ${remote} failed: ${lines.slice(-3).join(' ') || `exit code ${out.code}`}. The commit stays local.`;
}

/** The repository paths among `paths` that git ignores (`.gitignore`), which a commit would leave out. */
export async function ignoredPaths(repo: string, paths: readonly string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  // check-ignore refuses literal pathspecs; its paths are never globs anyway.
  const out = await git(repo, ['check-ignore', '-z', '--stdin'], {
    input: paths.join('\0') + '\0',
    env: { GIT_LITERAL_PATHSPECS: '0' },
  });
  // Exit 1: none ignored.
  if (out.code !== 0) return new Set();
  return new Set(out.stdout.split('\0').filter((path) => path !== ''));
}
