import { describe, expect, it } from 'vitest';
import { forgetSecret, redact, rememberSecret } from '../../electron/redact.js';
import { canarySecret, fakeJwt, fakeTokenCases, fakeTokens, randomAlnum } from '../helpers/fake-tokens.js';

describe('redacting a log line or an error message', () => {
  it('masks a remembered secret exactly, whatever its format, every time it appears', () => {
    const secret = canarySecret();
    rememberSecret(secret);
    const text = `stored ${secret} then read ${secret} back`;
    expect(redact(text)).toBe('stored [redacted] then read [redacted] back');
  });

  it('masks a remembered secret even when it is glued to other text', () => {
    const secret = `FAKE${randomAlnum(12)}`;
    rememberSecret(secret);
    expect(redact(`x${secret}y`)).toBe('x[redacted]y');
  });

  it('stops masking a forgotten secret exactly (shape rules still apply)', () => {
    // Not a canary: every canary shares "FAKE-canary-", a run other remembered canaries still mask.
    const secret = `FAKE${randomAlnum(24)}`;
    rememberSecret(secret);
    forgetSecret(secret);
    expect(redact(secret)).toBe(secret);
  });

  it.each([
    ['ghp_', fakeTokens.githubClassic],
    ['gho_', fakeTokens.githubOAuth],
    ['ghu_', fakeTokens.githubUserToServer],
    ['ghs_', fakeTokens.githubInstallation],
    ['ghr_', fakeTokens.githubRefresh],
    ['github_pat_', fakeTokens.githubFineGrained],
    ['glpat-', fakeTokens.gitlabLegacy],
    ['glpat- (routable)', fakeTokens.gitlabRoutable],
    ['xoxb-', fakeTokens.slackBot],
    ['xoxp-', fakeTokens.slackUser],
    ['xoxe.xoxb-', fakeTokens.slackRotatingBot],
    ['xapp-', fakeTokens.slackApp],
    ['npm_', fakeTokens.npm],
    ['sk- (OpenAI)', fakeTokens.openaiProject],
    ['sk-ant-', fakeTokens.anthropicApi],
    ['sk_live_', fakeTokens.stripeLive],
    ['AKIA', fakeTokens.awsAccessKeyId],
  ])('masks a %s token by its shape even if it was never remembered, keeping the prefix', (_prefix, build) => {
    const token = build();
    const out = redact(`request failed for ${token}: 401`);
    expect(out).not.toContain(token);
    expect(out).not.toContain(token.slice(-12));
    expect(out).toMatch(/^request failed for \S+\[redacted\]: 401$/);
    expect(token.startsWith(out.slice('request failed for '.length, out.indexOf('[redacted]')))).toBe(true);
  });

  it('masks every token format Lapse recognises, even one never remembered', () => {
    const leaked = fakeTokenCases
      .map(({ name, build }) => ({ name, token: build() }))
      .filter(({ token }) => redact(`error: ${token}`).includes(token.slice(-12)))
      .map(({ name }) => name);
    expect(leaked).toEqual([]);
  });

  it('masks Bearer, token and Basic credentials in headers', () => {
    const opaque = `FAKE${randomAlnum(30)}`;
    expect(redact(`Authorization: Bearer ${opaque}`)).toBe('Authorization: Bearer [redacted]');
    expect(redact(`Authorization: token ${opaque}`)).toBe('Authorization: token [redacted]');
    expect(redact(`Authorization: Basic ${Buffer.from(`user:${opaque}`).toString('base64')}`)).toBe(
      'Authorization: Basic [redacted]',
    );
  });

  it('masks a JWT', async () => {
    const jwt = await fakeJwt({ exp: 2_000_000_000 });
    const out = redact(`invalid token ${jwt} rejected`);
    expect(out).not.toContain(jwt.split('.')[1]!);
    expect(out).toContain('[redacted');
  });

  it('redacts a provider error body that echoes the token', () => {
    const token = fakeTokens.gitlabRoutable();
    const body = JSON.stringify({ message: '401 Unauthorized', token, hint: `token ${token} is revoked` });
    expect(redact(body)).not.toContain(token.slice(10));
  });

  it('leaves ordinary sentences alone', () => {
    for (const text of [
      'No token with id 0123abcd-0000-4000-8000-000000000000. List tokens to see the ids.',
      'The OS keychain is locked. Unlock it in your keyring app, then Retry.',
      'GET https://gitlab.example.com/api/v4/personal_access_tokens/self -> 200',
      'Rotate it before then.',
    ]) {
      expect(redact(text)).toBe(text);
    }
  });
});

