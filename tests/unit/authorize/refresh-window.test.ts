import { describe, expect, it } from 'vitest';
import { parseRefreshDays, parseRefreshHours, refreshRefusal } from '../../../shared/refresh-window.js';
import { evaluateToken } from '../../../shared/lifecycle.js';
import { parsePolicyValue } from '../../../shared/policy.js';
import { policyFileSchema, policyOverrideOf } from '../../../shared/report/policy-file.js';
import { startOidcEmulator } from '../../emulators/oidc.js';
import { makeRecord } from '../../helpers/records.js';
import { value } from '../providers/verify-harness.js';
import { authorizeRig } from './authorize-rig.js';
import { freshEachTest, useEmulator } from '../../helpers/lifetimes.js';

// "Refresh only while trust holds": refresh windows (days and hours, UTC) and "only if verified
// within N days for the same account", vault-wide and per token.

const policy = (over: Partial<{ refreshDays: string; refreshHours: string; refreshTrustDays: number }> = {}) => ({
  refreshDays: 'any',
  refreshHours: 'any',
  refreshTrustDays: 0,
  ...over,
});
// 2026-12-07 is a Monday.
const monday = (hhmm: string) => Date.parse(`2026-12-07T${hhmm}:00Z`);
const saturday = (hhmm: string) => Date.parse(`2026-12-12T${hhmm}:00Z`);
const record = makeRecord({ provider: 'oauth2', expiresAt: '2026-12-08T00:00:00.000Z' });

describe('refresh windows', () => {
  it('reads days and hours as a person writes them, and says what it takes otherwise', () => {
    expect([...(parseRefreshDays('mon-fri') as Set<number>)].sort()).toEqual([1, 2, 3, 4, 5]);
    expect([...(parseRefreshDays('fri-mon') as Set<number>)].sort()).toEqual([0, 1, 5, 6]);
    expect([...(parseRefreshDays('MON,wed') as Set<number>)].sort()).toEqual([1, 3]);
    expect(parseRefreshDays('weekdays')).toMatch(/mon-fri/);
    expect(parseRefreshHours('08:00-20:00')).toEqual({ start: 480, end: 1200 });
    expect(parseRefreshHours('8-20')).toMatch(/HH:MM-HH:MM/);
    expect(parseRefreshHours('10:00-10:00')).toMatch(/differ/);
    expect(parsePolicyValue('refreshHours', '25:00-26:00')).toEqual({
      problem: expect.stringContaining('refreshHours takes any, or UTC hours'),
    });
    expect(parsePolicyValue('refreshDays', 'Mon-Fri')).toEqual({ key: 'refreshDays', value: 'mon-fri' });
    expect(parsePolicyValue('refreshTrustDays', '0')).toEqual({ key: 'refreshTrustDays', value: 0 });
  });

  it('the CI story: Mon–Fri 08:00–20:00 UTC, refused outside it with when it opens next', () => {
    const ci = policy({ refreshDays: 'mon-fri', refreshHours: '08:00-20:00' });
    expect(refreshRefusal(record, ci, monday('08:00'))).toBeNull();
    expect(refreshRefusal(record, ci, monday('19:59'))).toBeNull();
    expect(refreshRefusal(record, ci, monday('20:00'))).toBe(
      'The policy lets Lapse refresh it only on mon-fri, 08:00-20:00 UTC; it is 2026-12-07 20:00 UTC now. The next window opens 2026-12-08 08:00 UTC.',
    );
    expect(refreshRefusal(record, ci, saturday('12:00'))).toContain('The next window opens 2026-12-14 08:00 UTC.');
  });

  it('a span past midnight belongs to the day it starts on', () => {
    const nights = policy({ refreshDays: 'fri', refreshHours: '22:00-02:00' });
    expect(refreshRefusal(record, nights, Date.parse('2026-12-11T23:00:00Z'))).toBeNull(); // Friday 23:00
    expect(refreshRefusal(record, nights, saturday('01:30'))).toBeNull(); // Friday night, after midnight
    expect(refreshRefusal(record, nights, saturday('23:00'))).not.toBeNull();
  });

  it('only if verified recently for its own account', () => {
    const trust = policy({ refreshTrustDays: 7 });
    const now = monday('12:00');
    expect(refreshRefusal(record, trust, now)).toContain('it was never verified. Verify it first.');
    const verified = (at: string, outcome: 'valid' | 'rejected', reason: 'wrong-account' | null = null) =>
      ({
        ...record,
        verification: { outcome, at, message: 'x', reason, dead: false, retryAt: null, notes: [], jwtCheck: null },
      }) as typeof record;
    expect(refreshRefusal(verified('2026-12-05T00:00:00.000Z', 'valid'), trust, now)).toBeNull();
    expect(refreshRefusal(verified('2026-11-20T00:00:00.000Z', 'valid'), trust, now)).toContain('is older than that');
    expect(refreshRefusal(verified('2026-12-06T00:00:00.000Z', 'rejected', 'wrong-account'), trust, now)).toContain(
      'belongs to another account',
    );
  });

  it('a finding shows it on a token due for a refresh, and only on tokens Lapse refreshes', () => {
    const codes = (r: typeof record, at: number) =>
      evaluateToken(r, at, { refreshDays: 'sat-sun' }).findings.map((f) => f.code);
    expect(codes(record, monday('12:00'))).toContain('refresh-blocked');
    expect(codes(record, saturday('12:00'))).not.toContain('refresh-blocked');
    expect(codes({ ...record, provider: 'github' }, monday('12:00'))).not.toContain('refresh-blocked');
    expect(codes({ ...record, expiresAt: '2027-06-01T00:00:00.000Z' }, monday('12:00'))).not.toContain(
      'refresh-blocked',
    );
  });

  it("a team's policy file sets the same windows (lapse check --policy); a value it cannot read is refused", () => {
    const file = policyFileSchema.parse({ refreshDays: 'mon-fri', refreshHours: '08:00-20:00', refreshTrustDays: 0 });
    const codes = (at: number) => evaluateToken(record, at, policyOverrideOf(file)).findings.map((f) => f.code);
    expect(codes(monday('12:00'))).not.toContain('refresh-blocked');
    expect(codes(saturday('12:00'))).toContain('refresh-blocked');
    const wrong = policyFileSchema.safeParse({ refreshDays: 'weekdays', refreshHours: '8-20' });
    expect(wrong.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'refreshDays: takes any, or days as mon-fri or mon,wed,fri',
      'refreshHours: takes any, or UTC hours as HH:MM-HH:MM',
    ]);
  });
});

