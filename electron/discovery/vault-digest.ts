import { hash } from 'node:crypto';
import { vaultValuePattern } from '../../shared/discovery/prefilter.js';
import { detectToken } from '../../shared/formats.js';
import type { TokenRecord } from '../../shared/model.js';
import type { Keychain } from '../vault/keychain.js';
import { emptyDigest, type VaultDigest } from './scan-types.js';
import { secretShape } from './vault-matcher.js';

/**
 * The prefilter pattern for a vault value: the head and last four characters its masked form
 * already shows (maskSecret), and its length. Null for values a pattern cannot find that way
 * (short, or not printable ASCII): the scan then reads every byte instead.
 */
function patternOf(value: Buffer): string | null {
  const text = value.toString('latin1');
  if (!/^[\x21-\x7e]+$/.test(text) || text.length < 12) return null;
  const prefix = detectToken(text)?.prefix ?? '';
  const head = prefix || (text.length >= 20 ? text.slice(0, 3) : '');
  return vaultValuePattern(head, text.slice(-4), text.length);
}

// Shorter values would make too many pieces of every file worth hashing, for no real secret.
const minOwnLength = 8;

/**
 * The SHA-256 of each live vault secret, its length and its bytes' alphabet, for finding the exact
 * values in files. Each secret is read from the keychain, hashed and dropped at once. When the
 * keychain can't answer, the scan goes on without it and says so; `missing` names the tokens
 * left out, so they can still be recognised by fingerprint.
 */
export async function vaultDigest(
  keychain: Keychain,
  records: TokenRecord[],
): Promise<{ digest: VaultDigest; missing: TokenRecord[]; warning: string | null }> {
  const live = records.filter((r) => !r.revokedAt);
  const digest = emptyDigest();
  if (live.length === 0) return { digest, missing: [], warning: null };
  const problem = await keychain.probe();
  if (problem) {
    return {
      digest,
      missing: live,
      warning: `Your vault's own values were not looked for: ${problem.message} Tokens of known formats are still matched to the vault by fingerprint.`,
    };
  }
  const lengths = new Set<number>();
  const bytes = new Set<number>();
  const shapes = new Set<number>();
  const missing: TokenRecord[] = [];
  let warning: string | null = null;
  // One search for every live secret where the keychain can (a D-Bus round trip per token otherwise).
  let held: Map<string, string> | null = null;
  try {
    held = (await keychain.secretsOf?.(new Set(live.map((r) => r.id)))) ?? null;
  } catch {
    held = null; // asked one by one below, each failure said
  }
  for (const record of live) {
    let secret: string | null;
    try {
      secret = held ? (held.get(record.id) ?? null) : await keychain.get(record.id);
    } catch (error) {
      warning = `Some of your vault's own values were not looked for: ${(error as Error).message}`;
      missing.push(record);
      continue;
    }
    if (secret === null) {
      missing.push(record);
      continue;
    }
    const value = Buffer.from(secret, 'utf8');
    secret = null;
    if (value.length >= minOwnLength) {
      digest.entries.push({
        sha256: hash('sha256', value, 'hex'),
        tokenId: record.id,
        provider: record.provider,
        kind: record.kind,
        masked: record.masked,
        fingerprint: record.fingerprint,
        pattern: patternOf(value),
      });
      lengths.add(value.length);
      shapes.add(secretShape(value));
      for (const b of value) bytes.add(b);
    }
    value.fill(0);
  }
  digest.lengths = [...lengths];
  digest.bytes = [...bytes];
  digest.shapes = [...shapes];
  return { digest, missing, warning };
}
