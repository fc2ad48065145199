import { providerNames, type TokenView } from '../../../shared/model.js';
import { verifyAll, type VerifyAllEntry } from '../../../shared/verify-all.js';
import type { Command } from '../command.js';
import { exitCodeFor, exitCodes, UsageError } from '../exit-codes.js';
import { printLine } from '../io.js';
import { CallFailed, unwrap } from '../output.js';
import { resolveId } from '../resolve-id.js';
import { terminalSafe } from '../../../shared/terminal-text.js';

const defaultConcurrency = 8;

type Outcome = 'valid' | 'rejected' | 'unreachable' | 'failed' | 'skipped';

const outcomeOf = (entry: VerifyAllEntry): Outcome => (entry.kind === 'verified' ? entry.result.outcome : entry.kind);

const messageOf = (entry: VerifyAllEntry): string =>
  entry.kind === 'verified' ? entry.result.message : entry.kind === 'failed' ? entry.error.message : entry.reason;
/** A provider's words as printed: terminal-safe. */
const shownMessage = (entry: VerifyAllEntry): string => terminalSafe(messageOf(entry));

const nameOf = (token: TokenView) => `${providerNames[token.provider]} ${terminalSafe(token.label)}`;

/** "valid — account octocat, scopes repo" or "rejected — GitHub rejects it …". */
function verdict(entry: VerifyAllEntry): string {
  const outcome = outcomeOf(entry);
  const said =
    entry.kind === 'verified' && outcome === 'valid'
      ? entry.result.learned.map((line) => line.replace(/\.$/, '')).join(', ') || entry.result.message
      : messageOf(entry);
  return `${outcome} — ${terminalSafe(said)}`;
}

function jsonEntry(entry: VerifyAllEntry): Record<string, unknown> {
  const token = entry.kind === 'verified' ? entry.result.token : entry.token;
  return {
    id: token.id,
    label: token.label,
    provider: token.provider,
    outcome: outcomeOf(entry),
    reason:
      entry.kind === 'verified' && entry.result.outcome === 'rejected' ? (token.verification?.reason ?? null) : null,
    error: entry.kind === 'failed' ? entry.error.code : null,
    message: messageOf(entry),
    learned: entry.kind === 'verified' ? entry.result.learned : [],
    notes: entry.kind === 'verified' ? (token.verification?.notes ?? []) : [],
    retryAt: entry.kind === 'verified' ? entry.result.retryAt : null,
    account: token.account,
    grantedScopes: token.grantedScopes,
    expiresAt: token.expiresAt,
    expirySource: token.expirySource,
    lastUsedAt: token.lastUsedAt,
    lastVerifiedAt: token.lastVerifiedAt,
    status: token.status,
    findings: token.findings,
  };
}

function summaryOf(entries: VerifyAllEntry[]): Record<Outcome, number> & { total: number } {
  const summary = { total: entries.length, valid: 0, rejected: 0, unreachable: 0, failed: 0, skipped: 0 };
  for (const entry of entries) summary[outcomeOf(entry)] += 1;
  return summary;
}

function summaryText(entries: VerifyAllEntry[]): string {
  const s = summaryOf(entries);
  const verified = s.total - s.skipped;
  const parts = [`${s.valid} valid`, `${s.rejected} rejected`, `${s.unreachable} could not be verified`];
  if (s.failed) parts.push(`${s.failed} failed`);
  const lines = [
    `Verified ${verified} token${verified === 1 ? '' : 's'}: ${parts.join(', ')}${s.skipped ? `; ${s.skipped} skipped` : ''}.`,
  ];
  for (const entry of entries) {
    if (outcomeOf(entry) !== 'valid')
      lines.push(
        `  ${outcomeOf(entry).padEnd(11)} ${nameOf(entry.token)} (${entry.token.id.slice(0, 8)}): ${shownMessage(entry)}`,
      );
  }
  return lines.join('\n');
}

