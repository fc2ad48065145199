import type { LapseApi } from '../../shared/api.js';
import { httpLapseApi, sessionHeaders } from './http-client.js';

declare global {
  interface Window {
    /** Present inside the Electron app: the preload's bridge to the same contract. */
    lapse?: LapseApi;
  }
}

/** The one way the window reaches the service: window.lapse in Electron, HTTP in the browser shell. */
export const lapseApi: LapseApi = window.lapse ?? httpLapseApi();

// In the browser shell, trade the URL's single-use key for this tab's session at once: the key
// leaves the address bar before anything renders.
if (!window.lapse) void sessionHeaders();

/** Which face this is, for wording like "copied" vs "copy it yourself". */
export const inElectron = window.lapse !== undefined;
