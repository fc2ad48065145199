import { describe, expect, it } from 'vitest';
import { apiSpec, type LapseApi } from '../../shared/api.js';
import { limits } from '../../shared/model.js';
import { ok } from '../../shared/result.js';
import { checkedApi, dispatch } from '../../electron/transports/dispatch.js';
import { canarySecret, fakeTokens, randomAlnum, tracesIn } from '../helpers/fake-tokens.js';

const addInput = apiSpec.addToken.input;

/** The add call as a transport sees it: parsed by the contract, then (if valid) the service. */
function addThroughContract(arg: unknown) {
  const calls: unknown[] = [];
  const api = { addToken: async (input: unknown) => (calls.push(input), ok({ added: true })) } as unknown as LapseApi;
  return { result: dispatch(api, 'addToken', arg), calls };
}

describe('a secret as it arrives', () => {
  const body = () => `FAKEcanary${randomAlnum(20)}`;
  const bad: [string, () => string][] = [
    ['empty', () => ''],
    ['over 16 KiB', () => `FAKE${'x'.repeat(16 * 1024)}`],
    ['over 16 KiB in bytes though not in characters', () => `FAKE${'é'.repeat(8 * 1024)}`],
    ['far too long (over 64 K characters)', () => `FAKE${'x'.repeat(70_000)}`],
    ['with a line feed', () => `${body()}\n${body()}`],
    ['with a carriage return', () => `${body()}\r${body()}`],
    ['with a NUL', () => `${body()}\u0000`],
    ['with an ANSI escape sequence', () => `${body()}\u001b[31m${body()}`],
    ['with a bidi override', () => `${body()}\u202e${body()}`],
    ['with a bidi isolate', () => `${body()}\u2066${body()}`],
    ['with a DEL', () => `${body()}\u007f`],
    ['with a leading space', () => ` ${body()}`],
    ['with a trailing space', () => `${body()} `],
    ['with a trailing tab', () => `${body()}\t`],
  ];

  it.each(bad)('a secret %s is refused, and the refusal does not quote it', async (_name, make) => {
    const secret = make();
    const { result, calls } = addThroughContract({ label: 'x', secret });
    const answer = await result;
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(calls).toEqual([]);
    const message = JSON.stringify(answer);
    expect(message).toMatch(/secret/);
    if (secret.length >= 10) expect(tracesIn(message, secret.trim())).toEqual([]);
  });

  it('a secret with an 8-bit C1 escape (U+009B CSI, ANSI "ESC [") is refused like ESC [ itself', () => {
    expect(addInput.safeParse({ label: 'x', secret: `${canarySecret()}\u009b31m` }).success).toBe(false);
  });

  it('exactly 16 KiB is accepted, one byte more is not', () => {
    const at = 'F'.repeat(16 * 1024);
    expect(addInput.safeParse({ label: 'x', secret: at }).success).toBe(true);
    expect(addInput.safeParse({ label: 'x', secret: `${at}F` }).success).toBe(false);
  });

  it('a real-looking token, and one with an inner tab, are accepted unchanged', () => {
    const token = fakeTokens.githubClassic();
    expect(addInput.parse({ label: 'x', secret: token }).secret).toBe(token);
    expect(addInput.safeParse({ label: 'x', secret: `FAKE\tinner` }).success).toBe(true);
  });
});

