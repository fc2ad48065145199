import { severityOrder } from '../../shared/lifecycle.js';
import { providerNames, statuses, type Finding, type ProviderId, type TokenStatus } from '../../shared/model.js';
import { defaultPolicy, type PolicyOverride } from '../../shared/policy.js';
import { failingFindings } from '../../shared/report/policy-check.js';
import type { ReportToken } from '../../shared/report/report-model.js';
import type {
  MachineTrend,
  SharedToken,
  TeamFinding,
  TeamMachine,
  TeamProvider,
  TeamReport,
  TeamView,
} from '../../shared/report/team-model.js';
import { severityRank } from '../../shared/severity.js';
import { identityOf } from './team-identity.js';
import { judgeReport, type JudgedReport } from './team-judge.js';
import type { LoadedReport, ReadResult } from './team-read.js';
import {
  editedFinding,
  sharedFindings,
  tokenFinding,
  tokenRef,
  unreadableFinding,
  unsealedFinding,
  worstFirst,
  type FindingPlace,
} from './team-findings.js';
import { machineTrend, teamTrend } from './team-trend.js';

/** How the team is judged. */
export interface TeamOptions {
  /** The instant the view is written at. */
  now: number;
  /** A team policy file's overrides, on top of each machine's own policy; null to take each report as judged. */
  policy: PolicyOverride | null;
  /** The policy file's name, as the view mentions it. */
  policyFile: string | null;
  /** Compare each machine's newest report with its newest at or before this instant; default: the one before the newest. */
  since: number | null;
}

const worstShown = 5;
const teamWorstShown = 20;

interface Placed extends LoadedReport {
  key: string;
  name: string;
}

/** A machine's newest report, judged. */
interface Current {
  placed: Placed;
  judged: JudgedReport;
}

const zeroByStatus = () => Object.fromEntries(statuses.map((s) => [s, 0])) as Record<TokenStatus, number>;
const standing = (t: ReportToken) => t.revokedAt === null;
const has = (code: string) => (t: ReportToken) => t.findings.some((f) => f.code === code);
const newestFirst = (a: Placed, b: Placed) =>
  Date.parse(b.report.generatedAt) - Date.parse(a.report.generatedAt) || (a.file < b.file ? -1 : 1);

/** Each machine's reports, newest first. */
function byMachine(reports: readonly LoadedReport[]): Map<string, Placed[]> {
  const groups = new Map<string, Placed[]>();
  for (const loaded of reports) {
    const { key, name } = identityOf(loaded.report, loaded.file);
    const group = groups.get(key) ?? [];
    group.push({ ...loaded, key, name });
    groups.set(key, group);
  }
  for (const group of groups.values()) group.sort(newestFirst);
  return groups;
}

function baselineOf(group: readonly Placed[], since: number | null): Placed | null {
  const older = group.slice(1);
  if (since === null) return older[0] ?? null;
  return older.find((r) => Date.parse(r.report.generatedAt) <= since) ?? null;
}

/** Tokens whose provider and fingerprint stand on more than one machine. */
function sharedTokens(current: readonly Current[]): SharedToken[] {
  const holders = new Map<string, SharedToken['holders']>();
  for (const { placed, judged } of current) {
    for (const t of judged.tokens.filter(standing)) {
      const id = `${t.provider}:${t.fingerprint}`;
      const list = holders.get(id) ?? [];
      if (!list.some((h) => h.key === placed.key))
        list.push({ key: placed.key, name: placed.name, file: placed.file, tokenId: t.id, label: t.label });
      holders.set(id, list);
    }
  }
  return [...holders]
    .filter(([, list]) => list.length > 1)
    .map(([id, list]) => {
      const [provider, fingerprint] = id.split(':') as [ProviderId, string];
      return { provider, fingerprint, holders: list };
    })
    .sort((a, b) => b.holders.length - a.holders.length || (a.fingerprint < b.fingerprint ? -1 : 1));
}

/**
 * A machine's worst findings (of its standing tokens, and the team's about it), worst first, at
 * most `count`: only those become view objects, so a thousand machines cost a thousand short sorts.
 */
function machineFindings(
  place: FindingPlace,
  judged: JudgedReport,
  teamFindings: TeamFinding[],
  count: number,
): TeamFinding[] {
  const pairs: { t: ReportToken; f: Finding }[] = [];
  for (const t of judged.tokens) if (standing(t)) for (const f of t.findings) pairs.push({ t, f });
  pairs.sort(
    (a, b) =>
      severityRank(a.f.severity) - severityRank(b.f.severity) ||
      severityOrder.indexOf(a.f.code) - severityOrder.indexOf(b.f.code),
  );
  return [...teamFindings, ...pairs.slice(0, count).map(({ t, f }) => tokenFinding(place, t, f))]
    .sort(worstFirst)
    .slice(0, count);
}

