import type { ProviderId } from '../model.js';
import type { ChecksumVerdict } from './checksums.js';

/** How a secret is read from the characters of its span. */
export type SpanEncoding = 'plain' | 'base64' | 'base64-userpass';

/**
 * A secret found in text. `start`/`end` index the span in the text scanned (for `plain`, the
 * secret itself; otherwise the encoded form). `value` is the secret: in memory only, never stored.
 */
export interface SecretHit {
  start: number;
  end: number;
  value: string;
  encoding: SpanEncoding;
  provider: ProviderId;
  kind: string;
  /** The public prefix the masked form shows ('' for none). */
  prefix: string;
  checksum: ChecksumVerdict;
  /** Set for a private key: its algorithm and whether a passphrase protects it. */
  privateKey?: { type: string; encrypted: boolean };
  /** The masked form when the value's own start is not one to show (a PEM block). */
  masked?: string;
}
