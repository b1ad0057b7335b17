import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isExternalUrl } from '../shared/links';

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
