// Offline checksums some providers build into their tokens. GitHub (and npm, the same scheme)
// documents a CRC32 of the 30 random characters in the last 6, base62; which base62 order it uses is
// not written down, so both common orders are accepted. A value of the documented length whose
// checksum matches neither is not a real token (a typo, a truncated copy, a made-up look-alike).

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE) of an ASCII string. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = (crcTable[(crc ^ text.charCodeAt(i)) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// The "inverted" order some implementations use (lowercase before uppercase).
const base62Inverted = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A number in base 62 (GMP order unless another alphabet is given), left-padded with zeros to `width` characters. */
export function toBase62(value: number, width: number, alphabet = base62): string {
  let out = '';
  let rest = value;
  while (rest > 0) {
    out = alphabet[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

export type ChecksumVerdict = 'valid' | 'invalid' | null;

const crcBase62Prefixes = /^(?:gh[pousr]_|npm_)([A-Za-z0-9]{30})([A-Za-z0-9]{6})$/;
const cloudflare = /^cf(?:ut|at|k)_([A-Za-z0-9]{40})([a-f0-9]{8})$/;

/**
 * What a token's built-in checksum says: `valid`, `invalid`, or null where its format has none
 * (or its length is not the one the checksum is documented for).
 */
export function checksumVerdict(value: string): ChecksumVerdict {
  const github = crcBase62Prefixes.exec(value);
  if (github) {
    const crc = crc32(github[1] ?? '');
    return toBase62(crc, 6) === github[2] || toBase62(crc, 6, base62Inverted) === github[2] ? 'valid' : 'invalid';
  }
  const cf = cloudflare.exec(value);
  if (cf)
    return crc32(cf[1] ?? '')
      .toString(16)
      .padStart(8, '0') === cf[2]
      ? 'valid'
      : 'invalid';
  return null;
}
