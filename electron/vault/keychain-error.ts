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

export const keychainMessages = {
  noBus:
    'No D-Bus session bus, so no OS keychain can be reached. Run Lapse inside your desktop session (or start one with dbus-run-session), then Retry.',
  noSecretService:
    'No Secret Service keyring is running (org.freedesktop.secrets is not on the session bus). Install and start GNOME Keyring (apt install gnome-keyring) or KWallet, then Retry.',
  locked: 'The OS keychain is locked. Unlock it in your keyring app (e.g. Seahorse, "Passwords and Keys"), then Retry.',
  timeout: 'The OS keychain did not answer within 5 seconds. It may be waiting for an unlock prompt; answer it, then Retry.',
  failed: 'The OS keychain refused the request. Check that your keyring is running and unlocked, then Retry.',
} as const;
