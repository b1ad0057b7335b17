import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { splitPost } from '../../electron/library/post-file';
import { parsePost, setField } from '../../shared/document';
import type { PostDocument } from '../../shared/document';
import { random } from './generate-posts';

// Parse and single-key edit times per post, Postwright against plain gray-matter, measured side
// by side in one run (see tests/bench/run.mjs). Run from the repository root.

interface Post {
  readonly name: string;
  readonly text: string;
}

interface PostSet {
  readonly name: string;
  readonly posts: readonly Post[];
  readonly rounds: number;
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

function postsIn(dir: string): Post[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(md|markdown)$/.test(name) && !name.endsWith('SOURCES.md'))
    .sort()
    .map((name) => ({ name, text: utf8.decode(readFileSync(join(dir, name))) }));
}

const words = `go node rust deno bun typescript backend frontend database cache queue search testing
deploy docker kubernetes latency memory profiling logging tracing security auth api graphql rest
streams workers threads async errors types modules build release review design writing editing`
  .split(/\s+/)
  .filter(Boolean);

/** Posts shaped like assets/sample-blog/go-vs-node.md, each with its own title, tags and date. */
function syntheticPosts(template: string, count: number): Post[] {
  const split = splitPost(template);
  const body = template.slice(split.bodyStart);
  const next = random(20240228);
  const pick = (): string => words[Math.floor(next() * words.length)] ?? 'post';
  const title = (): string => {
    const title = Array.from({ length: 3 + Math.floor(next() * 6) }, pick).join(' ');
    return title.charAt(0).toUpperCase() + title.slice(1);
  };
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(Date.UTC(2015, 0, 1) + Math.floor(next() * 3650) * 86_400_000);
    const tags = Array.from({ length: 1 + Math.floor(next() * 6) }, pick).map(
      (tag) => `"${tag.charAt(0).toUpperCase()}${tag.slice(1)}"`,
    );
    const headline = `${title()}: ${title()} (${index + 1})`;
    const frontMatter = [
      `title: ${JSON.stringify(headline)}`,
      `description: ${JSON.stringify(`${title()}, ${title()} and the kind of team each one suits.`)}`,
      `date: "${date.toISOString().slice(0, 10)}"`,
      `published: ${next() < 0.8}`,
      `featured: ${next() < 0.2}`,
      `tags: [${tags.join(', ')}]`,
      `category: ${JSON.stringify(title())}`,
      `reading_time: "${1 + Math.floor(next() * 20)} min read"`,
      `excerpt: ${JSON.stringify(`${title()}. ${title()}, ${title()}.`)}`,
      `image: "/images/blogs/${headline.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.png"`,
      `external_url: ""`,
    ].join('\n');
    return { name: `synthetic-${index + 1}.md`, text: `---\n${frontMatter}\n---\n${body}` };
  });
}

const corpus = postsIn('tests/fixtures/corpus');
const sample = postsIn('assets/sample-blog');
const template = readFileSync('assets/sample-blog/go-vs-node.md', 'utf8');
const synthetic = syntheticPosts(template, 2000);

const sets: readonly PostSet[] = [
  { name: 'corpus', posts: corpus, rounds: 40 },
  { name: 'sample-blog', posts: sample, rounds: 200 },
  { name: 'synthetic', posts: synthetic, rounds: 5 },
];

// Results are folded into this so the engine cannot drop the work being timed.
let sink = 0;

function micros(run: () => unknown): number {
  const start = process.hrtime.bigint();
  const result = run();
  const elapsed = process.hrtime.bigint() - start;
  sink += result === undefined ? 0 : 1;
  return Number(elapsed) / 1000;
}

const clearCache = (matter as unknown as { clearCache?: () => void }).clearCache;

/** gray-matter's default parse; an options object bypasses its per-content cache. */
function grayMatter(text: string): unknown {
  clearCache?.();
  try {
    return matter(text, {});
  } catch {
    // Its default engines throw on front matter they cannot read; the time still counts.
    return null;
  }
}

const measures = {
  parsePost: (text: string): PostDocument => parsePost(text),
  readPath: (text: string): PostDocument => parsePost(text, splitPost(text)),
  grayMatter,
} as const;
type Measure = keyof typeof measures;
const measureNames = Object.keys(measures) as Measure[];

