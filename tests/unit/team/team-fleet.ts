import fs from 'node:fs';
import path from 'node:path';
import { canarySecret, fakeTokens, testServiceName } from '../../helpers/fake-tokens.js';
import { lapseInProcess, type InProcessRun } from '../../helpers/in-process-cli.js';
import { clearKeychainService } from '../../helpers/keychain-session.js';
import { envWithout } from '../../helpers/processes.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';

/** The instants a fleet is made at: tokens added, the first report, changes, the second report. */
export const fleetDates = {
  added: '2026-01-15T09:00:00.000Z',
  first: '2026-04-01T09:00:00.000Z',
  changed: '2026-04-15T09:00:00.000Z',
  second: '2026-05-01T09:00:00.000Z',
} as const;

/** One machine of a fleet: its vault, its keychain service name and its labels. */
export interface FleetMachine {
  home: string;
  service: string;
  machine: string;
  person: string;
}

export interface Fleet {
  /** Holds reports/<machine>/<day>.json. */
  dir: string;
  reports: string;
  machines: FleetMachine[];
  /** Every secret given to any vault, for canary checks. */
  secrets: string[];
  /** The value machines 0, 1 and 2 all hold. */
  sharedSecret: string;
  cleanup(): Promise<void>;
}

type CliRun = InProcessRun;

/** `lapse ARGS` in-process, as a person types it on that machine (its vault, its keychain service), at `now`. */
export const lapseOn = (
  m: Pick<FleetMachine, 'home' | 'service'>,
  args: string[],
  now: string,
  stdin = '',
): Promise<CliRun> =>
  lapseInProcess(
    args,
    {
      ...envWithout(['LAPSE_NOW', 'LAPSE_HOME', 'LAPSE_KEYCHAIN_SERVICE']),
      LAPSE_HOME: m.home,
      LAPSE_KEYCHAIN_SERVICE: m.service,
      LAPSE_NOW: now,
    },
    stdin,
  );

/** The keychain itself went away under the command (exit 2 before anything was written), not something Lapse decided. */
const keychainGone = (run: CliRun) => run.code === 2 && /keychain|D-Bus/i.test(run.stderr);

async function must(m: FleetMachine, args: string[], now: string, stdin = '', okCodes = [0]): Promise<CliRun> {
  let run = await lapseOn(m, args, now, stdin);
  if (keychainGone(run)) {
    // Twice in a few dozen full runs here, the test session's gnome-keyring daemon exited while this
    // fleet (the suite's busiest keychain user) was being made; scripts/with-keychain.sh puts an
    // unlocked one back within a second. The fleet is the setting of these tests, not their subject:
    // say so, wait for the keyring, and run the command once more.
    console.warn(
      `team fleet: lapse ${args[0]} on ${m.machine} found no keychain (${run.stderr.trim().slice(0, 80)}…); once more in 2 s`,
    );
    await new Promise((r) => setTimeout(r, 2000));
    run = await lapseOn(m, args, now, stdin);
  }
  if (!okCodes.includes(run.code))
    throw new Error(`lapse ${args.join(' ')} on ${m.machine} exited ${run.code}: ${run.stderr}`);
  return run;
}

async function idOf(m: FleetMachine, label: string): Promise<string> {
  const list = JSON.parse((await must(m, ['list', '--json'], fleetDates.added)).stdout) as {
    id: string;
    label: string;
  }[];
  const found = list.find((t) => t.label === label);
  if (!found) throw new Error(`${label} is not on ${m.machine}`);
  return found.id;
}

/**
 * A team's machines made through the real `lapse` CLI on the real keychain: each machine its own
 * vault and keychain service, tokens added with `lapse add`, changed with `lapse rm`, `edit`,
 * `rotate` and `revoke`, and two JSON reports written with `lapse report` a month apart
 * (2 × machines reports in all). Machines 0–2 share one secret.
 *
 * On machine i, added on 2026-01-15:
 * - "GitHub push" (GitHub classic PAT, never expires) — no-expiry;
 * - "Deploy key" (generic, expires 2027-06-01) — beyond the 90-day maximum lifetime;
 * - "GitLab mirror" (expires 2026-04-10) — expiring at the first report, expired at the second;
 * - "Team webhook" on machines 0–2 (one shared value);
 * - "npm publish" on even machines; "Old webhook" (generic) on every fifth.
 * Between the reports: i % 3 = 0 removes "GitHub push"; i % 3 = 1 rotates "Deploy key" (the old
 * value's revocation then pending); i % 4 = 0 adds "Release bot"; i % 5 = 0 revokes "Old webhook" by hand;
 * i % 3 = 2 moves "GitLab mirror" to a later expiry. On i % 7 = 1, a scan before the first report finds
 * "GitHub push" in plaintext (exposed).
 */
