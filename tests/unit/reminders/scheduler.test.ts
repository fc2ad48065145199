import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { durations } from '../../../shared/countdown.js';
import { evaluateToken } from '../../../shared/lifecycle.js';
import type { ReminderNotification } from '../../../shared/api.js';
import { openMetadataStore } from '../../../electron/vault/metadata-store.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { schedulerOver, seedVault, testClock, tokenRecord } from './reminder-vault.js';

const { minute, hour, day } = durations;
// Long enough that rotation and verification reminders stay out of the expiry tests.
const quietAges = { rotationDays: 365, unverifiedDays: 365 };

let home: string;
beforeEach(() => {
  home = makeTempDir('lapse-reminders');
});
afterEach(() => removeTempDir(home));

/** Every notification a notifier looking each `step` from now until `untilIso` would show. */
async function notifyUntil(
  scheduler: ReturnType<typeof schedulerOver>,
  clock: ReturnType<typeof testClock>,
  untilIso: string,
  step = hour,
) {
  const shown: { at: string; notification: ReminderNotification }[] = [];
  while (clock.now() <= Date.parse(untilIso)) {
    const notification = await scheduler.collectDue();
    if (notification) shown.push({ at: new Date(clock.now()).toISOString(), notification });
    clock.advance(step);
  }
  return shown;
}

describe('expiry reminders', () => {
  it('fires each default lead time once: 30 days, 7 days, 1 day, 1 hour before, and at expiry', async () => {
    const clock = testClock('2026-10-01T09:00:00Z');
    const token = tokenRecord({
      label: 'CI deploy',
      createdAt: '2026-10-01T09:00:00Z',
      expiresAt: '2026-12-01T09:00:00Z',
    });
    await seedVault(home, [token], quietAges);
    const shown = await notifyUntil(schedulerOver(home, clock.now), clock, '2026-12-03T09:00:00Z');

    expect(shown.map((s) => s.at)).toEqual([
      '2026-11-01T09:00:00.000Z',
      '2026-11-24T09:00:00.000Z',
      '2026-11-30T09:00:00.000Z',
      '2026-12-01T08:00:00.000Z',
      '2026-12-01T09:00:00.000Z',
    ]);
    expect(shown.map((s) => s.notification.title)).toEqual([
      '"CI deploy" expires in 30 days',
      '"CI deploy" expires in 7 days',
      '"CI deploy" expires in 24 h',
      '"CI deploy" expires in 1 h',
      '"CI deploy" has expired',
    ]);
    expect(shown.every((s) => s.notification.tokenId === token.id && !s.notification.summary)).toBe(true);
    expect(new Set(shown.flatMap((s) => s.notification.reminderIds)).size).toBe(5);
  });

  it("uses a token's own lead times when it has them", async () => {
    const clock = testClock('2026-11-01T09:00:00Z');
    const token = tokenRecord({
      label: 'npm publish',
      createdAt: '2026-11-01T09:00:00Z',
      expiresAt: '2026-12-01T09:00:00Z',
    });
    await seedVault(home, [token], quietAges);
    const scheduler = schedulerOver(home, clock.now);
    const settings = await scheduler.setTokenSettings(token.id, { tiers: ['0', '14d', '15m'] });
    expect(settings).toMatchObject({ tiers: ['14d', '15m', '0'], customTiers: true, muted: false });

    const shown = await notifyUntil(scheduler, clock, '2026-12-02T09:00:00Z', 15 * minute);
    expect(shown.map((s) => s.at)).toEqual([
      '2026-11-17T09:00:00.000Z',
      '2026-12-01T08:45:00.000Z',
      '2026-12-01T09:00:00.000Z',
    ]);
  });

  it("a token added inside a reminder window gets that window's reminder at once, and none from before it", async () => {
    const clock = testClock('2026-11-28T09:00:00Z');
    const token = tokenRecord({
      label: 'short-lived',
      createdAt: '2026-11-28T09:00:00Z',
      expiresAt: '2026-12-01T09:00:00Z',
    });
    await seedVault(home, [token], quietAges);
    const shown = await notifyUntil(schedulerOver(home, clock.now), clock, '2026-12-01T10:00:00Z');
    expect(shown.map((s) => [s.at, s.notification.title])).toEqual([
      ['2026-11-28T09:00:00.000Z', '"short-lived" expires in 3 days'],
      ['2026-11-30T09:00:00.000Z', '"short-lived" expires in 24 h'],
      ['2026-12-01T08:00:00.000Z', '"short-lived" expires in 1 h'],
      ['2026-12-01T09:00:00.000Z', '"short-lived" has expired'],
    ]);
  });

  it('counts the window from when Lapse got the token, not from a JWT issued long before', async () => {
    const clock = testClock('2026-11-26T09:00:00Z');
    const jwt = tokenRecord({
      label: 'old jwt',
      createdAt: '2026-09-01T09:00:00Z',
      addedAt: '2026-11-26T09:00:00Z',
      expiresAt: '2026-12-01T09:00:00Z',
    });
    await seedVault(home, [jwt], quietAges);
    const scheduler = schedulerOver(home, clock.now);
    const due = (await scheduler.list(true)).reminders;
    expect(due.map((r) => [r.kind, r.tier])).toEqual([['expiring', '7d']]);
  });

  it('reminds afresh after the token is rotated to a new expiry', async () => {
    const clock = testClock('2026-11-24T09:00:00Z');
    const token = tokenRecord({
      label: 'CI deploy',
      createdAt: '2026-10-01T09:00:00Z',
      expiresAt: '2026-12-01T09:00:00Z',
    });
    await seedVault(home, [token], quietAges);
    const scheduler = schedulerOver(home, clock.now);
    expect((await scheduler.collectDue())?.title).toBe('"CI deploy" expires in 7 days');

    await openMetadataStore(home).update((vault) => {
      vault.tokens[token.id] = { ...token, lastRotatedAt: '2026-11-24T09:00:00Z', expiresAt: '2027-01-01T09:00:00Z' };
    });
    clock.set('2026-12-25T09:00:00Z');
    expect((await scheduler.collectDue())?.title).toBe('"CI deploy" expires in 7 days');
    // The old expiry's marks are pruned, so the file does not grow with every rotation.
    const { fired } = (await openMetadataStore(home).read()).reminders;
    expect(Object.keys(fired).every((id) => id.includes('.expires-7d.'))).toBe(true);
    expect(Object.keys(fired)).toHaveLength(1);
  });
});