describe('refusing a refresh at the real oidc-provider', () => {
  const oidc = useEmulator(startOidcEmulator);
  const rig = freshEachTest(authorizeRig);

  it('outside the window nothing is sent to the issuer; inside it the refresh goes through', async () => {
    const id = await rig.issue(oidc, ['api:read']);
    const refreshToken = rig.keychain.entries.get(`${id}#refresh`);
    const today = new Date().getUTCDay();
    const notToday = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][(today + 3) % 7] ?? 'sun';
    value(await rig.api.editToken({ id, changes: { policy: { refreshDays: notToday } } }));
    const plan = value(await rig.api.planRotation({ id }));
    expect(plan.warnings[0]).toContain(`Refused now: The policy lets Lapse refresh it only on ${notToday}`);
    const token = value(await rig.api.getToken({ id }));
    expect(token.findings.map((f) => f.code)).toContain('refresh-blocked');

    const before = oidc.requests.filter((r) => r.path === '/token').length;
    const refused = await rig.api.rotateToken({ id });
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.error.message).toMatch(
        new RegExp(
          `^Not refreshed: The policy lets Lapse refresh it only on ${notToday}; it is .* UTC now\\. The next window opens`,
        ),
      );
    expect(oidc.requests.filter((r) => r.path === '/token').length).toBe(before);
    expect(rig.keychain.entries.get(`${id}#refresh`)).toBe(refreshToken);

    value(await rig.api.editToken({ id, changes: { policy: { refreshDays: 'any' } } }));
    const rotated = value(await rig.api.rotateToken({ id }));
    // An OAuth refresh leaves the old access token to its expiry (it shares the grant): revocation-pending, by design.
    expect(rotated.state, rotated.message).toBe('revocation-pending');
    expect(rotated.message).toMatch(/^Refreshed: the new access token is current/);
    expect(rig.keychain.entries.get(`${id}#refresh`)).not.toBe(refreshToken);
  });

  it('the vault-wide "verified within N days" rule refuses a token whose last verify failed', async () => {
    const id = await rig.issue(oidc, ['api:read']);
    value(await rig.api.setPolicy({ changes: { refreshTrustDays: 1 } }));
    // The issuer ends the grant behind Lapse's back; the next verify finds it dead.
    await oidc.revoke(rig.keychain.entries.get(`${id}#refresh`) ?? '', 'refresh_token');
    value(await rig.api.verifyToken({ id }));
    const refused = await rig.api.rotateToken({ id });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('did not find it valid. Verify it first.');
  });
});

describe('reminders know the refresh window', () => {
  it("an expiring OAuth token's reminder says when Lapse may refresh it", async () => {
    const { reminderText } = await import('../../../electron/reminders/reminder-text.js');
    const { effectivePolicy } = await import('../../../shared/policy.js');
    const reminder = {
      id: 'r',
      tokenId: record.id,
      kind: 'expiring' as const,
      series: 'expiry' as const,
      tier: '1d' as const,
      dueAt: monday('00:00'),
    };
    const closed = reminderText(
      reminder,
      record,
      effectivePolicy({ refreshDays: 'mon-fri', refreshHours: '08:00-20:00' }),
      monday('21:00'),
    );
    expect(closed.body).toBe(
      'It expires on 2026-12-08. Rotate it before then. Refreshing is not allowed now: The policy lets Lapse refresh it only on mon-fri, 08:00-20:00 UTC; it is 2026-12-07 21:00 UTC now. The next window opens 2026-12-08 08:00 UTC.',
    );
    const open = reminderText(
      reminder,
      record,
      effectivePolicy({ refreshDays: 'mon-fri', refreshHours: '08:00-20:00' }),
      monday('12:00'),
    );
    expect(open.body).toBe('It expires on 2026-12-08. Rotate it before then.');
  });
});