describe('a provider that echoes part of a held secret', () => {
  it.each([
    [
      '20 characters from inside a GitHub token (no prefix)',
      () => fakeTokens.githubClassic(),
      (t: string) => t.slice(4, 24),
    ],
    [
      'the first 16 characters of a key with no known prefix',
      () => `FAKE${randomAlnum(36)}`,
      (t: string) => t.slice(0, 16),
    ],
    ['8 characters, the shortest run masked', () => `FAKE${randomAlnum(36)}`, (t: string) => t.slice(20, 28)],
    ['the last 12 characters', () => canarySecret(), (t: string) => t.slice(-12)],
  ])('%s is masked', (_name, build, pieceOf) => {
    const secret = build();
    rememberSecret(secret);
    const piece = pieceOf(secret);
    const out = redact(`401 Unauthorized for ${piece}, check it`);
    expect(redact(`401 Unauthorized for ${piece.slice(0, 7)}, check it`)).toContain(piece.slice(0, 7));
    expect(out).toBe('401 Unauthorized for [redacted], check it');
    forgetSecret(secret);
  });

  it('masks a piece echoed in base64 (as in a Basic header) at any alignment', () => {
    const secret = `FAKE${randomAlnum(36)}`;
    rememberSecret(secret);
    for (const skip of [0, 1, 2, 5]) {
      const encoded = Buffer.from(secret.slice(skip, skip + 24))
        .toString('base64')
        .slice(0, 16);
      expect(redact(`echo ${encoded} end`), `skip ${skip}`).not.toContain(encoded);
    }
    forgetSecret(secret);
  });

  it('leaves a 7-character coincidence alone, and forgets the pieces of a forgotten secret', () => {
    const secret = `FAKE${randomAlnum(36)}`;
    rememberSecret(secret);
    const seven = secret.slice(10, 17);
    expect(redact(`x ${seven} y`)).toBe(`x ${seven} y`);
    forgetSecret(secret);
    const piece = secret.slice(4, 24);
    expect(redact(`x ${piece} y`)).toBe(`x ${piece} y`);
  });

  it("keeps one secret's pieces masked when another secret sharing them is forgotten", () => {
    const shared = randomAlnum(12);
    const a = `FAKEa${shared}${randomAlnum(20)}`;
    const b = `FAKEb${shared}${randomAlnum(20)}`;
    rememberSecret(a);
    rememberSecret(b);
    forgetSecret(b);
    expect(redact(`echo ${shared}`)).toBe('echo [redacted]');
    forgetSecret(a);
  });

  it('with hundreds of values remembered (a verify-all), still masks each whole, the short ones too', () => {
    const many = Array.from({ length: 300 }, () => `FAKE${randomAlnum(20)}`);
    for (const value of many) rememberSecret(value);
    const short = randomAlnum(7);
    rememberSecret(short);
    const prefixOnly = 'github_pat_';
    rememberSecret(prefixOnly);
    expect(redact(`a ${many[150]} b`)).toBe('a [redacted] b');
    expect(redact(`pin ${short} set`)).toBe('pin [redacted] set');
    expect(redact(`prefix ${prefixOnly} only`)).toBe('prefix [redacted] only');
    expect(redact('nothing of theirs here')).toBe('nothing of theirs here');
    for (const value of [...many, short, prefixOnly]) forgetSecret(value);
  });

  it('keeps the masked form of a remembered token readable: its public prefix is not a fragment', () => {
    const secret = fakeTokens.githubFineGrained();
    rememberSecret(secret);
    expect(redact('Rotated: github_pat_…a1b2 is current.')).toBe('Rotated: github_pat_…a1b2 is current.');
    const slack = fakeTokens.slackRotatingBot();
    rememberSecret(slack);
    expect(redact('Stored xoxe.xoxb-…a1b2.')).toBe('Stored xoxe.xoxb-…a1b2.');
    forgetSecret(secret);
    forgetSecret(slack);
  });
});
