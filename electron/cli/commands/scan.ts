import path from 'node:path';
import type { ScanResult } from '../../../shared/contract/discovery-calls.js';
import { scanFindingFields } from '../../../shared/contract/scan-finding-fields.js';
import { providerNames } from '../../../shared/providers.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { printLine } from '../io.js';
import { unwrap } from '../output.js';

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function summary(result: ScanResult, ms: number): string {
  const { scanned, findings, skipped } = result;
  const inVault = findings.filter((f) => f.tokenId).length;
  const reasons = Object.entries(skipped.reasons).map(([reason, count]) => `${reason} ${count}`).join(', ');
  return [
    `Scanned ${scanned.files} files (${megabytes(scanned.bytes)}) in ${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s:`,
    `${findings.length} secret${findings.length === 1 ? '' : 's'} found`,
    inVault ? `(${inVault} already in the vault, now marked exposed)` : '',
    skipped.files ? `; ${skipped.files} skipped (${reasons})` : '',
  ]
    .filter(Boolean)
    .join(' ')
    .replace(' ;', ';');
}

function table(result: ScanResult): string {
  if (result.findings.length === 0) return 'No plaintext secrets found.';
  const rows = [
    ['N', 'WHERE', 'WHAT', 'TOKEN', 'FINGERPRINT', 'IN VAULT'],
    ...result.findings.map((f) => [
      String(f.n),
      `${f.file}:${f.line}:${f.column}`,
      f.provider === 'generic' ? f.kind : `${providerNames[f.provider]} ${f.kind}`,
      f.masked,
      f.fingerprint,
      f.tokenId ? f.tokenId.slice(0, 8) : '—',
    ]),
  ];
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
  const lines = rows.map((row) => row.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ').trimEnd());
  const importable = result.findings.filter((f) => !f.tokenId).length;
  if (importable) lines.push('', `Bring them into the keychain: lapse import --scan-id ${result.scanId} --finding N… (or --all)`);
  return lines.join('\n');
}

export const scanCommand: Command = {
  name: 'scan',
  summary: 'find tokens lying in plaintext in files and folders, and your own vault values anywhere',
  usage: 'lapse scan [PATH…] [--known-locations] [--json]',
  details: [
    'Folders are read recursively (hidden files and .env* included; node_modules, .git, binary and huge files skipped and counted).',
    'Options:',
    '  --known-locations  also read ~/.npmrc, gh and glab config, ~/.netrc, ~/.git-credentials, ~/.docker/config.json,',
    '                     ~/.pypirc, ~/.aws/credentials, shell startup files and shell history',
    'Finds tokens of known formats, secrets assigned to keys like API_KEY or client_secret, and the exact values in',
    'your vault (compared by hash). A vault token found in plaintext is marked exposed. Shows masked values only;',
    'the results (never a secret) are kept in the Lapse folder for `lapse import`. Progress goes to stderr.',
    '--json prints { scanId, findings: [{ n, file, line, column, provider, kind, masked, fingerprint, tokenId }], skipped }.',
  ],
  options: { 'known-locations': { type: 'boolean' } },
  async run(ctx, values, positionals) {
    const knownLocations = values['known-locations'] === true;
    if (positionals.length === 0 && !knownLocations) {
      throw new UsageError('Name the files or folders to scan, or give --known-locations (or both). See `lapse scan --help`.');
    }
    const api = ctx.api();
    const started = Date.now();
    const { scanId } = unwrap(await api.startScan({ paths: positionals.map((p) => path.resolve(p)), knownLocations }));
    const live = ctx.io.stderr.isTTY === true;
    let state = unwrap(await api.getScan({ scanId, waitMs: 250 }));
    while (state.state === 'running') {
      if (live) ctx.io.stderr.write(`\r\x1b[Kscanning… ${state.progress.files} files, ${megabytes(state.progress.bytes)}, ${state.progress.findings} found`);
      state = unwrap(await api.getScan({ scanId, waitMs: 250 }));
    }
    if (live) ctx.io.stderr.write('\r\x1b[K');
    const { result } = state;
    if (state.state !== 'done' || !result) throw new Error(state.error?.message ?? `The scan ended ${state.state}.`);
    for (const warning of result.warnings) printLine(ctx.io.stderr, `lapse: ${warning}`);
    if (ctx.json) {
      const findings = result.findings.map((f) => Object.fromEntries(scanFindingFields.map((k) => [k, f[k]])));
      printLine(ctx.io.stdout, JSON.stringify({ scanId: result.scanId, findings, skipped: result.skipped }, null, 2));
    } else {
      printLine(ctx.io.stdout, table(result));
    }
    printLine(ctx.io.stderr, summary(result, Date.now() - started));
    return 0;
  },
};
