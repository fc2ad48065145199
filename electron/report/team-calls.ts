import type { TeamApi } from '../../shared/contract/team-calls.js';
import { fail, ok } from '../../shared/result.js';
import { guarded } from '../guarded.js';
import type { ServiceParts } from '../service-parts.js';
import { readPolicyFile } from './policy-file.js';
import { buildTeamView, parseSince } from './team-build.js';

/** The team calls: the team view over folders of reports, and the folder picker where there is one. */
export function teamCalls({ now, folderPicker }: ServiceParts): TeamApi {
  return {
    getTeamView: ({ paths, policyFile, since }) =>
      guarded(async () => {
        const policy = policyFile ? readPolicyFile(policyFile) : null;
        if (policy && !policy.ok) return policy;
        const view = buildTeamView({
          paths,
          now: now(),
          policy: policy && policyFile ? { overrides: policy.value, file: policyFile } : null,
          since: since ? parseSince(since) : null,
        });
        if (view.reports.length === 0 && view.problems.length === 0)
          return fail('not-found', 'No report was found there.');
        return ok(view);
      }),
    chooseReportFolder: () =>
      guarded(async () => {
        const choice: { available: boolean; folder: string | null } = folderPicker
          ? { available: true, folder: await folderPicker() }
          : { available: false, folder: null };
        return ok(choice);
      }),
  };
}
