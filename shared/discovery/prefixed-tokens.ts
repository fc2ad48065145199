import { detectToken } from '../formats.js';
import { checksumVerdict } from './checksums.js';
import { isPlaceholder } from './placeholders.js';
import type { SecretHit } from './secret-hit.js';
import { plausibleToken } from './token-shapes.js';

// Where a token of each known prefix ends: its format's alphabet, read broadly, so that a
// look-alike with a wrong character is seen whole (and then rejected) instead of cut short.
const alnum = /[A-Za-z0-9]+/y;
const extents: Record<string, RegExp> = {
  github: /github_pat_\w+/y,
  ghs: /ghs_[\w.-]+/y,
  gh: /gh[pour]_[A-Za-z0-9]+/y,
  gitlab: /gl(?:pat|rtr?|cbt|ptt|ft|imt|agent|wt|soat|ffct)-[\w.-]+|gl(?:oas|dt)-[\w-]+/y,
  gitlabRunner: /GR1348941[\w-]+/y,
  slack: /(?:xoxe\.)?xox[a-z]-[\w-]+|xapp-[\w-]+/y,
  slackWebhook: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]+/y,
  dashed: /(?:sk|pypi)-[\w-]+/y,
  underscored:
    /(?:npm|hf|lin_api|api_org|do[opr]_v1|cf(?:ut|at|k)|sntryu|vc[pikrc]|sk_(?:live|test|prod)|rk_(?:live|test|prod))_[A-Za-z0-9]+/y,
  dckr: /dckr_pat_[\w-]+/y,
  sentryOrg: /sntrys_[\w=+/-]+/y,
  atlassian: /ATATT3[\w=-]+/y,
  google: /AIza[\w-]+/y,
  aws: /A(?:KIA|SIA|BIA|CCA|3T[A-Z0-9])[A-Za-z0-9]+/y,
  jwt: /eyJ[\w-]*\.[\w-]+\.[\w-]*/y,
};

// The word before a `_` or `-` names the family whose extent to read from the word's start.
export const underscoreWords: Record<string, string> = {
  github: 'github',
  ghs: 'ghs',
  ghp: 'gh',
  gho: 'gh',
  ghu: 'gh',
  ghr: 'gh',
  npm: 'underscored',
  hf: 'underscored',
  lin: 'underscored',
  api: 'underscored',
  dop: 'underscored',
  doo: 'underscored',
  dor: 'underscored',
  cfut: 'underscored',
  cfat: 'underscored',
  cfk: 'underscored',
  sntryu: 'underscored',
  vcp: 'underscored',
  vci: 'underscored',
  vcc: 'underscored',
  vcr: 'underscored',
  vck: 'underscored',
  sk: 'underscored',
  rk: 'underscored',
  dckr: 'dckr',
  sntrys: 'sentryOrg',
};
export const dashWords: Record<string, string> = {
  ...Object.fromEntries(
    [
      'glpat',
      'glrt',
      'glrtr',
      'glcbt',
      'glptt',
      'glft',
      'glimt',
      'glagent',
      'glwt',
      'glsoat',
      'glffct',
      'gloas',
      'gldt',
    ].map((w) => [w, 'gitlab']),
  ),
  xapp: 'slack',
  sk: 'dashed',
  pypi: 'dashed',
  ...Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'o', 'p', 'r', 's'].map((l) => [`xox${l}`, 'slack'])),
};
export const upperAnchors = /A(?:KIA|SIA|BIA|CCA|3T[A-Z0-9]|Iza|TATT3)|GR1348941|eyJ/g;
const upperFamily: Record<string, string> = {
  AKIA: 'aws',
  ASIA: 'aws',
  ABIA: 'aws',
  ACCA: 'aws',
  AIza: 'google',
  ATAT: 'atlassian',
  GR13: 'gitlabRunner',
  eyJ: 'jwt',
};

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isLowerOrDigit = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
// A dot ends a sentence more often than a token: `glpat-….` at the end of a line of prose.
const trailingDots = /\.+$/;
const minBody = 10;

/**
 * A token's text does not go on into `?` or `#` (it was the start of a URL path or anchor, cut
 * there), into a non-ASCII letter (prose, or a mangled copy), or into an ellipsis.
 */
function cutShort(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  return c === 63 || c === 35 || c >= 0x80;
}