export async function makeFleet(count: number): Promise<Fleet> {
  const dir = makeTempDir('lapse-team-fleet');
  const reports = path.join(dir, 'reports');
  const sharedSecret = canarySecret();
  const secrets = [sharedSecret];
  const machines: FleetMachine[] = [];
  const secret = (value: string) => (secrets.push(value), value);

  async function makeMachine(i: number): Promise<void> {
    const n = String(i).padStart(2, '0');
    const m: FleetMachine = {
      home: path.join(dir, `home-${n}`),
      service: testServiceName(),
      machine: `box-${n}`,
      person: `dev-${i % 10}`,
    };
    machines[i] = m;
    const t = fleetDates.added;
    const github = secret(fakeTokens.githubClassic());
    await must(m, ['add', '--label', 'GitHub push', '--expires', 'never', '--scopes', 'repo'], t, github);
    await must(
      m,
      ['add', '--label', 'Deploy key', '--provider', 'generic', '--expires', '2027-06-01'],
      t,
      secret(canarySecret()),
    );
    await must(m, ['add', '--label', 'GitLab mirror', '--expires', '2026-04-10'], t, secret(fakeTokens.gitlabLegacy()));
    if (i < 3)
      await must(
        m,
        ['add', '--label', 'Team webhook', '--provider', 'generic', '--expires', '2026-04-12'],
        t,
        sharedSecret,
      );
    if (i % 2 === 0)
      await must(
        m,
        ['add', '--label', 'npm publish', '--provider', 'npm', '--expires', '2026-06-01'],
        t,
        secret(`npm_FAKE${canarySecret().slice(12)}`),
      );
    if (i % 5 === 0)
      await must(
        m,
        ['add', '--label', 'Old webhook', '--provider', 'generic', '--expires', '2026-09-01'],
        t,
        secret(canarySecret()),
      );
    if (i % 7 === 1) {
      // A plaintext copy a scan finds: the token is then exposed.
      const project = path.join(m.home, 'project');
      fs.mkdirSync(project, { recursive: true });
      fs.writeFileSync(path.join(project, '.env'), `GITHUB_TOKEN=${github}\n`);
      await must(m, ['scan', project], t, '', [0, 1]);
    }
    await must(m, ['report', '--save-label', '--machine', m.machine, '--person', m.person], t);
    const folder = path.join(reports, m.machine);
    fs.mkdirSync(folder, { recursive: true });
    await must(m, ['report', '--format', 'json', '--out', path.join(folder, '2026-04-01.json')], fleetDates.first);

    const c = fleetDates.changed;
    if (i % 3 === 0) await must(m, ['rm', await idOf(m, 'GitHub push'), '--yes'], c);
    if (i % 3 === 1) await must(m, ['rotate', await idOf(m, 'Deploy key')], c, secret(canarySecret()), [0, 1]);
    if (i % 3 === 2) await must(m, ['edit', await idOf(m, 'GitLab mirror'), '--expires', '2026-07-01'], c);
    if (i % 4 === 0)
      await must(
        m,
        ['add', '--label', 'Release bot', '--provider', 'generic', '--expires', '2026-06-15'],
        c,
        secret(canarySecret()),
      );
    if (i % 5 === 0) await must(m, ['revoke', await idOf(m, 'Old webhook'), '--by-hand'], c);
    await must(m, ['report', '--format', 'json', '--out', path.join(folder, '2026-05-01.json')], fleetDates.second);
  }

  // A few machines at a time: each has its own vault and keychain service.
  const concurrency = 4;
  for (let first = 0; first < count; first += concurrency) {
    await Promise.all(Array.from({ length: Math.min(concurrency, count - first) }, (_, k) => makeMachine(first + k)));
  }
  return {
    dir,
    reports,
    machines,
    secrets,
    sharedSecret,
    async cleanup() {
      for (const m of machines) await clearKeychainService(m.service);
      removeTempDir(dir);
    },
  };
}
