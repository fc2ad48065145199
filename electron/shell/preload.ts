import { contextBridge, ipcRenderer } from 'electron';
import type { ApiMethod, LapseApi } from '../../shared/api.js';

// A sandboxed preload cannot require local files, and importing shared/api.ts would bundle zod:
// the names are listed here, and the Record type fails to compile if one is missing or extra.
const contractMethods: Record<ApiMethod, true> = {
  getVaultState: true,
  listTokens: true,
  getToken: true,
  addToken: true,
  editToken: true,
  deleteToken: true,
  revealSecret: true,
  getPolicy: true,
  setPolicy: true,
  setOAuthCredentials: true,
  getOAuthCredentialState: true,
  copySecret: true,
  checkSecrets: true,
  restoreSecret: true,
  listDeleted: true,
  restoreToken: true,
  purgeDeleted: true,
  startScan: true,
  getScan: true,
  cancelScan: true,
  listScans: true,
  importFindings: true,
  listReminders: true,
  collectDueReminders: true,
  snoozeReminder: true,
  getReminderSettings: true,
  setReminderSettings: true,
  setDesktopSettings: true,
  getCalendar: true,
  unsnoozeReminder: true,
  getReportData: true,
  getReport: true,
  checkPolicy: true,
  getReportLabel: true,
  setReportLabel: true,
  getTeamView: true,
  chooseReportFolder: true,
  verifyToken: true,
  getVerifySupport: true,
  getHistory: true,
  revokeToken: true,
  confirmRevocation: true,
  forgetToken: true,
  offboard: true,
  revokeTokens: true,
  rotateToken: true,
  startGuidedRotation: true,
  completeGuidedRotation: true,
  listPendingRotations: true,
  discardRotation: true,
  planRotation: true,
  getTokenCapabilities: true,
  listInventory: true,
  revokeInventoryToken: true,
  startAuthorization: true,
  finishAuthorization: true,
  cancelAuthorization: true,
  authorizeGuide: true,
};

/** `window.lapse`: one async function per contract method, each a single invoke on `lapse:<method>`. */
const lapse = Object.fromEntries(
  Object.keys(contractMethods).map((method) => [method, (arg: unknown) => ipcRenderer.invoke(`lapse:${method}`, arg)]),
) as unknown as LapseApi;

contextBridge.exposeInMainWorld('lapse', lapse);

/**
 * `window.lapseEvents`: what the main process tells the page. Only the token id crosses, never the
 * IPC event (which would hand the page the sender and ipcRenderer).
 */
contextBridge.exposeInMainWorld('lapseEvents', {
  onOpenToken(callback: (tokenId: string) => void): () => void {
    const listener = (_event: unknown, tokenId: unknown) => {
      if (typeof tokenId === 'string') callback(tokenId);
    };
    ipcRenderer.on('lapse:open-token', listener);
    return () => ipcRenderer.removeListener('lapse:open-token', listener);
  },
  /** The vault folder changed (the CLI, another window): only the kinds cross, as plain strings. */
  onChanged(callback: (kinds: string[]) => void): () => void {
    const listener = (_event: unknown, kinds: unknown) => {
      if (Array.isArray(kinds)) callback(kinds.filter((k): k is string => typeof k === 'string'));
    };
    ipcRenderer.on('lapse:changed', listener);
    return () => ipcRenderer.removeListener('lapse:changed', listener);
  },
});
