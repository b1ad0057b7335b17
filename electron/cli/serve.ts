import { join, resolve } from 'node:path';
import { defaultDocumentsDir, ensureSampleBlog } from '../sample-blog';
import { runningLine, serveFolder } from '../server/serve';
import { defaultConfigDir, settingsStore } from '../settings';
import { CliError, exit, parseCommand, print } from './common';

/** Help for `postwright serve`. */
export const serveUsage = `Usage: postwright serve [FOLDER] [--port N] [--host H]

Serves Postwright for FOLDER (default: the folder opened last, else the sample blog)
and prints one line with the address to open, including its access token.

Options:
  --port N   Port to listen on (default: a free port)
  --host H   Interface to listen on (default: 127.0.0.1; anything else exposes your files)
  --help     Show this help`;

/** `postwright serve`: browser mode; runs until interrupted. */
export async function serve(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    port: { type: 'string' },
    host: { type: 'string' },
  });
  if (values.help) return (print(serveUsage), exit.ok);
  if (positionals.length > 1) throw new CliError(`serve takes one FOLDER\n\n${serveUsage}`);
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new CliError(`--port must be a number from 0 to 65535 (got "${values.port}")`);
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
    cacheDir: join(defaultConfigDir(), 'index-cache'),
    ...(port === undefined ? {} : { port }),
    ...(values.host === undefined ? {} : { host: values.host }),
  });
  if (!started.ok) throw new CliError(started.error.message);
  print(runningLine(started.value));
  const stop = (): void => void started.value.close().then(() => process.exit(exit.ok));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => undefined);
}
