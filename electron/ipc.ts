import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { commandChannel, commandNames, eventChannel } from '../shared/api';
import type { CommandName, Commands, Events } from '../shared/api';
import { dispatch } from './service';

/** Registers one `ipcMain.handle` per command, refusing any sender that is not one of our windows. */
export function registerIpc(
  service: Commands,
  isOwnSender: (event: IpcMainInvokeEvent) => boolean,
): void {
  for (const name of Object.keys(commandNames) as CommandName[]) {
    ipcMain.handle(commandChannel(name), (event, ...args: unknown[]) => {
      if (!isOwnSender(event)) throw new Error(`Refused ${name} from an unknown sender`);
      return dispatch(service, name, args);
    });
  }
}

/** Sends an event to a window's renderer. */
export function sendEvent<K extends keyof Events>(
  target: WebContents,
  event: K,
  payload: Events[K],
): void {
  if (!target.isDestroyed()) target.send(eventChannel(event), payload);
}
