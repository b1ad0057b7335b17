import { resolve } from 'node:path';
import type { PostSummary } from '../../shared/api';
import { listPosts } from '../library/library';
import { CliError, exit, parseCommand, print } from './common';

/** Help for `postwright list`. */
export const listUsage = `Usage: postwright list FOLDER [--json]

Lists the posts in FOLDER, newest first: status, date, title and path.

Options:
  --json   Print the index as JSON
  --help   Show this help`;

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

/** `postwright list FOLDER`: the same index the sidebar shows. */
export async function list(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { json: { type: 'boolean' } });
  if (values.help) return (print(listUsage), exit.ok);
  const [folder, ...extra] = positionals;
  if (folder === undefined || extra.length > 0)
    throw new CliError(`list takes one FOLDER\n\n${listUsage}`);
  const result = await listPosts(resolve(folder));
  if (!result.ok) throw new CliError(result.error.message);
  print(values.json ? JSON.stringify(result.value, null, 2) : formatList(result.value));
  return exit.ok;
}
