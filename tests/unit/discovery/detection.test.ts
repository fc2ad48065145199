import { describe, expect, it } from 'vitest';
import { crc32, toBase62 } from '../../../shared/discovery/checksums.js';
import { findSecrets } from '../../../shared/discovery/find-secrets.js';
import type { SourceKind } from '../../../shared/discovery/sources.js';
import { fakeJwt, fakeTokenCases, fakeTokens, randomAlnum, randomHex } from '../../helpers/fake-tokens.js';
import { jwtIoSample, lookAlike } from '../../helpers/decoy-values.js';

const found = (text: string, source: SourceKind = 'file') => findSecrets(text, 0, text.length, source);
const values = (text: string, source: SourceKind = 'file') => found(text, source).map((h) => h.value);

/** A generic secret a person might have: no prefix, random, obviously fake. */
const genericSecret = () => `FAKE${randomAlnum(28)}`;

describe('tokens of every format Lapse knows, wherever they sit in a file', () => {
  it.each(fakeTokenCases)('a $name is found with its provider and kind', ({ build, provider, kind }) => {
    const token = build();
    const hits = found(`# deploy settings\nexport SOME_VALUE=${token}\n`);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ value: token, provider, kind, encoding: 'plain' });
  });

  it('a JWT is found as a JWT, in a header, a JSON string or a query string', async () => {
    const jwt = await fakeJwt({ exp: 1_900_000_000 });
    for (const line of [
      `Authorization: Bearer ${jwt}`,
      `{"id_token":"${jwt}"}`,
      `GET /cb?access_token=${jwt}&state=1`,
    ]) {
      expect(
        found(line).map((h) => [h.provider, h.value]),
        line,
      ).toEqual([['jwt', jwt]]);
    }
  });

  it('the span is exactly the token: quoted, after `=`, before a comma, at the end of a sentence', () => {
    const token = fakeTokens.gitlabRoutable();
    const text = `a "${token}" b='${token}', c=${token},d ${token}.`;
    const hits = found(text);
    expect(hits.map((h) => h.value)).toEqual([token, token, token, token]);
    for (const hit of hits) expect(text.slice(hit.start, hit.end)).toBe(token);
  });

  it('a rotating Slack token keeps its xoxe. head', () => {
    const token = fakeTokens.slackRotatingBot();
    expect(found(`SLACK=${token}`)).toMatchObject([{ value: token, kind: 'rotating bot token' }]);
  });

  it('a token that is part of a longer word is not a token', () => {
    expect(values(`myghp_FAKE${randomAlnum(32)} X${fakeTokens.awsAccessKeyId()}`)).toEqual([]);
  });
});

describe('examples and placeholders are not reported', () => {
  const decoys = [
    `ghp_${'x'.repeat(36)}`,
    `ghp_${'X'.repeat(36)}`,
    `github_pat_${'x'.repeat(82)}`,
    lookAlike('AKIA', 'IOSFODNN7EXAMPLE'),
    `sk_live_EXAMPLE${randomAlnum(20)}`,
    'ghp_<token>',
    lookAlike('xoxb-', 'your-bot-token-here'),
    `npm_${'0'.repeat(36)}`,
    lookAlike('sk_test_', '1234567890abcdefghijklmn'),
    `dop_v1_${'a'.repeat(64)}`,
    jwtIoSample(),
  ];
  it.each(decoys)('%s', (decoy) => {
    expect(values(`TOKEN=${decoy}\n"${decoy}"`)).toEqual([]);
  });

  it('a hex body keeps `ffffff` and `abcdef` (random hex holds them often); a run of ten is typing', () => {
    // One random 64-digit hex value in about 16,000 holds six alike or `abcdef`: real tokens.
    const withRuns = [
      `deadbeef${randomHex(20)}ffffff${randomHex(30)}`,
      `deadbeef${randomHex(20)}abcdef${randomHex(30)}`,
    ];
    for (const body of withRuns) expect(values(`DO_TOKEN=dop_v1_${body}`)).toEqual([`dop_v1_${body}`]);
    expect(values(`DO_TOKEN=dop_v1_deadbeef${randomHex(20)}${'f'.repeat(10)}${randomHex(26)}`)).toEqual([]);
    expect(values(`SENTRY=sntryu_deadbeef${randomHex(20)}0123456789${randomHex(26)}`)).toEqual([]);
  });

  it('a mark in the case people type it is a placeholder; the same letters in random case are not', () => {
    const body = () => `FAKE${randomAlnum(40)}`;
    for (const mark of ['dummy', 'DUMMY', 'Dummy', 'YourToken', 'your_token', 'CHANGE_ME', 'ChangeMe'])
      expect(values(`TOKEN=sk-proj-${body()}${mark}${body()}T3BlbkFJ${body()}`), mark).toEqual([]);
    const token = `sk-proj-${body()}DuMmY${body()}T3BlbkFJ${body()}`;
    expect(values(`TOKEN=${token}`)).toEqual([token]);
  });

  it('truncated and masked copies are not tokens', () => {
    expect(values('ghp_abc123 xoxb-123 npm_12ab ghp_…a1b2 sk-…AbCd glpat-abc')).toEqual([]);
  });

  it('look-alikes with a character outside the format are not tokens', () => {
    const wrong = [
      `AKIA${'abcdefghjkmnpqrs'}`,
      `dop_v1_${'g1h2k3m4'.repeat(8)}`,
      `hf_FAKE${randomAlnum(20)}12345`,
      `cfut_FAKE${randomAlnum(36)}DEADBEEF`,
    ];
    expect(values(wrong.join('\n'))).toEqual([]);
  });
});

