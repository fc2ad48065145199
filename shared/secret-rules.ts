/** Bounds on a secret value: 1 byte to 16 KiB, one line, no control, escape or bidi characters. */
export const maxSecretBytes = 16 * 1024;

// eslint-disable-next-line no-control-regex -- these are exactly the characters a secret must not hold
const forbidden = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * Why a secret value is not acceptable, or null when it is. The reason never quotes the value.
 */
export function secretProblem(secret: string): string | null {
  if (secret.length === 0) return 'The secret is empty: paste the token value.';
  if (new TextEncoder().encode(secret).length > maxSecretBytes) {
    return `The secret is longer than ${maxSecretBytes / 1024} KiB; a token is never that long. Check what was pasted.`;
  }
  if (forbidden.test(secret)) {
    return 'The secret contains a line break, control character, escape sequence or text-direction override; paste the token alone.';
  }
  if (secret.trim() !== secret) return 'The secret starts or ends with spaces; paste the token alone.';
  return null;
}
