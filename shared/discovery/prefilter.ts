import { keyWords } from './key-values.js';
import { dashWords, underscoreWords, upperAnchors, webhookHost } from './prefixed-tokens.js';

// One regular expression (Rust regex syntax, ASCII mode) that matches somewhere near every secret
// the detector can report: each trigger the detector starts from (a token prefix, a key word, a
// URL's userinfo, a basic-auth header, a PEM header). A file region without a match holds nothing
// to report, so a fast literal search (ripgrep) can pick the regions the detector then reads.
// Built from the detector's own tables, so the two cannot drift apart.

// Only the characters that mean something in a Rust regex (older ripgrep rejects other escapes).
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// What a value can be made of (generic-secrets.ts valueChar): no blanks, quotes, `,;&<>(){}[]\`;
// and what ends it: anything else but `(`, which would make it a call in code (key-values.ts).
const valueRun = (n: number) => `[^\\s"'\`,;&<>(){}\\[\\]\\\\]{${n},}(?:$|[\\s"'\`,;&<>){}\\[\\]\\\\])`;
// A quote, perhaps escaped (`\"` inside a JSON string).
const quote = `(?:\\\\?["'\`])?`;
// Not a letter or digit: a token's left edge (the detector refuses one glued to a word).
const edge = '(?:^|[^A-Za-z0-9])';

/**
 * The triggers of the detector, as Rust regex alternatives, each with as much of what follows as
 * the detector will insist on: a token prefix with at least ten characters of body; a key word,
 * an assignment (or a blank, a call, a tag) and at least eight value characters; a userinfo with
 * a password of six or more; a basic-auth header; a PEM header; an XML tag named for a secret
 * with its value on the next line.
 */
export function prefilterAlternatives(): string[] {
  const prefixes = [...Object.keys(underscoreWords).map((w) => `${w}_`), ...Object.keys(dashWords).map((w) => `${w}-`)];
  const body = '[A-Za-z0-9_.+/=-]{10}';
  const words = `(?i:${keyWords.source.replace('pass\\b|pass_', 'pass')})`;
  const keyTail = '[A-Za-z0-9_.-]{0,64}';
  // key-values.ts assignmentAt, valueStart: an operator (the value perhaps quoted), a string handed
  // to a call or after a quoted key and a comma (quoted), `value=`, a type before `=`.
  const operator = `(?::::=|::=|:=|\\?=|\\+=|\\.=|\\|\\|=|\\?\\?=|=>|[:=>])`;
  const assignment = `(?:[ \\t]*${operator}[ \\t]*${quote}|[ \\t]*[,(][ \\t]*\\\\?["'\`]|[ \\t]+value=${quote}|[ \\t]+[A-Za-z_][A-Za-z0-9_.*\\[\\]]*[ \\t]*=[ \\t]*${quote})`;
  return [
    `${edge}(?:${prefixes.map(escape).join('|')})${body}`,
    `${edge}(?:${upperAnchors.source})${body}`,
    `${escape(webhookHost)}[A-Za-z0-9/_-]{20}`,
    `${words}${keyTail}${quote}${assignment}${valueRun(8)}`,
    // The separator is a blank: `Bearer …`, `--token …`, netrc's `password …`.
    `(?i:bearer)[ \\t]+${valueRun(8)}`,
    `(?:^|[ \\t])--?[A-Za-z0-9_-]*${words}[A-Za-z0-9_-]*[ \\t]+${valueRun(8)}`,
    `(?:^|\\s)passw(?:or)?d[ \\t]+${valueRun(8)}`,
    `<[A-Za-z0-9_:.-]*${words}[A-Za-z0-9_:.-]*>[ \\t]*$`,
    // scheme://user:password@ (a userinfo with a colon, the password six or more)
    `://[^/?#\\s"'\\\\@:]*:[^?#\\s"'\\\\@]{6}[^?#\\s"'\\\\@]*@`,
    'Basic\\s+[A-Za-z0-9+/]{8}',
    `(?:-u|--user)[ \\t=]+["']?[^\\s"':@]*:[^\\s"'@]{6}`,
    '-----BEGIN ',
  ];
}

/** The whole union, for `rg -e`. */
export const prefilterPattern = (): string => `(?-u)${prefilterAlternatives().join('|')}`;

/**
 * A pattern for one vault value, from what its masked form already shows (its head and last four
 * characters) and its length: the scan can find the vault's own values with the same search
 * without the values ever leaving the keychain. Null when the masked form shows too little.
 */
export function vaultValuePattern(head: string, tail: string, length: number): string | null {
  const middle = length - head.length - tail.length;
  if (tail.length !== 4 || middle < 1 || !/^[\x21-\x7e]*$/.test(head + tail)) return null;
  return `(?-u)${escape(head)}[\\x21-\\x7e]{${middle}}${escape(tail)}`;
}
