import { findBasicAuth, findUrlPasswords, genericHit, isGenericSecret, valueAt } from './generic-secrets.js';
import { kindOfKey, namesOnlySession, namesSecret } from './key-names.js';
import type { SecretHit } from './secret-hit.js';
import type { SourceKind } from './sources.js';

// Where a key that may name a secret can be: any of these in any case. key-names.ts then reads the
// whole key word by word and decides.
export const keyWords = /token|secret|passw|passphrase|pwd|pass\b|pass_|key|cred|session|auth|bearer/gi;

const isKeyChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 46;
const isBlank = (c: number) => c === 32 || c === 9;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
const isQuote = (c: number) => c === 34 || c === 39 || c === 96;
const isIdentifierStart = (c: number) =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 42 || c === 91;
const isIdentifierChar = (c: number) => isIdentifierStart(c) || (c >= 48 && c <= 57) || c === 46 || c === 93;

/** A quote at `i`, plain or escaped (`\"` inside a JSON string): how many characters it takes, else 0. */
function quoteAt(text: string, i: number): number {
  if (isQuote(text.charCodeAt(i))) return 1;
  if (text.charCodeAt(i) === 92 && isQuote(text.charCodeAt(i + 1))) return 2;
  return 0;
}

// `=`, `:`, `:=`, `::=`, `:::=`, `?=`, `+=`, `.=` (PHP), `||=`, `??=`, `=>`: how many characters the
// assignment at `i` takes, or 0 (`==` and `::` are not assignments).
function assignmentAt(text: string, i: number): number {
  const rest = text.slice(i, i + 4);
  if (rest.startsWith(':::=')) return 4;
  if (rest.startsWith('::=') || rest.startsWith('||=') || rest.startsWith('??=')) return 3;
  if (rest.startsWith('==') || rest.startsWith('::')) return 0;
  if (
    rest.startsWith(':=') ||
    rest.startsWith('?=') ||
    rest.startsWith('+=') ||
    rest.startsWith('.=') ||
    rest.startsWith('=>')
  )
    return 2;
  return rest.startsWith('=') || rest.startsWith(':') ? 1 : 0;
}

/** After the blanks at `i`: a type between a name and its `=` (`var t string = …`, `t: str = …`), skipped. */
function afterType(text: string, i: number): number {
  let j = i;
  if (!isIdentifierStart(text.charCodeAt(j))) return -1;
  while (isIdentifierChar(text.charCodeAt(j))) j++;
  while (isBlank(text.charCodeAt(j))) j++;
  return text.charCodeAt(j) === 61 && text.charCodeAt(j + 1) !== 61 ? j + 1 : -1;
}

/** Past the blanks and an opening quote (plain or escaped) at `i`. */
function openValue(text: string, i: number): number {
  let j = i;
  while (isBlank(text.charCodeAt(j))) j++;
  return j + quoteAt(text, j);
}

/** Past the blanks at `i` and a quote that must be there (a string argument), else -1. */
function quotedValue(text: string, i: number): number {
  let j = i;
  while (isBlank(text.charCodeAt(j))) j++;
  const q = quoteAt(text, j);
  return q ? j + q : -1;
}

// The first word of a call that hands it a secret to keep: `setApiKey(…)`, `withToken(…)`, `login(…)`.
const settingVerbs = new Set([
  'set',
  'with',
  'use',
  'add',
  'put',
  'login',
  'auth',
  'authenticate',
  'configure',
  'init',
  'token',
  'api',
  'password',
  'secret',
]);

function settingCall(name: string): boolean {
  const last = name.slice(name.lastIndexOf('.') + 1);
  const first = (last.match(/^[a-z]+|^[A-Z][a-z]*/)?.[0] ?? '').toLowerCase();
  return settingVerbs.has(first);
}

