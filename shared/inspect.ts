import { detectToken, maskSecret, readJwt } from './formats.js';
import type { ProviderId } from './model.js';

/** Everything Lapse can tell about a value offline, without storing or sending it anywhere. */
export interface Inspection {
  recognised: boolean;
  provider: ProviderId | null;
  kind: string | null;
  masked: string;
  expiresAt: string | null;
  issuedAt: string | null;
  scopes: string[] | null;
  /** JWT only: the claims that say who issued it, for whom, and to whom. Never the signature. */
  jwt: { header: Record<string, unknown>; claims: Record<string, unknown> } | null;
  /** Why nothing more is known, when that is so. */
  notes: string[];
}

export function inspectToken(value: string): Inspection {
  const detected = detectToken(value);
  const jwt = readJwt(value);
  const notes: string[] = [];
  if (!detected) notes.push('No known token format: Lapse will store it as a generic API key.');
  if (!jwt && value.split('.').length === 3) notes.push('Looks like a JWT but is not one (its parts do not decode).');
  if (detected && detected.provider !== 'jwt') {
    notes.push('Owner, scopes and liveness are not knowable offline: verify it with its provider.');
  }
  return {
    recognised: detected !== null,
    provider: detected?.provider ?? null,
    kind: detected?.kind ?? null,
    masked: maskSecret(value, detected?.prefix ?? ''),
    expiresAt: detected?.expiresAt ?? null,
    issuedAt: detected?.issuedAt ?? null,
    scopes: detected?.scopes ?? null,
    jwt,
    notes,
  };
}
