import { realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ExportPlan, ExportRun, ExportSummary, ExportTarget } from '../../shared/export';
import { defaultExportMessage } from '../../shared/export-config';
import { loadExportTargets, prepareExport, repoFolder, runExport } from '../export/export';
import type { ExportContext } from '../export/export';
import { indexFolder } from '../library/library';
import { defaultConfigDir } from '../settings';
import { CliError, exit, parseCommand, print } from './common';

/** Help for `postwright export`. */
export const exportUsage = `Usage: postwright export FOLDER --to TARGET_OR_REPO [--post FILE]... [--all-published]
                         [--dry-run] [--commit] [--push] [--json]
                         [--accept-warnings] [--overwrite-changed]

Exports posts of FOLDER into a site's git repository: each post file in the
layout the site expects (front matter byte for byte, apart from the target's
drop and rename), the local images it shows copied and their links rewritten.
Nothing else in the repository is touched; a commit holds only these files.

--to is the name of a target in the folder's postwright.config.yml, or a
repository folder: a configured target's repository, else a default for the
site's layout found there (Hugo, Astro, Jekyll, Next.js).

Options:
  --to T                 Target name or repository folder (required)
  --post FILE            Export this post (repeatable)
  --all-published        Export every published post whose export changed
  --dry-run              Print the plan; write nothing
  --commit               Commit the exported files (only those)
  --push                 Commit, then push to the branch's upstream
  --accept-warnings      Export posts whose checks found only warnings
  --overwrite-changed    Overwrite repository files changed by hand since the
                         last export (the plan lists them)
  --json                 Print the plan (--dry-run) or the summary as JSON
  --help                 Show this help

Exit codes: 0 done; 1 posts were held back (errors, warnings not accepted,
files changed by hand); 2 bad usage, a repository that cannot take the export,
or a failed write, commit or push.`;

/** Site layouts a repository folder can be recognised by, with the target used for each. */
const layouts: readonly {
  readonly name: string;
  readonly markers: readonly string[];
  readonly content: string;
  readonly images: string;
  readonly imageUrl: string;
}[] = [
  {
    name: 'Hugo',
    markers: ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'archetypes'],
    content: 'content/posts/{slug}.md',
    images: 'static/images/posts',
    imageUrl: '/images/posts',
  },
  {
    name: 'Astro',
    markers: ['astro.config.mjs', 'astro.config.ts', 'astro.config.js', 'astro.config.mts'],
    content: 'src/content/blog/{slug}.md',
    images: 'public/images/blog',
    imageUrl: '/images/blog',
  },
  {
    name: 'Jekyll',
    markers: ['_config.yml', '_config.yaml', '_posts'],
    content: '_posts/{date}-{slug}.md',
    images: 'assets/images',
    imageUrl: '/assets/images',
  },
  {
    name: 'Next.js',
    markers: ['next.config.js', 'next.config.mjs', 'next.config.ts', 'next.config.cjs'],
    content: 'content/posts/{slug}.md',
    images: 'public/images/posts',
    imageUrl: '/images/posts',
  },
];

async function present(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The default target for a repository folder from the site layout found in it, and its name. */
async function layoutTarget(
  folder: string,
): Promise<{ target: ExportTarget; layout: string } | null> {
  for (const layout of layouts) {
    const found = await Promise.all(layout.markers.map((marker) => present(join(folder, marker))));
    if (!found.some(Boolean)) continue;
    return {
      layout: layout.name,
      target: {
        name: folder,
        repo: folder,
        content: layout.content,
        images: layout.images,
        imageUrl: layout.imageUrl,
        include: 'published',
        drop: [],
        rename: {},
        message: defaultExportMessage,
      },
    };
  }
  return null;
}

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

async function realOr(path: string): Promise<string> {
  return realpath(path).catch(() => resolve(path));
}

/** The target `--to` names: a configured target, a configured target's repository, or a layout's default. */
async function chooseTarget(root: string, to: string): Promise<ExportTarget> {
  const loaded = await loadExportTargets(root);
  if (!loaded.ok) throw new CliError(loaded.error.message);
  const { targets, problems } = loaded.value;
  for (const problem of problems.filter((each) => each.severity === 'error')) {
    process.stderr.write(
      `postwright: ${problem.path}:${problem.line}:${problem.column}: ${problem.message}\n`,
    );
  }
  const named = targets.find((target) => target.name === to);
  if (named !== undefined) return named;
  const folder = resolve(expandHome(to));
  const info = await stat(folder).catch(() => null);
  if (info === null || !info.isDirectory()) {
    const names = targets.map((target) => target.name);
    throw new CliError(
      `"${to}" is neither an export target of ${root} (${names.length === 0 ? 'it has none' : names.join(', ')}) nor a folder`,
    );
  }
  const real = await realOr(folder);
  for (const target of targets) {
    if ((await realOr(repoFolder(root, target.repo))) === real) return target;
  }
  const found = await layoutTarget(folder);
  if (found === null) {
    throw new CliError(
      `${to} does not look like a Hugo, Astro, Jekyll or Next.js site; add a target for it under export.targets in ${root}/postwright.config.yml`,
    );
  }
  process.stderr.write(
    `postwright: no target for ${to} in the config; using the ${found.layout} layout: posts to ${found.target.content}, images to ${found.target.images} (served as ${found.target.imageUrl})\n`,
  );
  return found.target;
}

async function postPathOf(root: string, file: string): Promise<string> {
  const candidates = [resolve(file), resolve(root, file)];
  for (const candidate of candidates) {
    if (!(await present(candidate))) continue;
    const rel = relative(await realOr(root), await realOr(candidate));
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
      throw new CliError(`${file} is not inside the posts folder ${root}`);
    }
    return rel.split(sep).join('/');
  }
  throw new CliError(`cannot read ${file}: no such file`);
}

