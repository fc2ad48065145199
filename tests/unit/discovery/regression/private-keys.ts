// Private keys made now, in each encoding RFC 7468 / RFC 8017 / RFC 5915 / RFC 5958 and OpenSSH's
// PROTOCOL.key define. Throw-away keys: generated per run, never stored anywhere.
import { generateKeyPairSync, randomBytes } from 'node:crypto';

export interface BuiltKey {
  /** What the key is, as a person would say it. */
  name: string;
  /** The type a scanner can report: rsa, ec, ed25519; `pkcs8` where only decrypting would tell (RFC 5958 §3). */
  type: 'rsa' | 'ec' | 'ed25519' | 'pkcs8';
  encrypted: boolean;
  pem: string;
}

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 1024 });
const ec = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed = () => generateKeyPairSync('ed25519');

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const sshString = (data: Buffer | string) => {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return Buffer.concat([u32(bytes.length), bytes]);
};

/** An OpenSSH ed25519 key file: unencrypted ("none"), or with a cipher and random "encrypted" bytes. */
function opensshEd25519(encrypted: boolean): string {
  const { privateKey, publicKey } = ed();
  const pub = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d as string, 'base64url');
  const publicBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
  const check = randomBytes(4);
  const inner = Buffer.concat([
    check,
    check,
    sshString('ssh-ed25519'),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString('FAKE@lapse.invalid'),
  ]);
  const padding = Buffer.from(Array.from({ length: (8 - (inner.length % 8)) % 8 }, (_, i) => i + 1));
  const privateSection = encrypted ? randomBytes(inner.length + padding.length) : Buffer.concat([inner, padding]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString(encrypted ? 'aes256-ctr' : 'none'),
    sshString(encrypted ? 'bcrypt' : 'none'),
    sshString(encrypted ? Buffer.concat([sshString(randomBytes(16)), u32(16)]) : Buffer.alloc(0)),
    u32(1),
    sshString(publicBlob),
    sshString(privateSection),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return ['-----BEGIN OPENSSH PRIVATE KEY-----', ...lines, '-----END OPENSSH PRIVATE KEY-----', ''].join('\n');
}

/** RFC 1421-style encryption headers on a PKCS#1 key (what `openssl rsa -des3` writes). */
function legacyEncryptedRsa(): string {
  const body = (rsa().privateKey.export({ type: 'pkcs1', format: 'pem' }) as string).split('\n').slice(1, -2);
  return [
    '-----BEGIN RSA PRIVATE KEY-----',
    'Proc-Type: 4,ENCRYPTED',
    `DEK-Info: AES-128-CBC,${randomBytes(16).toString('hex').toUpperCase()}`,
    '',
    ...body,
    '-----END RSA PRIVATE KEY-----',
    '',
  ].join('\n');
}

export function privateKeys(): BuiltKey[] {
  const passphrase = `FAKE-${randomBytes(6).toString('hex')}`;
  return [
    {
      name: 'RSA key, PKCS#1 (BEGIN RSA PRIVATE KEY)',
      type: 'rsa',
      encrypted: false,
      pem: rsa().privateKey.export({ type: 'pkcs1', format: 'pem' }) as string,
    },
    {
      name: 'EC key, SEC1 (BEGIN EC PRIVATE KEY)',
      type: 'ec',
      encrypted: false,
      pem: ec().privateKey.export({ type: 'sec1', format: 'pem' }) as string,
    },
    {
      name: 'RSA key, PKCS#8 (BEGIN PRIVATE KEY)',
      type: 'rsa',
      encrypted: false,
      pem: rsa().privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    },
    {
      name: 'EC key, PKCS#8',
      type: 'ec',
      encrypted: false,
      pem: ec().privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    },
    {
      name: 'Ed25519 key, PKCS#8',
      type: 'ed25519',
      encrypted: false,
      pem: ed().privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    },
    { name: 'OpenSSH ed25519 key, no passphrase', type: 'ed25519', encrypted: false, pem: opensshEd25519(false) },
    {
      name: 'encrypted PKCS#8 (BEGIN ENCRYPTED PRIVATE KEY)',
      type: 'pkcs8',
      encrypted: true,
      pem: rsa().privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }) as string,
    },
    { name: 'OpenSSH ed25519 key with a passphrase', type: 'ed25519', encrypted: true, pem: opensshEd25519(true) },
    { name: 'RSA key with legacy PEM encryption', type: 'rsa', encrypted: true, pem: legacyEncryptedRsa() },
  ];
}

/** Things that look like private keys and are not: public keys, and documentation stubs. */
export function notPrivateKeys(): { name: string; text: string }[] {
  const { publicKey } = rsa();
  return [
    { name: 'public key (BEGIN PUBLIC KEY)', text: publicKey.export({ type: 'spki', format: 'pem' }) as string },
    {
      name: 'OpenSSH public key line',
      text: `ssh-ed25519 ${Buffer.concat([sshString('ssh-ed25519'), sshString(randomBytes(32))]).toString('base64')} FAKE@lapse.invalid\n`,
    },
    {
      name: 'documentation stub with an ellipsis',
      text: '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n',
    },
    { name: 'a regex for the header, in code', text: 'const header = /-----BEGIN (RSA|EC) PRIVATE KEY-----/;\n' },
  ];
}
