import type { ProviderId } from '../model.js';
import { deleet, isPlaceholder } from './placeholders.js';
import { looksRandom } from './randomness.js';
import type { SecretHit } from './secret-hit.js';
import { credentialSources, type SourceKind } from './sources.js';

/**
 * Values that start like a token of a known prefix: the prefix pass reports those, with their
 * provider, or rejects them as look-alikes (a truncated `ghp_` under `GITHUB_TOKEN=` is no more a
 * secret there). Publishable Stripe keys (`pk_`) are public by design.
 */
export const knownPrefixStart =
  /^(?:gh[pousr]_|github_pat_|gl(?:pat|oas|dt|rtr?|cbt|ptt|ft|imt|agent|wt|soat|ffct)-|GR1348941|xox|xapp-|npm_|sk[-_]|[rp]k_|hf_|api_org_|lin_api_|do[opr]_v1_|cf(?:ut|at|k)_|dckr_pat_|pypi-|sntry[us]_|vc[pikrc]_|A(?:KIA|SIA|BIA|CCA|3T|Iza|TATT3)|eyJ|https:\/\/hooks\.slack\.com)/;

// Words a secret's name holds: a value holding one as a word (`isCommaToken`, `SecretManagerClient`,
// `auth_header`) is code. As a word: at a start, after a non-letter, or capitalised after a
// lowercase letter; random characters almost never spell one that way.
const namingWordsCased = /(?:^|[^A-Za-z])(?:token|secret|passw|cred|session|auth|apikey)/i;
const camelNamingWord = /[a-z](?:Token|Secret|Passw|Cred|Session|Auth|ApiKey)/;
const holdsNamingWord = (value: string) => namingWordsCased.test(value) || camelNamingWord.test(value);

/**
 * Made of words the way names in code are (`declarationIsDefault`, `NoSubstitutionTemplateLiteral`,
 * `id_PrivateKeyUsagePeriod`, `OpenParenToken$1`): letters only in each `_`-separated part, split at
 * capitals into words that average four letters or more. Random letters switch case every two or so.
 */
function camelCaseWords(value: string): boolean {
  let end = value.length;
  for (
    let digits = 0;
    digits < 2 && end > 0 && value.charCodeAt(end - 1) >= 48 && value.charCodeAt(end - 1) <= 57;
    digits++
  )
    end--;
  if (value.charCodeAt(end - 1) === 36) end--;
  const core = value.slice(0, end).replace(/^[^A-Za-z]+/, '');
  const parts = core.split('_').filter(Boolean);
  if (parts.length === 0 || !parts.every((p) => /^[A-Za-z]+$/.test(p))) return false;
  const words = parts.flatMap((p) => p.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g) ?? []);
  return words.length > 0 && core.replace(/_/g, '').length / words.length >= 4;
}

/** `topS3cr3tP4$$w0rd`: words spelled with digits and signs, a password of the kind tutorials show. */
function leetPassword(value: string): boolean {
  const read = deleet(value);
  return /^[a-z]+$/.test(read) && /token|secret|passw|cred|session|auth/.test(read);
}

/** A value that reads as a name in code: it holds a secret-naming word, or is made of camelCase words. */
export function looksLikeIdentifier(value: string): boolean {
  return holdsNamingWord(value) || camelCaseWords(value);
}

