import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { commandChannel, commandNames, eventChannel } from '../shared/api';
import type { CommandName, Commands, Events } from '../shared/api';
import { cancelIfCallerGone, dispatch } from './service';

/** Registers one `ipcMain.handle` per command, refusing any sender that is not one of our windows. */
export function registerIpc(
  service: Commands,
  isOwnSender: (event: IpcMainInvokeEvent) => boolean,
): void {
  for (const name of Object.keys(commandNames) as CommandName[]) {
    ipcMain.handle(commandChannel(name), async (event, ...args: unknown[]) => {
      if (!isOwnSender(event)) throw new Error(`Refused ${name} from an unknown sender`);
      const whenGone = cancelIfCallerGone(service, name, args);
      if (whenGone === null) return dispatch(service, name, args);
      // The window closed before the answer: nobody is left to read it.
      const sender = event.sender;
      sender.once('destroyed', whenGone);
      try {
        return await dispatch(service, name, args);
      } finally {
        sender.removeListener('destroyed', whenGone);
      }
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
