import { contextBridge, ipcRenderer } from 'electron';
import { commandChannel, eventChannel, mapCommands } from '../shared/api';
import type { Api, Commands, Events } from '../shared/api';
import { imageScheme, localImageUrl } from '../shared/image-url';

// The only values the page gets: one function per command and `on` for events. Never ipcRenderer.
const commands: Commands = mapCommands(
  (name) =>
    ((...args: unknown[]) =>
      ipcRenderer.invoke(commandChannel(name), ...args)) as Commands[typeof name],
);

const api: Api = {
  ...commands,
  platform: 'desktop',
  imageUrl: (postPath, src) => localImageUrl(`${imageScheme}://local/`, postPath, src),
  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void) {
    const channel = eventChannel(event);
    const handler = (_event: unknown, payload: Events[K]): void => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => void ipcRenderer.removeListener(channel, handler);
  },
};

contextBridge.exposeInMainWorld('postwright', api);
