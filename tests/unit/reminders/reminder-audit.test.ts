import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/api.js';
import { durations } from '../../../shared/countdown.js';
import { readAudit } from '../../../electron/audit/audit-log.js';
import { openMetadataStore } from '../../../electron/vault/metadata-store.js';
import { builtModule, repoRoot, run } from '../../helpers/processes.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { schedulerOver, seedVault, testClock, tokenRecord } from './reminder-vault.js';

const { hour, day } = durations;
const quietAges = { rotationDays: 365, unverifiedDays: 365 };

let home: string;
beforeAll(() => builtModule('electron/cli/main.js'));
beforeEach(() => {
  home = makeTempDir('lapse-reminder-audit');
});
afterEach(() => removeTempDir(home));

const reminded = (): AuditEntry[] => readAudit(openMetadataStore(home)).filter((e) => e.event === 'reminded');

async function expiringToken() {
  const token = tokenRecord({
    label: 'CI deploy',
    createdAt: '2026-10-01T09:00:00Z',
    expiresAt: '2026-12-01T09:00:00Z',
  });
  await seedVault(home, [token], quietAges);
  return token;
}

describe('reminders in the audit log', () => {
  it('a notification sent is one `reminded` entry naming the reminder and when it was due; later looks add nothing', async () => {
    const token = await expiringToken();
    const clock = testClock('2026-11-24T10:00:00Z');
    const scheduler = schedulerOver(home, clock.now);

    expect(await scheduler.collectDue()).not.toBeNull();
    clock.advance(hour);
    expect(await scheduler.collectDue()).toBeNull();
    await scheduler.list(true);

    const entries = reminded();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ tokenId: token.id, label: 'CI deploy', at: '2026-11-24T10:00:00.000Z' });
    expect(entries[0]?.detail).toMatch(
      /^Reminder sent as a notification: "CI deploy" expires in 6 days; due 2026-11-24T09:00:00\.000Z \(reminder [^)]+\.expires-7d\.[0-9a-z]+\)\.$/,
    );
  });

  it('a due reminder shown by listing is logged once however often it is listed, and the vault file is left as it was', async () => {
    await expiringToken();
    const clock = testClock('2026-11-24T10:00:00Z');
    const file = path.join(home, 'vault.json');
    const before = fs.readFileSync(file, 'utf8');
    for (let i = 0; i < 3; i++) {
      await schedulerOver(home, clock.now).list(false);
      clock.advance(hour);
    }
    expect(reminded().map((e) => e.detail)).toEqual([
      expect.stringMatching(
        /^Reminder shown in the reminder list: "CI deploy" expires in 6 days; due 2026-11-24T09:00/,
      ),
    ]);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    // Listing is not notifying: the notification still fires, and is not logged a second time.
    expect(await schedulerOver(home, clock.now).collectDue()).not.toBeNull();
    expect(reminded()).toHaveLength(1);
  });

  it('upcoming reminders are not logged; each lead time that comes due is', async () => {
    await expiringToken();
    const clock = testClock('2026-10-20T10:00:00Z');
    const listed = (await schedulerOver(home, clock.now).list(false)).reminders;
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((r) => r.state === 'upcoming')).toBe(true);
    expect(reminded()).toEqual([]);
    clock.set('2026-11-24T10:00:00Z');
    await schedulerOver(home, clock.now).collectDue();
    clock.set('2026-11-30T10:00:00Z');
    await schedulerOver(home, clock.now).collectDue();
    expect(reminded().map((e) => /\.(expires-\w+)\./.exec(e.detail)?.[1])).toEqual(['expires-7d', 'expires-1d']);
  });

  it('a snooze is the person answering: logged with when it ends; when it ends the reminder comes back and is logged again', async () => {
    await expiringToken();
    const clock = testClock('2026-11-24T10:00:00Z');
    const scheduler = schedulerOver(home, clock.now);
    await scheduler.collectDue();
    const snoozed = await scheduler.snooze(reminded()[0]?.detail.match(/\(reminder ([^)]+)\)/)?.[1] ?? '', '1d');
    expect(snoozed).toHaveLength(1);
    expect(reminded()[1]?.detail).toMatch(
      /^Reminder snoozed until 2026-11-25T10:00:00\.000Z: "CI deploy" expires in 6 days; due 2026-11-24T09:00/,
    );

    clock.advance(hour);
    await scheduler.list(true);
    expect(reminded()).toHaveLength(2);
    clock.advance(day);
    expect(await scheduler.collectDue()).not.toBeNull();
    expect(reminded()).toHaveLength(3);
    expect(reminded()[2]?.detail).toMatch(/^Reminder sent as a notification: "CI deploy" expires in 5 days/);
  });

  it('`lapse reminders` twice, then `lapse log ID [--json]`: one reminded entry', async () => {
    const token = await expiringToken();
    const env = {
      ...process.env,
      LAPSE_HOME: home,
      LAPSE_KEYCHAIN_SERVICE: `lapse-test-${token.id.slice(0, 8)}`,
      LAPSE_NOW: '2026-11-24T10:00:00Z',
    };
    const lapse = (args: string[]) =>
      run(process.execPath, [path.join(repoRoot, 'bin/lapse.js'), ...args], { env, timeoutMs: 20_000 });
    for (let i = 0; i < 2; i++) expect((await lapse(['reminders', '--due'])).code).toBe(0);

    const log = await lapse(['log', token.id, '--json']);
    expect(log.code).toBe(0);
    const { entries } = JSON.parse(log.stdout) as { entries: AuditEntry[] };
    expect(entries.map((e) => e.event)).toEqual(['reminded']);
    expect(entries[0]?.detail).toContain('"CI deploy" expires in 6 days');
    const text = await lapse(['log', token.id]);
    expect(text.stdout).toMatch(/reminded\s+\S{8}\s+CI deploy: Reminder shown in the reminder list/);
  });
});
