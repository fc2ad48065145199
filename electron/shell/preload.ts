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
  startScan: true,
  getScan: true,
  cancelScan: true,
  importFindings: true,
  listReminders: true,
  collectDueReminders: true,
  snoozeReminder: true,
  getReminderSettings: true,
  setReminderSettings: true,
  setDesktopSettings: true,
  getCalendar: true,
  getReportData: true,
  getReport: true,
  checkPolicy: true,
  verifyToken: true,
  getVerifySupport: true,
};

/** `window.lapse`: one async function per contract method, each a single invoke on `lapse:<method>`. */
const lapse = Object.fromEntries(
  Object.keys(contractMethods).map((method) => [method, (arg: unknown) => ipcRenderer.invoke(`lapse:${method}`, arg)]),
) as unknown as LapseApi;

contextBridge.exposeInMainWorld('lapse', lapse);