const references = /^\$|\$\{|\$\(|\{\{|%\(|:\/\/|^\.{0,2}\/|^~\//;

/**
 * Whether a value found where a secret is expected (after `API_KEY=`, in a URL's password, in a
 * credentials file) is one: not a reference, path or placeholder, and random enough — except in
 * files made to hold credentials, where the place itself says so.
 */
export function isGenericSecret(value: string, source: SourceKind): boolean {
  if (value.length > 1024 || references.test(value) || knownPrefixStart.test(value)) return false;
  if (isPlaceholder(value) || looksLikeIdentifier(value) || leetPassword(value)) return false;
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

// Passwords that documentation and local setups use as stand-ins: never a leaked secret.
const standInPasswords = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'changeme',
  'change_me',
  'root',
  'admin',
  'guest',
  'postgres',
  'mysql',
  'redis',
  'test',
  'testing',
  'example',
  'user',
  'username',
  'default',
  'letmein',
  'qwerty',
  'dev',
  'demo',
  'sample',
  'mypassword',
  'yourpassword',
  'foobar',
  'foo',
  'bar',
  'rabbitmq',
  'mongo',
  'mongodb',
  'docker',
  'local',
  'localhost',
  'none',
  'null',
]);

/**
 * A password given with its user (in a URL, a basic-auth header, `curl -u`): a credential by its
 * place, so it needs no randomness; only stand-ins (`password`, the user's own name, `${VAR}`,
 * `%s`, `<password>`) and very short values are not reported.
 */
export function isUserPassword(user: string, value: string): boolean {
  if (value.length < 6 || value.length > 256 || value === user || standInPasswords.has(value.toLowerCase()))
    return false;
  // A word and a short number (`key_1234`, `password1`), or one kind of character only and short.
  if (/^(?:[a-z]+|[A-Z][a-z]+)[_-]?\d{0,4}$/.test(value) && value.length < 12) return false;
  if (references.test(value) || /%[sd]|^\*+$|[<>{}]/.test(value)) return false;
  return !isPlaceholder(value);
}

const isSchemeChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 43;

/**
 * Passwords in URLs (`scheme://user:password@host`, RFC 3986 §3.2.1; Redis allows an empty user)
 * whose first character lies in [from, to).
 */
export function findUrlPasswords(text: string, from: number, to: number, _source: SourceKind, out: SecretHit[]): void {
  for (let i = text.indexOf('://', from); i !== -1 && i < to; i = text.indexOf('://', i + 3)) {
    if (!isSchemeChar(text.charCodeAt(i - 1))) continue;
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
      // A `/` after the user's colon may be a raw one in the password (`postgres://app:a/b@db`),
      // unless what precedes it is a port (`host:8080/path`).
      if (c === 47 && colon !== -1 && j > colon + 1 && !/^\d+$/.test(text.slice(colon + 1, j))) continue;
      if (c === 47 || c === 63 || c === 35 || c <= 32 || c === 34 || c === 39 || c === 92) break;
    }
    if (colon === -1 || at === -1 || colon + 1 >= at) continue;
    const value = text.slice(colon + 1, at);
    if (colon + 1 >= from && isUserPassword(text.slice(i + 3, colon), value))
      out.push(genericHit(colon + 1, value, 'password in a URL'));
  }
}

const basicHeader = /\bBasic\s+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/dg;
const curlUser = /(?:^|\s)(?:-u|--user)(?:\s+|=)["']?([^\s"'`:@]*):([^\s"'`@]+?)[.,;)]*(?=[\s"'`]|$)/dgm;

/**
 * Basic-auth credentials (RFC 7617) whose span starts in [from, to): `Authorization: Basic
 * base64(user:password)` (the encoded span is the finding) and `curl -u user:password`.
 */
export function findBasicAuth(text: string, from: number, to: number, _source: SourceKind, out: SecretHit[]): void {
  basicHeader.lastIndex = from;
  for (let m = basicHeader.exec(text); m && m.index < to; m = basicHeader.exec(text)) {
    const span = m[1] ?? '';
    const [start] = m.indices?.[1] ?? [0];
    let decoded: string;
    try {
      decoded = atob(span);
    } catch {
      continue;
    }
    const colon = decoded.indexOf(':');
    if (colon <= 0 || !/^[\x20-\x7e]+$/.test(decoded)) continue;
    const value = decoded.slice(colon + 1);
    if (!isUserPassword(decoded.slice(0, colon), value)) continue;
    out.push({
      ...genericHit(start, value, 'basic-auth password'),
      end: start + span.length,
      encoding: 'base64-userpass',
    });
  }
  curlUser.lastIndex = from;
  for (let m = curlUser.exec(text); m && m.index < to; m = curlUser.exec(text)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    if (!/\b(?:curl|wget|http)\b/.test(text.slice(lineStart, m.index))) continue;
    const [start] = m.indices?.[2] ?? [0];
    const value = m[2] ?? '';
    if (isUserPassword(m[1] ?? '', value)) out.push(genericHit(start, value, 'basic-auth password'));
  }
}
