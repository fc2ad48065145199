import { collectReport } from '../../../electron/report/collect-report.js';
import { renderJson } from '../../../electron/report/render-json.js';
import { mergeTeam } from '../../../electron/report/team-merge.js';
import { parseReportText, type LoadedReport } from '../../../electron/report/team-read.js';
import type { TokenRecord } from '../../../shared/model.js';
import type { TeamView } from '../../../shared/report/team-model.js';
import { reportNow, sampleRecords, vaultOf } from '../report/sample-vault.js';

const day = 86_400_000;

/** A report file as `lapse report --format json` writes it, read back as `lapse team` reads it. */
export function loaded(
  records: TokenRecord[],
  at: number,
  label: { machine?: string; person?: string },
  file: string,
): LoadedReport {
  const result = parseReportText(renderJson(collectReport(vaultOf(records), at, {}, label)), file);
  if ('reason' in result) throw new Error(result.message);
  return result;
}

/**
 * Two machines with reports ten days apart (2026-05-01, 2026-05-11): on "ana-laptop" the expired npm
 * token is removed and the expiring GitLab mirror rotated between them; "<b>ops</b> box" (a hostile label) holds the same Slack bot.
 */
export function sampleTeam(): TeamView {
  const records = sampleRecords();
  const earlier = reportNow;
  const laterAt = reportNow + 10 * day;
  const at = (offset: number) => new Date(laterAt + offset * day).toISOString();
  const later = records
    .filter((r) => r.label !== 'npm publish')
    .map((r) =>
      r.label === 'GitLab mirror'
        ? { ...r, fingerprint: 'feedf00d', lastRotatedAt: at(-2), lastVerifiedAt: at(-2), expiresAt: at(60) }
        : r,
    );
  const slack = records.find((r) => r.label === 'Slack alerts bot') as TokenRecord;
  const other = [{ ...slack, id: 'aaaaaaaa-0000-4000-8000-000000000001' }];
  return mergeTeam(
    {
      reports: [
        loaded(records, earlier, { machine: 'ana-laptop', person: 'Ana' }, 'reports/ana/2026-05-01.json'),
        loaded(later, laterAt, { machine: 'ana-laptop', person: 'Ana' }, 'reports/ana/2026-05-11.json'),
        loaded(other, earlier, { machine: '<b>ops</b> box' }, 'reports/ops/2026-05-01.json'),
        loaded(other, laterAt, { machine: '<b>ops</b> box' }, 'reports/ops/2026-05-11.json'),
      ],
      problems: [],
    },
    { now: laterAt + day, policy: null, policyFile: null, since: null },
  );
}
