import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportRun, ExportTarget } from '../../shared/export';
import type { Schema } from '../../shared/schema';
import { runExport } from '../../electron/export/run';
import { phaseTimes } from '../../electron/export/timing';
import { indexFolder } from '../../electron/library/library';
import { ms, runBench, unwrap } from './bench-node';
import { siteTarget } from '../export-fixture';
import { random } from './generate-posts';

// Export of 1,000 changed posts with two images each (`npm run bench -- export`): the export
// (plan, write every file under a temp name and rename it into place, one commit of exactly those
// files through git) with the folder's index already in memory, as in the app, beside the floor:
// plain `cp` of the same files into the same repository, then one `git add` and one `git commit`.
//
// On a shared disk one floor run against one export run means little (the floor alone swung
// 0.8-4.9 s minutes apart), so the two are interleaved: each round builds two fresh, identical
// repositories on the same file system, flushes the disk (`sync`) and times the floor and the
// export one right after the other, in alternating order (so neither always goes first). Each
// round's pair and ratio is printed with the load average, then the median ratio, and where the
// export's time goes per phase (median over rounds). A warm-up export first makes the floor's
// source files and loads the code, so round 1 is not the only round that pays for either. Then a
// second export with nothing changed.
// POSTWRIGHT_BENCH_POSTS changes the size, POSTWRIGHT_BENCH_ROUNDS the rounds (default 5).

const count = Number(process.env.POSTWRIGHT_BENCH_POSTS ?? 1_000);
const rounds = Number(process.env.POSTWRIGHT_BENCH_ROUNDS ?? 5);
const imageBytes = 12_000;

const words = `go node rust typescript backend frontend database cache queue search testing deploy
docker latency memory profiling logging tracing security api streams workers threads async errors
types modules build release review design writing travel lisbon hiking coffee remote habits tools`
  .split(/\s+/)
  .filter(Boolean);

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Flushes what earlier steps wrote before a timed step starts. Linux writes dirty pages back ~30 s
 * later, so without this each round paid for the previous rounds' files (the export, third in
 * line, most: 2767/3557/4947 ms in one run while the floor stayed near 1 s).
 */
function settle(): void {
  execFileSync('sync');
}

