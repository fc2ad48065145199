import { redact } from '../../redact.js';
import type { PolicyCheck } from '../../../shared/report/policy-check.js';
import { policyFileJsonSchema, schemaText } from '../../../shared/report/json-schemas.js';
import { checkSarif } from '../../report/check-sarif.js';
import { readPolicyFile } from '../../report/policy-file.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { printLine } from '../io.js';
import { CallFailed, unwrap } from '../output.js';
import { terminalSafe } from '../../../shared/terminal-text.js';

export const checkExitCodes = { passed: 0, failed: 1, error: 2 } as const;
export const checkFormats = ['text', 'json', 'sarif'] as const;

function failingTable(check: PolicyCheck): string {
  const rows = check.failing.map((f) => [
    terminalSafe(f.label),
    f.tokenId.slice(0, 8),
    f.code,
    f.severity,
    terminalSafe(f.message),
  ]);
  const widths = [0, 1, 2, 3].map((col) => Math.max(...rows.map((r) => (r[col] ?? '').length)));
  return rows.map((r) => r.map((cell, col) => (col < 4 ? cell.padEnd(widths[col] ?? 0) : cell)).join('  ')).join('\n');
}

function summaryLine(check: PolicyCheck, source: string): string {
  const tokens = new Set(check.failing.map((f) => f.tokenId)).size;
  return check.passed
    ? `lapse check: passed: ${check.tokenCount} token${check.tokenCount === 1 ? '' : 's'}, no finding at ${check.threshold} or worse (${source}).`
    : `lapse check: failed: ${check.failing.length} finding${check.failing.length === 1 ? '' : 's'} on ${tokens} token${tokens === 1 ? '' : 's'} at ${check.threshold} or worse (${source}):`;
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'exit 1 when a token has a finding at the policy threshold or worse (for cron, CI and git hooks)',
  usage: 'lapse check [--policy FILE] [--quiet] [--format text|json|sarif] | lapse check --schema',
  details: [
    'Options:',
    "  --policy FILE    a JSON policy file whose settings override the vault's for this run",
    '  --quiet          print nothing when the check passes',
    '  --format F       text (default), json (as --json) or sarif: SARIF 2.1.0 for a code-scanning view, each failing',
    '                   finding a result; with --policy, results point at that file (keep it in the repository)',
    '  --schema         print the JSON Schema of a policy file (shared/report/policy-file.schema.json)',
    'Policy file settings (all optional): maxLifetimeDays, requireExpiry, rotationDays, unverifiedDays, unusedDays,',
    '  warningDays, forbiddenScopes ({"github": ["admin:org"]}), threshold (critical, warning or info).',
    'Lists each failing finding: token label, id prefix, code, severity, message. Reads metadata only.',
    'Exit codes: 0 no finding reaches the threshold, 1 some do, 2 error (bad or missing policy file, unreadable vault).',
  ],
  options: {
    policy: { type: 'string' },
    quiet: { type: 'boolean' },
    schema: { type: 'boolean' },
    format: { type: 'string' },
  },
  async run(ctx, values, positionals) {
    try {
      if (positionals.length)
        throw new UsageError(`lapse check takes no arguments (got "${positionals[0]}"). See \`lapse check --help\`.`);
      if (values['schema']) {
        ctx.io.stdout.write(schemaText(policyFileJsonSchema()));
        return checkExitCodes.passed;
      }
      const format = typeof values['format'] === 'string' ? values['format'] : ctx.json ? 'json' : 'text';
      if (!(checkFormats as readonly string[]).includes(format))
        throw new UsageError(`--format takes ${checkFormats.join(', ')}.`);
      if (ctx.json && format !== 'json') throw new UsageError('--json asks for --format json; give one or the other.');
      const file = typeof values['policy'] === 'string' ? values['policy'] : null;
      const policy = file ? unwrap(readPolicyFile(file)) : undefined;
      const check = unwrap(await ctx.api().checkPolicy(policy ? { policy } : {}));
      const source = file ? `policy file ${file} over the vault's policy` : "the vault's policy";
      if (format === 'sarif') {
        const label = unwrap(await ctx.api().getReportLabel({}));
        ctx.io.stdout.write(checkSarif(check, { policyFile: file, label, cwd: process.cwd() }));
      } else if (format === 'json') printLine(ctx.io.stdout, JSON.stringify(check, null, 2));
      else if (!check.passed) printLine(ctx.io.stdout, `${summaryLine(check, source)}\n${failingTable(check)}`);
      else if (!values['quiet']) printLine(ctx.io.stdout, summaryLine(check, source));
      return check.passed ? checkExitCodes.passed : checkExitCodes.failed;
    } catch (error) {
      // 1 means "findings"; every error, whatever its kind, is 2 so a hook or cron job can tell them apart.
      if (!(error instanceof CallFailed) && !(error instanceof UsageError)) throw error;
      const { code, message } =
        error instanceof CallFailed ? error.error : { code: 'invalid-input', message: error.message };
      if (ctx.json) printLine(ctx.io.stdout, JSON.stringify({ error: { code, message: redact(message) } }));
      printLine(ctx.io.stderr, `lapse: ${terminalSafe(redact(message))}`);
      return checkExitCodes.error;
    }
  },
};
