import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv04 from 'ajv-draft-04';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamView } from '../../../shared/report/team-model.js';
import { tracesIn } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, inKeychainSession } from '../../helpers/keychain-session.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { lapseIn } from '../report/report-cli-io.js';
import { fleetDates, lapseOn, makeFleet, type Fleet } from './team-fleet.js';

announceKeychainSkip();

const machines = 25;
const now = '2026-05-02T09:00:00.000Z';
let fleet: Fleet;
const scratch: string[] = [];
const team = (args: string[]) => lapseIn(path.join(fleet.dir, 'no-vault'), ['team', ...args], now);
const view = async (args: string[]) => JSON.parse((await team([...args, '--format', 'json'])).stdout) as TeamView;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const box = (i: number) => `box-${String(i).padStart(2, '0')}`;

describe.skipIf(!inKeychainSession)('lapse team over 50 reports made by the real CLI on 25 vaults', () => {
  beforeAll(async () => {
    fleet = await makeFleet(machines);
  }, 180_000);
  afterAll(async () => {
    scratch.forEach(removeTempDir);
    await fleet?.cleanup();
  });

  it('reads all 50 reports, one machine per label, judges each machine by its newest report', async () => {
    const v = await view([fleet.reports]);
    expect(v.totals).toMatchObject({ files: 50, machines, problems: 0, edited: 0, shared: 1 });
    expect(v.reports.filter((r) => r.role === 'current')).toHaveLength(machines);
    expect(
      v.reports
        .filter((r) => r.role === 'current')
        .every((r) => r.generatedAt === fleetDates.second && r.integrity === 'intact'),
    ).toBe(true);
    const byName = new Map(v.machines.map((m) => [m.machine, m]));
    for (const i of range(machines)) {
      const m = byName.get(box(i));
      expect(m, box(i)).toBeDefined();
      expect(m?.person).toBe(`dev-${i % 10}`);
      // GitHub push never expires; machines with i % 3 = 0 removed it.
      expect(
        m?.withoutExpiry.map((t) => t.label),
        box(i),
      ).toEqual(i % 3 === 0 ? [] : ['GitHub push']);
      // A plaintext copy was found on i % 7 = 1, unless the token is gone since.
      expect(
        m?.exposed.map((t) => t.label),
        box(i),
      ).toEqual(i % 7 === 1 && i % 3 !== 0 ? ['GitHub push'] : []);
      // Rotating the deploy key by hand leaves the old value to be confirmed dead.
      expect(
        m?.pendingRevocations.map((t) => t.label),
        box(i),
      ).toEqual(i % 3 === 1 ? ['Deploy key'] : []);
      expect(
        m?.beyondMaxLifetime.map((t) => t.label),
        box(i),
      ).toContain('Deploy key');
      expect(
        m?.shared.map((t) => t.label),
        box(i),
      ).toEqual(i < 3 ? ['Team webhook'] : []);
    }
    const providers = new Map(v.providers.map((p) => [p.provider, p]));
    expect(providers.get('github')).toMatchObject({ tokenCount: 16, machineCount: 16, withoutExpiry: 16, exposed: 3 });
    expect(providers.get('npm')).toMatchObject({ tokenCount: 13, machineCount: 13 });
    expect(providers.get('gitlab')).toMatchObject({ tokenCount: machines, machineCount: machines });
  }, 30_000);

  it('names the token held on three machines as a shared token, a finding on each holder', async () => {
    const v = await view([fleet.reports]);
    expect(v.shared).toHaveLength(1);
    expect(v.shared[0]?.holders.map((h) => h.name).sort()).toEqual([
      'box-00 (dev-0)',
      'box-01 (dev-1)',
      'box-02 (dev-2)',
    ]);
    const findings = v.check.failing.filter((f) => f.code === 'shared-token');
    expect(findings.map((f) => f.name).sort()).toEqual(['box-00 (dev-0)', 'box-01 (dev-1)', 'box-02 (dev-2)']);
    expect(findings[0]).toMatchObject({
      severity: 'warning',
      label: 'Team webhook',
      fingerprint: v.shared[0]?.fingerprint,
    });
    expect(findings[0]?.message).toMatch(/is also on box-0\d \(dev-\d\), box-0\d \(dev-\d\): one secret on 3 machines/);
  });

  it('says per machine what changed since the report a month before: added, removed, rotated, revoked, opened, closed', async () => {
    const v = await view([fleet.reports]);
    expect(v.trend?.machines).toHaveLength(machines);
    const byKey = new Map(v.trend?.machines.map((t) => [t.name.split(' ')[0], t]));
    for (const i of range(machines)) {
      const t = byKey.get(box(i));
      expect(t?.from.generatedAt).toBe(fleetDates.first);
      expect(t?.to.generatedAt).toBe(fleetDates.second);
      expect(
        t?.removed.map((r) => r.label),
        box(i),
      ).toEqual(i % 3 === 0 ? ['GitHub push'] : []);
      expect(
        t?.rotated.map((r) => r.label),
        box(i),
      ).toEqual(i % 3 === 1 ? ['Deploy key'] : []);
      expect(
        t?.added.map((r) => r.label),
        box(i),
      ).toEqual(i % 4 === 0 ? ['Release bot'] : []);
      expect(
        t?.revoked.map((r) => r.label),
        box(i),
      ).toEqual(i % 5 === 0 ? ['Old webhook'] : []);
      const opened = t?.opened.map((f) => `${f.label}/${f.code}`) ?? [];
      const closed = t?.closed.map((f) => `${f.label}/${f.code}`) ?? [];
      // GitLab mirror was expiring on 2026-04-01 and expired by 2026-05-01, unless its expiry was moved (i % 3 = 2).
      expect(closed, box(i)).toContain('GitLab mirror/expiring');
      if (i % 3 === 2) expect(opened, box(i)).not.toContain('GitLab mirror/expired');
      else expect(opened, box(i)).toContain('GitLab mirror/expired');
      if (i % 3 === 0) expect(closed, box(i)).toContain('GitHub push/no-expiry');
      if (i % 3 === 1) expect(opened, box(i)).toContain('Deploy key/revocation-pending');
    }
    const totals = v.trend?.totals;
    expect(totals).toMatchObject({ machines, removed: 9, rotated: 8, added: 7, revoked: 5 });
  });

  it('the JSON view follows the checked-in shared/report/team.schema.json', async () => {
    const schema = JSON.parse(
      fs.readFileSync(new URL('../../../shared/report/team.schema.json', import.meta.url), 'utf8'),
    ) as object;
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const v = await view([fleet.reports]);
    expect(validate(v), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('exits as lapse check does: 1 with findings at the threshold, 0 without, 2 on error', async () => {
    const failing = await team([fleet.reports]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/^# Team token hygiene\n/);
    expect(failing.stderr).toMatch(/lapse team: failed: \d+ findings at the threshold or worse\./);
    const dir = makeTempDir('lapse-team-policy');
    scratch.push(dir);
    const lenient = path.join(dir, 'critical-only.json');
    fs.writeFileSync(lenient, JSON.stringify({ threshold: 'critical' }));
    // box-03's first report has warnings only; its GitLab mirror expired before the second.
    const first = path.join(fleet.reports, 'box-03', '2026-04-01.json');
    expect((await team([first, '--policy', lenient])).code).toBe(0);
    expect((await team([path.join(fleet.reports, 'box-03'), '--policy', lenient])).code).toBe(1);
    const errors = [
      await team([]),
      await team([path.join(dir, 'nowhere')]),
      await team([fleet.reports, '--policy', path.join(dir, 'missing.json')]),
      await team([fleet.reports, '--since', 'last month']),
      await team([fleet.reports, '--format', 'pdf']),
    ];
    expect(errors.map((e) => e.code)).toEqual([2, 2, 2, 2, 2]);
    expect(errors[0]?.stderr).toContain('lapse team needs at least one report file or folder');
    expect(errors[1]?.stderr).toMatch(/not read: .*nowhere: no such file or folder\.[\s\S]*No readable report/);
    expect(errors[2]?.stderr).toContain('missing.json does not exist');
  });

  it('a team policy file judges every machine again: no expiry and long lifetimes allowed, they are no longer findings', async () => {
    const dir = makeTempDir('lapse-team-policy');
    scratch.push(dir);
    const file = path.join(dir, 'team.json');
    fs.writeFileSync(file, JSON.stringify({ requireExpiry: false, maxLifetimeDays: 1000 }));
    const judged = await view([fleet.reports, '--policy', file]);
    const codes = new Set(judged.check.failing.map((f) => f.code));
    expect(codes.has('no-expiry')).toBe(false);
    expect(codes.has('exceeds-max-lifetime')).toBe(false);
    // Facts stay: exposure and pending revocations are not the policy's to decide.
    expect(codes.has('exposed')).toBe(true);
    expect(codes.has('revocation-pending')).toBe(true);
    expect(judged.policy).toMatchObject({
      source: 'file',
      file,
      overrides: { requireExpiry: false, maxLifetimeDays: 1000 },
    });
    expect(judged.machines.every((m) => m.beyondMaxLifetime.length === 0)).toBe(true);
  });

  it('--format sarif is valid SARIF 2.1.0 whose results point at the line of the token in its report', async () => {
    const schema = JSON.parse(
      fs.readFileSync(new URL('../../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
    ) as object;
    const ajv = new Ajv04.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const run = await team([fleet.reports, '--format', 'sarif']);
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout) as {
      runs: {
        results: {
          ruleId: string;
          properties: { tokenId: string | null };
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
        }[];
      }[];
    };
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const results = log.runs[0]?.results ?? [];
    expect(results.filter((r) => r.ruleId === 'shared-token')).toHaveLength(3);
    for (const r of results.slice(0, 40)) {
      const { artifactLocation, region } = r.locations[0]?.physicalLocation ?? {
        artifactLocation: { uri: '' },
        region: { startLine: 0 },
      };
      const lines = fs.readFileSync(fileURLToPath(artifactLocation.uri), 'utf8').split('\n');
      expect(lines[region.startLine - 1]).toContain(`"id": "${r.properties.tokenId}"`);
    }
  });

  it('no secret, and nothing derived from one but the 8-character fingerprint, in any output (canary)', async () => {
    const outputs = [
      ...(await Promise.all(
        ['md', 'html', 'json', 'sarif'].map((format) => team([fleet.reports, '--format', format])),
      )),
      ...(await Promise.all(
        fleet.machines
          .slice(0, 3)
          .flatMap((m) => [
            lapseOn(m, ['check', '--format', 'sarif'], now),
            lapseOn(m, ['report', '--format', 'json'], now),
          ]),
      )),
    ].map((r) => r.stdout + r.stderr);
    outputs.push(
      ...fs
        .readdirSync(fleet.reports, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.json'))
        .map((f) => fs.readFileSync(path.join(fleet.reports, f), 'utf8')),
    );
    const everything = outputs.join('\n');
    expect(everything.length).toBeGreaterThan(100_000);
    for (const secret of fleet.secrets) {
      const forms = [
        encodeURIComponent(secret),
        Buffer.from(secret).toString('base64url'),
        createHash('sha256').update(secret).digest('hex'),
        createHash('sha256').update(secret).digest('base64'),
        createHash('sha256').update(secret).digest('hex').slice(0, 16),
      ];
      expect(tracesIn(everything, secret), 'a trace of a secret').toEqual([]);
      expect(
        forms.filter((f) => everything.includes(f)),
        'an encoded or hashed secret',
      ).toEqual([]);
    }
    // The fingerprint (8 hex) is there: it is how the team view names a token.
    const shared = createHash('sha256').update(fleet.sharedSecret).digest('hex').slice(0, 8);
    expect(everything).toContain(shared);
  }, 60_000);

  it('--since picks the report each machine is compared with', async () => {
    const before = await view([fleet.reports, '--since', '2026-03-01']);
    expect(before.trend).toBeNull();
    const april = await view([fleet.reports, '--since', '2026-04-01']);
    expect(april.trend?.machines).toHaveLength(machines);
  });
});