/** Where the value of the key spanning [keyStart, keyEnd) starts, or -1 when no value is assigned there. */
function valueStart(text: string, keyStart: number, keyEnd: number, bearer: boolean): number {
  let i = keyEnd;
  const closing = quoteAt(text, i);
  i += closing;
  const afterKey = i;
  while (isBlank(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  if (bearer || (text.charCodeAt(keyStart) === 45 && c !== 61)) {
    // `Bearer abc…`, `--token abc…`: the separator is the blank itself.
    return i === afterKey ? -1 : i;
  }
  // `<apiToken>value</apiToken>`, the value perhaps alone on the next line.
  if (c === 62 && text.charCodeAt(keyStart - 1) === 60) {
    let j = i + 1;
    while (isSpace(text.charCodeAt(j))) j++;
    return j;
  }
  if (closing && quoteAt(text, keyStart - 1) + quoteAt(text, keyStart - 2) > 0) {
    // `("API_TOKEN", "value")` (setProperty, Setenv, put), `key="ApiToken" value="…"` (.NET config):
    // the whole string is the key.
    if (c === 44) return quotedValue(text, i + 1);
    if (text.startsWith('value=', i)) return openValue(text, i + 6);
  } else if (c === 40 && !closing) {
    // `setApiKey("value")`, `withToken("…")`: a string handed straight to a call that stores the secret.
    return settingCall(text.slice(keyStart, keyEnd)) ? quotedValue(text, i + 1) : -1;
  }
  const op = assignmentAt(text, i);
  if (op) {
    // `t: str = "…"`: the annotation, then the assignment.
    if (op === 1 && c === 58) {
      let j = i + 1;
      while (isBlank(text.charCodeAt(j))) j++;
      const typed = afterType(text, j);
      if (typed !== -1) return openValue(text, typed);
    }
    return openValue(text, i + op);
  }
  if (!closing && i > afterKey) {
    const typed = afterType(text, i);
    if (typed !== -1) return openValue(text, typed);
  }
  return -1;
}

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whitespace, then `</name>`. */
function closesElement(text: string, at: number, name: string): boolean {
  let i = at;
  while (isSpace(text.charCodeAt(i))) i++;
  return text.startsWith(`</${name}>`, i);
}

// `a.b.c`, `a?.b`: a member access in code, not a value.
const identifierChain = /^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+\??\.?$/;

/**
 * Code, not a value: an unquoted call (`secret: makeSecret()`) anywhere, or an unquoted member
 * access (`token: schema.optional`) in an ordinary file. Env and credential files keep `KEY=a.b` as a value.
 */
function isCodeExpression(text: string, start: number, value: string, source: SourceKind): boolean {
  if (isQuote(text.charCodeAt(start - 1))) return false;
  if (text.charCodeAt(start + value.length) === 40) return true;
  return source === 'file' && identifierChain.test(value);
}

/**
 * Secrets assigned to keys that say they hold one (`API_KEY=…`, `"client_secret": "…"`,
 * `token: …`, `--password …`, `Bearer …`, `<password>…</password>`, `setApiKey("…")`), whose key
 * lies in [from, to); then passwords in URLs and basic-auth credentials. A value must pass
 * isGenericSecret: no references, paths or placeholders, and random enough.
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
    const key = text.slice(keyStart, keyEnd).replace(/^[-.]+|\.+$/g, '');
    const bearer = key.toLowerCase() === 'bearer';
    if (!bearer && !namesSecret(key.slice(key.lastIndexOf('.') + 1))) continue;
    // npm keeps `_password` base64-encoded; the npmrc reader decodes it.
    if (source === 'npmrc' && key.toLowerCase().endsWith('_password')) continue;
    const start = valueStart(text, keyStart, keyEnd, bearer);
    if (start === -1) continue;
    const value = valueAt(text, start);
    const name = key.slice(key.lastIndexOf('.') + 1);
    // `exports.apiKey = apiKey`, `featuresKey = "@babel/…/featuresKey"`: a name handed its own name.
    if (name.length >= 4 && value.toLowerCase().includes(name.toLowerCase())) continue;
    // An XML element's value is followed by its closing tag; `<token>` in prose is no element.
    if (
      text.charCodeAt(keyStart - 1) === 60 &&
      text.charCodeAt(keyEnd) === 62 &&
      !closesElement(text, start + value.length, text.slice(keyStart, keyEnd))
    )
      continue;
    if (isCodeExpression(text, start, value, source) || !isGenericSecret(value, source)) continue;
    // `sessionId`-like values under a key named only for a session: an id, not a secret.
    if (uuidShape.test(value) && namesOnlySession(key.slice(key.lastIndexOf('.') + 1))) continue;
    const { kind, provider } = bearer ? { kind: 'bearer token', provider: 'generic' as const } : kindOfKey(key);
    out.push(genericHit(start, value, kind, provider));
    keyWords.lastIndex = start + value.length;
  }
  findUrlPasswords(text, from, to, source, out);
  findBasicAuth(text, from, to, source, out);
}