describe('labels and other fields', () => {
  const secret = fakeTokens.npm();

  it('a label is required, and blank is not a label', () => {
    expect(addInput.safeParse({ secret }).success).toBe(false);
    expect(addInput.safeParse({ secret, label: '' }).success).toBe(false);
    expect(addInput.safeParse({ secret, label: '   ' }).success).toBe(false);
  });

  it(`a label is at most ${limits.label} characters, trimmed, and one line`, () => {
    expect(addInput.parse({ secret, label: `  ${'L'.repeat(limits.label)}  ` }).label).toBe('L'.repeat(limits.label));
    expect(addInput.safeParse({ secret, label: 'L'.repeat(limits.label + 1) }).success).toBe(false);
    expect(addInput.safeParse({ secret, label: 'two\nlines' }).success).toBe(false);
    expect(addInput.safeParse({ secret, label: 'ansi \u001b[2J' }).success).toBe(false);
    expect(addInput.safeParse({ secret, label: 'evil \u202etxt.exe' }).success).toBe(false);
  });

  it('a label with an 8-bit C1 control (U+009B CSI) is refused, so `lapse list` prints no escape sequence', () => {
    expect(addInput.safeParse({ secret, label: 'clear \u009b2J screen' }).success).toBe(false);
  });

  it('purpose, scopes and tags are bounded', () => {
    expect(addInput.safeParse({ secret, label: 'x', purpose: 'p'.repeat(limits.purpose + 1) }).success).toBe(false);
    expect(
      addInput.safeParse({ secret, label: 'x', scopes: Array.from({ length: limits.scopes + 1 }, (_, i) => `s${i}`) })
        .success,
    ).toBe(false);
    expect(
      addInput.safeParse({ secret, label: 'x', tags: Array.from({ length: limits.tags + 1 }, (_, i) => `t${i}`) })
        .success,
    ).toBe(false);
    expect(addInput.safeParse({ secret, label: 'x', tags: [''] }).success).toBe(false);
  });

  it('an expiry is an ISO instant or null', () => {
    expect(addInput.safeParse({ secret, label: 'x', expiresAt: '2030-01-01T00:00:00Z' }).success).toBe(true);
    expect(addInput.safeParse({ secret, label: 'x', expiresAt: null }).success).toBe(true);
    expect(addInput.safeParse({ secret, label: 'x', expiresAt: 'next tuesday' }).success).toBe(false);
  });

  it('an unknown provider is refused', () => {
    expect(addInput.safeParse({ secret, label: 'x', provider: 'myspace' }).success).toBe(false);
  });
});

describe('base URLs', () => {
  const secret = fakeTokens.gitlabLegacy();
  const accepts = (baseUrl: string | null) => addInput.safeParse({ secret, label: 'x', baseUrl }).success;

  it('https anywhere is accepted, and null means the provider default', () => {
    expect(accepts('https://gitlab.example.com')).toBe(true);
    expect(accepts('https://ghe.example.com/api/v3')).toBe(true);
    expect(accepts(null)).toBe(true);
  });

  it('plain http only to a loopback host', () => {
    expect(accepts('http://127.0.0.1:8080')).toBe(true);
    expect(accepts('http://localhost:3000/api')).toBe(true);
    expect(accepts('http://[::1]:8443')).toBe(true);
    expect(accepts('http://gitlab.example.com')).toBe(false);
    expect(accepts('http://localhost.evil.example')).toBe(false);
    expect(accepts('http://127.0.0.1.nip.io')).toBe(false);
    expect(accepts('http://10.0.0.1')).toBe(false);
  });

  it('credentials in the URL, other schemes and non-URLs are refused', () => {
    expect(accepts('https://user:pass@gitlab.example.com')).toBe(false);
    expect(accepts('https://token@gitlab.example.com')).toBe(false);
    expect(accepts('javascript:alert(1)')).toBe(false);
    expect(accepts('file:///etc/passwd')).toBe(false);
    expect(accepts('ftp://example.com')).toBe(false);
    expect(accepts('gitlab.example.com')).toBe(false);
    expect(accepts(`https://example.com/${'a'.repeat(limits.baseUrl)}`)).toBe(false);
  });
});

