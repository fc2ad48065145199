import path from 'node:path';
import type { ScanResult } from '../../../shared/contract/discovery-calls.js';
import { scanFindingFields } from '../../../shared/contract/scan-finding-fields.js';
import { providerNames } from '../../../shared/providers.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { printLine } from '../io.js';
import { unwrap } from '../output.js';
import { terminalSafe } from '../../../shared/terminal-text.js';

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function summary(result: ScanResult, ms: number): string {
  const { scanned, findings, skipped } = result;
  const inVault = findings.filter((f) => f.tokenId).length;
  const reasons = Object.entries(skipped.reasons)
    .map(([reason, count]) => `${reason} ${count}`)
    .join(', ');
  return [
    `Scanned ${scanned.files} file${scanned.files === 1 ? '' : 's'} (${megabytes(scanned.bytes)}) in ${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s:`,
    `${findings.length} secret${findings.length === 1 ? '' : 's'} found`,
    inVault ? `(${inVault} already in the vault, now marked exposed)` : '',
    skipped.files ? `; ${skipped.files} skipped (${reasons})` : '',
  ]
    .filter(Boolean)
    .join(' ')
    .replace(' ;', ';');
}

function where(f: ScanResult['findings'][number]): string {
  const place = `${terminalSafe(f.file)}:${f.line}:${f.column}`;
  if (!f.commit) return place;
  return `${place} @${f.commit.id.slice(0, 12)}${f.commit.stillInTree ? '' : ' (removed since; still in history)'}`;
}

