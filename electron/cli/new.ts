import { join, resolve } from 'node:path';
import { loadConfig } from '../library/config';
import { createPost } from '../library/writes';
import { CliError, exit, parseCommand, print } from './common';

/** Help for `postwright new`. */
export const newUsage = `Usage: postwright new FOLDER --title "TITLE"

Creates a draft post in FOLDER from the folder's schema (postwright.config.yml, or
the default fields), named after the title's slug (my-title.md; my-title-2.md if
that exists), and prints its path.

Options:
  --title T   The post's title (required)
  --help      Show this help`;

/** `postwright new FOLDER --title T`. */
export async function newPost(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { title: { type: 'string' } });
  if (values.help) return (print(newUsage), exit.ok);
  const [folder, ...extra] = positionals;
  if (folder === undefined || extra.length > 0 || values.title === undefined) {
    throw new CliError(`new takes FOLDER and --title\n\n${newUsage}`);
  }
  const root = resolve(folder);
  const config = await loadConfig(root);
  if (!config.ok) throw new CliError(config.error.message);
  const created = await createPost(root, config.value.schema, values.title);
  if (!created.ok) throw new CliError(created.error.message);
  print(join(folder, created.value));
  return exit.ok;
}
