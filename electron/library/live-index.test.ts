import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Events } from '../../shared/api';
import { createLiveIndex } from './live-index';
import type { LiveIndex } from './live-index';
import { diskReader } from './scan';
import type { FileReader } from './scan';

let root: string;
let live: LiveIndex | null = null;
let events: { name: keyof Events; payload: unknown }[];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'postwright-live-'));
  events = [];
  for (const name of ['a', 'b', 'c']) {
    await writeFile(
      join(root, `${name}.md`),
      `---\ntitle: Post ${name}\n---\n\nBody of ${name}.\n`,
    );
  }
});

afterEach(async () => {
  await live?.close();
  live = null;
  await rm(root, { recursive: true, force: true });
});

async function until(condition: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > 10_000) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

/**
 * The disk, except that whole-file reads (the body checks' pass) are answered only on `release()`,
 * with the bytes as they were when asked for: stale by then, if another program wrote meanwhile.
 */
function heldReader(): { reader: FileReader; release: () => void } {
  let release: () => void = () => undefined;
  const released = new Promise<void>((done) => (release = done));
  return {
    reader: {
      ...diskReader,
      read: async (file) => {
        const read = await diskReader.read(file);
        await released;
        return read;
      },
    },
    release,
  };
}

test('a change from another program reaches the list while the first index still runs its body checks, and is not undone when they end', async () => {
  const held = heldReader();
  live = createLiveIndex(root, {
    emit: (name, payload) => events.push({ name, payload }),
    reader: held.reader,
  });
  const early = await live.posts();
  expect(early.ok && early.value.map((post) => post.title).sort()).toEqual([
    'Post a',
    'Post b',
    'Post c',
  ]);

  // The watcher may not be ready at once: write until it reports (each write a new title).
  let round = 0;
  const changed = (): boolean => events.some((event) => event.name === 'postChangedOnDisk');
  while (!changed()) {
    round++;
    await writeFile(join(root, 'b.md'), `---\ntitle: Edited ${round}\n---\n\nNew body.\n`);
    const wrote = Date.now();
    await until(() => changed() || Date.now() - wrote > 300, 'a write to be reported');
  }
  const event = events.find((each) => each.name === 'postChangedOnDisk');
  expect(event?.payload).toMatchObject({ path: 'b.md', title: `Edited ${round}` });
  expect(events.some((each) => each.name === 'postsReindexed')).toBe(false);

  // The complete index read every file before the change was made: its result must show the
  // edit all the same.
  held.release();
  await until(() => events.some((each) => each.name === 'postsReindexed'), 'postsReindexed');
  const complete = await live.posts();
  expect(complete.ok && complete.value.find((post) => post.path === 'b.md')?.title).toBe(
    `Edited ${round}`,
  );
});

test('a post read while another program was still writing it is read again once the write ends', async () => {
  live = createLiveIndex(root, { emit: (name, payload) => events.push({ name, payload }) });
  await live.posts();
  const titleOf = async (path: string): Promise<string | undefined> => {
    const posts = await (live as LiveIndex).posts();
    return posts.ok ? posts.value.find((post) => post.path === path)?.title : undefined;
  };
  // The watcher may not be ready at once: write until it reports.
  let round = 0;
  while (!events.some((event) => event.name === 'postChangedOnDisk')) {
    round++;
    await writeFile(join(root, 'a.md'), `---\ntitle: Ready ${round}\n---\n`);
    const wrote = Date.now();
    await until(
      () => events.some((event) => event.name === 'postChangedOnDisk') || Date.now() - wrote > 300,
      'a write to be reported',
    );
  }
  await new Promise((done) => setTimeout(done, 150));

  // One write in two parts, 45 ms apart: the first part's batch goes out mid-write and may read
  // it alone; the listed title must end as the whole write's.
  const file = await open(join(root, 'c.md'), 'w');
  await file.write('---\ntitle: Whole post');
  await new Promise((done) => setTimeout(done, 45));
  await file.write(' written in two parts\n---\n\nThe body.\n');
  await file.close();
  const started = Date.now();
  while ((await titleOf('c.md')) !== 'Whole post written in two parts') {
    if (Date.now() - started > 3_000) {
      throw new Error(`c.md is listed as "${await titleOf('c.md')}" after the write ended`);
    }
    await new Promise((done) => setTimeout(done, 20));
  }
  const last = events.filter(
    (event) =>
      event.name === 'postChangedOnDisk' && (event.payload as { path: string }).path === 'c.md',
  );
  expect(last.at(-1)?.payload).toMatchObject({ title: 'Whole post written in two parts' });
});
