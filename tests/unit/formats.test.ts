import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectToken, maskSecret, readJwt } from '../../shared/formats.js';
import { fakeJwt, fakeTokenCases, fakeTokens, randomAlnum } from '../helpers/fake-tokens.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

describe('recognising a token from its value', () => {
  it.each(fakeTokenCases)(
    'a $name is recognised with its provider, kind and prefix',
    ({ build, provider, kind, prefix }) => {
      const value = build();
      expect(detectToken(value)).toEqual({ provider, kind, prefix });
    },
  );

  it('the five GitHub prefixes and github_pat_ each map to their own kind', () => {
    const kinds = ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'].map((p) => detectToken(`${p}FAKE${randomAlnum(32)}`)?.kind);
    kinds.push(detectToken(fakeTokens.githubFineGrained())?.kind);
    expect(new Set(kinds).size).toBe(6);
    expect(kinds).not.toContain(undefined);
  });

  it('a routable GitLab token (glpat-<27+>.01.<tail>) is a GitLab PAT like the legacy one', () => {
    const routable = `glpat-FAKE${randomAlnum(23)}.01.0z1111111`;
    expect(detectToken(routable)).toMatchObject({ provider: 'gitlab', prefix: 'glpat-' });
  });

  it('a rotating Slack bot token is not mistaken for a plain bot token', () => {
    expect(detectToken(`xoxe.xoxb-1-FAKE${randomAlnum(30)}`)?.kind).toBe('rotating bot token');
    expect(detectToken(`xoxb-1234-FAKE${randomAlnum(30)}`)?.kind).toBe('bot token');
  });

  it('an Anthropic key is not taken for an OpenAI key, though both start with sk-', () => {
    expect(detectToken(fakeTokens.anthropicApi())?.provider).toBe('anthropic');
    expect(detectToken(fakeTokens.openaiProject())?.provider).toBe('openai');
  });

  it('values that only look close are not claimed by a provider', () => {
    expect(detectToken(`ghp_${randomAlnum(5)}`)).toBeNull(); // too short
    expect(detectToken(`AKIA${'a'.repeat(16)}`)).toBeNull(); // lower case is not an access key id
    expect(detectToken(`dop_v1_${'Z'.repeat(64)}`)).toBeNull(); // not hex
    expect(detectToken(` ghp_FAKE${randomAlnum(32)}`)).toBeNull(); // leading space
  });
});

describe('reading a JWT', () => {
  it('a signed JWT gives its expiry, issue time and scopes', async () => {
    const iat = nowSeconds() - 60;
    const exp = nowSeconds() + 3600;
    const jwt = await fakeJwt({ iat, exp, scope: 'repo read:org  workflow' });
    expect(detectToken(jwt)).toEqual({
      provider: 'jwt',
      kind: 'JWT',
      prefix: '',
      expiresAt: iso(exp),
      issuedAt: iso(iat),
      scopes: ['repo', 'read:org', 'workflow'],
    });
  });

  it('scopes also come from an `scp` array, and an at+jwt header says it is an access token', async () => {
    const jwt = await fakeJwt({ scp: ['User.Read', 'Mail.Send'], typ: 'at+jwt' });
    const detection = detectToken(jwt);
    expect(detection).toMatchObject({ provider: 'jwt', kind: 'JWT access token', scopes: ['User.Read', 'Mail.Send'] });
    expect(detection).not.toHaveProperty('expiresAt');
  });

  it('readJwt returns the header and claims of a JWT', async () => {
    const jwt = await fakeJwt({ exp: 2_000_000_000 });
    expect(readJwt(jwt)).toMatchObject({ header: { alg: 'HS256' }, claims: { exp: 2_000_000_000 } });
  });

  it('an exp that is not a plausible number of seconds is ignored, not turned into a date', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    for (const exp of ['"tomorrow"', '-5', '1e300', '99999999999999']) {
      const payload = Buffer.from(`{"exp":${exp}}`).toString('base64url');
      const detection = detectToken(`${header}.${payload}.`);
      expect(detection?.provider).toBe('jwt');
      expect(detection).not.toHaveProperty('expiresAt');
    }
  });

  it('a malformed JWT is not a JWT, and never throws', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    const malformed = [
      'eyJhbGciOiJIUzI1NiJ9.not!base64.sig',
      `${b64('{"alg":"HS256"}')}.${b64('not json')}.c2ln`,
      `${b64('not json')}.${b64('{"exp":1}')}.c2ln`,
      `${b64('{"alg":"HS256"}')}.${b64('[1,2,3]')}.c2ln`,
      `${b64('"just a string"')}.${b64('{"exp":1}')}.c2ln`,
      'aaaa.bbbb.cccc',
      'www.example.com',
      'a.b.c',
      '..',
    ];
    for (const value of malformed) {
      expect(() => readJwt(value)).not.toThrow();
      expect(readJwt(value)).toBeNull();
      expect(detectToken(value)).toBeNull();
    }
  });
});

describe('values of no known format', () => {
  it('random text is recognised as nothing, and neither detection nor masking ever throws', () => {
    const samples = ['', ' ', 'hello world', 'password123', '\u0000\u202e', '😀'.repeat(40), 'x'.repeat(20_000)];
    for (let i = 0; i < 300; i++) samples.push(randomBytes(1 + (i % 64)).toString('latin1'));
    for (const value of samples) {
      expect(() => detectToken(value)).not.toThrow();
      expect(() => maskSecret(value)).not.toThrow();
    }
    for (const value of ['', 'hello world', 'password123', 'x'.repeat(20_000)]) expect(detectToken(value)).toBeNull();
  });
});

describe('the masked form', () => {
  it.each(fakeTokenCases)(
    'a $name shows its prefix, an ellipsis and the last four characters, nothing more',
    ({ build, prefix }) => {
      const value = build();
      expect(maskSecret(value)).toBe(`${prefix}…${value.slice(-4)}`);
    },
  );

  it('a JWT shows only its first three characters and last four', async () => {
    const jwt = await fakeJwt({ exp: nowSeconds() + 60 });
    expect(maskSecret(jwt)).toBe(`eyJ…${jwt.slice(-4)}`);
  });

  it('an unrecognised long value shows its first three and last four characters', () => {
    const value = `FAKE${randomAlnum(30)}`;
    expect(maskSecret(value)).toBe(`FAK…${value.slice(-4)}`);
  });

  it('a short value shows less, and a very short one shows nothing of itself', () => {
    expect(maskSecret('FAKE5678abcd1234')).toBe('…1234'); // 16 characters: no head
    expect(maskSecret('FAKEabcdefg')).toBe('••••'); // 11 characters: nothing
    expect(maskSecret('')).toBe('••••');
  });

  it('never shows more than the public prefix and four characters of any recognised value', async () => {
    const cases = [
      ...fakeTokenCases.map((c) => ({ value: c.build(), publicPrefix: c.prefix })),
      { value: await fakeJwt({ exp: nowSeconds() + 60 }), publicPrefix: 'eyJ' },
    ];
    const overshown = cases
      .map(({ value, publicPrefix }) => ({ value, publicPrefix, masked: maskSecret(value) }))
      .filter(({ value, publicPrefix, masked }) => {
        const [head = '', tail = ''] = masked.split('…');
        return tail !== value.slice(-4) || !value.startsWith(head) || head.length > publicPrefix.length;
      })
      .map(({ publicPrefix, masked }) => `${publicPrefix} → ${masked.split('…')[0]}…`);
    expect(overshown).toEqual([]);
  });
});
