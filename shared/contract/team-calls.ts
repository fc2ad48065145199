import { z } from 'zod';
import { teamViewSchema } from '../report/team-model.js';
import { noArgument, type CallOf } from './call.js';

export {
  teamViewSchema,
  type MachineTrend,
  type ReportProblem,
  type SharedToken,
  type TeamFinding,
  type TeamMachine,
  type TeamProvider,
  type TeamReport,
  type TeamTokenRef,
  type TeamView,
} from '../report/team-model.js';

const pathText = z.string().trim().min(1, 'is required').max(4096, 'is too long');

/** The team view: many machines' JSON reports merged, read from folders on this computer. */
export const teamCalls = {
  getTeamView: {
    input: z
      .object({
        /** Report files or folders of reports (their .json files, sub-folders too). */
        paths: z.array(pathText).min(1, 'needs a folder or file').max(50),
        /** A team policy file over each machine's policy. */
        policyFile: pathText.optional(),
        /** Compare with each machine's newest report at or before this day (YYYY-MM-DD). */
        since: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day, YYYY-MM-DD')
          .optional(),
      })
      .strict(),
    output: teamViewSchema,
  },
  chooseReportFolder: {
    input: noArgument,
    output: z.object({
      /** False where this window cannot show a folder picker (the browser shell): type the path instead. */
      available: z.boolean(),
      /** The folder chosen; null when the person cancelled (or there is no picker). */
      folder: z.string().nullable(),
    }),
  },
} as const;

type Calls = typeof teamCalls;

export interface TeamApi {
  /** Reads the reports in the given folders or files and merges them; unreadable files are named in `problems`, never fatal. */
  getTeamView: CallOf<Calls['getTeamView']>;
  /** Asks the person for a folder of reports (Electron's folder picker); `available: false` in the browser shell. */
  chooseReportFolder: CallOf<Calls['chooseReportFolder']>;
}
