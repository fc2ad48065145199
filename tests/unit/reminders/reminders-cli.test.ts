import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReminderView } from '../../../shared/api.js';
import { fakeTokens, testServiceName } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, clearKeychainService, inKeychainSession } from '../../helpers/keychain-session.js';
import { builtModule, repoRoot, run } from '../../helpers/processes.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { prop, readCalendar } from './read-calendar.js';
import { seedVault, tokenRecord } from './reminder-vault.js';

// The real `lapse` command in a child process, with every network call made to throw.
const noNetwork = path.join(repoRoot, 'tests/helpers/no-network.cjs');
const offline = { NODE_OPTIONS: `--require ${noNetwork}` };

let home: string;
let service: string;
const env = (extra: NodeJS.ProcessEnv = {}) => ({
  ...process.env,
  LAPSE_HOME: home,
  LAPSE_KEYCHAIN_SERVICE: service,
  LAPSE_NOW: '',
  ...offline,
  ...extra,
});
const lapse = (args: string[], input?: string) =>
  run(process.execPath, [path.join(repoRoot, 'bin/lapse.js'), ...args], { env: env(), input, timeoutMs: 20_000 });
const listed = async (args: string[]) => {
  const result = await lapse(['reminders', '--json', ...args]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as { reminders: ReminderView[]; summary: { needAction: number } };
};

beforeAll(() => {
  builtModule('electron/cli/main.js');
  announceKeychainSkip();
});
beforeEach(() => {
  home = makeTempDir('lapse-reminders-cli');
  service = testServiceName();
});
afterEach(() => removeTempDir(home));
afterAll(() => clearKeychainService(service));

describe('the network-off guard itself', () => {
  it('makes http, fetch and raw sockets throw in a process it is preloaded into, ES modules included', async () => {
    for (const args of [
      ['-e', "require('node:http').get('http://127.0.0.1:9')"],
      ['-e', "fetch('https://api.github.com/user')"],
      ['-e', "require('node:net').connect(9, '127.0.0.1')"],
      ['--input-type=module', '-e', "import { request } from 'node:https'; request('https://api.github.com/user')"],
    ]) {
      const result = await run(process.execPath, args, { env: env(), timeoutMs: 10_000 });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('no-network:');
    }
  });
});

describe('lapse reminders, with the network off', () => {
  const ci = () =>
    tokenRecord({
      label: 'CI deploy',
      createdAt: '2026-10-01T09:00:00Z',
      lastVerifiedAt: '2026-11-20T09:00:00Z',
      expiresAt: '2026-12-01T09:00:00Z',
    });

  it('lists what is due at --now, and listing marks nothing as sent', async () => {
    const token = ci();
    await seedVault(home, [token]);
    const file = path.join(home, 'vault.json');
    const before = fs.readFileSync(file, 'utf8');

    const { reminders } = await listed(['--due', '--now', '2026-11-24T10:00:00Z']);
    expect(reminders.map((r) => [r.tokenId, r.kind, r.tier, r.state, r.title])).toEqual([
      [token.id, 'expiring', '7d', 'due', '"CI deploy" expires in 6 days'],
    ]);
    expect(reminders[0]?.sentAt).toBeNull();
    const again = await listed(['--due', '--now', '2026-11-24T10:00:00Z']);
    expect(again.reminders[0]?.sentAt).toBeNull();
    expect(fs.readFileSync(file, 'utf8')).toBe(before);

    expect((await listed(['--due', '--now', '2026-10-20T10:00:00Z'])).reminders).toEqual([]);
    const upcoming = await listed(['--now', '2026-10-20T10:00:00Z']);
    expect(upcoming.reminders.find((r) => r.kind === 'expiring')).toMatchObject({
      state: 'upcoming',
      tier: '30d',
      title: '"CI deploy" expires in 30 days',
    });
  });

  it('prints a table a person can read', async () => {
    await seedVault(home, [ci()]);
    const result = await lapse(['reminders', '--due', '--now', '2026-11-24T10:00:00Z']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^STATE +WHEN +TOKEN +REMINDER\ndue +2026-11-24 09:00 UTC +[0-9a-f]{8} +"CI deploy" expires in 6 days\n/,
    );
  });

  it('snoozes what is due for a token (by id prefix), then shows it again when the snooze ends', async () => {
    const token = ci();
    await seedVault(home, [token]);
    const snoozed = await lapse(['reminders', 'snooze', token.id.slice(0, 8), '1d', '--now', '2026-11-24T10:00:00Z']);
    expect(snoozed.code).toBe(0);
    expect(snoozed.stderr).toContain('Snoozed the reminder until 2026-11-25 10:00 UTC.');
    expect((await listed(['--due', '--now', '2026-11-25T09:59:00Z'])).reminders).toEqual([]);
    expect((await listed(['--due', '--now', '2026-11-25T10:00:00Z'])).reminders).toHaveLength(1);

    const wrong = await lapse(['reminders', 'snooze', token.id.slice(0, 8), '2d']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Snooze for 1h, 1d, 1w');
  });

  it('mutes and unmutes a token, and sets its own lead times', async () => {
    const token = ci();
    await seedVault(home, [token]);
    expect((await lapse(['reminders', 'mute', token.id])).code).toBe(0);
    expect((await listed(['--now', '2026-11-24T10:00:00Z'])).reminders).toEqual([]);
    expect((await lapse(['reminders', 'unmute', token.id])).code).toBe(0);
    const tiers = await lapse(['reminders', 'tiers', token.id, '3d,0']);
    expect(tiers.stderr).toContain('Reminders before expiry: 3d, 0.');
    expect((await listed(['--due', '--now', '2026-11-24T10:00:00Z'])).reminders).toEqual([]);
    expect((await listed(['--due', '--now', '2026-11-28T10:00:00Z'])).reminders[0]?.tier).toBe('3d');
  });

  it('--ics prints a CRLF calendar with stable UIDs, ready for `> lapse.ics`', async () => {
    const token = ci();
    await seedVault(home, [token]);
    const first = await lapse(['reminders', '--ics', '--now', '2026-11-24T10:00:00Z']);
    const second = await lapse(['reminders', '--ics', '--now', '2026-11-25T10:00:00Z']);
    expect(first.code).toBe(0);
    const [a, b] = [readCalendar(first.stdout), readCalendar(second.stdout)];
    expect(a.children.map((e) => prop(e, 'UID'))).toEqual([`${token.id}.expiry@lapse`]);
    expect(b.children.map((e) => prop(e, 'UID'))).toEqual(a.children.map((e) => prop(e, 'UID')));
    expect(a.children[0]?.children.map((alarm) => prop(alarm, 'TRIGGER'))).toEqual([
      '-P30D',
      '-P7D',
      '-P1D',
      '-PT1H',
      'PT0S',
    ]);
  });

  it.runIf(inKeychainSession)('works end to end: a token added with lapse add is reminded of, offline', async () => {
    const added = await lapse(
      ['add', '--label', 'release bot', '--expires', '2026-12-01T09:00:00Z', '--now', '2026-11-20T09:00:00Z'],
      `${fakeTokens.githubClassic()}\n`,
    );
    expect(added.code).toBe(0);
    const { reminders } = await listed(['--due', '--now', '2026-11-30T10:00:00Z']);
    expect(reminders.map((r) => r.title)).toEqual(['"release bot" expires in 23 h']);
  });
});