function machineSummary(
  placed: Placed,
  judged: JudgedReport,
  teamFindings: TeamFinding[],
  all: TeamFinding[],
  teamThreshold: TeamView['policy']['threshold'],
  sharedIds: Set<string>,
): TeamMachine {
  const tokens = judged.tokens;
  const byStatus = zeroByStatus();
  for (const t of tokens) byStatus[t.status] += 1;
  const failingOwn = failingFindings(tokens, judged.policy.threshold);
  const failingTeam = teamFindings.filter((f) => severityRank(f.severity) <= severityRank(teamThreshold));
  return {
    key: placed.key,
    name: placed.name,
    machine: placed.report.machine,
    person: placed.report.person,
    file: placed.file,
    generatedAt: placed.report.generatedAt,
    integrity: placed.integrity,
    tokenCount: tokens.length,
    byStatus,
    worst: all.slice(0, worstShown),
    withoutExpiry: tokens.filter((t) => standing(t) && t.expiresAt === null).map(tokenRef),
    exposed: tokens.filter(has('exposed')).map(tokenRef),
    pendingRevocations: tokens.filter(has('revocation-pending')).map(tokenRef),
    beyondMaxLifetime: tokens.filter(has('exceeds-max-lifetime')).map(tokenRef),
    shared: tokens.filter((t) => standing(t) && sharedIds.has(`${t.provider}:${t.fingerprint}`)).map(tokenRef),
    check: {
      threshold: judged.policy.threshold,
      passed: failingOwn.length + failingTeam.length === 0,
      failingCount: failingOwn.length + failingTeam.length,
    },
  };
}

function providerRows(current: readonly Current[], sharedIds: Set<string>): TeamProvider[] {
  const rows = new Map<ProviderId, TeamProvider & { keys: Set<string> }>();
  for (const { placed, judged } of current) {
    for (const t of judged.tokens) {
      const row = rows.get(t.provider) ?? {
        provider: t.provider,
        providerName: providerNames[t.provider],
        tokenCount: 0,
        machineCount: 0,
        byStatus: zeroByStatus(),
        withoutExpiry: 0,
        exposed: 0,
        pendingRevocations: 0,
        beyondMaxLifetime: 0,
        shared: 0,
        keys: new Set<string>(),
      };
      row.tokenCount += 1;
      row.byStatus[t.status] += 1;
      row.keys.add(placed.key);
      if (standing(t) && t.expiresAt === null) row.withoutExpiry += 1;
      if (has('exposed')(t)) row.exposed += 1;
      if (has('revocation-pending')(t)) row.pendingRevocations += 1;
      if (has('exceeds-max-lifetime')(t)) row.beyondMaxLifetime += 1;
      if (standing(t) && sharedIds.has(`${t.provider}:${t.fingerprint}`)) row.shared += 1;
      rows.set(t.provider, row);
    }
  }
  return [...rows.values()]
    .map(({ keys, ...row }) => ({ ...row, machineCount: keys.size }))
    .sort((a, b) => b.tokenCount - a.tokenCount || (a.provider < b.provider ? -1 : 1));
}

