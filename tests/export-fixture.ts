// Real git repositories and posts folders in temp folders, for the export tests and benchmark.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExportTarget } from '../shared/export';

/** Runs git in `cwd` and returns its output; throws with git's message when it fails. */
export function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' },
  });
}

/** Writes files (paths relative to `folder`), making folders as needed. */
export async function writeFiles(
  folder: string,
  files: Readonly<Record<string, string | Buffer>>,
): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const full = join(folder, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
  }
}

/** A fresh temp folder (real path, so comparisons with git's paths hold). */
export async function tempFolder(prefix: string): Promise<string> {
  return realpath(await mkdtemp(join(tmpdir(), prefix)));
}

/** Sets the identity and defaults a test repository needs, whatever the machine's git config. */
export function configureRepo(repo: string): void {
  gitIn(repo, 'config', 'user.name', 'Test Author');
  gitIn(repo, 'config', 'user.email', 'author@example.com');
  gitIn(repo, 'config', 'commit.gpgsign', 'false');
  gitIn(repo, 'config', 'core.autocrlf', 'false');
}

/** `git init` in a new folder with a first commit of `files`. */
export async function makeRepo(files: Readonly<Record<string, string | Buffer>>): Promise<string> {
  const repo = await tempFolder('postwright-site-');
  gitIn(repo, 'init', '-q', '-b', 'main');
  configureRepo(repo);
  await writeFiles(repo, files);
  gitIn(repo, 'add', '-A');
  gitIn(repo, 'commit', '-q', '-m', 'Site');
  return repo;
}

/** A bare repository as `origin` of `repo`, with `main` pushed and set as upstream. */
export async function addBareRemote(repo: string): Promise<string> {
  const bare = await tempFolder('postwright-remote-');
  gitIn(bare, 'init', '-q', '--bare', '-b', 'main');
  gitIn(repo, 'remote', 'add', 'origin', bare);
  gitIn(repo, 'push', '-q', '-u', 'origin', 'main');
  return bare;
}

/** A tiny valid PNG whose bytes depend on `seed`. */
export function png(seed: number): Buffer {
  const header = Buffer.from('89504e470d0a1a0a', 'hex');
  return Buffer.concat([header, Buffer.from(`postwright test image ${seed}`)]);
}

/** A published post with a title, date and description (so the checks find nothing). */
export function publishedPost(
  title: string,
  fields = '',
  body = 'Some text for the readers.\n',
): string {
  return `---\ntitle: ${title}\ndescription: ${title}, a post used by the export tests.\ndate: 2024-03-01\npublished: true\n${fields}---\n${body}`;
}

/** A target exporting to `repo` as a Next.js blog would: one file per post, images under public. */
export function siteTarget(repo: string, fields: Partial<ExportTarget> = {}): ExportTarget {
  return {
    name: 'site',
    repo,
    content: 'content/posts/{slug}.md',
    images: 'public/images/blog',
    imageUrl: '/images/blog',
    include: 'published',
    drop: [],
    rename: {},
    message: 'Publish: {title}',
    ...fields,
  };
}