function table(result: ScanResult): string {
  if (result.findings.length === 0) return 'No plaintext secrets found.';
  const rows = [
    ['N', 'WHERE', 'WHAT', 'TOKEN', 'FINGERPRINT', 'IN VAULT'],
    ...result.findings.map((f) => [
      String(f.n),
      // A planted file name (escape sequences, a line break) must not hide or forge the rows after it.
      where(f),
      f.provider === 'generic' ? f.kind : `${providerNames[f.provider]} ${f.kind}`,
      f.masked,
      f.fingerprint,
      f.tokenId ? f.tokenId.slice(0, 8) : '—',
    ]),
  ];
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
  const lines = rows.map((row) =>
    row
      .map((cell, col) => cell.padEnd(widths[col] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  const importable = result.findings.filter((f) => !f.tokenId && !f.privateKey && !f.commit).length;
  if (importable)
    lines.push('', `Bring them into the keychain: lapse import --scan-id ${result.scanId} --finding N… (or --all)`);
  if (result.findings.some((f) => f.commit))
    lines.push('', 'Secrets in git history stay exposed to anyone with a clone, even once removed: rotate them.');
  if (result.findings.some((f) => f.privateKey))
    lines.push(
      '',
      'Private keys are reported, never imported: protect them with a passphrase (ssh-keygen -p -f FILE), or move them out of the repository and replace them.',
    );
  return lines.join('\n');
}

const formats = ['text', 'json', 'sarif'] as const;

export const scanCommand: Command = {
  name: 'scan',
  summary: 'find tokens lying in plaintext in files and folders, and your own vault values anywhere',
  usage: 'lapse scan [PATH…] [--known-locations] | --git [REPO…] | --staged [REPO]  [--format text|json|sarif]',
  details: [
    'Folders are read recursively (hidden files and .env* included; node_modules, .git, binary and huge files skipped).',
    'Options:',
    '  --known-locations  also read ~/.npmrc, gh and glab config, ~/.netrc, ~/.git-credentials, ~/.docker/config.json,',
    '                     ~/.pypirc, ~/.aws/credentials, shell startup files and shell history',
    "  --git              read the history of the repositories named (default: this folder's): every commit's added",
    '                     lines, on every branch. A secret removed later is still exposed: the commit and file are named.',
    '  --staged           read what is staged for the next commit (for a pre-commit hook: exits 1 when it finds a secret)',
    '  --format F         text (default), json (same as --json) or sarif (SARIF 2.1.0, for code-scanning upload)',
    'Finds tokens of known formats (checked against their documented shape and checksum), private keys (unencrypted',
    'ones outside ~/.ssh, any in a repository), secrets assigned to keys like API_KEY or client_secret, passwords in',
    'URLs, and the exact values in your vault. A vault token found in plaintext is marked exposed. Shows masked values',
    'only; the results (never a secret) are kept in the Lapse folder for `lapse import`. With ripgrep installed it picks',
    'the regions to read (LAPSE_SCAN_ENGINE=node reads every byte instead). Progress goes to stderr.',
    '--json prints { scanId, findings: [{ n, file, line, column, provider, kind, masked, fingerprint, tokenId, privateKey, commit }], skipped }.',
    'Exit status: 0 nothing found, 1 plaintext secrets found, 2 usage or environment error (no such repository, no git…).',
  ],
  options: {
    'known-locations': { type: 'boolean' },
    git: { type: 'boolean' },
    staged: { type: 'boolean' },
    format: { type: 'string' },
  },
  async run(ctx, values, positionals) {
    const knownLocations = values['known-locations'] === true;
    const git = values['git'] === true;
    const staged = values['staged'] === true;
    const format = (values['format'] as string | undefined) ?? (ctx.json ? 'json' : 'text');
    if (!(formats as readonly string[]).includes(format)) throw new UsageError(`--format takes ${formats.join(', ')}.`);
    if (git && staged) throw new UsageError('Give --git (the whole history) or --staged (the next commit), not both.');
    if (staged && positionals.length > 1) throw new UsageError('--staged reads one repository: name at most one.');
    if (!git && !staged && positionals.length === 0 && !knownLocations) {
      throw new UsageError(
        'Name the files or folders to scan, or give --known-locations, --git or --staged. See `lapse scan --help`.',
      );
    }
    const named = positionals.map((p) => path.resolve(p));
    const input = git
      ? { gitHistory: named.length ? named : [process.cwd()], knownLocations }
      : staged
        ? { staged: named[0] ?? process.cwd(), knownLocations }
        : { paths: named, knownLocations };
    const api = ctx.api();
    const started = Date.now();
    const { scanId } = unwrap(await api.startScan(input));
    const live = ctx.io.stderr.isTTY === true;
    let state = unwrap(await api.getScan({ scanId, waitMs: 250 }));
    while (state.state === 'running') {
      if (live)
        ctx.io.stderr.write(
          `\r\x1b[Kscanning… ${state.progress.files} files, ${megabytes(state.progress.bytes)}, ${state.progress.findings} found`,
        );
      state = unwrap(await api.getScan({ scanId, waitMs: 250 }));
    }
    if (live) ctx.io.stderr.write('\r\x1b[K');
    const { result } = state;
    if (state.state !== 'done' || !result) throw new Error(state.error?.message ?? `The scan ended ${state.state}.`);
    for (const warning of result.warnings) printLine(ctx.io.stderr, `lapse: ${terminalSafe(warning)}`);
    if (format === 'json') {
      const findings = result.findings.map((f) => Object.fromEntries(scanFindingFields.map((k) => [k, f[k]])));
      printLine(ctx.io.stdout, JSON.stringify({ scanId: result.scanId, findings, skipped: result.skipped }, null, 2));
    } else if (format === 'sarif') {
      const { scanSarif } = await import('../scan-sarif.js');
      const base =
        git || staged ? (named[0] ?? process.cwd()) : named.length === 1 ? (named[0] ?? process.cwd()) : process.cwd();
      printLine(ctx.io.stdout, JSON.stringify(scanSarif(result, base), null, 2));
    } else {
      printLine(ctx.io.stdout, table(result));
    }
    printLine(ctx.io.stderr, summary(result, Date.now() - started));
    // Like the established scanners: 1 when a secret lies in plaintext, so hooks and CI can stop on it.
    return result.findings.length > 0 ? 1 : 0;
  },
};