describe('after sleep or days offline', () => {
  it('a 3-day gap yields one summary, not a burst, and nothing repeats after it', async () => {
    const clock = testClock('2026-11-20T09:00:00Z');
    const tokens = [
      tokenRecord({ label: 'CI deploy', createdAt: '2026-09-01T09:00:00Z', expiresAt: '2026-11-29T12:00:00Z' }),
      tokenRecord({ label: 'npm publish', createdAt: '2026-09-01T09:00:00Z', expiresAt: '2026-11-22T18:00:00Z' }),
      tokenRecord({ label: 'Slack bot', createdAt: '2026-09-01T09:00:00Z', expiresAt: '2026-12-22T09:00:00Z' }),
    ];
    await seedVault(home, tokens, quietAges);
    const scheduler = schedulerOver(home, clock.now);
    // Before the gap: the 30-day reminders of the three (already due at the first look) come as one summary.
    const first = await scheduler.collectDue();
    expect(first?.summary).toBe(true);
    expect(await scheduler.collectDue()).toBeNull();

    clock.advance(3 * day); // lid closed for three days
    const afterGap = await scheduler.collectDue();
    expect(afterGap).toMatchObject({ summary: true, tokenId: null });
    expect(afterGap?.title).toBe('While Lapse was not looking (3 days): 3 tokens need attention');
    // Each token's latest lead time only: npm's 7-day, 1-day, 1-hour and expiry came in the gap; it is reported expired, once.
    expect(afterGap?.body.split('\n').sort()).toEqual([
      '• "CI deploy" expires in 6 days',
      '• "Slack bot" expires in 29 days',
      '• "npm publish" has expired',
    ]);
    expect(afterGap?.reminderIds).toHaveLength(3);
    expect(afterGap?.reminderIds.some((id) => id.includes('.expires-1d.'))).toBe(false);

    expect(await scheduler.collectDue()).toBeNull();
    clock.advance(hour);
    expect(await scheduler.collectDue()).toBeNull();
  });

  it('one token that crossed two lead times in a gap gives one notification about where it stands now', async () => {
    const clock = testClock('2026-11-29T08:00:00Z');
    const token = tokenRecord({
      label: 'CI deploy',
      createdAt: '2026-11-20T09:00:00Z',
      expiresAt: '2026-12-01T09:00:00Z',
    });
    await seedVault(home, [token], quietAges);
    const scheduler = schedulerOver(home, clock.now);
    expect((await scheduler.collectDue())?.title).toBe('"CI deploy" expires in 2 days');
    clock.set('2026-12-01T08:30:00Z'); // the 1-day and 1-hour reminders both fell in the gap
    const shown = await scheduler.collectDue();
    expect(shown).toMatchObject({ title: '"CI deploy" expires in 30 min', summary: false, tokenId: token.id });
    expect(await scheduler.collectDue()).toBeNull();
  });
});

