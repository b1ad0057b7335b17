import { BrowserWindow, dialog, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isExternalUrl } from '../shared/links';
import { assertNever } from '../shared/result';
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
