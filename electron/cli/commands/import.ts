import type { ImportResult } from '../../../shared/contract/discovery-calls.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { printLine } from '../io.js';
import { unwrap } from '../output.js';
import { terminalSafe } from '../../../shared/terminal-text.js';

function numbersFrom(given: unknown): number[] {
  const raw = (Array.isArray(given) ? given : given === undefined ? [] : [given]).flatMap((v) => String(v).split(','));
  const numbers = raw
    .map((v) => v.trim())
    .filter(Boolean)
    .map(Number);
  if (numbers.some((n) => !Number.isInteger(n) || n < 1))
    throw new UsageError(
      '--finding takes finding numbers (the N column of `lapse scan`), e.g. --finding 1 --finding 3 or --finding 1,3.',
    );
  return numbers;
}

function text(result: ImportResult): string {
  const s = terminalSafe;
  const lines = result.results.map(
    (r) =>
      `${String(r.n).padStart(3)}  ${r.outcome.padEnd(16)}  ${r.tokenId ? `${r.tokenId.slice(0, 8)}  ` : ''}${s(r.message)}`,
  );
  for (const advice of result.advice) {
    lines.push(
      '',
      `${advice.title} — ${advice.files.map(s).join(', ')}`,
      ...advice.steps.map((step) => `  • ${s(step)}`),
    );
  }
  return lines.join('\n');
}

export const importCommand: Command = {
  name: 'import',
  summary: 'move tokens a scan found into the OS keychain, and say how to drop the plaintext copies',
  usage: 'lapse import --scan-id ID (--finding N… | --all) [--json]',
  details: [
    'Each chosen finding is read again from its file (it must still match the fingerprint the scan saw), stored in',
    'the OS keychain with its detected provider and kind, tagged "imported", its source file recorded.',
    'Then, per kind of place, how to stop keeping the plaintext copy. Lapse never edits your files.',
    'Options:',
    '  --scan-id ID   the scan (from `lapse scan`)',
    '  --finding N    a finding number; repeat, or give a comma list',
    '  --all          every finding not already in the vault',
  ],
  options: { 'scan-id': { type: 'string' }, finding: { type: 'string', multiple: true }, all: { type: 'boolean' } },
  async run(ctx, values, positionals) {
    if (positionals.length)
      throw new UsageError(`lapse import takes options only (got "${positionals[0]}"). See \`lapse import --help\`.`);
    const scanId = values['scan-id'];
    if (typeof scanId !== 'string') throw new UsageError('--scan-id is required: the id `lapse scan` printed.');
    const findings = numbersFrom(values['finding']);
    const all = values['all'] === true;
    if (all === findings.length > 0) throw new UsageError('Give either --finding N… or --all.');
    const result = unwrap(await ctx.api().importFindings(all ? { scanId, all } : { scanId, findings }));
    printLine(ctx.io.stdout, ctx.json ? JSON.stringify(result, null, 2) : text(result));
    return result.results.some((r) => r.outcome === 'failed' || r.outcome === 'changed') ? 1 : 0;
  },
};
