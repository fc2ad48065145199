import type { TeamFinding, TeamView } from '../../shared/report/team-model.js';

// Words the team view's formats share, so Markdown and HTML say the same.

export const teamTitle = 'Team token hygiene';

export { severityCounts } from '../../shared/report/team-counts.js';

/** What the team was judged by. */
export function policyText(view: TeamView): string {
  return view.policy.source === 'file'
    ? `each machine's policy with the team policy file ${view.policy.file ?? ''} on top (team findings fail at ${view.policy.threshold} or worse)`
    : `each machine's own policy, as its report says (team findings fail at ${view.policy.threshold} or worse)`;
}

/** The verdict: what `lapse team` exits on. */
export function teamVerdict(view: TeamView): string {
  const failing = view.check.failing;
  if (view.totals.machines === 0) return 'No report could be read, so there is nothing to judge.';
  if (view.check.passed)
    return `Team check passed: no finding at its threshold or worse on ${view.totals.machines} machine${view.totals.machines === 1 ? '' : 's'}.`;
  const places = new Set(failing.map((f) => f.key ?? f.file)).size;
  return `Team check failed: ${failing.length} finding${failing.length === 1 ? '' : 's'} on ${places} machine${places === 1 ? '' : 's'} or report${places === 1 ? '' : 's'} at the threshold or worse.`;
}

/** "GitHub token “CI deploy” (fp 1a2b3c4d)" or the report file for a finding about a report. */
export const findingSubject = (f: TeamFinding): string =>
  f.label !== null ? `${f.label}${f.fingerprint ? ` (fp ${f.fingerprint})` : ''}` : f.file;

/** "2026-05-01". */
export const day = (iso: string): string => iso.slice(0, 10);

/** "+3", "−2", "0": a change in a count, with a real minus sign. */
export const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

export const integrityWords = {
  intact: 'intact',
  edited: 'EDITED after it was written',
  absent: 'no integrity line (version 1)',
} as const;
