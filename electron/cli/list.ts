import { join, resolve } from 'node:path';
import type { PostStatus, PostSummary } from '../../shared/api';
import { detailsOf, indexFolder } from '../library/library';
import type { IndexedPost, PostDetails } from '../library/library';
import { defaultConfigDir } from '../settings';
import { CliError, exit, parseCommand, print } from './common';

/** Help for `postwright list`. */
export const listUsage = `Usage: postwright list FOLDER [--tag T]... [--status draft|published] [--category C] [--json]

Lists the posts in FOLDER, newest first: status, date, title and path, and how
many errors and warnings each has. Filters combine: a post is listed when it has
every --tag given and matches --status and --category (tags and category ignore
case). The index is cached, so listing a large folder again reads only the posts
that changed.

Options:
  --tag T       Only posts tagged T (repeat for posts with all of them)
  --status S    Only drafts (draft) or only published posts (published)
  --category C  Only posts in category C
  --json        Print the index as JSON: each post's row plus featured,
                wordCount, errors, warnings, size and modified
  --help        Show this help`;

/** What `list` selects posts by. */
export interface ListFilter {
  readonly tags: readonly string[];
  readonly status: PostStatus | null;
  readonly category: string | null;
}

const fold = (text: string): string => text.normalize('NFC').toLocaleLowerCase();

/** Whether a post passes every filter: all tags (ignoring case), the status, the category (ignoring case). */
export function matchesFilter(post: PostSummary, filter: ListFilter): boolean {
  if (filter.status !== null && post.status !== filter.status) return false;
  if (filter.category !== null && fold(post.category) !== fold(filter.category)) return false;
  const tags = new Set(post.tags.map(fold));
  return filter.tags.every((tag) => tags.has(fold(tag)));
}

function formatList(posts: readonly PostSummary[]): string {
  if (posts.length === 0) return 'No posts.';
  return posts
    .map((post) => {
      const status = post.status === 'published' ? 'published' : 'draft    ';
      const errors = post.problems.filter((each) => each.severity === 'error').length;
      const warnings = post.problems.length - errors;
      const problem =
        post.problems.length > 0 ? `  [${errors} error(s), ${warnings} warning(s)]` : '';
      return `${status}  ${(post.date || '-').padEnd(10)}  ${post.title}  (${post.path})${problem}`;
    })
    .join('\n');
}

/** A post as `--json` prints it: the sidebar's row plus what else the index knows. */
function jsonOf(post: IndexedPost): Omit<PostSummary, 'modified'> &
  Omit<PostDetails, 'mtimeMs' | 'checked'> & {
    readonly modified: string;
  } {
  const { featured, wordCount, errors, warnings, size, mtimeMs } = detailsOf(post);
  return {
    ...post.summary,
    featured,
    wordCount,
    errors,
    warnings,
    size,
    modified: new Date(mtimeMs).toISOString(),
  };
}

function statusOf(value: string | undefined): PostStatus | null {
  if (value === undefined) return null;
  if (value === 'draft' || value === 'published') return value;
  throw new CliError(`--status is draft or published, not "${value}"\n\n${listUsage}`);
}

/** Shows indexing progress on a terminal, on one line that is cleared when done. */
function progressLine(): { update: (done: number, total: number) => void; clear: () => void } {
  if (process.stderr.isTTY !== true) return { update: () => undefined, clear: () => undefined };
  let shown = false;
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      // A warm index finishes before anyone could read a line; redraw at most ten times a second.
      if (done === total || now - last < 100) return;
      last = now;
      shown = true;
      process.stderr.write(`\rIndexing ${done} of ${total} posts…`);
    },
    clear() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

/** `postwright list FOLDER`: the same index the sidebar shows, filtered. */
export async function list(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    json: { type: 'boolean' },
    tag: { type: 'string', multiple: true },
    status: { type: 'string' },
    category: { type: 'string' },
  });
  if (values.help) return (print(listUsage), exit.ok);
  const [folder, ...extra] = positionals;
  if (folder === undefined || extra.length > 0)
    throw new CliError(`list takes one FOLDER\n\n${listUsage}`);
  const filter: ListFilter = {
    tags: values.tag ?? [],
    status: statusOf(values.status),
    category: values.category ?? null,
  };
  const progress = progressLine();
  const result = await indexFolder(resolve(folder), {
    cacheDir: join(defaultConfigDir(), 'index-cache'),
    onProgress: progress.update,
  });
  progress.clear();
  if (!result.ok) throw new CliError(result.error.message);
  const index = result.value;
  const posts = index.posts.filter((post) => matchesFilter(post, filter));
  if (values.json) {
    const rows = posts.map((post) => jsonOf(index.entries.get(post.path) as IndexedPost));
    print(JSON.stringify(rows, null, 2));
  } else {
    print(formatList(posts));
  }
  return exit.ok;
}