describe('generic secrets under keys that name one', () => {
  it.each([
    ['env file', (s: string) => `API_KEY=${s}`],
    ['JSON', (s: string) => `  "client_secret": "${s}",`],
    ['YAML', (s: string) => `  token: ${s}`],
    ['shell export', (s: string) => `export SERVICE_TOKEN="${s}"`],
    ['Python', (s: string) => `SECRET_KEY = '${s}'`],
    ['Go', (s: string) => `\tapiKey := "${s}"`],
    ['PHP array', (s: string) => `'api_key' => '${s}',`],
    ['command-line flag', (s: string) => `mytool --password ${s} --verbose`],
    ['flag with =', (s: string) => `mytool --token=${s}`],
    ['Authorization header', (s: string) => `Authorization: Bearer ${s}`],
    ['URL with a password', (s: string) => `DATABASE_URL=postgres://app:${s}@db.internal:5432/app`],
  ])('in a %s', (_where, line) => {
    const secret = genericSecret();
    expect(found(line(secret))).toMatchObject([{ value: secret, provider: 'generic' }]);
  });

  it('a URL password with a raw slash is read whole; a port before a path is no password', () => {
    const secret = `FAKE${randomAlnum(10)}/${randomAlnum(12)}`;
    expect(values(`DATABASE_URL=postgres://app:${secret}@db.internal:5432/app`)).toEqual([secret]);
    expect(values('see https://registry.internal:8080/user@example/docs')).toEqual([]);
  });

  it('hex keys count too', () => {
    const secret = `deadbeef${randomHex(32)}`;
    expect(values(`WEBHOOK_SECRET=${secret}`)).toEqual([secret]);
  });

  it('an AWS secret access key is named as AWS', () => {
    const secret = `FAKE${randomAlnum(36)}`;
    expect(found(`aws_secret_access_key = ${secret}`)).toMatchObject([{ provider: 'aws', kind: 'secret access key' }]);
  });

  it.each([
    'GITHUB_TOKEN=${GITHUB_TOKEN}',
    'NPM_TOKEN=$NPM_TOKEN',
    'api_key: {{ secrets.API_KEY }}',
    'token: ${{ secrets.NPM_TOKEN }}',
    'const apiKey = process.env.API_KEY;',
    'SECRET_KEY = os.environ["SECRET_KEY"]',
    'API_KEY=changeme',
    'password: password123',
    'API_KEY=your_api_key_here',
    'SECRET_KEY=this-is-not-a-real-secret-key',
    'token_type: bearer',
    'password_file: /run/secrets/db_password',
    'token = await getAccessToken(clientId, tenant)',
    'DATABASE_URL=postgres://app:${DB_PASSWORD}@db.internal:5432/app',
    'Authorization: Bearer ${TOKEN}',
    'if (token == "abcdefghijklmnop1234") {}',
    'secret_name: prod-database-credentials',
    'public_key: "FAKEaB3dE5gH7jK9mN1pQ3sT5vX7zA9"',
    // Code that hands a secret-named key an expression: a call, or a member access.
    '  secret: fakeTokens.githubClassic(),',
    '  refreshToken: secretSchema.optional(),',
    '  tokens: z.record(z.string(), tokenRecordSchema),',
    'const token = tokenRecordSchema.extend;',
    // Names in code handed to secret-named keys (shapes seen in node_modules): identifiers, not values.
    'token: isClosingParenToken,',
    'const varToken = declarationIsDefault',
    'type TemplateLiteralToken = NoSubstitutionTemplateLiteral | PseudoLiteralToken;',
    'exports.id_PrivateKeyUsagePeriod = id_PrivateKeyUsagePeriod;',
    'propertiesPass = this.options.isEqual?.(received, properties) ?? false;',
    'nextToken = "?NonExpressionParenEnd";',
    "entry.setPassword('topS3cr3tP4$$w0rd')",
    "maskSecret('FAKE5678abcd1234')",
    "dbus('/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.Lock')",
    'DOTENV_KEY="dotenv://:key_1234@dotenvx.com/vault/.env.vault"',
  ])('not: %s', (line) => {
    expect(values(line)).toEqual([]);
  });

  it('an env file keeps an unquoted dotted value: there it is a value, not code', () => {
    const secret = `Zx${randomAlnum(14)}.Qw${randomAlnum(14)}`;
    expect(values(`API_TOKEN=${secret}`, 'env-file')).toEqual([secret]);
  });
});