interface Timings {
  readonly parse: Record<Measure, number[]>;
  readonly edit: number[];
}

function editTitle(doc: PostDocument, round: number): unknown {
  const title = typeof doc.values.title === 'string' ? doc.values.title : 'Untitled';
  return setField(doc, 'title', `${title} (edit ${round})`);
}

function measureSet(set: PostSet, rounds: number): Timings {
  const timings: Timings = { parse: { parsePost: [], readPath: [], grayMatter: [] }, edit: [] };
  for (let round = 0; round < rounds; round++) {
    set.posts.forEach((post, index) => {
      // Rotate which measurement goes first, so drift and noise hit all of them alike.
      const shift = (round + index) % measureNames.length;
      const order = [...measureNames.slice(shift), ...measureNames.slice(0, shift)];
      for (const name of order) {
        const run = measures[name];
        timings.parse[name].push(micros(() => run(post.text)));
      }
      const doc = parsePost(post.text);
      if (doc.format === 'yaml' && doc.problem === null) {
        timings.edit.push(micros(() => editTitle(doc, round)));
      }
    });
  }
  return timings;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return (sorted[low] ?? 0) + ((sorted[high] ?? 0) - (sorted[low] ?? 0)) * (at - low);
}

interface Summary {
  readonly median: number;
  readonly p95: number;
  readonly total: number;
}

function summary(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    total: values.reduce((sum, value) => sum + value, 0),
  };
}

function cell(value: Summary): string {
  return `${value.median.toFixed(1)} / ${value.p95.toFixed(1)}`;
}

function ratio(a: Summary, b: Summary): string {
  return `${(a.median / b.median).toFixed(2)}× (${(a.total / b.total).toFixed(2)}×)`;
}

// Warm up every code path (JIT, yaml's lazy setup, gray-matter's engines) before measuring.
for (const set of sets) measureSet(set, set.name === 'synthetic' ? 1 : 5);

const header = [
  'set',
  'posts',
  'parsePost µs',
  'read path µs',
  'gray-matter µs',
  'parsePost/gm',
  'read path/gm',
  'setField(title) µs',
];
const rows: string[][] = [];
const all: Timings = { parse: { parsePost: [], readPath: [], grayMatter: [] }, edit: [] };
for (const set of sets) {
  const timings = measureSet(set, set.rounds);
  for (const name of measureNames) all.parse[name].push(...timings.parse[name]);
  all.edit.push(...timings.edit);
  const [pw, read, gm] = measureNames.map((name) => summary(timings.parse[name]));
  if (!pw || !read || !gm) throw new Error('missing measurement');
  rows.push([
    set.name,
    String(set.posts.length),
    cell(pw),
    cell(read),
    cell(gm),
    ratio(pw, gm),
    ratio(read, gm),
    cell(summary(timings.edit)),
  ]);
}

const widths = header.map((title, column) =>
  Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
);
const line = (row: readonly string[]): string =>
  row.map((value, column) => value.padEnd(widths[column] ?? 0)).join('  ');

console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
console.log('µs per post as median / p95; ratios as median (total time) against gray-matter\n');
console.log(line(header));
console.log(line(widths.map((width) => '-'.repeat(width))));
for (const row of rows) console.log(line(row));
const [pwAll, readAll, gmAll] = measureNames.map((name) => summary(all.parse[name]));
const editAll = summary(all.edit);
if (pwAll && readAll && gmAll) {
  console.log(
    `\nall sets: parsePost/gray-matter ${ratio(pwAll, gmAll)}, read path/gray-matter ${ratio(readAll, gmAll)}; setField(title) median ${editAll.median.toFixed(1)} µs, p95 ${editAll.p95.toFixed(1)} µs`,
  );
}
console.log(
  'goals (not checked): parsePost within 1.5× of gray-matter; a single-key edit under 1000 µs for a typical post',
);
console.log(
  'parsePost = shared split + front matter values and key positions (js-yaml core schema and a key scan; the yaml Document for anything unusual); read path = splitPost (gray-matter confirmation) + parsePost, as the library reads a file; gray-matter = matter(text, {}) with js-yaml',
);
if (sink < 0) console.log(sink);