function singleText(entry: VerifyAllEntry): string {
  const lines = [`${nameOf(entry.token)}: ${outcomeOf(entry)}`];
  if (entry.kind === 'verified') {
    const learned = entry.result.outcome === 'valid' ? entry.result.learned : [entry.result.message];
    for (const line of learned) lines.push(`  ${terminalSafe(line)}`);
    for (const note of entry.result.token.verification?.notes ?? []) lines.push(`  note: ${terminalSafe(note)}`);
    lines.push(`  status ${entry.result.token.status.toUpperCase()}`);
  } else {
    lines.push(`  ${shownMessage(entry)}`);
  }
  return lines.join('\n');
}

/** 0 when every verified token is valid; 2 for an environment failure (keychain); otherwise 1. */
function exitCodeOf(entries: VerifyAllEntry[]): number {
  const failures = entries.flatMap((e) => (e.kind === 'failed' ? [exitCodeFor(e.error.code)] : []));
  if (failures.includes(exitCodes.usage)) return exitCodes.usage;
  return entries.some((e) => ['rejected', 'unreachable', 'failed'].includes(outcomeOf(e)))
    ? exitCodes.failed
    : exitCodes.ok;
}

function concurrencyFrom(raw: unknown): number {
  if (raw === undefined) return defaultConcurrency;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError('--concurrency takes a whole number from 1 to 64.');
  return n;
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: "ask each token's provider whether it still works, and record what it says",
  usage: 'lapse verify ID | --all [--concurrency N] [--json]',
  details: [
    'Asks the provider (GitHub, GitLab, Slack, npm, OAuth issuers …) about the token and records its account,',
    'scopes, expiry and last use. A token the provider rejects, or that now belongs to another account, shows as',
    'disconnected. A provider that cannot answer (timeout, outage, rate limit) leaves the token as it was:',
    '"could not verify (why; retry at …)", never disconnected.',
    '',
    '  --all             every token whose provider Lapse can verify (the rest are listed as skipped)',
    `  --concurrency N   most tokens verified at once overall (default ${defaultConcurrency}); each provider keeps its own limit too`,
    '',
    'Progress goes to stderr, one line per token; the summary (or the --json document) to stdout.',
    'Exit codes: 0 every token verified is valid; 1 a token was rejected, could not be verified, or its',
    'verification failed; 2 usage or environment error (e.g. the keychain is locked).',
  ],
  options: { all: { type: 'boolean' }, concurrency: { type: 'string' } },
  async run(ctx, values, positionals) {
    const all = values['all'] === true;
    if (all === positionals.length > 0 || positionals.length > 1) {
      throw new UsageError('Name one token by its id, or give --all (see `lapse verify --help`).');
    }
    const concurrency = concurrencyFrom(values['concurrency']);
    const api = ctx.api();
    const { tokens } = unwrap(await api.listTokens({}));
    const id = all ? null : await resolveId(api, positionals[0]);
    const chosen = all ? tokens : tokens.filter((t) => t.id === id);
    const entries = unwrap(
      await verifyAll(api, chosen, {
        concurrency,
        onSettled: (entry, done, total) =>
          printLine(ctx.io.stderr, `[${done}/${total}] ${nameOf(entry.token)}: ${verdict(entry)}`),
      }),
    );
    const only = entries[0];
    if (!all && only?.kind === 'skipped')
      throw new CallFailed({ code: 'invalid-input', message: `${nameOf(only.token)}: ${only.reason}.` });
    if (ctx.json) {
      printLine(
        ctx.io.stdout,
        JSON.stringify({ results: entries.map(jsonEntry), summary: summaryOf(entries) }, null, 2),
      );
    } else {
      printLine(
        ctx.io.stdout,
        all ? (entries.length ? summaryText(entries) : 'No tokens to verify.') : only ? singleText(only) : '',
      );
    }
    return exitCodeOf(entries);
  },
};
