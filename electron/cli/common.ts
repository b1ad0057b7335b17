import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { decodePost } from '../library/library';

/** Exit codes: 0 done; 1 the content has problems (check found errors, a field is missing); 2 bad usage or unreadable input. */
export const exit = { ok: 0, problems: 1, failure: 2 } as const;

/** Thrown for a usage or input error; the dispatcher prints it and exits 2. */
export class CliError extends Error {}

/** Prints a one-line message on stderr and returns the exit code. */
export function report(message: string, code: number): number {
  process.stderr.write(`postwright: ${message}\n`);
  return code;
}

/** Writes to stdout. */
export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's arguments; `--help` is always an option. Unknown options are usage errors. */
export function parseCommand<O extends Options>(args: string[], options: O) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: { ...options, help: { type: 'boolean' } },
  });
}

/** Reads a post file given on the command line as UTF-8 text, or throws a CliError saying why not. */
export async function readPostFile(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : String(code ?? error);
    throw new CliError(`cannot read ${file}: ${why}`);
  }
  const text = decodePost(bytes);
  if (!text.ok) throw new CliError(`cannot read ${file}: ${text.error.message}`);
  return text.value;
}
