import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { PostSummary } from '../shared/api';
import { listPosts } from './library/library';
import { defaultDocumentsDir, ensureSampleBlog } from './sample-blog';
import { runningLine, serveFolder } from './server/serve';
import { defaultConfigDir, settingsStore } from './settings';

const usage = `Usage: postwright <command> [options]

Postwright, a Markdown blog editor that never mangles your posts.

Commands:
  serve [FOLDER] [--port N] [--host H]  Open FOLDER in your browser (browser mode)
  list FOLDER [--json]                  List the posts in FOLDER

Run "postwright <command> --help" for a command's options.`;

const serveUsage = `Usage: postwright serve [FOLDER] [--port N] [--host H]

Serves Postwright for FOLDER (default: the folder opened last, else the sample blog)
and prints one line with the address to open, including its access token.

Options:
  --port N   Port to listen on (default: a free port)
  --host H   Interface to listen on (default: 127.0.0.1; anything else exposes your files)
  --help     Show this help`;

const listUsage = `Usage: postwright list FOLDER [--json]

Lists the posts in FOLDER, newest first: status, date, title and path.

Options:
  --json   Print the index as JSON
  --help   Show this help`;

/** Exit codes: 0 done, 1 usage errors, 2 the folder or a file could not be used. */
const exitUsage = 1;
const exitFailure = 2;

function failWith(message: string, code: number): number {
  process.stderr.write(`postwright: ${message}\n`);
  return code;
}

function formatList(posts: readonly PostSummary[]): string {
  if (posts.length === 0) return 'No posts.\n';
  return posts
    .map((post) => {
      const status = post.status === 'published' ? 'published' : 'draft    ';
      const problem = post.problems.length > 0 ? `  [${post.problems.length} problem(s)]` : '';
      return `${status}  ${(post.date || '-').padEnd(10)}  ${post.title}  (${post.path})${problem}`;
    })
    .join('\n')
    .concat('\n');
}

async function list(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) return (void process.stdout.write(`${listUsage}\n`), 0);
  const [folder, ...extra] = positionals;
  if (folder === undefined || extra.length > 0)
    return failWith(`list takes one FOLDER\n\n${listUsage}`, exitUsage);
  const result = await listPosts(resolve(folder));
  if (!result.ok) return failWith(result.error.message, exitFailure);
  process.stdout.write(
    values.json ? `${JSON.stringify(result.value, null, 2)}\n` : formatList(result.value),
  );
  return 0;
}

async function serve(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return (void process.stdout.write(`${serveUsage}\n`), 0);
  if (positionals.length > 1) return failWith(`serve takes one FOLDER\n\n${serveUsage}`, exitUsage);
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    return failWith(`--port must be a number from 0 to 65535 (got "${values.port}")`, exitUsage);
  }
  const settings = settingsStore(defaultConfigDir());
  const given = positionals[0];
  const folder =
    given !== undefined
      ? resolve(given)
      : ((await settings.load()).lastFolder ?? (await ensureSampleBlog(defaultDocumentsDir())));
  const started = await serveFolder({
    folder,
    settings,
    ...(port === undefined ? {} : { port }),
    ...(values.host === undefined ? {} : { host: values.host }),
  });
  if (!started.ok) return failWith(started.error.message, exitFailure);
  process.stdout.write(`${runningLine(started.value)}\n`);
  const stop = (): void => void started.value.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => undefined);
}

/** Runs the `postwright` command line; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serve(rest);
      case 'list':
        return await list(rest);
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(`${usage}\n`);
        return command === undefined ? exitUsage : 0;
      case '--version':
        process.stdout.write(`${process.env.POSTWRIGHT_VERSION ?? '0.1.0'}\n`);
        return 0;
      default:
        return failWith(`unknown command "${command}"\n\n${usage}`, exitUsage);
    }
  } catch (error) {
    // parseArgs throws on unknown options: a usage error, not a crash.
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      return failWith(`${(error as Error).message}\n\n${usage}`, exitUsage);
    }
    return failWith(
      `unexpected error: ${error instanceof Error ? error.message : String(error)}`,
      exitFailure,
    );
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
