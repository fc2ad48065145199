// Placeholder until issue 13's version lands (the lead keeps that one at merge): same name, same signature.

/**
 * Text safe to print on a terminal: C0/C1 controls, DEL, format characters (bidi overrides
 * included) and line/paragraph separators become visible escapes instead of acting on the screen.
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}
