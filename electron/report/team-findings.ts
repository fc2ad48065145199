import { severityRank } from '../../shared/severity.js';
import { providerNames, type Finding } from '../../shared/model.js';
import type { ReportToken } from '../../shared/report/report-model.js';
import {
  teamSeverityOf,
  type ReportProblem,
  type SharedToken,
  type TeamFinding,
  type TeamFindingCode,
  type TeamTokenRef,
} from '../../shared/report/team-model.js';
import { findingCodes } from '../../shared/model.js';
import { teamFindingCodes } from '../../shared/report/team-model.js';

/** Where a finding belongs: the machine (key and name) and the report file. */
export interface FindingPlace {
  key: string | null;
  name: string;
  file: string;
}

export const tokenRef = (t: ReportToken): TeamTokenRef => ({
  tokenId: t.id,
  label: t.label,
  provider: t.provider,
  fingerprint: t.fingerprint,
});

/** A token's finding placed on its machine. */
export const tokenFinding = (place: FindingPlace, token: ReportToken, f: Finding): TeamFinding => ({
  code: f.code,
  severity: f.severity,
  message: f.message,
  ...place,
  tokenId: token.id,
  label: token.label,
  provider: token.provider,
  fingerprint: token.fingerprint,
});

/** A finding of the team's own (about a report, or a token on several machines). */
export function teamFinding(
  code: TeamFindingCode,
  place: FindingPlace,
  message: string,
  token: TeamTokenRef | null = null,
): TeamFinding {
  return {
    code,
    severity: teamSeverityOf[code],
    message,
    ...place,
    tokenId: token?.tokenId ?? null,
    label: token?.label ?? null,
    provider: token?.provider ?? null,
    fingerprint: token?.fingerprint ?? null,
  };
}

export const editedFinding = (place: FindingPlace) =>
  teamFinding(
    'report-edited',
    place,
    'This report was changed after Lapse wrote it: its integrity line does not match its content. Ask its owner for a fresh one (lapse report --format json).',
  );

export const unsealedFinding = (place: FindingPlace) =>
  teamFinding(
    'report-without-integrity',
    place,
    'Written by an older Lapse (report version 1), without an integrity line, so an edit would not show. Ask its owner for a new report.',
  );

export const unreadableFinding = (p: ReportProblem) =>
  teamFinding('report-unreadable', { key: null, name: p.file, file: p.file }, p.message);

// A token on hundreds of machines names a few of the others; the view's shared list has them all.
const othersNamed = 5;

/** One shared-token finding for each holder, naming the others. */
export function sharedFindings(shared: SharedToken): TeamFinding[] {
  return shared.holders.map((holder) => {
    const others = shared.holders.filter((h) => h.key !== holder.key).map((h) => h.name);
    const named =
      others.length > othersNamed
        ? `${others.slice(0, othersNamed).join(', ')} and ${others.length - othersNamed} more`
        : others.join(', ');
    const message = `The same ${providerNames[shared.provider]} token (fingerprint ${shared.fingerprint}) is also on ${named}: one secret on ${shared.holders.length} machines. Who used it can't be told apart, and revoking it cuts off all of them. Give each machine its own token.`;
    return teamFinding('shared-token', { key: holder.key, name: holder.name, file: holder.file }, message, {
      tokenId: holder.tokenId,
      label: holder.label,
      provider: shared.provider,
      fingerprint: shared.fingerprint,
    });
  });
}

const codeRank = new Map<string, number>(
  [
    ...findingCodes.slice(0, 4),
    'shared-token',
    'report-edited',
    'report-unreadable',
    ...findingCodes.slice(4),
    ...teamFindingCodes.slice(3),
  ].map((code, i) => [code, i]),
);

/** Worst first: by severity, then by how bad the code is, then by machine name. */
export const worstFirst = (a: TeamFinding, b: TeamFinding): number =>
  severityRank(a.severity) - severityRank(b.severity) ||
  (codeRank.get(a.code) ?? 99) - (codeRank.get(b.code) ?? 99) ||
  (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
