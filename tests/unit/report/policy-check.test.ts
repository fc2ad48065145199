import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PolicyCheck } from '../../../shared/report/policy-check.js';
import type { PolicyOverride } from '../../../shared/policy.js';
import type { TokenRecord } from '../../../shared/model.js';
import { builtModule, repoRoot, run } from '../../helpers/processes.js';
import { removeTempDir } from '../../helpers/temp-home.js';
import { lapseIn } from './report-cli-io.js';
import { homeWith, reportNow, sampleRecord, sampleRecords, vaultOf } from './sample-vault.js';

const now = new Date(reportNow).toISOString();
const day = 86_400_000;
const at = (offsetDays: number) => new Date(reportNow + offsetDays * day).toISOString();
const homes: string[] = [];
afterEach(() => homes.splice(0).forEach(removeTempDir));

function vaultHome(records: TokenRecord[], policy: PolicyOverride = {}): string {
  const home = homeWith(vaultOf(records, policy));
  homes.push(home);
  return home;
}

function policyFile(home: string, content: unknown): string {
  const file = path.join(home, 'team-policy.json');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const healthy = () =>
  sampleRecord({
    label: 'fresh key',
    provider: 'stripe',
    kind: 'test secret key',
    createdAt: at(-3),
    expiresAt: at(60),
    lastVerifiedAt: at(-1),
  });
const forever = () =>
  sampleRecord({
    label: 'forever bot',
    provider: 'slack',
    kind: 'bot token',
    createdAt: at(-3),
    lastVerifiedAt: at(-1),
  });
const admin = () =>
  sampleRecord({
    label: 'org admin',
    provider: 'github',
    kind: 'classic PAT',
    scopes: ['repo', 'admin:org'],
    grantedScopes: ['repo', 'admin:org'],
    createdAt: at(-3),
    expiresAt: at(30),
    lastVerifiedAt: at(-1),
  });

describe('lapse check', () => {
  it('passes (exit 0) when no finding reaches the threshold, and says so unless --quiet', async () => {
    const home = vaultHome([healthy()]);
    const result = await lapseIn(home, ['check'], now);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^lapse check: passed: 1 token, no finding at warning or worse/);
    expect(await lapseIn(home, ['check', '--quiet'], now)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('fails (exit 1) and lists every failing finding: label, id prefix, code, severity, message', async () => {
    const records = sampleRecords();
    const home = vaultHome(records);
    const result = await lapseIn(home, ['check'], now);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe("lapse check: failed: 9 findings on 7 tokens at warning or worse (the vault's policy):");
    const npm = records.find((r) => r.label === 'npm publish');
    const expired = lines.find((l) => l.startsWith('npm publish') && l.includes(' expired '));
    expect(expired).toMatch(
      new RegExp(`^npm publish +${npm?.id.slice(0, 8)} +expired +critical +Expired 3 days ago, on 2026-04-28\\.`),
    );
    // info findings (unverified, unused) and revoked tokens are below the warning threshold.
    expect(result.stdout).not.toMatch(/ unverified | unused | revoked /);
  });

  it('--json gives the same verdict as data', async () => {
    const home = vaultHome(sampleRecords());
    const result = await lapseIn(home, ['check', '--json'], now);
    expect(result.code).toBe(1);
    const check = JSON.parse(result.stdout) as PolicyCheck;
    expect(check).toMatchObject({ passed: false, threshold: 'warning', evaluatedAt: now, tokenCount: 10 });
    expect(check.failing.map((f) => f.code)).toEqual([
      'expired',
      'rotation-overdue',
      'out-of-scope',
      'exceeds-max-lifetime',
      'no-expiry',
      'no-expiry',
      'rotation-overdue',
      'expiring',
      'expiring',
    ]);
    expect(check.failing[0]).toMatchObject({
      label: 'npm publish',
      severity: 'critical',
      provider: 'npm',
      action: 'rotate',
    });
  });

  it("a policy file's threshold decides what fails", async () => {
    const home = vaultHome(sampleRecords());
    const critical = await lapseIn(home, ['check', '--policy', policyFile(home, { threshold: 'critical' })], now);
    expect(critical.code).toBe(1);
    expect(critical.stdout.trim().split('\n').slice(1)).toHaveLength(1);
    expect(critical.stdout).toContain('expired');

    const calm = vaultHome([forever(), healthy()]);
    expect((await lapseIn(calm, ['check', '--policy', policyFile(calm, { threshold: 'critical' })], now)).code).toBe(0);
  });

  it('requireExpiry false in a policy file lets tokens that never expire pass', async () => {
    const home = vaultHome([forever(), healthy()]);
    const strict = await lapseIn(home, ['check'], now);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('no-expiry');
    expect((await lapseIn(home, ['check', '--policy', policyFile(home, { requireExpiry: false })], now)).code).toBe(0);
  });

  it('a token holding a scope the policy forbids for its provider fails, naming the scope', async () => {
    const home = vaultHome([admin(), healthy()]);
    expect((await lapseIn(home, ['check'], now)).code).toBe(0);
    const file = policyFile(home, { forbiddenScopes: { github: ['admin:org', 'delete_repo'] } });
    const result = await lapseIn(home, ['check', '--policy', file], now);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /org admin +[0-9a-f]{8} +out-of-scope +warning +Holds admin:org, which the policy forbids on GitHub tokens/,
    );
  });

  it("the policy file overrides the vault's policy for that run only", async () => {
    const home = vaultHome([forever()], { requireExpiry: false });
    const before = fs.readFileSync(path.join(home, 'vault.json'), 'utf8');
    expect((await lapseIn(home, ['check'], now)).code).toBe(0);
    expect((await lapseIn(home, ['check', '--policy', policyFile(home, { requireExpiry: true })], now)).code).toBe(1);
    expect((await lapseIn(home, ['check'], now)).code).toBe(0);
    expect(fs.readFileSync(path.join(home, 'vault.json'), 'utf8')).toBe(before);
  });

  it.each([
    [
      { maxLifetimeDays: '90' },
      /Policy file .*team-policy\.json: maxLifetimeDays must be a whole number of days from 1 to 3650\./,
    ],
    [{ maxLifetimeDays: 0 }, /maxLifetimeDays must be a whole number of days from 1 to 3650/],
    [{ maxLifetime: 90 }, /"maxLifetime" is not a policy setting \(settings: maxLifetimeDays, requireExpiry,/],
    [{ requireExpiry: 'yes' }, /requireExpiry must be true or false/],
    [{ threshold: 'high' }, /threshold must be critical, warning or info/],
    [
      { forbiddenScopes: { githib: ['admin:org'] } },
      /forbiddenScopes: "githib" is not a provider Lapse knows \(github, gitlab,/,
    ],
    [
      { forbiddenScopes: { github: 'admin:org' } },
      /forbiddenScopes\.github has the wrong type: expected array, received string/,
    ],
    [[1, 2], /the file must hold one JSON object of settings/],
    ['{ "threshold": "warning", }', /team-policy\.json is not valid JSON/],
  ])('a bad policy file (%j) exits 2 and says which field and why', async (content, message) => {
    const home = vaultHome(sampleRecords());
    const result = await lapseIn(home, ['check', '--policy', policyFile(home, content)], now);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('a missing policy file exits 2, never "no policy"', async () => {
    const home = vaultHome([healthy()]);
    const result = await lapseIn(home, ['check', '--policy', path.join(home, 'nope.json'), '--json'], now);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Policy file .*nope\.json does not exist\./);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'invalid-input' } });
  });

  it('the real lapse binary exits 0, 1 and 2 for cron, CI and git hooks', async () => {
    const bin = path.join(repoRoot, 'bin/lapse.js');
    builtModule('electron/cli/main.js');
    const home = vaultHome([healthy(), forever()]);
    const env = { PATH: process.env['PATH'], HOME: home, LAPSE_HOME: home, LAPSE_NOW: now };
    const check = (...args: string[]) => run(process.execPath, [bin, 'check', ...args], { env, timeoutMs: 20_000 });
    const [passing, failing, broken] = await Promise.all([
      check('--quiet', '--policy', policyFile(home, { requireExpiry: false })),
      check(),
      check('--policy', path.join(home, 'missing.json')),
    ]);
    expect(passing).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/forever bot +[0-9a-f]{8} +no-expiry +warning +Never expires/);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/missing\.json does not exist/);
  });
});
