import { describe, expect, it } from 'vitest';
import { evaluateToken, severityOf, severityOrder } from '../../shared/lifecycle.js';
import type { TokenRecordInput } from '../../shared/model.js';
import { makeRecord } from '../helpers/records.js';

const day = 86_400_000;
const now = Date.parse('2026-06-15T12:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();

/** A token that is fine in every way unless the test says otherwise. */
const token = (overrides: Partial<TokenRecordInput> = {}) =>
  makeRecord({
    createdAt: at(now - 10 * day),
    expiresAt: at(now + 30 * day),
    lastVerifiedAt: at(now - day),
    ...overrides,
  });

const codes = (overrides: Partial<TokenRecordInput>, when = now) =>
  evaluateToken(token(overrides), when).findings.map((f) => f.code);

describe('a token judged at an instant', () => {
  it('is healthy when nothing is wrong', () => {
    expect(evaluateToken(token(), now)).toEqual({ status: 'healthy', findings: [] });
  });

  it('is expired exactly at its expiry instant', () => {
    const result = evaluateToken(token({ expiresAt: at(now) }), now);
    expect(result.status).toBe('expired');
    expect(result.findings[0]).toMatchObject({ code: 'expired', severity: 'critical', action: 'rotate' });
    expect(result.findings[0]?.message).toContain('2026-06-15');
  });

  it('is expiring, not expired, 1 ms before', () => {
    const result = evaluateToken(token({ expiresAt: at(now + 1) }), now);
    expect(result.status).toBe('expiring');
    expect(result.findings.map((f) => f.code)).not.toContain('expired');
  });

  it('enters the 14-day warning window exactly 14 days before expiry, not 1 ms earlier', () => {
    expect(codes({ expiresAt: at(now + 14 * day) })).toContain('expiring');
    expect(codes({ expiresAt: at(now + 14 * day + 1) })).not.toContain('expiring');
    const finding = evaluateToken(token({ expiresAt: at(now + 14 * day) }), now).findings[0];
    expect(finding).toMatchObject({ code: 'expiring', severity: 'warning' });
    expect(finding?.message).toMatch(/Expires in 14 days, on 2026-06-29/);
  });

  it('that never expires has a no-expiry warning (unless the policy does not require an expiry)', () => {
    const result = evaluateToken(token({ expiresAt: null }), now);
    expect(result.status).toBe('no-expiry');
    expect(result.findings).toEqual([expect.objectContaining({ code: 'no-expiry', severity: 'warning' })]);
    expect(evaluateToken(token({ expiresAt: null }), now, { requireExpiry: false }).status).toBe('healthy');
  });

  it('living two years from creation to expiry exceeds the 90-day maximum lifetime', () => {
    const twoYears = { createdAt: at(now - day), expiresAt: at(now - day + 730 * day) };
    const result = evaluateToken(token(twoYears), now);
    expect(result.status).toBe('exceeds-max-lifetime');
    expect(result.findings[0]?.message).toMatch(/730 days/);
  });

  it('living exactly 90 days does not exceed the maximum; 90 days and 1 ms does', () => {
    expect(codes({ createdAt: at(now - day), expiresAt: at(now - day + 90 * day) })).not.toContain(
      'exceeds-max-lifetime',
    );
    expect(codes({ createdAt: at(now - day), expiresAt: at(now - day + 90 * day + 1) })).toContain(
      'exceeds-max-lifetime',
    );
  });

  it('is due for rotation more than 90 days after creation or its last rotation', () => {
    const old = { createdAt: at(now - 91 * day), expiresAt: at(now + 30 * day) };
    expect(codes(old)).toContain('rotation-overdue');
    expect(codes({ ...old, lastRotatedAt: at(now - 5 * day) })).not.toContain('rotation-overdue');
  });

  it('is unverified when verified more than 30 days ago, or never in the 30 days since it was added', () => {
    expect(codes({ lastVerifiedAt: null, createdAt: at(now - 31 * day) })).toEqual(['unverified']);
    expect(codes({ lastVerifiedAt: at(now - 31 * day) })).toEqual(['unverified']);
    expect(codes({ lastVerifiedAt: at(now - 29 * day) })).toEqual([]);
  });

  it('is "not verified yet" (a note, not stale) in the 30 days after it was added, counted from when Lapse got it', () => {
    const fresh = evaluateToken(token({ lastVerifiedAt: null, createdAt: at(now - 2 * day) }), now);
    expect(fresh).toMatchObject({
      status: 'not-verified-yet',
      findings: [{ code: 'not-verified-yet', severity: 'info', action: 'verify' }],
    });
    // A JWT issued 40 days ago and added yesterday: its age counts from issue, the wait for a verify from adding.
    expect(codes({ lastVerifiedAt: null, createdAt: at(now - 40 * day), addedAt: at(now - day) })).toEqual([
      'not-verified-yet',
    ]);
    expect(codes({ lastVerifiedAt: null, createdAt: at(now - 40 * day), addedAt: at(now - 31 * day) })).toEqual([
      'unverified',
    ]);
    expect(codes({ lastVerifiedAt: null, createdAt: at(now - 40 * day), addedAt: at(now - 31 * day) })[0]).not.toBe(
      'not-verified-yet',
    );
  });

  it('has an unknown expiry, worded apart from "never expires", a warning while the policy requires an expiry', () => {
    const unknown = evaluateToken(token({ expiresAt: null, expiryUnknown: true }), now);
    expect(unknown).toMatchObject({
      status: 'expiry-unknown',
      findings: [{ code: 'expiry-unknown', severity: 'warning', action: 'set-expiry' }],
    });
    expect(unknown.findings[0]?.message).toMatch(/^Its expiry is unknown/);
    expect(codes({ expiresAt: null })).toEqual(['no-expiry']);
    expect(
      evaluateToken(token({ expiresAt: null, expiryUnknown: true }), now, { requireExpiry: false }).findings,
    ).toEqual([]);
  });

  it('is secret-missing (critical) while the keychain has no entry for it, with the restore step', () => {
    const missing = evaluateToken(token({ secretMissingSince: at(now - day) }), now);
    expect(missing.status).toBe('secret-missing');
    expect(missing.findings[0]).toMatchObject({
      code: 'secret-missing',
      severity: 'critical',
      action: 'restore-secret',
    });
    expect(missing.findings[0]?.message).toContain('paste the value again');
    // An exposed copy is still worse: whoever holds it has access, whatever the keychain holds.
    expect(
      codes({ secretMissingSince: at(now - day), exposures: [{ file: '/tmp/.env', line: 2, foundAt: at(now - day) }] }),
    ).toEqual(['exposed', 'secret-missing']);
  });

  it('is unused when its provider last saw it used more than 30 days ago', () => {
    expect(codes({ lastUsedAt: at(now - 31 * day) })).toEqual(['unused']);
    expect(codes({ lastUsedAt: at(now - 2 * day) })).toEqual([]);
  });

  it('has the status of its worst finding, and lists every finding worst first', () => {
    const messy = token({
      createdAt: at(now - 800 * day),
      expiresAt: at(now - 5 * day), // expired, and lived 795 days
      lastVerifiedAt: null,
      lastUsedAt: at(now - 100 * day),
    });
    const result = evaluateToken(messy, now);
    expect(result.status).toBe('expired');
    expect(result.findings.map((f) => f.code)).toEqual([
      'expired',
      'exceeds-max-lifetime',
      'rotation-overdue',
      'unverified',
      'unused',
    ]);
    expect(result.findings.find((f) => f.code === 'unverified')?.message).toContain('since it was added');
    for (const f of result.findings) expect(f.severity).toBe(severityOf[f.code]);
    const order = result.findings.map((f) => severityOrder.indexOf(f.code));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('follows the vault policy and a token override', () => {
    const soon = { expiresAt: at(now + 20 * day) };
    expect(codes(soon)).toEqual([]);
    expect(evaluateToken(token(soon), now, { warningDays: 30 }).status).toBe('expiring');
    expect(evaluateToken(token({ ...soon, policy: { warningDays: 21 } }), now).status).toBe('expiring');
    // The token's own override wins over the vault's.
    expect(evaluateToken(token({ ...soon, policy: { warningDays: 7 } }), now, { warningDays: 30 }).status).toBe(
      'healthy',
    );
  });

  it('a revoked token is history: revoked and nothing else, whatever else is true', () => {
    const result = evaluateToken(token({ revokedAt: at(now - day), expiresAt: at(now - 2 * day) }), now);
    expect(result.status).toBe('revoked');
    expect(result.findings.map((f) => f.code)).toEqual(['revoked']);
  });

  it('granted scopes beyond the declared ones are out of scope', () => {
    const result = evaluateToken(token({ scopes: ['read_api'], grantedScopes: ['read_api', 'api'] }), now);
    expect(result.status).toBe('out-of-scope');
    expect(result.findings[0]?.message).toContain('api is more than it needs');
  });

  it('is the same at the same instant whatever the wall clock says (pure)', () => {
    const record = token({ expiresAt: at(now + 3 * day) });
    expect(evaluateToken(record, now)).toEqual(evaluateToken(record, now));
    expect(evaluateToken(record, now + 4 * day).status).toBe('expired');
  });
});