describe('fires once, across restarts and processes', () => {
  it('a restart (a new scheduler over the same vault file) sends no duplicate', async () => {
    const clock = testClock('2026-11-24T10:00:00Z');
    const token = tokenRecord({
      label: 'CI deploy',
      createdAt: '2026-10-01T09:00:00Z',
      expiresAt: '2026-12-01T09:00:00Z',
    });
    await seedVault(home, [token], quietAges);
    expect(await schedulerOver(home, clock.now).collectDue()).not.toBeNull();
    clock.advance(5 * minute);
    const restarted = schedulerOver(home, clock.now);
    expect(await restarted.collectDue()).toBeNull();
    expect((await restarted.list(true)).reminders[0]).toMatchObject({
      state: 'due',
      sentAt: '2026-11-24T10:00:00.000Z',
    });
  });

  it('two processes looking at the same moment notify once between them', async () => {
    const clock = testClock('2026-11-24T10:00:00Z');
    await seedVault(
      home,
      [tokenRecord({ label: 'CI deploy', createdAt: '2026-10-01T09:00:00Z', expiresAt: '2026-12-01T09:00:00Z' })],
      quietAges,
    );
    const results = await Promise.all([
      schedulerOver(home, clock.now).collectDue(),
      schedulerOver(home, clock.now).collectDue(),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('listing what is due marks nothing as sent and leaves the vault file as it was', async () => {
    const clock = testClock('2026-11-24T10:00:00Z');
    await seedVault(
      home,
      [tokenRecord({ label: 'CI deploy', createdAt: '2026-10-01T09:00:00Z', expiresAt: '2026-12-01T09:00:00Z' })],
      quietAges,
    );
    const file = path.join(home, 'vault.json');
    const before = fs.readFileSync(file, 'utf8');
    const scheduler = schedulerOver(home, clock.now);
    expect((await scheduler.list(true)).reminders).toHaveLength(1);
    await scheduler.list(false);
    await scheduler.calendar();
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(await scheduler.collectDue()).not.toBeNull();
  });
});

describe('snooze and mute', () => {
  it('snoozing for a day delays the reminder by a day, then it fires once more', async () => {
    const clock = testClock('2026-11-24T10:00:00Z');
    const token = tokenRecord({
      label: 'CI deploy',
      createdAt: '2026-10-01T09:00:00Z',
      expiresAt: '2026-12-01T09:00:00Z',
    });
    await seedVault(home, [token], quietAges);
    const scheduler = schedulerOver(home, clock.now);
    const fired = await scheduler.collectDue();
    const snoozed = await scheduler.snooze(fired?.reminderIds[0] ?? '', '1d');
    expect(snoozed).toEqual([{ id: fired?.reminderIds[0], snoozedUntil: '2026-11-25T10:00:00.000Z' }]);
    expect((await scheduler.list(true)).reminders).toEqual([]);
    expect((await scheduler.list(false)).reminders[0]).toMatchObject({
      state: 'snoozed',
      firesAt: '2026-11-25T10:00:00.000Z',
    });

    const shown = await notifyUntil(scheduler, clock, '2026-11-26T09:00:00Z', 30 * minute);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({
      at: '2026-11-25T10:00:00.000Z',
      notification: { title: '"CI deploy" expires in 5 days' },
    });
  });

  it('snoozing a token by its id snoozes everything due for it, for an hour or a week', async () => {
    const clock = testClock('2026-11-24T10:00:00Z');
    const token = tokenRecord({
      label: 'CI deploy',
      createdAt: '2026-05-01T09:00:00Z',
      lastVerifiedAt: '2026-05-01T09:00:00Z',
      expiresAt: '2026-12-01T09:00:00Z',
    });
    await seedVault(home, [token], { rotationDays: 365, unverifiedDays: 30 });
    const scheduler = schedulerOver(home, clock.now);
    expect((await scheduler.collectDue())?.title).toBe('2 reminders for "CI deploy"');
    const snoozed = await scheduler.snooze(token.id, '1h');
    expect(snoozed?.map((s) => s.snoozedUntil)).toEqual(['2026-11-24T11:00:00.000Z', '2026-11-24T11:00:00.000Z']);
    clock.advance(59 * minute);
    expect(await scheduler.collectDue()).toBeNull();
    clock.advance(minute);
    expect((await scheduler.collectDue())?.reminderIds).toHaveLength(2);
    expect(await scheduler.snooze(token.id, '1w')).toHaveLength(2);
    expect(await scheduler.snooze('00000000-no-such-token', '1d')).toBeNull();
    // Un-snoozed by hand: due again now, listed as due, and the log says so.
    expect(await scheduler.unsnooze(token.id)).toHaveLength(2);
    expect((await scheduler.list(true)).reminders).toHaveLength(2);
    expect(await scheduler.unsnooze(token.id)).toEqual([]);
    expect(fs.readFileSync(path.join(home, 'audit.jsonl'), 'utf8')).toContain('Snooze ended by hand');
  });

  it('a muted token sends nothing and lists nothing until it is unmuted', async () => {
    const clock = testClock('2026-11-24T10:00:00Z');
    const muted = tokenRecord({
      label: 'muted one',
      createdAt: '2026-10-01T09:00:00Z',
      expiresAt: '2026-12-01T09:00:00Z',
    });
    await seedVault(home, [muted], quietAges);
    const scheduler = schedulerOver(home, clock.now);
    await scheduler.setTokenSettings(muted.id, { muted: true });
    expect(await notifyUntil(scheduler, clock, '2026-12-02T10:00:00Z')).toEqual([]);
    expect((await scheduler.list(false)).reminders).toEqual([]);

    await scheduler.setTokenSettings(muted.id, { muted: false });
    expect((await scheduler.collectDue())?.title).toBe('"muted one" has expired');
  });
});

describe('rotation and verification, from the lifecycle rules', () => {
  it('reminds once when rotation becomes overdue and when verification is too old, as the lifecycle rules judge them', async () => {
    const clock = testClock('2026-01-01T09:00:00Z');
    const token = tokenRecord({ label: 'forever key', createdAt: '2026-01-01T09:00:00Z', expiresAt: null });
    await seedVault(home, [token], { rotationDays: 90, unverifiedDays: 30 });
    const scheduler = schedulerOver(home, clock.now);
    const shown = await notifyUntil(scheduler, clock, '2026-04-30T09:00:00Z', 6 * hour);
    expect(shown.map((s) => [s.at, s.notification.title])).toEqual([
      ['2026-01-31T09:00:00.000Z', '"forever key" needs verifying'],
      ['2026-04-01T09:00:00.000Z', '"forever key" is due for rotation'],
    ]);
    // Just after each reminder the window says the same thing: one set of rules everywhere.
    for (const { at } of shown) {
      const codes = evaluateToken(token, Date.parse(at) + minute, {
        rotationDays: 90,
        unverifiedDays: 30,
      }).findings.map((f) => f.code);
      expect(codes).toContain(Date.parse(at) < Date.parse('2026-03-01') ? 'unverified' : 'rotation-overdue');
    }
  });

  it('reminds of critical states at once: exposed, revocation pending, disconnected, secret missing', async () => {
    const clock = testClock('2026-11-24T10:00:00Z');
    const base = { createdAt: '2026-11-01T09:00:00Z', expiresAt: '2027-06-01T09:00:00Z' };
    const exposed = tokenRecord({
      label: 'exposed',
      ...base,
      exposures: [{ file: '/work/.env', line: 3, foundAt: '2026-11-20T09:00:00Z' }],
    });
    const revoking = tokenRecord({
      label: 'revoking',
      ...base,
      revocation: { requestedAt: '2026-11-22T09:00:00Z', confirmedAt: null, method: 'api', target: 'this' },
    });
    const dead = tokenRecord({
      label: 'dead',
      ...base,
      verification: {
        outcome: 'rejected',
        at: '2026-11-23T09:00:00Z',
        message: 'GitHub says the token is invalid.',
        reason: 'invalid',
        dead: true,
        retryAt: null,
        notes: [],
        jwtCheck: null,
      },
    });
    const gone = tokenRecord({ label: 'gone', ...base, secretMissingSince: '2026-11-24T09:00:00Z' });
    await seedVault(home, [exposed, revoking, dead, gone], quietAges);
    const { reminders } = await schedulerOver(home, clock.now).list(true);
    expect(reminders.map((r) => [r.label, r.kind, r.title])).toEqual([
      ['exposed', 'exposed', '"exposed" is exposed'],
      ['revoking', 'revocation-pending', '"revoking": old token still live'],
      ['dead', 'disconnected', '"dead" no longer works'],
      ['gone', 'secret-missing', '"gone" has no secret in the keychain'],
    ]);
  });

  it('a token being revoked is reminded to confirm the revocation, not of its expiry, rotation or verification', async () => {
    const clock = testClock('2026-11-24T10:00:00Z');
    const revoking = tokenRecord({
      label: 'stripe readonly',
      createdAt: '2026-01-01T09:00:00Z',
      expiresAt: '2026-12-20T09:00:00Z',
      revocation: { requestedAt: '2026-11-23T09:00:00Z', confirmedAt: null, method: 'api', target: 'this' },
    });
    await seedVault(home, [revoking], { rotationDays: 30, unverifiedDays: 30 });
    const { reminders } = await schedulerOver(home, clock.now).list(false);
    expect(reminders.map((r) => r.kind)).toEqual(['revocation-pending']);
  });

  it('sends nothing for a revoked token', async () => {
    const clock = testClock('2026-11-24T10:00:00Z');
    await seedVault(home, [
      tokenRecord({
        label: 'gone',
        createdAt: '2025-01-01T09:00:00Z',
        expiresAt: '2026-12-01T09:00:00Z',
        revokedAt: '2026-02-01T00:00:00Z',
      }),
    ]);
    expect(await schedulerOver(home, clock.now).collectDue()).toBeNull();
  });
});

describe('the tray summary and settings', () => {
  it('counts tokens needing action and names the next expiry', async () => {
    const clock = testClock('2026-11-24T10:00:00Z');
    const soon = tokenRecord({ label: 'soon', createdAt: '2026-10-01T09:00:00Z', expiresAt: '2026-12-01T09:00:00Z' });
    const later = tokenRecord({ label: 'later', createdAt: '2026-11-01T09:00:00Z', expiresAt: '2027-01-01T09:00:00Z' });
    const expired = tokenRecord({
      label: 'expired',
      createdAt: '2026-10-01T09:00:00Z',
      expiresAt: '2026-11-01T09:00:00Z',
    });
    await seedVault(home, [soon, later, expired]);
    const { summary } = await schedulerOver(home, clock.now).list(false);
    expect(summary).toEqual({
      needAction: 2,
      nextExpiry: { tokenId: soon.id, label: 'soon', expiresAt: '2026-12-01T09:00:00Z' },
    });
  });

  it('keeps Lapse in the tray and does not start at login until asked; the choice is saved in the vault file', async () => {
    const scheduler = schedulerOver(home, Date.now);
    expect((await scheduler.settings()).desktop).toEqual({ keepInTray: true, startAtLogin: false });
    await scheduler.setDesktopSettings({ startAtLogin: true });
    expect((await schedulerOver(home, Date.now).settings()).desktop).toEqual({ keepInTray: true, startAtLogin: true });
  });

  it('reads a vault file written before reminders existed', async () => {
    const file = path.join(home, 'vault.json');
    const token = tokenRecord({
      label: 'old',
      createdAt: '2026-10-01T09:00:00Z',
      lastVerifiedAt: '2026-11-20T09:00:00Z',
      expiresAt: '2026-12-01T09:00:00Z',
    });
    fs.writeFileSync(file, JSON.stringify({ version: 1, tokens: { [token.id]: token }, policy: {} }), { mode: 0o600 });
    const clock = testClock('2026-11-24T10:00:00Z');
    expect((await schedulerOver(home, clock.now).collectDue())?.title).toBe('"old" expires in 6 days');
  });
});
