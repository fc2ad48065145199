import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues, failureOf } from '../../electron/failure.js';
import { KeychainError, keychainMessages } from '../../electron/vault/keychain-error.js';
import { canarySecret, fakeTokens } from '../helpers/fake-tokens.js';
import { rememberSecret } from '../../electron/redact.js';

describe('any thrown thing, as an error fit to cross a boundary', () => {
  it('a keychain error keeps its code and its fixed message', () => {
    expect(failureOf(new KeychainError('keychain-locked', keychainMessages.locked))).toEqual({
      code: 'keychain-locked',
      message: keychainMessages.locked,
    });
  });

  it('a schema error is invalid-input naming fields and rules, never the values', () => {
    const secret = canarySecret();
    const schema = z
      .object({ label: z.string().min(1, 'is required'), secret: z.string().max(5, 'is too long') })
      .strict();
    const parsed = schema.safeParse({ label: '', secret, extra: secret });
    expect(parsed.success).toBe(false);
    const failure = failureOf(parsed.error);
    expect(failure.code).toBe('invalid-input');
    expect(failure.message).toMatch(/^label: is required; secret: is too long/);
    expect(failure.message).not.toContain(secret);
    expect(describeIssues(parsed.error!)).toBe(failure.message);
  });

  it('a lock held by another Lapse process is store-unavailable with a retry hint', () => {
    expect(failureOf(Object.assign(new Error('Lock file is already being held'), { code: 'ELOCKED' }))).toMatchObject({
      code: 'store-unavailable',
      message: expect.stringMatching(/try again/),
    });
  });

  it.each(['EACCES', 'EPERM', 'EROFS', 'ENOSPC'])(
    '%s writing the metadata is store-unavailable, naming the cause',
    (code) => {
      const failure = failureOf(Object.assign(new Error(`${code}: /home/someone/.config/Lapse/vault.json`), { code }));
      expect(failure).toMatchObject({ code: 'store-unavailable' });
      expect(failure.message).toContain(code);
    },
  );

  it('anything else is internal, redacted, and never a stack', () => {
    const remembered = canarySecret();
    rememberSecret(remembered);
    const shaped = fakeTokens.githubClassic();
    const failure = failureOf(new Error(`boom with ${remembered} and ${shaped}`));
    expect(failure.code).toBe('internal');
    expect(failure.message).toMatch(/^Something unexpected went wrong: boom with /);
    expect(failure.message).not.toContain(remembered);
    expect(failure.message).not.toContain(shaped);
    expect(failure.message).not.toMatch(/\n\s+at /);
  });

  it('thrown non-errors are handled too', () => {
    for (const thrown of ['a string', undefined, null, 42, { weird: true }]) {
      expect(failureOf(thrown).code).toBe('internal');
    }
  });
});
