// Characters a terminal (or a text renderer) acts on instead of showing: C0 controls (ESC starts
// CSI/OSC sequences, CR rewrites the line, LF forges a new one), DEL, C1 controls (U+009B is a
// one-character CSI), format characters (\p{Cf}: bidi overrides and isolates, LRM/RLM/ALM,
// zero-width spaces and joiners, the BOM, tag characters) and the Unicode line and paragraph
// separators.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/gu;

const hex = (code: number, width: number) => code.toString(16).padStart(width, '0');

/** The visible escape of one unsafe character: `\x1b` below U+0100, `\u{202e}` above. */
const escapeOf = (ch: string): string => {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x100 ? `\\x${hex(code, 2)}` : `\\u{${hex(code, 4)}}`;
};

/**
 * Text fit to print to a terminal, or to store as one line and show later: every character a
 * terminal would act on (C0/C1 controls, DEL, format and bidi characters, U+2028/2029) is shown
 * as a visible escape instead — `\x1b`, `\x0a`, `\u{202e}` — so a hostile file name, provider
 * message or JWT claim can neither hide nor forge the lines around it. Everything else is kept.
 * Idempotent: its output contains nothing it would escape again.
 */
export function terminalSafe(text: string): string {
  return text.replace(unsafe, escapeOf);
}

/** True when `terminalSafe` would change the text. */
export const hasUnsafeCharacters = (text: string): boolean => text.search(unsafe) !== -1;

// A cut may not split an escape: `\x1`, `\u{20` at the end are dropped whole.
const partialEscape = /\\(?:x[0-9a-f]?|u(?:\{[0-9a-f]*)?)?$/;

/** Terminal-safe text cut to `max` characters with an ellipsis (never inside an escape). */
export function safeText(text: string, max: number): string {
  const safe = terminalSafe(text);
  if (safe.length <= max) return safe;
  return `${safe.slice(0, max - 1).replace(partialEscape, '')}…`;
}

/**
 * Text from outside (a provider's words, a JWT claim) as one stored or printed line: runs of
 * whitespace (line breaks included) become one space, the rest is made terminal-safe, and the
 * result is cut to `max` characters.
 */
export const oneLineText = (text: string, max: number): string => safeText(text.replace(/\s+/g, ' ').trim(), max);

/**
 * Serialised JSON made terminal-safe without changing what it says: JSON.stringify already escapes
 * C0 controls; DEL, C1, format characters and U+2028/2029 (legal raw inside a JSON string) become
 * `\uXXXX` escapes too. Only string contents can hold them, so the value parses back the same.
 */
export const jsonTerminalSafe = (json: string): string =>
  json.replace(/[\u007f-\u009f\u2028\u2029\p{Cf}]/gu, (ch) => {
    let out = '';
    // Each UTF-16 unit (an astral character is two): the escape JSON itself would use.
    for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return out;
  });