function sentence(next: () => number, length: number): string {
  const picked = Array.from({ length }, () => words[Math.floor(next() * words.length)] ?? 'go');
  const text = picked.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** The posts folder: `count` published posts, each with a cover image and one in its body. */
async function writeBlog(blog: string): Promise<void> {
  const next = random(8);
  for (let i = 0; i < count; i++) {
    const name = `post-${String(i).padStart(4, '0')}`;
    const paragraphs = Array.from({ length: 6 }, () => sentence(next, 60)).join('\n\n');
    const text = [
      '---',
      `title: ${sentence(next, 5).slice(0, -1)} ${i}`,
      `description: ${sentence(next, 14)}`,
      `date: 2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      'published: true',
      `tags: [${words[i % words.length] ?? 'go'}, ${words[(i * 7) % words.length] ?? 'go'}]`,
      'category: Technology',
      `image: images/${name}-cover.png`,
      'notes: only for the author',
      '---',
      `## ${sentence(next, 4)}`,
      '',
      paragraphs,
      '',
      `![A figure](images/${name}-figure.png)`,
      '',
    ].join('\n');
    await writeFile(join(blog, `${name}.md`), text);
  }
  await mkdir(join(blog, 'images'));
  for (let i = 0; i < count; i++) {
    const name = `post-${String(i).padStart(4, '0')}`;
    for (const kind of ['cover', 'figure']) {
      const bytes = Buffer.alloc(imageBytes);
      for (let b = 0; b < imageBytes; b += 4) bytes.writeUInt32LE((next() * 2 ** 32) >>> 0, b);
      Buffer.from('89504e470d0a1a0a', 'hex').copy(bytes);
      await writeFile(join(blog, 'images', `${name}-${kind}.png`), bytes);
    }
  }
}

/** A site repository with a few commits of its own. */
async function makeSite(folder: string): Promise<void> {
  await mkdir(folder);
  git(folder, 'init', '-q', '-b', 'main');
  git(folder, 'config', 'user.name', 'Bench');
  git(folder, 'config', 'user.email', 'bench@example.com');
  git(folder, 'config', 'commit.gpgsign', 'false');
  await mkdir(join(folder, 'src'));
  for (let i = 0; i < 50; i++)
    await writeFile(join(folder, 'src', `page-${i}.js`), `export const n = ${i};\n`);
  git(folder, 'add', '-A');
  git(folder, 'commit', '-q', '-m', 'Site');
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  // An even count: the mean of the two middle values.
  return sorted.length % 2 === 1
    ? (sorted[Math.floor(middle)] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

function targetFor(repo: string): ExportTarget {
  return siteTarget(repo, { drop: ['notes'], message: 'Publish {count} posts' });
}

const run: ExportRun = {
  target: 'site',
  scope: { kind: 'changed' },
  acceptWarnings: true,
  overwrite: [],
  commit: true,
  push: false,
};

interface Exported {
  readonly ms: number;
  readonly files: number;
  readonly phases: Map<string, number>;
}

/** One export of every post into `repo`, timed as a whole and per phase. */
async function exportInto(
  repo: string,
  blog: string,
  schema: Schema,
  posts: readonly string[],
): Promise<Exported> {
  const timer = phaseTimes();
  const start = process.hrtime.bigint();
  const summary = await runExport({ root: blog, schema, posts, target: targetFor(repo) }, run, {
    timer,
  });
  const took = ms(start);
  if (!summary.ok) throw new Error(summary.error.message);
  return { ms: took, files: summary.value.written.length, phases: timer.times };
}

/** The floor: cp the exported files into `repo`, git add, git commit; returns the files committed. */
function floorInto(repo: string, source: string): Floor {
  const start = process.hrtime.bigint();
  execFileSync('cp', ['-r', `${source}/.`, repo]);
  const copied = ms(start);
  git(repo, 'add', '-A');
  const added = ms(start);
  git(repo, 'commit', '-q', '-m', `Publish ${count} posts`);
  const took = ms(start);
  const files = git(repo, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n').length;
  return { ms: took, files, cp: copied, add: added - copied, commit: took - added };
}

interface Floor {
  readonly ms: number;
  readonly files: number;
  readonly cp: number;
  readonly add: number;
  readonly commit: number;
}

async function main(): Promise<void> {
  const base = await realpath(await mkdtemp(join(tmpdir(), 'postwright-bench-export-')));
  try {
    const blog = join(base, 'blog');
    await mkdir(blog);
    await writeBlog(blog);
    settle();
    const indexStart = process.hrtime.bigint();
    const index = unwrap(await indexFolder(blog));
    const indexMs = ms(indexStart);
    const posts = index.posts.map((post) => post.path);

    // Warm-up: the code loaded and compiled once, and the exported files the floor copies.
    const warm = join(base, 'warm');
    await makeSite(warm);
    const first = await exportInto(warm, blog, index.schema, posts);
    const source = join(base, 'exported');
    await mkdir(source);
    for (const folder of ['content', 'public'])
      execFileSync('cp', ['-r', join(warm, folder), source]);
    await rm(warm, { recursive: true, force: true });
    console.log(
      `${count} posts, ${first.files} files (${count} posts + ${first.files - count} images of ${imageBytes / 1000} KB), ${rounds} rounds; ms`,
    );
    console.log(`warm-up export ${first.ms.toFixed(0)} ms (not counted)   (load ${load()})\n`);

    const floors: number[] = [];
    const floorSteps: Floor[] = [];
    const exports: number[] = [];
    const ratios: number[] = [];
    const phaseRounds: Map<string, number>[] = [];
    for (let round = 0; round < rounds; round++) {
      const siteRepo = join(base, `site-${round}`);
      const floorRepo = join(base, `floor-${round}`);
      await makeSite(siteRepo);
      await makeSite(floorRepo);
      const floorFirst = round % 2 === 0;
      let floor: Floor | null = null;
      let exported: Exported | null = null;
      for (const step of floorFirst ? ['floor', 'export'] : ['export', 'floor']) {
        settle();
        if (step === 'floor') floor = floorInto(floorRepo, source);
        else exported = await exportInto(siteRepo, blog, index.schema, posts);
      }
      if (floor === null || exported === null) throw new Error('a step did not run');
      if (floor.files !== exported.files)
        throw new Error(`floor committed ${floor.files} files, export ${exported.files}`);
      floors.push(floor.ms);
      floorSteps.push(floor);
      exports.push(exported.ms);
      ratios.push(exported.ms / floor.ms);
      phaseRounds.push(exported.phases);
      console.log(
        `round ${round + 1} (${floorFirst ? 'floor first' : 'export first'}): floor ${floor.ms.toFixed(0).padStart(5)}  export ${exported.ms.toFixed(0).padStart(5)}  ratio ${(exported.ms / floor.ms).toFixed(2)}   (load ${load()})`,
      );
      await rm(siteRepo, { recursive: true, force: true });
      await rm(floorRepo, { recursive: true, force: true });
    }
    const row = (label: string, value: string, note = ''): void =>
      console.log(`${label.padEnd(46)}${value.padStart(9)}${note}`);
    console.log('');
    row('floor: cp, git add, git commit (median)', `${median(floors).toFixed(0)} ms`);
    row(
      'export: plan, write, commit (median)',
      `${median(exports).toFixed(0)} ms`,
      '   (the app: index in memory)',
    );
    row(
      "export / floor, median of the rounds' ratios",
      `${median(ratios).toFixed(2)} x`,
      '   (goal: within 2x)',
    );
    row(
      'index of the posts folder, no cache',
      `${indexMs.toFixed(0)} ms`,
      '   (a first CLI run, once)',
    );

    // Where the export's time goes: each phase's median over the rounds.
    console.log('\nexport phases, ms (median of the rounds; indented: parts of the phase above)');
    const names = [...new Set(phaseRounds.flatMap((phases) => [...phases.keys()]))];
    for (const name of names) {
      const values = phaseRounds.map((phases) => phases.get(name) ?? 0);
      row(`  ${name}`, median(values).toFixed(0));
    }

    console.log('floor steps, ms (median of the rounds)');
    for (const step of ['cp', 'add', 'commit'] as const) {
      row(
        `  ${step === 'cp' ? 'cp -r' : `git ${step}`}`,
        median(floorSteps.map((f) => f[step])).toFixed(0),
      );
    }

    // Nothing changed: the plan alone, no write, no commit.
    const again = join(base, 'again');
    await makeSite(again);
    await exportInto(again, blog, index.schema, posts);
    settle();
    const second = await exportInto(again, blog, index.schema, posts);
    const left = (await readdir(join(again, 'content/posts'))).length;
    if (second.files > 0) throw new Error('the second export wrote something');
    console.log('');
    row(
      'export again, nothing changed',
      `${second.ms.toFixed(0)} ms`,
      `   (${left} posts there, none written)`,
    );
    for (const [name, value] of second.phases) row(`  ${name}`, value.toFixed(0));
    console.log(`load average: ${load()} (1, 5, 15 min)`);
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

runBench(main, () => Promise.reject(new Error('the export bench has no memory mode')));
