import { reportFormats, type ReportFormat } from '../../../shared/contract/report-calls.js';
import { reportJsonSchema, schemaText } from '../../../shared/report/json-schemas.js';
import { terminalSafe } from '../../../shared/terminal-text.js';
import { readPolicyFile } from '../../report/policy-file.js';
import { reportLabelChangeSchema, type ReportLabelChange } from '../../../shared/report/report-label.js';
import type { Command, CommandContext, OptionValues } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { printLine } from '../io.js';
import { writePrivateFile } from '../private-file.js';
import { unwrap } from '../output.js';

/** --machine and --person, checked as the vault would check them (one line, at most 80 characters). */
function labelOptions(values: OptionValues): ReportLabelChange {
  const change: Record<string, unknown> = {};
  for (const key of ['machine', 'person'] as const) if (typeof values[key] === 'string') change[key] = values[key];
  const parsed = reportLabelChangeSchema.safeParse(change);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--${String(issue?.path[0] ?? 'machine')} ${issue?.message ?? 'is not a valid label'}.`);
  }
  return parsed.data;
}

async function saveLabel(ctx: CommandContext, change: ReportLabelChange): Promise<number> {
  if (change.machine === undefined && change.person === undefined) {
    throw new UsageError('--save-label stores --machine and/or --person: give at least one (an empty name clears it).');
  }
  const label = unwrap(await ctx.api().setReportLabel(change));
  const shown = (name: string | null) => (name === null ? 'none' : `"${terminalSafe(name)}"`);
  printLine(
    ctx.io.stdout,
    `Reports from this vault are labelled: machine ${shown(label.machine)}, person ${shown(label.person)}.`,
  );
  return 0;
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'a hygiene report of every token (Markdown, JSON, HTML or CSV), without a single secret',
  usage:
    'lapse report [--format md|json|html|csv] [--out FILE] [--policy FILE] [--machine NAME] [--person NAME] | --save-label | --schema',
  details: [
    'Options:',
    '  --format F       md (default), json, html (one self-contained file) or csv; --json means --format json',
    '  --out FILE       write the report to FILE (mode 0600) and print its path on stderr; default: stdout',
    "  --policy FILE    judge tokens by this policy file over the vault's policy (see `lapse check --help`)",
    '  --machine NAME   label this report\'s machine (e.g. "ana-laptop"); default: the stored label, else none',
    '  --person NAME    label the person whose vault it is; default: the stored label, else none',
    '  --save-label     store --machine and --person for every later report (an empty name clears one), then exit',
    '  --schema         print the JSON Schema the JSON report follows (shared/report/report.schema.json)',
    'A report never carries the host or user name unless you give it: --machine "$(hostname)" opts in.',
    'The JSON report ends with an integrity line (sha256 of its canonical content): `lapse team` shows which reports were edited.',
    'Reads metadata only: works with the keychain locked. No secret, masked value or full fingerprint is in any format.',
  ],
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    schema: { type: 'boolean' },
    policy: { type: 'string' },
    machine: { type: 'string' },
    person: { type: 'string' },
    'save-label': { type: 'boolean' },
  },
  async run(ctx, values, positionals) {
    if (positionals.length)
      throw new UsageError(`lapse report takes no arguments (got "${positionals[0]}"). See \`lapse report --help\`.`);
    if (values['schema']) {
      ctx.io.stdout.write(schemaText(reportJsonSchema()));
      return 0;
    }
    const label = labelOptions(values);
    if (values['save-label']) return saveLabel(ctx, label);
    const given = typeof values['format'] === 'string' ? values['format'] : ctx.json ? 'json' : 'md';
    if (!(reportFormats as readonly string[]).includes(given))
      throw new UsageError(`--format takes ${reportFormats.join(', ')}.`);
    if (ctx.json && given !== 'json') throw new UsageError('--json asks for --format json; give one or the other.');
    const policy = typeof values['policy'] === 'string' ? unwrap(readPolicyFile(values['policy'])) : undefined;
    const file = unwrap(
      await ctx.api().getReport({ format: given as ReportFormat, ...(policy ? { policy } : {}), label }),
    );
    if (typeof values['out'] === 'string') {
      ctx.io.stderr.write(`${terminalSafe(writePrivateFile(values['out'], file.content))}\n`);
    } else {
      ctx.io.stdout.write(file.content);
    }
    return 0;
  },
};