const machineOrder = (a: TeamMachine, b: TeamMachine) =>
  severityRank(a.worst[0]?.severity ?? 'info') +
    (a.worst.length ? 0 : 3) -
    (severityRank(b.worst[0]?.severity ?? 'info') + (b.worst.length ? 0 : 3)) ||
  b.check.failingCount - a.check.failingCount ||
  (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** One report file as the team view lists it, with the part it plays (current, baseline or older). */
const reportRow = (r: Placed, role: TeamReport['role']): TeamReport => ({
  file: r.file,
  key: r.key,
  name: r.name,
  machine: r.report.machine,
  person: r.report.person,
  reportVersion: r.report.reportVersion,
  generatedAt: r.report.generatedAt,
  integrity: r.integrity,
  tokenCount: r.report.tokens.length,
  role,
});

/** The part each report plays in the view. */
type Roles = Map<Placed, TeamReport['role']>;

/**
 * Each machine's newest report, judged; the report it is compared with (the baseline), and the
 * trend between them; every report's part (those not named here are older).
 */
function currentReports(
  groups: Map<string, Placed[]>,
  options: TeamOptions,
): { current: Current[]; roles: Roles; trends: MachineTrend[] } {
  const judge = (r: Placed) => judgeReport(r.report, options.policy);
  const roles: Roles = new Map();
  const current: Current[] = [];
  const trends: MachineTrend[] = [];
  for (const group of groups.values()) {
    const [newest] = group as [Placed];
    const judged = judge(newest);
    current.push({ placed: newest, judged });
    roles.set(newest, 'current');
    const baseline = baselineOf(group, options.since);
    if (baseline) {
      roles.set(baseline, 'baseline');
      trends.push(
        machineTrend(
          newest.key,
          newest.name,
          { file: baseline.file, generatedAt: baseline.report.generatedAt, judged: judge(baseline) },
          { file: newest.file, generatedAt: newest.report.generatedAt, judged },
        ),
      );
    }
  }
  return { current, roles, trends };
}

/** The team's findings about shared tokens, by the key of the machine each is about. */
function sharedByMachine(shared: SharedToken[]): Map<string, TeamFinding[]> {
  const byKey = new Map<string, TeamFinding[]>();
  for (const f of shared.flatMap(sharedFindings)) byKey.set(f.key ?? '', [...(byKey.get(f.key ?? '') ?? []), f]);
  return byKey;
}

/** What the team finds about a report file itself: edited after it was written, or not sealed. */
const reportFindings = (r: Placed): TeamFinding[] => {
  const place = { key: r.key, name: r.name, file: r.file };
  return r.integrity === 'edited' ? [editedFinding(place)] : r.integrity === 'absent' ? [unsealedFinding(place)] : [];
};

/**
 * Each machine summarised; the findings that fail the check (its own policy's, and the team's at
 * the team threshold); and each machine's worst, among which the team's worst are.
 */
function judgeMachines(
  current: readonly Current[],
  groups: Map<string, Placed[]>,
  roles: Roles,
  shared: { ids: Set<string>; byKey: Map<string, TeamFinding[]> },
  teamThreshold: TeamView['policy']['threshold'],
): { machines: TeamMachine[]; failing: TeamFinding[]; everything: TeamFinding[] } {
  const machines: TeamMachine[] = [];
  const failing: TeamFinding[] = [];
  const everything: TeamFinding[] = [];
  for (const { placed, judged } of current) {
    const group = groups.get(placed.key) ?? [];
    const used = group.filter((r) => roles.get(r) === 'current' || roles.get(r) === 'baseline');
    const own = [...used.flatMap(reportFindings), ...(shared.byKey.get(placed.key) ?? [])];
    const place = { key: placed.key, name: placed.name, file: placed.file };
    const all = machineFindings(place, judged, own, teamWorstShown);
    machines.push(machineSummary(placed, judged, own, all, teamThreshold, shared.ids));
    const byId = new Map(judged.tokens.map((t) => [t.id, t]));
    for (const f of failingFindings(judged.tokens, judged.policy.threshold)) {
      failing.push(tokenFinding(place, byId.get(f.tokenId) as ReportToken, f));
    }
    failing.push(...own.filter((f) => severityRank(f.severity) <= severityRank(teamThreshold)));
    // The team's worst are among each machine's worst: no need to sort every finding of every machine.
    everything.push(...all.slice(0, teamWorstShown));
  }
  return { machines, failing, everything };
}

/**
 * The team view of many machines' reports: each machine's newest report summarised and judged
 * (by its own policy, or with the team's policy file on top), tokens on more than one machine,
 * the reports that were edited or could not be read, per provider, and the trend against each
 * machine's older report.
 */
export function mergeTeam(read: ReadResult, options: TeamOptions): TeamView {
  const groups = byMachine(read.reports);
  const teamThreshold = options.policy?.threshold ?? defaultPolicy.threshold;
  const { current, roles, trends } = currentReports(groups, options);
  const shared = sharedTokens(current);
  const sharedIds = new Set(shared.map((s) => `${s.provider}:${s.fingerprint}`));
  const { machines, failing, everything } = judgeMachines(
    current,
    groups,
    roles,
    { ids: sharedIds, byKey: sharedByMachine(shared) },
    teamThreshold,
  );
  const unreadable = read.problems.map(unreadableFinding);
  failing.push(...unreadable.filter((f) => severityRank(f.severity) <= severityRank(teamThreshold)));
  everything.push(...unreadable);

  const byStatus = zeroByStatus();
  for (const { judged } of current) for (const t of judged.tokens) byStatus[t.status] += 1;
  const reports = [...groups.values()].flat().map((r) => reportRow(r, roles.get(r) ?? 'older'));
  return {
    teamVersion: 1,
    generatedAt: new Date(options.now).toISOString(),
    policy: {
      source: options.policy ? 'file' : 'reports',
      file: options.policyFile,
      overrides: options.policy ?? {},
      threshold: teamThreshold,
    },
    totals: {
      files: read.reports.length,
      machines: current.length,
      tokens: current.reduce((n, c) => n + c.judged.tokens.length, 0),
      byStatus,
      problems: read.problems.length,
      edited: read.reports.filter((r) => r.integrity === 'edited').length,
      shared: shared.length,
    },
    reports,
    problems: read.problems,
    machines: machines.sort(machineOrder),
    providers: providerRows(current, sharedIds),
    shared,
    worst: everything.sort(worstFirst).slice(0, teamWorstShown),
    check: { passed: failing.length === 0, failing: failing.sort(worstFirst) },
    trend: teamTrend(trends),
  };
}