describe('unknown fields', () => {
  const secret = fakeTokens.slackBot();

  it('every call refuses a field it does not know', () => {
    const id = '0123abcd-0000-4000-8000-000000000000';
    expect(apiSpec.addToken.input.safeParse({ secret, label: 'x', colour: 'red' }).success).toBe(false);
    expect(apiSpec.getToken.input.safeParse({ id, extra: 1 }).success).toBe(false);
    expect(apiSpec.deleteToken.input.safeParse({ id, force: true }).success).toBe(false);
    expect(apiSpec.revealSecret.input.safeParse({ id, secret }).success).toBe(false);
    expect(apiSpec.listTokens.input.safeParse({ all: true }).success).toBe(false);
    expect(apiSpec.editToken.input.safeParse({ id, changes: {}, extra: 1 }).success).toBe(false);
  });

  it('an edit with a misspelt or forbidden field inside `changes` is refused, not silently half-applied', () => {
    const id = '0123abcd-0000-4000-8000-000000000000';
    // A client that sends `lable` (typo) or tries to set the secret must hear "no", not "ok".
    expect(apiSpec.editToken.input.safeParse({ id, changes: { lable: 'new name' } }).success).toBe(false);
    expect(apiSpec.editToken.input.safeParse({ id, changes: { secret } }).success).toBe(false);
    expect(apiSpec.editToken.input.safeParse({ id, changes: { fingerprint: 'deadbeef' } }).success).toBe(false);
  });

  it('ids are token ids, not paths or prose', () => {
    expect(apiSpec.getToken.input.safeParse({ id: '../../etc/passwd' }).success).toBe(false);
    expect(apiSpec.getToken.input.safeParse({ id: 'short' }).success).toBe(false);
    expect(apiSpec.getToken.input.safeParse({ id: 'UPPER-CASE-ID' }).success).toBe(false);
  });
});

describe('dispatch: one call from any transport', () => {
  const calls: string[] = [];
  const api = {
    listTokens: async () => (calls.push('listTokens'), ok({ tokens: [], evaluatedAt: new Date(0).toISOString() })),
    getToken: () => {
      throw new Error('the service blew up');
    },
    deleteToken: async () => {
      throw new Error(`keyring said: bad value ${leaky}`);
    },
  } as unknown as LapseApi;
  const leaky = fakeTokens.githubClassic();

  it.each([
    ['constructor'],
    ['toString'],
    ['__proto__'],
    ['hasOwnProperty'],
    ['deleteEverything'],
    [''],
    [undefined],
    [null],
    [42],
    [{}],
  ])('an unknown method name (%s) is refused with invalid-input', async (method) => {
    const answer = await dispatch(api, method, {});
    expect(answer).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'Unknown call: this version of Lapse has no such operation.' },
    });
  });

  it('an argument that is not an object is refused', async () => {
    for (const arg of ['listTokens', 5, [], true]) {
      expect(await dispatch(api, 'listTokens', arg)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });

  it('a missing argument counts as {} for calls that take none', async () => {
    calls.length = 0;
    expect(await dispatch(api, 'listTokens', undefined)).toMatchObject({ ok: true });
    expect(await dispatch(api, 'listTokens', null)).toMatchObject({ ok: true });
    expect(calls).toEqual(['listTokens', 'listTokens']);
  });

  it('a service that throws answers with an internal error, never a throw or a stack', async () => {
    const answer = await dispatch(api, 'getToken', { id: '0123abcd-0000-4000-8000-000000000000' });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something unexpected went wrong: the service blew up' },
    });
    expect(JSON.stringify(answer)).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it('a thrown message that carries a token is redacted', async () => {
    const answer = await dispatch(api, 'deleteToken', { id: '0123abcd-0000-4000-8000-000000000000' });
    expect(answer.ok).toBe(false);
    expect(tracesIn(JSON.stringify(answer), leaky)).toEqual([]);
  });

  it('the checked API is not a thenable, so it can be awaited and returned from async code', async () => {
    const checked = checkedApi(api);
    expect((checked as unknown as { then?: unknown }).then).toBeUndefined();
    const same = await Promise.resolve(checked);
    expect(await same.listTokens({})).toMatchObject({ ok: true });
  });

  it('the checked API parses like a transport does', async () => {
    const checked = checkedApi(api);
    expect(await checked.getToken({ id: 'nope' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(
      await (checked as unknown as Record<string, (a: unknown) => Promise<unknown>>)['nonsense']!({}),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });
});
