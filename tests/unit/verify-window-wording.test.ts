import { describe, expect, it } from 'vitest';
import { recordVerification } from '../../electron/providers/verify-record.js';
import { tallyOf, tallyWords } from '../../renderer/features/verify/verifyAllTally.js';
import { scopesBeyondPurpose as extraScopes, scopesPurposeLacks as missingScopes } from '../../shared/lifecycle.js';
import { clockTime, couldNotVerify, expirySourceWords } from '../../renderer/features/verify/wording.js';
import type { VerifyResult } from '../../shared/api.js';
import type { TokenView } from '../../shared/model.js';
import type { VerifyAllEntry } from '../../shared/verify-all.js';
import { makeRecord } from '../helpers/records.js';

const now = Date.parse('2026-06-15T12:00:00.000Z');

describe('the window says what a verification could not do', () => {
  // The window phrases the service's structured reason and retry time, so this reads them as the service records them.
  it('an outage with a retry time reads "Could not verify: <why> — retry at HH:MM" in local time', () => {
    const retryAt = now + 5 * 60_000;
    const recorded = recordVerification(
      makeRecord({ provider: 'github' }),
      { kind: 'fault', message: 'GitHub did not answer in 5 s', retryAt },
      now,
    );
    expect(recorded.message).toMatch(/^could not verify \(GitHub did not answer in 5 s; retry at .* UTC\)$/);
    expect(recorded.unreachableReason).toBe('GitHub did not answer in 5 s');
    expect(recorded.record.verification?.unreachableReason).toBe('GitHub did not answer in 5 s');
    expect(couldNotVerify(recorded)).toBe(
      `Could not verify: GitHub did not answer in 5 s — retry at ${clockTime(new Date(retryAt).toISOString())}`,
    );
    expect(clockTime(new Date(retryAt).toISOString())).toMatch(/^\d\d:\d\d$/);
  });

  it('an outage without a retry time says to try again later, and any reason is kept whole', () => {
    const recorded = recordVerification(
      makeRecord({ provider: 'gitlab' }),
      { kind: 'fault', message: 'GitLab sent a body Lapse cannot read', retryAt: null },
      now,
    );
    expect(couldNotVerify(recorded)).toBe('Could not verify: GitLab sent a body Lapse cannot read — try again later');
    expect(couldNotVerify({ message: 'x', unreachableReason: 'The provider is busy.', retryAt: null })).toBe(
      'Could not verify: The provider is busy. — try again later',
    );
  });
});

describe('scopes granted beside scopes declared', () => {
  it('marks grants beyond the purpose and declared scopes the provider did not grant', () => {
    const token = { scopes: ['repo', 'workflow'], grantedScopes: ['repo', 'read:org'] };
    expect(extraScopes(token)).toEqual(['read:org']);
    expect(missingScopes(token)).toEqual(['workflow']);
  });

  it('marks nothing while the grant is unknown, and no grant as extra when no purpose is declared', () => {
    expect(extraScopes({ scopes: ['repo'], grantedScopes: null })).toEqual([]);
    expect(missingScopes({ scopes: ['repo'], grantedScopes: null })).toEqual([]);
    expect(extraScopes({ scopes: [], grantedScopes: ['admin'] })).toEqual([]);
  });
});

it("says where an expiry came from as a person would, and that an unknown one is nobody's word", () => {
  const at = '2026-12-01T00:00:00.000Z';
  expect(expirySourceWords({ expirySource: 'provider', provider: 'gitlab', expiresAt: at })).toBe('from GitLab');
  expect(expirySourceWords({ expirySource: 'jwt', provider: 'oauth2', expiresAt: at })).toBe('from the JWT');
  expect(expirySourceWords({ expirySource: 'user', provider: 'github', expiresAt: at })).toBe('set by you');
  expect(expirySourceWords({ expirySource: 'user', provider: 'github', expiresAt: null, expiryUnknown: true })).toMatch(
    /^not set, and the token does not say/,
  );
});

it('does not say "Could not verify: Could not reach"', () => {
  const unreachable = (message: string) =>
    recordVerification(makeRecord({ provider: 'github' }), { kind: 'fault', message, retryAt: null }, now);
  expect(couldNotVerify(unreachable('Could not reach api.github.com (ENOTFOUND)'))).toBe(
    'Could not reach api.github.com (ENOTFOUND) — try again later',
  );
  expect(couldNotVerify(unreachable('GitHub is not answering (HTTP 503); try again later.'))).toBe(
    'Could not verify: GitHub is not answering (HTTP 503) — try again later',
  );
});

it('a verification recorded before the reason had its own field is said as it was stored', () => {
  const stored = 'could not verify (GitHub is not answering (HTTP 503); retry later)';
  expect(couldNotVerify({ message: stored, retryAt: null })).toBe(stored);
});

it("a verify-all's summary counts each provider answer, failures with the first one's message, and skips", () => {
  const token = { label: 'ci' } as TokenView;
  const verified = (outcome: VerifyResult['outcome']): VerifyAllEntry => ({
    token,
    kind: 'verified',
    result: { outcome } as VerifyResult,
  });
  const tally = tallyOf([
    verified('valid'),
    verified('valid'),
    verified('rejected'),
    verified('unreachable'),
    { token, kind: 'failed', error: { code: 'keychain-locked', message: 'The OS keychain is locked.' } },
    { token, kind: 'skipped', reason: 'revoked' },
  ]);
  expect(tally).toEqual({
    valid: 2,
    rejected: 1,
    unreachable: 1,
    failed: 1,
    firstFailure: 'ci: The OS keychain is locked.',
    skipped: 1,
  });
  expect(tallyWords(tally)).toBe(
    'Asked about 5 tokens: 2 accepted, 1 rejected, 1 could not be reached, 1 failed · 1 skipped',
  );
  expect(tallyWords(tallyOf([verified('valid'), verified('rejected')]))).toBe(
    'Verified 2 tokens: 1 accepted, 1 rejected',
  );
  expect(tallyWords(tallyOf([verified('valid')]))).toBe('Verified 1 token: 1 accepted');
});
