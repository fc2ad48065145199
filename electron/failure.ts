import type { ZodError } from 'zod';
import type { LapseError } from '../shared/result.js';
import { redact } from './redact.js';
import { KeychainError } from './vault/keychain-error.js';
import { VaultRefused } from './vault/vault-refused.js';
import { BaseUrlMissing } from './providers/base-url-missing.js';

// Recognised by its shape, so code that never validates need not load zod to handle errors.
const isZodError = (error: unknown): error is ZodError =>
  error instanceof Error && error.name === 'ZodError' && Array.isArray((error as ZodError).issues);

/** Any thrown thing as an error fit to cross a boundary: a code, a redacted sentence, no stack. */
export function failureOf(error: unknown): LapseError {
  if (error instanceof KeychainError) return { code: error.code, message: error.message };
  if (error instanceof VaultRefused) return { code: error.code, message: error.message };
  if (error instanceof BaseUrlMissing) return { code: error.code, message: error.message };
  if (isZodError(error)) return { code: 'invalid-input', message: describeIssues(error) };
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ELOCKED') {
    return {
      code: 'store-unavailable',
      message: 'Another Lapse process is writing the vault right now; try again in a moment.',
    };
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOSPC') {
    return {
      code: 'store-unavailable',
      message: `Lapse could not write its metadata file (${code}). Check that the Lapse folder is writable and the disk has space.`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Something unexpected went wrong: ${redact(message)}` };
}

/** "label: is required; expiresAt: …" — field names and rules, never the values given. */
export function describeIssues(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}
