import type { SecretHit } from './secret-hit.js';

// Private keys in the encodings RFC 7468 names (PKCS#1 `RSA PRIVATE KEY`, SEC1 `EC PRIVATE KEY`,
// PKCS#8 `PRIVATE KEY` / `ENCRYPTED PRIVATE KEY`) and OpenSSH's own (PROTOCOL.key), also inside
// JSON strings where the line breaks are written `\n` (cloud service-account files).

const begin = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?)PRIVATE KEY-----/g;
const maxKeyLength = 16 * 1024;

export interface PrivateKeyFacts {
  /** rsa, ec, ed25519, dsa…; `unknown` when only decrypting would tell. */
  type: string;
  /** Protected by a passphrase: PKCS#8 encrypted, legacy PEM encryption, or an OpenSSH cipher. */
  encrypted: boolean;
  /** The container: PKCS#1, SEC1, PKCS#8, OpenSSH. */
  format: string;
}

function bytesOf(base64: string): Uint8Array | null {
  if (base64.length < 40 || !/^[A-Za-z0-9+/]+=*$/.test(base64)) return null;
  try {
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

const oids: [number[], string][] = [
  [[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01], 'rsa'],
  [[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01], 'ec'],
  [[0x2b, 0x65, 0x70], 'ed25519'],
  [[0x2b, 0x65, 0x71], 'ed448'],
  [[0x2b, 0x65, 0x6e], 'x25519'],
  [[0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01], 'dsa'],
];

/** The algorithm of a PKCS#8 PrivateKeyInfo: the OID near its start (RFC 5958 §2). */
function pkcs8Type(der: Uint8Array): string {
  const head = der.subarray(0, 40);
  for (const [oid, type] of oids) {
    for (let i = 0; i + oid.length + 1 < head.length; i++) {
      if (head[i] === 0x06 && head[i + 1] === oid.length && oid.every((b, k) => head[i + 2 + k] === b)) return type;
    }
  }
  return 'unknown';
}

/** Ciphername and key type of an OpenSSH key (PROTOCOL.key): "openssh-key-v1\0", then SSH strings. */
function opensshFacts(der: Uint8Array): { type: string; encrypted: boolean } | null {
  const magic = 'openssh-key-v1\0';
  if (String.fromCharCode(...der.subarray(0, magic.length)) !== magic) return null;
  let at = magic.length;
  const str = (): Uint8Array | null => {
    if (at + 4 > der.length) return null;
    const n = ((der[at] ?? 0) << 24) | ((der[at + 1] ?? 0) << 16) | ((der[at + 2] ?? 0) << 8) | (der[at + 3] ?? 0);
    if (n < 0 || at + 4 + n > der.length) return null;
    const out = der.subarray(at + 4, at + 4 + n);
    at += 4 + n;
    return out;
  };
  const cipher = str();
  str(); // kdfname
  str(); // kdfoptions
  at += 4; // number of keys
  const publicBlob = str();
  if (!cipher || !publicBlob || publicBlob.length < 8) return null;
  const nameLength =
    ((publicBlob[0] ?? 0) << 24) | ((publicBlob[1] ?? 0) << 16) | ((publicBlob[2] ?? 0) << 8) | (publicBlob[3] ?? 0);
  const name = String.fromCharCode(...publicBlob.subarray(4, 4 + Math.min(nameLength, 64)));
  const type =
    name === 'ssh-ed25519'
      ? 'ed25519'
      : name === 'ssh-rsa'
        ? 'rsa'
        : name.startsWith('ecdsa-')
          ? 'ec'
          : name === 'ssh-dss'
            ? 'dsa'
            : name || 'unknown';
  return { type, encrypted: String.fromCharCode(...cipher) !== 'none' };
}

/** What a PEM block is, from its label, headers and body; null when the body is not a key (a stub, `...`). */
export function privateKeyFacts(label: string, inner: string): PrivateKeyFacts | null {
  const lines = inner
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const headers = lines.filter((l) => l.includes(':'));
  const der = bytesOf(lines.filter((l) => !l.includes(':')).join(''));
  if (!der) return null;
  const legacyEncrypted = headers.some((h) => /^Proc-Type:\s*4,\s*ENCRYPTED/i.test(h));
  switch (label) {
    case 'RSA ':
      return { type: 'rsa', encrypted: legacyEncrypted, format: 'PKCS#1' };
    case 'EC ':
      return { type: 'ec', encrypted: legacyEncrypted, format: 'SEC1' };
    case 'DSA ':
      return { type: 'dsa', encrypted: legacyEncrypted, format: 'PEM' };
    case 'ENCRYPTED ':
      return { type: 'unknown', encrypted: true, format: 'PKCS#8' };
    case 'OPENSSH ': {
      const facts = opensshFacts(der);
      return facts ? { ...facts, format: 'OpenSSH' } : null;
    }
    default:
      return { type: pkcs8Type(der), encrypted: false, format: 'PKCS#8' };
  }
}

const typeNames: Record<string, string> = {
  rsa: 'RSA',
  ec: 'EC',
  ed25519: 'Ed25519',
  ed448: 'Ed448',
  x25519: 'X25519',
  dsa: 'DSA',
};

/** "RSA private key (PKCS#1)", "Ed25519 private key (OpenSSH, passphrase-protected)". */
export function privateKeyKind(facts: PrivateKeyFacts): string {
  const name = typeNames[facts.type] ?? 'Private';
  return `${name === 'Private' ? 'Private' : `${name} private`} key (${facts.format}${facts.encrypted ? ', passphrase-protected' : ''})`;
}

/**
 * Every private key whose BEGIN line starts in [from, to): the whole block, BEGIN to END, is the
 * span. Blocks inside JSON strings (`\n` for line breaks) are read the same way.
 */
export function findPrivateKeys(text: string, from: number, to: number, out: SecretHit[]): void {
  begin.lastIndex = from;
  for (let m = begin.exec(text); m && m.index < to; m = begin.exec(text)) {
    const label = m[1] ?? '';
    const footer = `-----END ${label}PRIVATE KEY-----`;
    const bodyStart = m.index + m[0].length;
    const footerAt = text.indexOf(footer, bodyStart);
    if (footerAt === -1 || footerAt - bodyStart > maxKeyLength) continue;
    const raw = text.slice(bodyStart, footerAt);
    const escaped = raw.includes('\\n');
    const facts = privateKeyFacts(label, escaped ? raw.replace(/\\r|\\n/g, '\n') : raw);
    if (!facts) continue;
    const end = footerAt + footer.length;
    const value = text.slice(m.index, end);
    const tail = raw.replace(/\\n|\s/g, '').slice(-4);
    out.push({
      start: m.index,
      end,
      value,
      encoding: 'plain',
      provider: 'generic',
      kind: privateKeyKind(facts),
      prefix: '',
      checksum: null,
      privateKey: { type: facts.type, encrypted: facts.encrypted },
      masked: `${typeNames[facts.type] ?? 'PEM'} key…${tail}`,
    });
    begin.lastIndex = end;
  }
}
