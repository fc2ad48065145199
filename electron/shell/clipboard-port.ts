import { clipboard } from 'electron';
import type { ClipboardPort } from '../vault/clipboard-guard.js';

/** The OS clipboard through Electron, in the shape the clipboard guard expects. */
export const electronClipboard: ClipboardPort = {
  writeText: (text) => clipboard.writeText(text),
  readText: () => clipboard.readText(),
  clear: () => clipboard.clear(),
};
