import { BrowserWindow, dialog, protocol, shell } from 'electron';
import type { CustomScheme } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { imageScheme } from '../shared/image-url';
import { isExternalUrl } from '../shared/links';
import { assertNever } from '../shared/result';
import type { Result } from '../shared/result';
import { imageErrorStatus, imageHeaders, imageQuery } from './library/images';
import type { ImageFile } from './library/images';
import type { CloseAnswer, CloseQuestion } from './close-guard';

/** The built renderer's page. */
export const rendererIndex = join(__dirname, '..', 'renderer', 'index.html');

/**
 * Creates the main window with every Electron security default on: context isolation, sandbox, no
 * Node in the page, no navigation away from our page, no new windows (links go to the user's browser).
 */
export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    title: 'Postwright',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  const ownUrl = pathToFileURL(rendererIndex).href;
  window.webContents.on('will-navigate', (event, url) => {
    if (url !== ownUrl) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(rendererIndex);
  return window;
}

/**
 * The image scheme, registered before the app is ready: standard (so `postwright-image://local/?...`
 * parses like a web URL) and secure (no mixed-content warnings). Not CSP-bypassing, no fetch, no
 * CORS: the page's CSP names the scheme in `img-src`, and only images load from it.
 */
export const imageSchemePrivileges: CustomScheme = {
  scheme: imageScheme,
  privileges: { standard: true, secure: true },
};

function textResponse(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}

/**
 * Serves `postwright-image://local/?post=POST&src=SRC` (see `Api.imageUrl`) with the same resolver
 * as browser mode's image route, so the desktop app shows the same images from the same folders
 * only. Call once the app is ready. The protocol lives in the default session, which only our own
 * windows use; they load only our page and attach no webviews.
 */
export function registerImageProtocol(
  findImage: (postPath: string, src: string) => Promise<Result<ImageFile>>,
): void {
  protocol.handle(imageScheme, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return textResponse(405, 'Method not allowed');
    }
    const url = new URL(request.url);
    const query = url.host === 'local' ? imageQuery(url.searchParams) : null;
    if (query === null) return textResponse(400, 'An image needs post and src');
    const image = await findImage(query.post, query.src);
    if (!image.ok) return textResponse(imageErrorStatus(image.error), image.error.message);
    try {
      const content = await readFile(image.value.path);
      return new Response(request.method === 'HEAD' ? null : content, {
        status: 200,
        headers: { ...imageHeaders(image.value), 'Content-Length': String(content.length) },
      });
    } catch {
      return textResponse(404, `Image not found: ${query.src}`);
    }
  });
}

/** Asks what to do with unsaved text when the window is closing (see `mayClose`). */
export async function askAboutClosing(
  window: BrowserWindow,
  question: CloseQuestion,
): Promise<CloseAnswer> {
  const answers: readonly CloseAnswer[] = ['keepEditing', 'save', 'discard'];
  const text = ((): { message: string; detail: string; save: string } => {
    switch (question) {
      case 'unsaved':
        return {
          message: 'This post has unsaved changes.',
          detail: 'Closing the window without saving discards them.',
          save: 'Save and close',
        };
      case 'saveFailed':
        return {
          message: 'This post could not be saved.',
          detail:
            'The reason is shown in the window (for example, the file changed on disk). Closing now discards your changes.',
          save: 'Try again',
        };
      default:
        return assertNever(question);
    }
  })();
  const { response } = await dialog.showMessageBox(window, {
    type: 'warning',
    message: text.message,
    detail: text.detail,
    buttons: ['Keep editing', text.save, 'Discard and close'],
    defaultId: 0,
    cancelId: 0,
  });
  return answers[response] ?? 'keepEditing';
}

/** What the OS calls its trash, for "Moved to the Trash". */
export function trashName(platform: NodeJS.Platform = process.platform): string {
  return platform === 'darwin'
    ? 'the Trash'
    : platform === 'win32'
      ? 'the Recycle Bin'
      : 'the trash';
}
