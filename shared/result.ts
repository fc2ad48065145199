/** Error codes that cross the service boundary. Stable: the CLI's JSON and the UI switch on them. */
export const errorCodes = [
  'invalid-input',
  'not-found',
  'already-exists',
  'keychain-unavailable',
  'keychain-locked',
  'keychain-timeout',
  'secret-missing',
  'store-unavailable',
  'clipboard-unavailable',
  'transport',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** An error as it crosses a boundary: a code to act on and a sentence for a person. Never a secret. */
export interface LapseError {
  code: ErrorCode;
  message: string;
}

/** Every service call answers with a result, never a thrown error. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: LapseError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): { ok: false; error: LapseError } => ({
  ok: false,
  error: { code, message },
});
