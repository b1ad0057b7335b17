import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportRun, ExportTarget } from '../../shared/export';
import { runExport } from '../../electron/export/run';
import { indexFolder } from '../../electron/library/library';
import { ms, runBench, unwrap } from './bench-node';
import { random } from './generate-posts';

// Export of 1,000 changed posts with two images each (`npm run bench -- export`): the export
// (plan, write every file under a temp name and rename it into place, one commit of exactly those
// files through git) with the folder's index already in memory, as in the app (the index is timed
// apart: a first CLI run builds it), beside the floor: plain `cp` of the same files into a copy of
// the same repository, then one `git add` and one `git commit`. Rounds alternate the two, each on
// a fresh repository; medians and ratios are printed with the load average. Then a second export
// with nothing changed. POSTWRIGHT_BENCH_POSTS changes the size, POSTWRIGHT_BENCH_ROUNDS the rounds.

const count = Number(process.env.POSTWRIGHT_BENCH_POSTS ?? 1_000);
const rounds = Number(process.env.POSTWRIGHT_BENCH_ROUNDS ?? 3);
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
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const base = await realpath(await mkdtemp(join(tmpdir(), 'postwright-bench-export-')));
  try {
    const blog = join(base, 'blog');
    await mkdir(blog);
    await writeBlog(blog);
    const run: ExportRun = {
      target: 'site',
      scope: { kind: 'changed' },
      acceptWarnings: true,
      overwrite: [],
      commit: true,
      push: false,
    };
    const indexTimes: number[] = [];
    const exportTimes: number[] = [];
    const floorTimes: number[] = [];
    let files = 0;
    let lastRepo = '';
    let lastTarget: ExportTarget | null = null;
    for (let round = 0; round < rounds; round++) {
      // The floor: the files the export wrote in the previous round (or a first export made for it).
      const repo = join(base, `site-${round}`);
      await makeSite(repo);
      const target: ExportTarget = {
        name: 'site',
        repo,
        content: 'content/posts/{slug}.md',
        images: 'public/images/blog',
        imageUrl: '/images/blog',
        include: 'published',
        drop: ['notes'],
        rename: {},
        message: 'Publish {count} posts',
      };
      settle();
      const indexStart = process.hrtime.bigint();
      const index = unwrap(await indexFolder(blog));
      indexTimes.push(ms(indexStart));
      settle();
      const start = process.hrtime.bigint();
      const summary = await runExport(
        { root: blog, schema: index.schema, posts: index.posts.map((post) => post.path), target },
        run,
        { cancelled: () => false },
      );
      exportTimes.push(ms(start));
      if (!summary.ok) throw new Error(summary.error.message);
      if (summary.value.commit === null) throw new Error('nothing was committed');
      files = summary.value.written.length;
      lastRepo = repo;
      lastTarget = target;

      // The floor, on a fresh copy of the same site: cp the same exported files, add, commit.
      const floorRepo = join(base, `floor-${round}`);
      await makeSite(floorRepo);
      const source = join(base, `exported-${round}`);
      await mkdir(source);
      for (const folder of ['content', 'public']) {
        execFileSync('cp', ['-r', join(repo, folder), source]);
      }
      settle();
      const floorStart = process.hrtime.bigint();
      execFileSync('cp', ['-r', `${source}/.`, floorRepo]);
      git(floorRepo, 'add', '-A');
      git(floorRepo, 'commit', '-q', '-m', `Publish ${count} posts`);
      floorTimes.push(ms(floorStart));
      const floorFiles = git(floorRepo, 'show', '--name-only', '--format=', 'HEAD')
        .trim()
        .split('\n');
      if (floorFiles.length !== files)
        throw new Error(`floor committed ${floorFiles.length} files, export ${files}`);
      console.log(
        `round ${round + 1}: index ${indexTimes[round]?.toFixed(0)} ms + export ${exportTimes[round]?.toFixed(0)} ms, floor ${floorTimes[round]?.toFixed(0)} ms   (load ${load()})`,
      );
      if (round < rounds - 1) await rm(repo, { recursive: true, force: true });
      await rm(floorRepo, { recursive: true, force: true });
      await rm(source, { recursive: true, force: true });
    }
    const indexMs = median(indexTimes);
    const exportMs = median(exportTimes);
    const floorMs = median(floorTimes);
    const row = (label: string, value: string, note = ''): void =>
      console.log(`${label.padEnd(44)}${value.padStart(8)}${note}`);
    console.log(
      `\n${count} posts, ${files} files (${count} posts + ${files - count} images of ${imageBytes / 1000} KB); medians of ${rounds} rounds`,
    );
    row('floor: cp, git add, git commit', `${floorMs.toFixed(0)} ms`);
    row(
      'export: plan, write, commit',
      `${exportMs.toFixed(0)} ms`,
      '   (the app: index in memory)',
    );
    row('index of the posts folder, no cache', `${indexMs.toFixed(0)} ms`, '   (a first CLI run)');
    row('export / floor', `${(exportMs / floorMs).toFixed(2)} x`, '   (goal: within 2x)');
    row('(index + export) / floor', `${((indexMs + exportMs) / floorMs).toFixed(2)} x`);

    // Nothing changed: the plan alone, no write, no commit.
    if (lastTarget !== null) {
      const index = unwrap(await indexFolder(blog));
      settle();
      const start = process.hrtime.bigint();
      const again = await runExport(
        {
          root: blog,
          schema: index.schema,
          posts: index.posts.map((post) => post.path),
          target: lastTarget,
        },
        run,
        { cancelled: () => false },
      );
      const againMs = ms(start);
      if (!again.ok || again.value.written.length > 0 || again.value.commit !== null) {
        throw new Error('the second export wrote something');
      }
      const left = (await readdir(join(lastRepo, 'content/posts'))).length;
      row(
        'export again, nothing changed',
        `${againMs.toFixed(0)} ms`,
        `   (${left} posts there, none written)`,
      );
    }
    console.log(`load average: ${load()} (1, 5, 15 min)`);
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

runBench(main, () => Promise.reject(new Error('the export bench has no memory mode')));
