import type { ProviderId } from '../model.js';
import { isPlaceholder } from './placeholders.js';
import { looksRandom } from './randomness.js';
import type { SecretHit } from './secret-hit.js';
import { credentialSources, type SourceKind } from './sources.js';

/** Values that start like a token of a known prefix: the prefix pass reports those, with their provider. */
export const knownPrefixStart =
  /^(?:gh[pousr]_|github_pat_|gl(?:pat|oas|dt|rt|cbt)-|xox|xapp-|npm_|sk[-_]|rk_|hf_|api_org_|lin_api_|do[opr]_v1_|cf(?:ut|at|k)_|dckr_pat_|pypi-|sntry[us]_|vc[pikrc]_|A(?:KIA|SIA|Iza|TATT3)|eyJ)/;

const references = /^\$|\$\{|\$\(|\{\{|%\(|:\/\/|^\.{0,2}\/|^~\//;

/**
 * Whether a value found where a secret is expected (after `API_KEY=`, in a URL's password, in a
 * credentials file) is one: not a reference, path or placeholder, and random enough — except in
 * files made to hold credentials, where the place itself says so.
 */
export function isGenericSecret(value: string, source: SourceKind): boolean {
  if (value.length > 1024 || references.test(value) || knownPrefixStart.test(value)) return false;
  if (isPlaceholder(value)) return false;
  return credentialSources.has(source) ? value.length >= 8 : looksRandom(value);
}

export function genericHit(start: number, value: string, kind: string, provider: ProviderId = 'generic'): SecretHit {
  return { start, end: start + value.length, value, encoding: 'plain', provider, kind, prefix: '', checksum: null };
}

// A value's characters: no quotes, spaces, brackets, `,;&` or backslash (those end it).
const valueChar = new Uint8Array(128);
for (let c = 33; c < 127; c++) valueChar[c] = 1;
for (const c of '"\'`,;&<>(){}[]\\') valueChar[c.charCodeAt(0)] = 0;

/** The end of the value that starts at `start`. */
export function valueEnd(text: string, start: number, limit = 1024): number {
  let end = start;
  const stop = Math.min(text.length, start + limit);
  while (end < stop && valueChar[text.charCodeAt(end)] === 1) end++;
  return end;
}

/** A value read at `start`, without the dots that end a sentence. */
export function valueAt(text: string, start: number): string {
  return text.slice(start, valueEnd(text, start)).replace(/\.+$/, '');
}

/**
 * Passwords in URLs (`scheme://user:password@host`) whose first character lies in [from, to).
 */
export function findUrlPasswords(text: string, from: number, to: number, source: SourceKind, out: SecretHit[]): void {
  for (let i = text.indexOf('://', from); i !== -1 && i < to; i = text.indexOf('://', i + 3)) {
    let colon = -1;
    let at = -1;
    const stop = Math.min(text.length, i + 3 + 256);
    for (let j = i + 3; j < stop; j++) {
      const c = text.charCodeAt(j);
      if (c === 64) {
        at = j;
        break;
      }
      if (c === 58 && colon === -1) colon = j;
      if (c === 47 || c === 63 || c === 35 || c <= 32 || c === 34 || c === 39) break;
    }
    if (colon === -1 || at === -1 || colon + 1 >= at) continue;
    const value = text.slice(colon + 1, at);
    if (colon + 1 >= from && isGenericSecret(value, source)) out.push(genericHit(colon + 1, value, 'password in a URL'));
  }
}
