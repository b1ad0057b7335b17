import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A small deterministic PRNG (mulberry32), so every run writes the same posts. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = `go node rust deno bun typescript backend frontend database cache queue search testing
deploy docker kubernetes latency memory profiling logging tracing security auth api graphql rest
streams workers threads async errors types modules build release review design writing editing
travel lisbon hiking scotland coffee remote teams habits tools markdown static sites git ci`
  .split(/\s+/)
  .filter(Boolean);

const categories = ['Technology', 'Travel', 'Writing', 'Tools', 'Career', 'Notes', 'Tutorials'];

/** The body of a post file: everything after the closing `---` line. */
function bodyOf(text: string): string {
  const close = text.indexOf('\n---', 4);
  return close < 0 ? text : text.slice(text.indexOf('\n', close + 1) + 1);
}

/**
 * The Markdown blocks (paragraphs, headings, lists, fenced code, images) of the sample blog's
 * bodies: real prose and real structure for the checks to chew on, recombined per post.
 */
async function sampleBlocks(sampleDir: string): Promise<string[]> {
  const names = (await readdir(sampleDir, { recursive: true, encoding: 'utf8' })).filter((name) =>
    name.endsWith('.md'),
  );
  const blocks: string[] = [];
  for (const name of names.sort()) {
    const body = bodyOf(await readFile(join(sampleDir, name), 'utf8'));
    // Split on blank lines, but keep a fenced code block whole.
    let current: string[] = [];
    let fenced = false;
    for (const line of body.split('\n')) {
      if (line.startsWith('```')) fenced = !fenced;
      if (line.trim() === '' && !fenced) {
        if (current.length > 0) blocks.push(current.join('\n'));
        current = [];
      } else {
        current.push(line);
      }
    }
    if (current.length > 0) blocks.push(current.join('\n'));
  }
  // Top-level headings belong to one post; the recombined posts get their own.
  return blocks.filter((block) => !block.startsWith('# '));
}

/** What `writePosts` wrote. */
export interface GeneratedPosts {
  readonly count: number;
  readonly bytes: number;
  readonly drafts: number;
  readonly bundles: number;
}

/**
 * Writes `count` posts shaped like assets/sample-blog/go-vs-node.md into `root`: the same eleven
 * front matter keys in the same style, varied titles, dates over ten years, 1–6 tags from a shared
 * vocabulary, a category from a short list, about 15 % drafts, 20 % featured; bodies of 1–20 KB
 * recombined from the sample blog's own blocks. Most posts are flat files in year folders, one in
 * ten is a page bundle (`slug/index.md`), one in fifty uses `.markdown`. `modified` dates the
 * files, as a folder of posts written long ago would be.
 */
export async function writePosts(
  root: string,
  count: number,
  sampleDir = 'assets/sample-blog',
  modified?: Date,
): Promise<GeneratedPosts> {
  const blocks = await sampleBlocks(sampleDir);
  const prose = blocks.filter((block) => /^[A-Za-z]/.test(block));
  const next = random(20240228);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const title = (): string => {
    const text = Array.from({ length: 3 + Math.floor(next() * 6) }, () => pick(words)).join(' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  let bytes = 0;
  let drafts = 0;
  let bundles = 0;
  const made = new Set<string>();
  const files: { path: string; text: string }[] = [];
  for (let index = 0; index < count; index++) {
    const date = new Date(Date.UTC(2015, 0, 1) + Math.floor(next() * 3650) * 86_400_000);
    const day = date.toISOString().slice(0, 10);
    const tags = [
      ...new Set(Array.from({ length: 1 + Math.floor(next() * 6) }, () => pick(words))),
    ].map((tag) => JSON.stringify(tag.charAt(0).toUpperCase() + tag.slice(1)));
    const headline = `${title()}: ${title()}`;
    const slug = `${headline.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${index + 1}`;
    const published = next() >= 0.15;
    if (!published) drafts++;
    const target = 1024 + Math.floor(next() * 19 * 1024);
    const body: string[] = [`# ${headline}`];
    let size = headline.length + 3;
    while (size < target) {
      // A heading always gets some text under it, as in a written post (no empty sections).
      const block = body[body.length - 1]?.startsWith('#') === true ? pick(prose) : pick(blocks);
      body.push(block);
      size += block.length + 2;
    }
    const minutes = Math.max(1, Math.round(size / 1200));
    const frontMatter = [
      `title: ${JSON.stringify(headline)}`,
      `description: ${JSON.stringify(`${title()}, ${title().toLowerCase()} and the kind of team each one suits.`)}`,
      `date: "${day}"`,
      `published: ${published}`,
      `featured: ${next() < 0.2}`,
      `tags: [${tags.join(', ')}]`,
      `category: ${JSON.stringify(pick(categories))}`,
      `reading_time: "${minutes} min read"`,
      `excerpt: ${JSON.stringify(`${title()}. ${title()}, ${title().toLowerCase()}.`)}`,
      `image: "/images/blogs/${slug}.png"`,
      `external_url: ""`,
    ].join('\n');
    const text = `---\n${frontMatter}\n---\n\n${body.join('\n\n')}\n`;
    const roll = next();
    const year = day.slice(0, 4);
    let path: string;
    if (roll < 0.1) {
      path = `${year}/${slug}/index.md`;
      bundles++;
    } else {
      path = `${year}/${slug}${roll < 0.12 ? '.markdown' : '.md'}`;
    }
    files.push({ path, text });
    bytes += Buffer.byteLength(text);
  }
  for (const file of files) {
    const dir = dirname(join(root, file.path));
    if (!made.has(dir)) {
      await mkdir(dir, { recursive: true });
      made.add(dir);
    }
  }
  // Written a few hundred at a time: fast, without opening 10,000 files at once.
  for (let start = 0; start < files.length; start += 256) {
    await Promise.all(
      files.slice(start, start + 256).map(async (file) => {
        await writeFile(join(root, file.path), file.text);
        if (modified !== undefined) await utimes(join(root, file.path), modified, modified);
      }),
    );
  }
  return { count, bytes, drafts, bundles };
}
