import { basename, dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { parsePost, setField } from '../../shared/document';
import type { FieldValue, PostDocument } from '../../shared/document';
import { schemaOrder } from '../../shared/schema';
import { findPostsRoot, loadConfig } from '../library/config';
import { savePost, versionOf } from '../library/library';
import { splitPost } from '../library/post-file';
import { CliError, exit, parseCommand, print, readPostFile } from './common';

/** Help for `postwright set`. */
export const setUsage = `Usage: postwright set FILE KEY=VALUE...

Sets front matter fields of FILE. VALUE is a YAML value: tags=[go, node],
published=true, date=2024-05-03, title="A: B" (text that is not a number, boolean,
list or null is a string; quote it twice for the string "true": title='"true"'). Only the fields named change; every other byte of
the file (comments, order, quotes, list styles, line endings) stays as it was.
Nothing is written when the values are already set.

Options:
  --help   Show this help`;

function parseAssignment(assignment: string): [string, FieldValue] {
  const equals = assignment.indexOf('=');
  if (equals <= 0) throw new CliError(`"${assignment}" is not KEY=VALUE\n\n${setUsage}`);
  const key = assignment.slice(0, equals);
  const source = assignment.slice(equals + 1);
  let value: unknown;
  try {
    value = source === '' ? '' : parse(source, { version: '1.2', schema: 'core' });
  } catch {
    value = source;
  }
  // The shell has already taken the user's quotes off `title="A: B"`: text that reads as a map
  // (or not as YAML at all) is meant as the string typed.
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) value = source;
  return [key, (value ?? null) as FieldValue];
}

/** `postwright set FILE KEY=VALUE...`: lossless edits, written atomically and only if the file did not change meanwhile. */
export async function set(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, {});
  if (values.help) return (print(setUsage), exit.ok);
  const [file, ...assignments] = positionals;
  if (file === undefined || assignments.length === 0) {
    throw new CliError(`set takes FILE and at least one KEY=VALUE\n\n${setUsage}`);
  }
  const edits = assignments.map(parseAssignment);
  const text = await readPostFile(file);
  // New keys go where the folder's schema orders them.
  const config = await loadConfig(await findPostsRoot(resolve(file)));
  const order = config.ok ? schemaOrder(config.value.schema) : [];
  let doc: PostDocument = parsePost(text, splitPost(text));
  for (const [key, value] of edits) {
    const next = setField(doc, key, value, order);
    if (!next.ok) throw new CliError(`${file}: cannot set ${key}: ${next.error.message}`);
    doc = next.value;
  }
  if (doc.text === text) return exit.ok;
  const path = resolve(file);
  const saved = await savePost(
    dirname(path),
    basename(path),
    doc.text,
    versionOf(Buffer.from(text, 'utf8')),
  );
  if (!saved.ok) throw new CliError(saved.error.message);
  return exit.ok;
}
