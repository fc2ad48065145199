import type { PolicyOverride } from '../../shared/policy.js';
import type { TeamView } from '../../shared/report/team-model.js';
import { mergeTeam } from './team-merge.js';
import { readReports } from './team-read.js';

export interface TeamRequest {
  /** Report files and folders of reports. */
  paths: readonly string[];
  now: number;
  policy?: { overrides: PolicyOverride; file: string } | null;
  since?: number | null;
}

/** Reads the reports the paths name and merges them: what `lapse team` and the Team view show. */
export function buildTeamView({ paths, now, policy = null, since = null }: TeamRequest): TeamView {
  return mergeTeam(readReports(paths), {
    now,
    policy: policy?.overrides ?? null,
    policyFile: policy?.file ?? null,
    since,
  });
}

/** "2026-04-01" (the end of that day, UTC) or an ISO instant; null when it is neither. */
export function parseSince(text: string): number | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const start = Date.parse(`${text}T00:00:00Z`);
    return Number.isNaN(start) ? null : start + 86_400_000 - 1;
  }
  const at = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(at) ? null : at;
}
