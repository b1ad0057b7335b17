import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { fail, ok } from '../../shared/result';
import type { Result } from '../../shared/result';
import { createEventHub } from '../events';
import { checkFolder } from '../library/library';
import { createService } from '../service';
import type { SettingsStore } from '../settings';
import { startServer } from './server';
import type { RunningServer } from './server';

/** The built renderer next to the built Node side (out/electron -> out/renderer). */
export const builtRendererDir = join(__dirname, '..', 'renderer');

/** Options for `serveFolder`. */
export interface ServeOptions {
  readonly folder: string;
  readonly settings: SettingsStore;
  /** Where index caches are kept; none means every open reads every file. */
  readonly cacheDir?: string;
  readonly port?: number;
  readonly host?: string;
}

/** Starts browser mode on a posts folder: checks the folder and the build, then the server. */
export async function serveFolder(options: ServeOptions): Promise<Result<RunningServer>> {
  const folder = await checkFolder(options.folder);
  if (!folder.ok) return folder;
  try {
    await access(join(builtRendererDir, 'index.html'));
  } catch {
    return fail(
      'unreadable',
      `The app is not built (${builtRendererDir} is missing): run npm run build`,
    );
  }
  await options.settings.update({ lastFolder: options.folder });
  const events = createEventHub();
  const service = createService({
    root: options.folder,
    settings: options.settings,
    emit: events.emit,
    ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
    host: {
      chooseFolder: () => Promise.resolve(null),
      // The page's own beforeunload prompt covers a closing tab.
      setUnsavedChanges: () => undefined,
      openExternal: () =>
        Promise.resolve(fail('unsupported', 'In browser mode links open in a new browser tab')),
      // A web page cannot reach the OS trash or the file manager of the server's disk: deleted
      // posts stay in the folder's own trash, and the menu offers Copy path instead of Show.
      trash: null,
      showInFolder: () =>
        Promise.resolve(fail('unsupported', 'Browser mode cannot open the file manager')),
    },
  });
  const server = await startServer({
    service,
    events,
    rendererDir: builtRendererDir,
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.host === undefined ? {} : { host: options.host }),
  });
  return ok({
    ...server,
    close: async () => {
      await service.close();
      await server.close();
    },
  });
}

/** The one line browser mode prints. */
export function runningLine(server: RunningServer): string {
  return `Postwright is running at ${server.url}`;
}
