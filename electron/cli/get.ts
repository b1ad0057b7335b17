import { fieldSource, parsePost } from '../../shared/document';
import { splitPost } from '../library/post-file';
import { CliError, exit, parseCommand, print, readPostFile, report } from './common';

/** Help for `postwright get`. */
export const getUsage = `Usage: postwright get FILE KEY [--source]

Prints one front matter field of FILE: strings as they read, numbers and booleans
as written, lists and maps as JSON. Exit 1 when FILE has no such field.

Options:
  --source   Print the value's YAML source exactly as written
  --help     Show this help`;

/** `postwright get FILE KEY`. */
export async function get(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { source: { type: 'boolean' } });
  if (values.help) return (print(getUsage), exit.ok);
  const [file, key, ...extra] = positionals;
  if (file === undefined || key === undefined || extra.length > 0) {
    throw new CliError(`get takes FILE and KEY\n\n${getUsage}`);
  }
  const text = await readPostFile(file);
  const doc = parsePost(text, splitPost(text));
  if (doc.problem !== null) {
    const { message, line, column } = doc.problem;
    throw new CliError(`${file}:${line}:${column}: ${message}`);
  }
  if (!Object.hasOwn(doc.values, key))
    return report(`${file} has no field "${key}"`, exit.problems);
  if (values.source) return (print(fieldSource(doc, key) ?? ''), exit.ok);
  const value = doc.values[key];
  print(typeof value === 'string' ? value : value === null ? '' : JSON.stringify(value));
  return exit.ok;
}
