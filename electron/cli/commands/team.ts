import { schemaText, teamJsonSchema } from '../../../shared/report/json-schemas.js';
import { terminalSafe } from '../../../shared/terminal-text.js';
import { redact } from '../../redact.js';
import { readPolicyFile } from '../../report/policy-file.js';
import { buildTeamView, parseSince } from '../../report/team-build.js';
import { teamFormats, teamWriters, type TeamFormat } from '../../report/team-formats.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { printLine } from '../io.js';
import { clockFrom } from '../open-service.js';
import { CallFailed, unwrap } from '../output.js';
import { checkExitCodes } from './check.js';
import { writePrivateFile } from '../private-file.js';

export const teamCommand: Command = {
  name: 'team',
  summary: "merge many machines' JSON reports into one team view, with a team policy check (exit 0, 1 or 2 like check)",
  usage:
    'lapse team REPORT… [--format md|html|json|sarif] [--policy FILE] [--since DATE] [--strict] [--out FILE] | lapse team --schema',
  details: [
    'REPORT: a file written by `lapse report --format json`, or a folder: its .json files are read, sub-folders too',
    '(dot-folders such as .git and symbolic links are skipped).',
    'Options:',
    '  --format F       md (default), html (one self-contained file, with a trend chart), json, or sarif (SARIF 2.1.0:',
    '                   each failing finding at its report file and line, for a code-scanning view)',
    '  --out FILE       write the view to FILE (mode 0600) and print its path on stderr; default: stdout',
    '  --policy FILE    judge every machine by its own policy with this policy file on top (as `lapse check --policy`)',
    "  --since DATE     compare each machine's newest report with its newest at or before DATE (YYYY-MM-DD or ISO instant);",
    '                   default: with the report before its newest',
    '  --strict         any report that cannot be read, or was edited after it was written, is an error (exit 2)',
    '  --schema         print the JSON Schema of --format json (shared/report/team.schema.json)',
    "A machine is its report's person and machine labels (else its file path without dates); its newest report is judged.",
    'The same fingerprint on two machines is a shared token, a finding of its own. A report whose integrity line does',
    'not match, or a file that is not a readable report, is named with the reason and is a finding too; the others',
    'are merged all the same.',
    'Exit codes: 0 no finding at its threshold or worse, 1 some (in the view; their count on stderr), 2 error (nothing readable, bad policy',
    'file or option, --strict and a bad report).',
  ],
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    policy: { type: 'string' },
    since: { type: 'string' },
    strict: { type: 'boolean' },
    schema: { type: 'boolean' },
  },
  async run(ctx, values, positionals) {
    try {
      if (values['schema']) {
        ctx.io.stdout.write(schemaText(teamJsonSchema()));
        return checkExitCodes.passed;
      }
      if (positionals.length === 0)
        throw new UsageError('lapse team needs at least one report file or folder, e.g. `lapse team reports/`.');
      const format = typeof values['format'] === 'string' ? values['format'] : ctx.json ? 'json' : 'md';
      if (!(teamFormats as readonly string[]).includes(format))
        throw new UsageError(`--format takes ${teamFormats.join(', ')}.`);
      if (ctx.json && format !== 'json') throw new UsageError('--json asks for --format json; give one or the other.');
      const since = typeof values['since'] === 'string' ? parseSince(values['since']) : null;
      if (typeof values['since'] === 'string' && since === null)
        throw new UsageError('--since takes a date (YYYY-MM-DD) or an ISO 8601 instant.');
      const policyFile = typeof values['policy'] === 'string' ? values['policy'] : null;
      const policy = policyFile ? { overrides: unwrap(readPolicyFile(policyFile)), file: policyFile } : null;
      const now = clockFrom((values['now'] as string | undefined) ?? ctx.io.env['LAPSE_NOW'])();
      const view = buildTeamView({ paths: positionals, now, policy, since });

      const edited = view.reports.filter((r) => r.integrity === 'edited');
      for (const p of view.problems) printLine(ctx.io.stderr, `lapse team: not read: ${terminalSafe(p.message)}`);
      for (const r of edited)
        printLine(
          ctx.io.stderr,
          `lapse team: edited: ${terminalSafe(r.file)} does not match its integrity line (changed after Lapse wrote it).`,
        );
      if (values['strict'] && (view.problems.length || edited.length)) {
        throw new UsageError(
          `--strict: ${view.problems.length} report${view.problems.length === 1 ? '' : 's'} not read and ${edited.length} edited (listed above); nothing was merged.`,
        );
      }
      if (view.reports.length === 0)
        throw new UsageError(
          `No readable report in ${positionals.length === 1 ? terminalSafe(positionals[0] ?? '') : `the ${positionals.length} paths given`} (see above).`,
        );

      const content = teamWriters[format as TeamFormat](view);
      if (typeof values['out'] === 'string') ctx.io.stderr.write(`${writePrivateFile(values['out'], content)}\n`);
      else ctx.io.stdout.write(content);
      if (!view.check.passed) {
        printLine(
          ctx.io.stderr,
          `lapse team: failed: ${view.check.failing.length} finding${view.check.failing.length === 1 ? '' : 's'} at the threshold or worse.`,
        );
      }
      return view.check.passed ? checkExitCodes.passed : checkExitCodes.failed;
    } catch (error) {
      // As `lapse check`: 1 means findings; every error is 2, so CI can tell them apart.
      if (!(error instanceof CallFailed) && !(error instanceof UsageError)) throw error;
      const message = error instanceof CallFailed ? error.error.message : error.message;
      if (ctx.json)
        printLine(
          ctx.io.stdout,
          JSON.stringify({
            error: { code: error instanceof CallFailed ? error.error.code : 'invalid-input', message: redact(message) },
          }),
        );
      printLine(ctx.io.stderr, `lapse: ${redact(message)}`);
      return checkExitCodes.error;
    }
  },
};
