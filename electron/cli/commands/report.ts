import { reportFormats, type ReportFormat } from '../../../shared/contract/report-calls.js';
import { reportJsonSchema, schemaText } from '../../../shared/report/json-schemas.js';
import { terminalSafe } from '../../../shared/terminal-text.js';
import { readPolicyFile } from '../../report/policy-file.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { writePrivateFile } from '../private-file.js';
import { unwrap } from '../output.js';

export const reportCommand: Command = {
  name: 'report',
  summary: 'a hygiene report of every token (Markdown, JSON, HTML or CSV), without a single secret',
  usage: 'lapse report [--format md|json|html|csv] [--out FILE] [--policy FILE] | lapse report --schema',
  details: [
    'Options:',
    '  --format F       md (default), json, html (one self-contained file) or csv; --json means --format json',
    '  --out FILE       write the report to FILE (mode 0600) and print its path on stderr; default: stdout',
    '  --policy FILE    judge tokens by this policy file over the vault\'s policy (see `lapse check --help`)',
    '  --schema         print the JSON Schema the JSON report follows (shared/report/report.schema.json)',
    'Reads metadata only: works with the keychain locked. No secret, masked value or full fingerprint is in any format.',
  ],
  options: { format: { type: 'string' }, out: { type: 'string' }, schema: { type: 'boolean' }, policy: { type: 'string' } },
  async run(ctx, values, positionals) {
    if (positionals.length) throw new UsageError(`lapse report takes no arguments (got "${positionals[0]}"). See \`lapse report --help\`.`);
    if (values['schema']) {
      ctx.io.stdout.write(schemaText(reportJsonSchema()));
      return 0;
    }
    const given = typeof values['format'] === 'string' ? values['format'] : ctx.json ? 'json' : 'md';
    if (!(reportFormats as readonly string[]).includes(given)) throw new UsageError(`--format takes ${reportFormats.join(', ')}.`);
    if (ctx.json && given !== 'json') throw new UsageError('--json asks for --format json; give one or the other.');
    const policy = typeof values['policy'] === 'string' ? unwrap(readPolicyFile(values['policy'])) : undefined;
    const file = unwrap(await ctx.api().getReport({ format: given as ReportFormat, ...(policy ? { policy } : {}) }));
    if (typeof values['out'] === 'string') {
      ctx.io.stderr.write(`${terminalSafe(writePrivateFile(values['out'], file.content))}\n`);
    } else {
      ctx.io.stdout.write(file.content);
    }
    return 0;
  },
};