const actionLabels = {
  add: 'add',
  update: 'update',
  unchanged: 'unchanged',
  changedByHand: 'changed by hand',
} as const;

function printPlan(plan: ExportPlan): void {
  print(`Export to ${plan.target} (${plan.repo})`);
  if (plan.files.length === 0) print('  nothing to export');
  for (const file of plan.files) {
    const note =
      file.action === 'changedByHand' ? '  (not overwritten without --overwrite-changed)' : '';
    print(`  ${actionLabels[file.action].padEnd(17)}${file.repoPath}  (${file.post})${note}`);
  }
  if (plan.held.length > 0) {
    print('Held back:');
    for (const held of plan.held) print(`  ${held.post}: ${held.reason}`);
  }
  if (plan.warnings.length > 0) {
    print('Warnings (exported only with --accept-warnings):');
    for (const warned of plan.warnings) {
      print(`  ${warned.post}: ${warned.reason}`);
      for (const problem of warned.problems) {
        print(`    ${problem.path}:${problem.line}:${problem.column}: ${problem.message}`);
      }
    }
  }
}

function printSummary(summary: ExportSummary, committing: boolean): void {
  if (summary.cancelled) return print('Cancelled: nothing was written.');
  print(
    `Wrote ${summary.written.length} file${summary.written.length === 1 ? '' : 's'}, ${summary.unchanged} unchanged.`,
  );
  if (summary.commit !== null) print(`Committed ${summary.commit.slice(0, 12)}.`);
  else if (committing) print('Nothing to commit.');
  if (summary.pushed) print('Pushed.');
  if (summary.pushError !== null) print(`Not pushed: ${summary.pushError}`);
  for (const held of summary.held) print(`Held back ${held.post}: ${held.reason}`);
}

/** `postwright export FOLDER --to TARGET_OR_REPO ...`. */
export async function exportPosts(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    to: { type: 'string' },
    post: { type: 'string', multiple: true },
    'all-published': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    commit: { type: 'boolean' },
    push: { type: 'boolean' },
    json: { type: 'boolean' },
    'accept-warnings': { type: 'boolean' },
    'overwrite-changed': { type: 'boolean' },
  });
  if (values.help) return (print(exportUsage), exit.ok);
  const [folder, ...extra] = positionals;
  if (folder === undefined || extra.length > 0) {
    throw new CliError(`export takes one FOLDER\n\n${exportUsage}`);
  }
  if (values.to === undefined)
    throw new CliError(`export needs --to TARGET_OR_REPO\n\n${exportUsage}`);
  const posts = values.post ?? [];
  const all = values['all-published'] === true;
  if (posts.length > 0 === all) {
    throw new CliError('say which posts: --post FILE (one or more) or --all-published');
  }
  const root = resolve(folder);
  const index = await indexFolder(root, { cacheDir: join(defaultConfigDir(), 'index-cache') });
  if (!index.ok) throw new CliError(index.error.message);
  let target = await chooseTarget(root, values.to);
  // --all-published means published posts, whatever the target includes.
  if (all) target = { ...target, include: 'published' };
  const context: ExportContext = {
    root,
    schema: index.value.schema,
    posts: index.value.posts.map((post) => post.path),
    target,
  };
  const paths = await Promise.all(posts.map((post) => postPathOf(root, post)));
  const request = {
    target: target.name,
    scope: all ? { kind: 'changed' as const } : { kind: 'posts' as const, paths },
    acceptWarnings: values['accept-warnings'] === true,
    overwrite: [] as string[],
  };
  const { plan } = await prepareExport(context, request);
  const overwrite =
    values['overwrite-changed'] === true
      ? plan.files.filter((file) => file.action === 'changedByHand').map((file) => file.repoPath)
      : [];
  if (values['dry-run'] === true) {
    if (values.json) print(JSON.stringify(plan, null, 2));
    else printPlan(plan);
    if (plan.blockers.length > 0) {
      for (const blocker of plan.blockers) process.stderr.write(`postwright: ${blocker}\n`);
      return exit.failure;
    }
    const changedByHand = plan.files.some(
      (file) => file.action === 'changedByHand' && !overwrite.includes(file.repoPath),
    );
    const warningsHeld = plan.warnings.length > 0 && !request.acceptWarnings;
    return plan.held.length > 0 || warningsHeld || changedByHand ? exit.problems : exit.ok;
  }
  if (plan.blockers.length > 0) {
    if (!values.json) printPlan(plan);
    for (const blocker of plan.blockers) process.stderr.write(`postwright: ${blocker}\n`);
    return exit.failure;
  }
  if (!values.json) printPlan(plan);
  const run: ExportRun = {
    ...request,
    overwrite,
    commit: values.commit === true || values.push === true,
    push: values.push === true,
  };
  const summary = await runExport(context, run, {
    progress: values.json
      ? undefined
      : ({ phase, done, total }) => {
          if (process.stderr.isTTY && total > 20)
            process.stderr.write(
              `\r${phase === 'planning' ? 'planning' : 'writing'} ${done}/${total}  `,
            );
        },
  });
  if (process.stderr.isTTY && !values.json) process.stderr.write('\r');
  if (!summary.ok) throw new CliError(summary.error.message);
  if (values.json) print(JSON.stringify(summary.value, null, 2));
  else printSummary(summary.value, run.commit);
  if (summary.value.pushError !== null) return exit.failure;
  const warningsHeld = plan.warnings.length > 0 && !request.acceptWarnings;
  return summary.value.held.length > 0 || warningsHeld ? exit.problems : exit.ok;
}
