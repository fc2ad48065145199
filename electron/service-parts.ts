import type { ClipboardGuard } from './vault/clipboard-guard.js';
import type { Keychain } from './vault/keychain.js';
import type { MetadataStore } from './vault/metadata-store.js';

/** What every area of the service is built from. */
export interface ServiceParts {
  keychain: Keychain;
  store: MetadataStore;
  /** The instant the lifecycle rules judge at (ms since epoch). */
  now: () => number;
  /** Absent where there is no OS clipboard on the Node side (CLI, browser shell). */
  clipboard?: ClipboardGuard;
  /** The user's home folder, where scans find the known locations (default: HOME, else the OS's answer). */
  userHome?: string;
  /** Asks for a folder (Electron's dialog); absent in the CLI and the browser shell, where a path is typed. */
  folderPicker?: () => Promise<string | null>;
}
