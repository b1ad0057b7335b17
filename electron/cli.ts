import { CliError, exit, print, report } from './cli/common';
import { check } from './cli/check';
import { get } from './cli/get';
import { list } from './cli/list';
import { newPost } from './cli/new';
import { render } from './cli/render';
import { serve } from './cli/serve';
import { set } from './cli/set';

const usage = `Usage: postwright <command> [options]

Postwright, a Markdown blog editor that never mangles your posts.

Commands:
  serve [FOLDER] [--port N] [--host H]  Open FOLDER in your browser (browser mode)
  list FOLDER [--tag T]... [--status S] [--category C] [--json]
                                        List the posts in FOLDER, filtered
  get FILE KEY [--source]               Print one front matter field
  set FILE KEY=VALUE...                 Change front matter fields, nothing else
  render FILE                           Print the body as the preview's sanitized HTML
  check PATH... [--json]                Check posts as the editor does (exit 1 on errors)
  new FOLDER --title T                  Create a draft post from the folder's schema
  export FOLDER --to TARGET_OR_REPO [--post FILE]... [--all-published]
         [--dry-run] [--commit] [--push] [--json]
                                        Export posts into the site's git repository

Exit codes: 0 done, 1 the posts have problems (or were held back from export),
2 bad usage or unreadable input.
Run "postwright <command> --help" for a command's options.`;

const commands: Readonly<Record<string, (args: string[]) => Promise<number>>> = {
  serve,
  list,
  get,
  set,
  render,
  check,
  new: newPost,
  // Loaded when used: the export engine (git, diff) is not worth loading for every command.
  export: async (args) => (await import('./cli/export')).exportPosts(args),
};

/** Runs the `postwright` command line; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) return (print(usage), exit.failure);
  if (['--help', '-h', 'help'].includes(command)) return (print(usage), exit.ok);
  if (command === '--version') return (print(process.env.POSTWRIGHT_VERSION ?? '0.0.0'), exit.ok);
  const run = Object.hasOwn(commands, command) ? commands[command] : undefined;
  if (run === undefined) return report(`unknown command "${command}"\n\n${usage}`, exit.failure);
  try {
    return await run(rest);
  } catch (error) {
    if (error instanceof CliError) return report(error.message, exit.failure);
    // parseArgs throws on unknown options: a usage error, not a crash.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      return report(`${(error as Error).message}\n\n${usage}`, exit.failure);
    }
    return report(
      `unexpected error: ${error instanceof Error ? error.message : String(error)}`,
      exit.failure,
    );
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
