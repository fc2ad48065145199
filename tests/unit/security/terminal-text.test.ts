import { describe, expect, it } from 'vitest';
import {
  hasUnsafeCharacters,
  jsonTerminalSafe,
  oneLineText,
  safeText,
  terminalSafe,
} from '../../../shared/terminal-text.js';

const esc = String.fromCharCode(0x1b);
const bel = String.fromCharCode(0x07);

describe('terminalSafe', () => {
  it.each([
    ['ESC/CSI (clear screen, cursor home)', `${esc}[2J${esc}[Hexposed.env`, '\\x1b[2J\\x1b[Hexposed.env'],
    ['OSC 52 (set the clipboard)', `${esc}]52;c;ZWNobw==${bel}osc.env`, '\\x1b]52;c;ZWNobw==\\x07osc.env'],
    ['carriage return', 'cr\rcarriage.env', 'cr\\x0dcarriage.env'],
    ['line feed', 'line\nbreak.env', 'line\\x0abreak.env'],
    ['tab', 'a\tb', 'a\\x09b'],
    ['DEL', 'a\u007fb', 'a\\x7fb'],
    ['C1 CSI (U+009B)', 'a\u009b31mb', 'a\\x9b31mb'],
    ['right-to-left override', 'rtl\u202etxt.env', 'rtl\\u{202e}txt.env'],
    ['bidi isolates', '\u2066a\u2069', '\\u{2066}a\\u{2069}'],
    ['LRM, RLM, ALM', '\u200e\u200f\u061c', '\\u{200e}\\u{200f}\\u{061c}'],
    ['zero-width space and joiner', 'a\u200bb\u200dc', 'a\\u{200b}b\\u{200d}c'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a\\u{2028}b\\u{2029}c'],
    ['byte-order mark', '\ufeffx', '\\u{feff}x'],
    ['a tag character (astral)', 'x\u{e0041}', 'x\\u{e0041}'],
  ])('%s is shown escaped', (_name, input, shown) => {
    expect(terminalSafe(input)).toBe(shown);
    expect(hasUnsafeCharacters(input)).toBe(true);
  });

  it('keeps ordinary text, accents, CJK and emoji as they are', () => {
    const plain = 'deploy key — ünïcödé 漢字 🔑 ~/.env (a|b) \\x1b literal';
    expect(terminalSafe(plain)).toBe(plain);
    expect(hasUnsafeCharacters(plain)).toBe(false);
  });

  it('is idempotent: escaping escaped text changes nothing', () => {
    const hostile = `${esc}[31m\r\n\u202e\u2028\u009b\u200b`;
    const once = terminalSafe(hostile);
    expect(terminalSafe(once)).toBe(once);
    expect(hasUnsafeCharacters(once)).toBe(false);
  });

  it('leaves no byte a terminal acts on, whatever the input', () => {
    let all = '';
    for (let c = 0; c < 0x3000; c++) all += String.fromCharCode(c);
    // eslint-disable-next-line no-control-regex -- the check itself
    expect(terminalSafe(all)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/u);
  });
});

describe('jsonTerminalSafe', () => {
  it('escapes what JSON.stringify leaves raw (C1, DEL, bidi, U+2028, astral format characters), and the JSON parses back the same', () => {
    const value = { claim: `a\u009b31m\u007fb\u202ec\u2028d\u{e0041}e${String.fromCharCode(0x1b)}`, n: 1 };
    const json = jsonTerminalSafe(JSON.stringify(value));
    // eslint-disable-next-line no-control-regex -- the check itself
    expect(json).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/u);
    expect(JSON.parse(json)).toEqual(value);
    expect(json).toContain('\\u202e');
    expect(json).toContain('\\udb40\\udc41');
  });
});

describe('bounded text', () => {
  it('cuts with an ellipsis, never inside an escape', () => {
    const esc = String.fromCharCode(0x1b);
    expect(safeText(`abc${esc}def`, 6)).toBe('abc…');
    expect(safeText(`abcd${'\u202e'}xyz`, 9)).toBe('abcd…');
    expect(safeText('short', 10)).toBe('short');
  });

  it('oneLineText folds line breaks and runs of spaces into one space first', () => {
    expect(oneLineText('  a\r\n\tb  \u2028 c ', 50)).toBe('a b c');
  });
});