// Words are looked up by a number made from their characters, so most separators cost no string.
const wordKey = (text: string, start: number, end: number): number => {
  let key = 0;
  for (let i = start; i < end; i++) key = (key * 37 + text.charCodeAt(i)) % 2147483647;
  return key;
};
const keyed = (words: Record<string, string>) =>
  new Map(Object.entries(words).map(([word, family]) => [wordKey(word, 0, word.length), { word, family }]));
const underscoreKeys = keyed(underscoreWords);
const dashKeys = keyed(dashWords);
const longestWord = 7;

/** An unsecured JWT ends in the dot before its empty signature: keep that one. */
function trimmed(raw: string, family: string): string {
  const value = raw.replace(trailingDots, '');
  if (family === 'jwt' && value.split('.').length === 2 && raw.length > value.length) return `${value}.`;
  return value;
}

/** Read the token of `family` starting at `start`, check it against the formats, and describe it. */
function tokenAt(text: string, at: number, family: string): SecretHit | null {
  // `xoxe.xoxb-…`: the rotating form starts five characters before the word that was found.
  const start = family === 'slack' && text.startsWith('xoxe.', at - 5) ? at - 5 : at;
  if (start > 0 && isAlnum(text.charCodeAt(start - 1))) return null;
  const extent = extents[family] ?? alnum;
  extent.lastIndex = start;
  const match = extent.exec(text);
  if (!match) return null;
  const value = trimmed(match[0], family);
  if (family !== 'jwt' && value.length === match[0].length && cutShort(text, start + value.length)) return null;
  const detected = detectToken(value);
  if (!detected) return null;
  // Shorter than any real token of its kind: a truncated copy (`xoxb-123`), not a secret.
  if (detected.provider !== 'jwt' && value.length - detected.prefix.length < minBody) return null;
  if (isPlaceholder(value, detected.prefix.length) || !plausibleToken(value, detected)) return null;
  return {
    start,
    end: start + value.length,
    value,
    encoding: 'plain',
    provider: detected.provider,
    kind: detected.kind,
    prefix: detected.prefix,
    checksum: checksumVerdict(value),
  };
}

function scanSeparator(
  text: string,
  from: number,
  to: number,
  separator: string,
  words: Map<number, { word: string; family: string }>,
  out: SecretHit[],
): void {
  for (let i = text.indexOf(separator, from); i !== -1 && i < to; i = text.indexOf(separator, i + 1)) {
    let start = i;
    const stop = Math.max(0, i - longestWord);
    while (start > stop && isLowerOrDigit(text.charCodeAt(start - 1))) start--;
    if (start === i || i - start < 2 || (start > 0 && isAlnum(text.charCodeAt(start - 1)))) continue;
    const known = words.get(wordKey(text, start, i));
    if (!known || known.word.length !== i - start || !text.startsWith(known.word, start)) continue;
    const hit = tokenAt(text, start, known.family);
    if (hit) out.push(hit);
  }
}

export const webhookHost = 'https://hooks.slack.com/';

/**
 * Every token of a known prefix whose first character lies in [from, to) of `text`. One cheap
 * pass per anchor (`_`, `-`, `A…`/`GR…`/`eyJ`, Slack's webhook host) finds candidates; only those
 * are read precisely and checked with detectToken and the format's documented structure.
 */
export function findPrefixedTokens(text: string, from: number, to: number, out: SecretHit[]): void {
  scanSeparator(text, from, to, '_', underscoreKeys, out);
  scanSeparator(text, from, to, '-', dashKeys, out);
  upperAnchors.lastIndex = from;
  for (let m = upperAnchors.exec(text); m && m.index < to; m = upperAnchors.exec(text)) {
    const head = m[0].slice(0, 4);
    const family = upperFamily[head] ?? (head.startsWith('A3T') ? 'aws' : 'jwt');
    const hit = tokenAt(text, m.index, family);
    if (hit) {
      out.push(hit);
      upperAnchors.lastIndex = hit.end;
    }
  }
  for (
    let i = text.indexOf(webhookHost, from);
    i !== -1 && i < to;
    i = text.indexOf(webhookHost, i + webhookHost.length)
  ) {
    const hit = tokenAt(text, i, 'slackWebhook');
    if (hit) out.push(hit);
  }
}
