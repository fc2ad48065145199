import { createInterface } from 'node:readline/promises';
import type { InventoryAccount, InventoryEntryView } from '../../../shared/contract/inventory-calls.js';
import { providerIds, providerNames, type ProviderId } from '../../../shared/model.js';
import { terminalSafe } from '../../../shared/terminal-text.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { printLine, type CliIo } from '../io.js';
import { unwrap } from '../output.js';

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, col) => cell.padEnd(widths[col] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The ref a person types back: a GitLab id whole, an npm key by its first 12 characters (a unique prefix is enough). */
const shortRef = (ref: string) => (ref.length > 16 ? ref.slice(0, 12) : ref);

function entryRow(e: InventoryEntryView): string[] {
  return [
    shortRef(e.ref),
    terminalSafe(e.name ?? (e.shown ? `${e.shown}…` : '—')),
    e.state.toUpperCase(),
    day(e.createdAt),
    e.lastUseReported ? (e.lastUsedAt ? day(e.lastUsedAt) : 'never') : 'not reported',
    e.expiresAt ? day(e.expiresAt) : e.lastUseReported ? 'never' : '—',
    e.inLapse ? `in Lapse: ${terminalSafe(e.inLapse.label)}` : (e.stale ?? ''),
  ];
}

function accountText(a: InventoryAccount): string {
  const head = `${providerNames[a.provider]} · ${terminalSafe(a.account ?? 'account unknown')} · ${a.baseUrl}`;
  if (a.problem) return `${head}\n  ${terminalSafe(a.problem)}`;
  const rows = [['REF', 'NAME', 'STATE', 'CREATED', 'LAST USED', 'EXPIRES', 'NOTE'], ...a.entries.map(entryRow)];
  return [
    head,
    `  ${terminalSafe(a.summary.sentence)}`,
    `  Listed with "${terminalSafe(a.listedWith?.label ?? '')}" (only that token was used to ask).`,
    table(rows).replace(/^/gm, '  '),
  ].join('\n');
}

async function confirm(io: CliIo, question: string): Promise<boolean> {
  if (!io.stdin.isTTY) throw new UsageError('Not revoking without confirmation: pass --yes.');
  const prompt = createInterface({ input: io.stdin, output: io.stderr as NodeJS.WritableStream });
  const answer = await prompt.question(`${question} [y/N] `);
  prompt.close();
  return /^y(es)?$/i.test(answer.trim());
}

async function askOtp(io: CliIo, message: string): Promise<string | null> {
  if (!io.stdin.isTTY) return null;
  printLine(io.stderr, terminalSafe(message));
  const prompt = createInterface({ input: io.stdin, output: io.stderr as NodeJS.WritableStream });
  const code = (await prompt.question('One-time code: ')).trim();
  prompt.close();
  return code || null;
}

export const inventoryCommand: Command = {
  name: 'inventory',
  summary: 'the tokens your accounts have at GitLab and npm that are not in Lapse, and which look stale',
  usage:
    'lapse inventory [--provider P] [--account A] [--json]  |  lapse inventory revoke REF --provider P [--account A] [--otp CODE] [--yes]',
  details: [
    "Lists each account's tokens with one of Lapse's tokens of that account (GitLab: GET /personal_access_tokens,",
    'which needs read_api or api; npm: the token list), without using any of the others. Shows the ones not in',
    "Lapse and which look stale (unused for the policy's unusedDays; npm reports no use, so older than maxLifetimeDays).",
    "GitLab's last use of Lapse's own tokens is taken from the list, so Lapse's own checks are not counted as use.",
    'revoke REF revokes one of them (GitLab needs a token with the api scope) and lists again: it counts as revoked',
    'only when the provider lists it revoked or no longer lists it. REF is the first column (an npm key: its start).',
    'Exit codes: 0 done; 1 an account could not be listed, or the token is still live; 2 usage error.',
  ],
  options: {
    provider: { type: 'string' },
    account: { type: 'string' },
    otp: { type: 'string' },
    yes: { type: 'boolean', short: 'y' },
  },
  async run(ctx, values, positionals) {
    const provider = values['provider'] as string | undefined;
    if (provider !== undefined && !providerIds.includes(provider as ProviderId))
      throw new UsageError(`Unknown provider "${provider}". Providers: ${providerIds.join(', ')}.`);
    const account = values['account'] as string | undefined;
    const filter = { ...(provider ? { provider: provider as ProviderId } : {}), ...(account ? { account } : {}) };
    const api = ctx.api();
    const [action, ref] = positionals;
    if (action === undefined) {
      const { accounts } = unwrap(await api.listInventory(filter));
      if (ctx.json) printLine(ctx.io.stdout, JSON.stringify(accounts, null, 2));
      else
        printLine(
          ctx.io.stdout,
          accounts.length
            ? accounts.map(accountText).join('\n\n')
            : "No token in Lapse belongs to a provider that lists its account's tokens (GitLab, npm).",
        );
      return accounts.some((a) => a.problem) ? 1 : 0;
    }
    if (action !== 'revoke' || !ref)
      throw new UsageError('Usage: lapse inventory revoke REF --provider P [--account A] [--otp CODE] [--yes]');
    if (!provider) throw new UsageError('Name the provider of the account: --provider gitlab or --provider npm.');
    const { accounts } = unwrap(await api.listInventory(filter));
    const holders = accounts.filter(
      (a) => !a.problem && a.entries.some((e) => e.ref === ref || (ref.length >= 8 && e.ref.startsWith(ref))),
    );
    if (holders.length !== 1 || !holders[0])
      throw new UsageError(
        holders.length
          ? 'More than one account lists that token: name the account with --account.'
          : `No account of ${providerNames[provider as ProviderId]} lists a token "${ref}". Run lapse inventory to see them.`,
      );
    const group = holders[0].group;
    if (
      !values['yes'] &&
      !(await confirm(
        ctx.io,
        `Revoke ${providerNames[provider as ProviderId]} token ${ref} of ${holders[0].account ?? 'this account'}? Everything using it stops working.`,
      ))
    )
      return 1;
    let otp = values['otp'] as string | undefined;
    let result = unwrap(await api.revokeInventoryToken({ group, ref, ...(otp ? { otp } : {}) }));
    for (let tries = 0; result.needsOtp && tries < 3; tries++) {
      otp = (await askOtp(ctx.io, result.message)) ?? undefined;
      if (!otp) break;
      result = unwrap(await api.revokeInventoryToken({ group, ref, otp }));
    }
    if (ctx.json) printLine(ctx.io.stdout, JSON.stringify(result, null, 2));
    else
      printLine(
        ctx.io.stdout,
        `${result.state === 'revoked' ? 'REVOKED' : 'STILL LIVE'}: ${terminalSafe(result.message)}${result.needsOtp ? `\n  Run it again with --otp CODE.` : ''}`,
      );
    return result.state === 'revoked' ? 0 : 1;
  },
};