describe('offline checksums decide, where a format documents one', () => {
  it('a GitHub token whose last six characters are the CRC32 of the rest is marked valid', () => {
    const body = `FAKE${randomAlnum(26)}`;
    const token = `ghp_${body}${toBase62(crc32(body), 6)}`;
    expect(found(token)).toMatchObject([{ value: token, checksum: 'valid' }]);
  });

  it('the checksum in the other common base62 order (lowercase first) counts too', () => {
    const body = `FAKE${randomAlnum(26)}`;
    const inverted = toBase62(crc32(body), 6, '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(found(`ghp_${body}${inverted}`)).toMatchObject([{ checksum: 'valid' }]);
  });

  it('one of the documented length whose checksum does not match is a look-alike, not reported', () => {
    const body = `FAKE${randomAlnum(26)}`;
    const wrong = toBase62((crc32(body) + 1) % 2 ** 32, 6);
    expect(found(`ghp_${body}${wrong}`)).toEqual([]);
    expect(found(`npm_${body}${wrong}`)).toEqual([]);
  });

  it('a Cloudflare token with a matching hex CRC32 is valid', () => {
    const body = `FAKE${randomAlnum(36)}`;
    expect(found(`cfut_${body}${crc32(body).toString(16).padStart(8, '0')}`)).toMatchObject([{ checksum: 'valid' }]);
  });
});

describe('files made to hold credentials, read in their own syntax', () => {
  it('Docker keeps base64 user:password in "auth": the password is the secret', () => {
    const pat = fakeTokens.docker();
    const auth = Buffer.from(`me:${pat}`).toString('base64');
    const text = `{"auths":{"https://index.docker.io/v1/":{"auth":"${auth}"}}}`;
    const [hit] = found(text, 'docker-config');
    expect(hit).toMatchObject({ value: pat, provider: 'docker', encoding: 'base64-userpass' });
    expect(text.slice(hit?.start, hit?.end)).toBe(auth);
  });

  it('npm keeps _auth as base64 user:password and _password as base64', () => {
    const password = `FAKE${randomAlnum(20)}`;
    const text = `_auth=${Buffer.from(`me:${password}`).toString('base64')}\n//r.example/:_password=${Buffer.from(password).toString('base64')}\n`;
    expect(found(text, 'npmrc').map((h) => [h.value, h.encoding, text.slice(h.start, h.end)])).toEqual([
      [password, 'base64-userpass', Buffer.from(`me:${password}`).toString('base64')],
      [password, 'base64', Buffer.from(password).toString('base64')],
    ]);
  });

  it('netrc keeps `password VALUE`, and there even a short password counts', () => {
    const netrc = 'machine api.example.com login me password FAKEpw12';
    expect(found(netrc, 'netrc').map((h) => netrc.slice(h.start, h.end))).toEqual(['FAKEpw12']);
    expect(values('machine api.example.com login me password FAKEpw12', 'file')).toEqual([]);
  });
});
