import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { apiMethods, type LapseApi } from '../../shared/api.js';
import { fail, type Result } from '../../shared/result.js';
import { dispatch } from '../transports/dispatch.js';
import { senderRefusal } from './sender-check.js';
import { isLapseWindow } from './window.js';

/** The channel a contract method travels on; the preload builds the same names. */
export const channelOf = (method: string): string => `lapse:${method}`;

// The sender is checked before the argument is even parsed; a refusal names no detail to the page.
function answerCall(api: LapseApi, method: string, event: IpcMainInvokeEvent, arg: unknown): Promise<Result<unknown>> {
  const refusal = senderRefusal({ frame: event.senderFrame, fromLapseWindow: isLapseWindow(event.sender) });
  if (!refusal) return dispatch(api, method, arg);
  console.warn(`Lapse refused an IPC call to ${method}: ${refusal}`);
  return Promise.resolve(fail('transport', 'This request did not come from a Lapse window, so it was refused.'));
}

/** One handler per contract method on `lapse:<method>`; returns a function that removes them all. */
export function registerIpcHost(api: LapseApi): () => void {
  for (const method of apiMethods) {
    ipcMain.handle(channelOf(method), (event, arg: unknown) => answerCall(api, method, event, arg));
  }
  return () => {
    for (const method of apiMethods) ipcMain.removeHandler(channelOf(method));
  };
}
