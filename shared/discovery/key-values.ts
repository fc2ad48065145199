import { findUrlPasswords, genericHit, isGenericSecret, valueAt } from './generic-secrets.js';
import type { SecretHit } from './secret-hit.js';
import type { SourceKind } from './sources.js';

// The words a key holding a secret contains, in any case (`token`, `Token`, `TOKEN`).
const keyWords = /token|secret|passw(?:or)?d|passphrase|api[_-]?key|access[_-]?key|bearer/gi;

// Keys that name something about a secret, not the secret: `token_type`, `secret_name`, `password_file`.
const notTheSecret =
  /public|(?:url|uri|file|path|name|type|length|len|size|count|ids?|endpoint|header|field|param|prefix|expiry|expires(?:_at|_in)?|ttl|policy|format|mode|store|storage|provider|helper|command|cmd|dir|arn|ref|env|var|label|description|hint|rotation|version)$/;

const isKeyChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 46;
const isBlank = (c: number) => c === 32 || c === 9;
const isQuote = (c: number) => c === 34 || c === 39 || c === 96;

function kindOf(key: string): { kind: string; provider: 'generic' | 'aws' } {
  if (key.includes('aws_secret_access_key')) return { kind: 'secret access key', provider: 'aws' };
  if (key.includes('aws_session_token')) return { kind: 'session token', provider: 'aws' };
  if (key === 'bearer') return { kind: 'bearer token', provider: 'generic' };
  if (/pass(?:wor)?d|passphrase/.test(key)) return { kind: 'password', provider: 'generic' };
  if (/client[_-]?secret/.test(key)) return { kind: 'client secret', provider: 'generic' };
  if (key.includes('secret')) return { kind: 'secret', provider: 'generic' };
  if (key.includes('token')) return { kind: 'token', provider: 'generic' };
  return { kind: 'API key', provider: 'generic' };
}

// `a.b.c`: a member access in code, not a value.
const identifierChain = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;

/**
 * Code, not a value: an unquoted call (`secret: makeSecret()`) anywhere, or an unquoted member
 * access (`token: schema.optional`) in an ordinary file. Env and credential files keep `KEY=a.b` as a value.
 */
function isCodeExpression(text: string, start: number, value: string, source: SourceKind): boolean {
  if (isQuote(text.charCodeAt(start - 1))) return false;
  if (text.charCodeAt(start + value.length) === 40) return true;
  return source === 'file' && identifierChain.test(value);
}

/** Where the value of the key spanning [keyStart, keyEnd) starts, or -1 when no value is assigned there. */
function valueStart(text: string, keyStart: number, keyEnd: number, bearer: boolean): number {
  let i = keyEnd;
  if (isQuote(text.charCodeAt(i))) i++;
  const afterKey = i;
  while (isBlank(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  if (bearer || (text.charCodeAt(keyStart) === 45 && c !== 61)) {
    // `Bearer abc…`, `--token abc…`: the separator is the blank itself.
    if (i === afterKey) return -1;
  } else if (c === 61) {
    if (next === 61) return -1; // `==` compares, it does not assign
    i += next === 62 ? 2 : 1;
  } else if (c === 58) {
    if (next === 58) return -1;
    i += next === 61 ? 2 : 1;
  } else {
    return -1;
  }
  while (isBlank(text.charCodeAt(i))) i++;
  if (isQuote(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Secrets assigned to keys that say they hold one (`API_KEY=…`, `"client_secret": "…"`,
 * `token: …`, `--password …`, `Bearer …`), whose key lies in [from, to); then passwords in URLs.
 * A value must pass isGenericSecret: no references, paths or placeholders, and random enough.
 */
export function findKeyValues(text: string, from: number, to: number, source: SourceKind, out: SecretHit[]): void {
  keyWords.lastIndex = from;
  for (let m = keyWords.exec(text); m && m.index < to; m = keyWords.exec(text)) {
    let keyStart = m.index;
    const floor = Math.max(0, keyStart - 64);
    while (keyStart > floor && isKeyChar(text.charCodeAt(keyStart - 1))) keyStart--;
    let keyEnd = m.index + m[0].length;
    const ceiling = Math.min(text.length, keyEnd + 64);
    while (keyEnd < ceiling && isKeyChar(text.charCodeAt(keyEnd))) keyEnd++;
    keyWords.lastIndex = keyEnd;
    const key = text.slice(keyStart, keyEnd).toLowerCase().replace(/^-+/, '');
    const bearer = key === 'bearer';
    if (notTheSecret.test(key)) continue;
    // npm keeps `_password` base64-encoded; the npmrc reader decodes it.
    if (source === 'npmrc' && key.endsWith('_password')) continue;
    const start = valueStart(text, keyStart, keyEnd, bearer);
    if (start === -1) continue;
    const value = valueAt(text, start);
    if (isCodeExpression(text, start, value, source) || !isGenericSecret(value, source)) continue;
    const { kind, provider } = kindOf(key);
    out.push(genericHit(start, value, kind, provider));
    keyWords.lastIndex = start + value.length;
  }
  findUrlPasswords(text, from, to, source, out);
}
