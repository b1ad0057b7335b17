import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, protocol, shell } from 'electron';
import { fail, ok } from '../shared/result';
import { createUnsavedTracker, mayClose } from './close-guard';
import { createEventHub } from './events';
import { registerIpc, sendEvent } from './ipc';
import { imageSource } from './library/images';
import { buildMenu } from './menu';
import { ensureSampleBlog } from './sample-blog';
import { createService, preferencesOf } from './service';
import { settingsStore } from './settings';
import {
  askAboutClosing,
  createMainWindow,
  imageSchemePrivileges,
  registerImageProtocol,
  trashName,
} from './window';

// Wires the rooms together; each lives in its own file.
async function start(): Promise<void> {
  await app.whenReady();
  const settings = settingsStore(process.env.POSTWRIGHT_CONFIG_DIR ?? app.getPath('userData'));
  const remembered = (await settings.load()).lastFolder;
  const root = remembered ?? (await ensureSampleBlog(app.getPath('documents')));
  const events = createEventHub();
  let window: BrowserWindow | null = null;
  const unsaved = createUnsavedTracker();

  const service = createService({
    root,
    settings,
    emit: events.emit,
    cacheDir: join(process.env.POSTWRIGHT_CONFIG_DIR ?? app.getPath('userData'), 'index-cache'),
    host: {
      async chooseFolder() {
        const options = { title: 'Open a posts folder', properties: ['openDirectory' as const] };
        const picked = window
          ? await dialog.showOpenDialog(window, options)
          : await dialog.showOpenDialog(options);
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
      },
      async openExternal(url) {
        await shell.openExternal(url);
        return ok(null);
      },
      setUnsavedChanges(value) {
        unsaved.set(value);
        window?.setDocumentEdited(value);
      },
      async trash(path) {
        try {
          await shell.trashItem(path);
          return ok(`Moved to ${trashName()}`);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          return fail('writeFailed', `${path} could not be moved to ${trashName()}: ${reason}`);
        }
      },
      showInFolder(path) {
        shell.showItemInFolder(path);
        return Promise.resolve(ok(null));
      },
    },
  });
  // Deleted posts whose undo is still open go on to the system trash before the app exits.
  let finished = false;
  app.on('will-quit', (event) => {
    if (finished) return;
    event.preventDefault();
    finished = true;
    void service.close().finally(() => app.quit());
  });
  registerImageProtocol(imageSource(service));
  events.subscribe((event, payload) => {
    for (const each of BrowserWindow.getAllWindows()) sendEvent(each.webContents, event, payload);
  });
  registerIpc(
    service,
    (event) =>
      BrowserWindow.getAllWindows().some((each) => each.webContents.id === event.sender.id) &&
      event.senderFrame?.url.startsWith('file://') === true,
  );
  Menu.setApplicationMenu(
    buildMenu((command) => {
      const target = BrowserWindow.getFocusedWindow() ?? window;
      if (target) sendEvent(target.webContents, 'menuCommand', command);
    }),
  );
  const open = (): BrowserWindow => {
    const created = createMainWindow();
    let deciding = false;
    created.on('close', (event) => {
      if (!unsaved.get()) return;
      // Unsaved text is never dropped silently: save it (autosave), or ask, then close again.
      event.preventDefault();
      if (deciding) return;
      deciding = true;
      void mayClose(unsaved, {
        autosave: async () => preferencesOf(await settings.load()).autosave,
        requestSave: () => sendEvent(created.webContents, 'menuCommand', 'save'),
        ask: (question) => askAboutClosing(created, question),
      })
        .then((close) => {
          if (!close) return;
          unsaved.set(false);
          created.close();
        })
        .finally(() => {
          deciding = false;
        });
    });
    return created;
  };
  window = open();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = open();
  });
}

// Same settings folder as the CLI and browser mode (~/.config/Postwright and its peers).
app.setName('Postwright');
// Custom schemes must be declared before the app is ready; the handler comes with the service.
protocol.registerSchemesAsPrivileged([imageSchemePrivileges]);

app.on('web-contents-created', (_event, contents) => {
  // No webviews, ever.
  contents.on('will-attach-webview', (event) => event.preventDefault());
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

start().catch((error: unknown) => {
  dialog.showErrorBox(
    'Postwright could not start',
    error instanceof Error ? error.message : String(error),
  );
  app.quit();
});
