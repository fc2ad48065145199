import { findAwsSecretsNear } from './aws-pairs.js';
import { findInCredentialFile } from './credential-files.js';
import { findKeyValues } from './key-values.js';
import { findPrefixedTokens } from './prefixed-tokens.js';
import { findPrivateKeys } from './private-keys.js';
import type { SecretHit } from './secret-hit.js';
import type { SourceKind } from './sources.js';

/**
 * Every secret whose span starts in [from, to) of `text`: tokens of known prefixes and JWTs (and
 * the secret access key beside an AWS key id), private keys, values assigned to secret-named keys,
 * passwords in URLs and basic auth, and the syntax of credential files. Sorted by position; a hit
 * inside another (a JWT inside a `ghs_` token) is dropped.
 */
export function findSecrets(text: string, from: number, to: number, source: SourceKind): SecretHit[] {
  const hits: SecretHit[] = [];
  findPrefixedTokens(text, from, to, hits);
  if (hits.length) findAwsSecretsNear(text, [...hits], hits);
  findPrivateKeys(text, from, to, hits);
  findKeyValues(text, from, to, source, hits);
  findInCredentialFile(text, from, to, source, hits);
  if (hits.length < 2) return hits;
  // The same span read two ways (`"auth": "…"` as a key and as Docker's base64 user:password):
  // the reading that knows more (a provider, an encoding) wins.
  const vague = (h: SecretHit) => (h.provider === 'generic' && h.encoding === 'plain' && !h.privateKey ? 1 : 0);
  hits.sort((a, b) => a.start - b.start || b.end - a.end || vague(a) - vague(b));
  const kept: SecretHit[] = [];
  let reach = -1;
  for (const hit of hits) {
    if (hit.start < reach) continue;
    kept.push(hit);
    reach = hit.end;
  }
  return kept;
}
