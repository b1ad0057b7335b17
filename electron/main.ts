import { app, BrowserWindow, dialog, Menu, shell } from 'electron';
import { ok } from '../shared/result';
import { createEventHub } from './events';
import { registerIpc, sendEvent } from './ipc';
import { buildMenu } from './menu';
import { ensureSampleBlog } from './sample-blog';
import { createService } from './service';
import { settingsStore } from './settings';
import { createMainWindow } from './window';

// Wires the rooms together; each lives in its own file.
async function start(): Promise<void> {
  await app.whenReady();
  const settings = settingsStore(process.env.POSTWRIGHT_CONFIG_DIR ?? app.getPath('userData'));
  const remembered = (await settings.load()).lastFolder;
  const root = remembered ?? (await ensureSampleBlog(app.getPath('documents')));
  const events = createEventHub();
  let window: BrowserWindow | null = null;
  let unsaved = false;

  const service = createService({
    root,
    settings,
    emit: events.emit,
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
        unsaved = value;
        window?.setDocumentEdited(value);
      },
    },
  });
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
    created.on('close', (event) => {
      if (!unsaved) return;
      // Unsaved text is never dropped silently: ask, and close only when the user says so.
      event.preventDefault();
      void dialog
        .showMessageBox(created, {
          type: 'warning',
          message: 'This post has unsaved changes.',
          detail: 'Closing the window discards them.',
          buttons: ['Keep editing', 'Discard and close'],
          defaultId: 0,
          cancelId: 0,
        })
        .then(({ response }) => {
          if (response !== 1) return;
          unsaved = false;
          created.close();
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
