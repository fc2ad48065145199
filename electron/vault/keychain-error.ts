import type { ErrorCode } from '../../shared/result.js';

export type KeychainErrorCode = Extract<ErrorCode, 'keychain-unavailable' | 'keychain-locked' | 'keychain-timeout'>;

/** A keychain that could not answer. Never the same as "no such entry". */
export class KeychainError extends Error {
  constructor(
    readonly code: KeychainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KeychainError';
  }
}

// "Try again": the window has a Retry button, the CLI is run again; `lapse doctor` prints the exact commands.
const headless =
  'without a desktop (a server, WSL, a container), scripts/headless-keyring.sh in the Lapse folder starts one that keeps its keyring on disk; `lapse doctor` prints the steps';

export const keychainMessages = {
  noBus: `No D-Bus session bus, so no OS keychain can be reached. Run Lapse inside your desktop session; ${headless}. Then try again.`,
  noSecretService: `No Secret Service keyring is running (org.freedesktop.secrets is not on the session bus). Start GNOME Keyring or KWallet; ${headless}. Then try again.`,
  locked:
    'The OS keychain is locked. Unlock it in your keyring app (e.g. Seahorse, "Passwords and Keys"), or without a desktop with scripts/headless-keyring.sh; then try again.',
  timeout:
    'The OS keychain is not answering (no reply within 5 seconds): it may be waiting for an unlock prompt, or its daemon is hung. Answer any prompt, or restart your keyring (log out and in), then try again.',
  notAnswering:
    'The OS keychain is not answering: the Secret Service is registered on the session bus but did not reply within 3 seconds (its daemon may be hung). Restart your keyring (log out and in, or restart gnome-keyring-daemon), then try again.',
  failed:
    'The OS keychain refused the request. Check that your keyring is running and unlocked (`lapse doctor` checks), then try again.',
} as const;
