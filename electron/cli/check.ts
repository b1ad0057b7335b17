import { readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parsePost } from '../../shared/document';
import { inferFields } from '../../shared/schema';
import type { Problem } from '../../shared/validate';
import { findPostsRoot, loadConfig } from '../library/config';
import { checkPostText, decodePost, findPostFiles, indexFolder } from '../library/library';
import { splitPost } from '../library/post-file';
import { defaultConfigDir } from '../settings';
import { CliError, exit, parseCommand, print } from './common';

/** Help for `postwright check`. */
export const checkUsage = `Usage: postwright check PATH... [--json]

Checks posts (files, or every post in folders) the way the editor does: front
matter, required fields, kinds, dates, URLs, lengths, missing images, empty
sections, TODOs, a stale reading time, chat-assistant residue. A folder's
postwright.config.yml is used; a single file uses the config of the nearest
folder above it that has one.

Prints one line per problem (PATH:LINE:COLUMN: severity: message [rule]) and a
summary. Exit 0 when there are no errors (warnings are fine), 1 when there are
errors, 2 on bad usage or unreadable input.

Options:
  --json   Print { problems, errors, warnings, posts } as JSON
  --help   Show this help`;

interface Checked {
  readonly problems: Problem[];
  readonly posts: number;
  readonly unreadable: string[];
}

async function checkFolder(folder: string, shown: string): Promise<Checked> {
  // The schema comes from every post in the folder; the index cache (shared with `list`) keeps that
  // pass to the files that changed. Each post is then read once more for its full check.
  const index = await indexFolder(folder, { cacheDir: join(defaultConfigDir(), 'index-cache') });
  if (!index.ok) throw new CliError(index.error.message);
  const { schema, config } = index.value;
  const problems: Problem[] = config.problems.map((problem) => ({
    ...problem,
    path: join(shown, problem.path),
  }));
  const unreadable: string[] = [];
  const files = await findPostFiles(folder);
  for (const file of files) {
    const path = relative(folder, file).split('\\').join('/');
    const text = decodePost(await readFile(file));
    if (!text.ok) {
      unreadable.push(`${join(shown, path)}: ${text.error.message}`);
      continue;
    }
    const found = await checkPostText(folder, schema, path, text.value);
    problems.push(...found.map((problem) => ({ ...problem, path: join(shown, path) })));
  }
  return { problems, posts: files.length, unreadable };
}

async function checkFile(file: string, shown: string): Promise<Checked> {
  const root = await findPostsRoot(file);
  const config = await loadConfig(root);
  if (!config.ok) throw new CliError(config.error.message);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return { problems: [], posts: 1, unreadable: [`${shown}: cannot be read`] };
  }
  const text = decodePost(bytes);
  if (!text.ok) return { problems: [], posts: 1, unreadable: [`${shown}: ${text.error.message}`] };
  const doc = parsePost(text.value, splitPost(text.value));
  const schema = inferFields(config.value.schema, [doc.values]);
  const path = relative(root, file).split('\\').join('/');
  const found = await checkPostText(root, schema, path, text.value);
  return {
    problems: found.map((problem) => ({ ...problem, path: shown })),
    posts: 1,
    unreadable: [],
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `postwright check PATH...`. */
export async function check(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { json: { type: 'boolean' } });
  if (values.help) return (print(checkUsage), exit.ok);
  if (positionals.length === 0)
    throw new CliError(`check takes at least one PATH\n\n${checkUsage}`);
  const problems: Problem[] = [];
  const unreadable: string[] = [];
  let posts = 0;
  for (const given of positionals) {
    const full = resolve(given);
    const info = await stat(full).catch(() => null);
    if (info === null) throw new CliError(`cannot read ${given}: no such file or folder`);
    const checked = info.isDirectory()
      ? await checkFolder(full, given)
      : await checkFile(full, given);
    problems.push(...checked.problems);
    unreadable.push(...checked.unreadable);
    posts += checked.posts;
  }
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.length - errors;
  if (values.json) {
    print(JSON.stringify({ problems, errors, warnings, posts, unreadable }, null, 2));
  } else {
    for (const problem of problems) {
      print(
        `${problem.path}:${problem.line}:${problem.column}: ${problem.severity}: ${problem.message} [${problem.rule}]`,
      );
    }
    print(`${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(posts, 'post')}`);
  }
  for (const line of unreadable) process.stderr.write(`postwright: cannot read ${line}\n`);
  if (unreadable.length > 0) return exit.failure;
  return errors > 0 ? exit.problems : exit.ok;
}
