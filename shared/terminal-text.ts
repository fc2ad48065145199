// Issue 13 owns this function; this is the simple stand-in its brief asks other branches to use
// until it lands (same name and signature; the lead keeps issue 13's version at merge).

/**
 * Text fit for a terminal: C0 and C1 controls, DEL, format characters (bidi overrides, zero-width
 * marks) and line/paragraph separators shown as visible escapes instead of acting on the screen.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]|\p{Cf}/gu, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}
