import { createInterface } from 'node:readline/promises';
import {
  offboardSelectorSchema,
  type OffboardReceipt,
  type ReceiptEntry,
} from '../../../shared/contract/revocation-calls.js';
import { providerIds, providerNames, type ProviderId } from '../../../shared/model.js';
import type { RevokeResult } from '../../../shared/contract/revocation-calls.js';
import type { TokenView } from '../../../shared/model.js';
import { receiptEntryFor, receiptMarkdown, receiptSummary } from '../../../shared/offboard-receipt.js';
import type { Result } from '../../../shared/result.js';
import { terminalSafe } from '../../../shared/terminal-text.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { writePrivateFile } from '../private-file.js';
import { printLine } from '../io.js';
import { unwrap } from '../output.js';

/** The chosen tokens by provider, providers in the order they first appear. */
function byProvider(tokens: TokenView[]): TokenView[][] {
  const groups = new Map<string, TokenView[]>();
  for (const token of tokens) groups.set(token.provider, [...(groups.get(token.provider) ?? []), token]);
  return [...groups.values()];
}

export const offboardCommand: Command = {
  name: 'offboard',
  summary: 'revoke every token of a tag, provider or account, and write a receipt',
  usage: 'lapse offboard --tag T | --provider P | --account A [--yes] [--receipt FILE.md|FILE.json] [--json]',
  details: [
    'Revokes the matching tokens (progress on stderr), confirming each is dead with a verify. GitHub tokens go in one',
    'request (GitHub takes up to 1,000 a request and only 60 requests an hour from one address); the others one by one.',
    'The receipt (Markdown, or JSON for a .json file) lists what was revoked, when, and what is still live.',
    'Asks first at a terminal; elsewhere --yes is required.',
    'Exit codes: 0 every token revoked and confirmed; 1 some are still live or failed; 2 usage or environment error.',
  ],
  options: {
    tag: { type: 'string' },
    provider: { type: 'string' },
    account: { type: 'string' },
    yes: { type: 'boolean', short: 'y' },
    receipt: { type: 'string' },
  },
  async run(ctx, values) {
    const provider = values['provider'] as string | undefined;
    if (provider !== undefined && !providerIds.includes(provider as ProviderId))
      throw new UsageError(`Unknown provider "${provider}". Providers: ${providerIds.join(', ')}.`);
    const parsed = offboardSelectorSchema.safeParse({ tag: values['tag'], provider, account: values['account'] });
    if (!parsed.success) throw new UsageError('Name what to offboard: --tag T, --provider P or --account A.');
    const selector = parsed.data;
    const receiptFile = values['receipt'] as string | undefined;
    if (receiptFile && !/\.(md|json)$/i.test(receiptFile))
      throw new UsageError('--receipt takes a file ending in .md or .json.');
    const api = ctx.api();
    const { tokens } = unwrap(await api.listTokens({}));
    const chosen = tokens.filter(
      (t) =>
        !t.revokedAt &&
        (!selector.tag || t.tags.includes(selector.tag)) &&
        (!selector.provider || t.provider === selector.provider) &&
        (!selector.account || t.account === selector.account),
    );
    if (!values['yes']) {
      if (!ctx.io.stdin.isTTY)
        throw new UsageError(
          `Not revoking ${chosen.length} token${chosen.length === 1 ? '' : 's'} without confirmation: pass --yes.`,
        );
      const prompt = createInterface({ input: ctx.io.stdin, output: ctx.io.stderr as NodeJS.WritableStream });
      const answer = await prompt.question(
        `Revoke ${chosen.length} token(s): ${chosen.map((t) => terminalSafe(t.label)).join(', ')}? This cannot be undone. [y/N] `,
      );
      prompt.close();
      if (!/^y(es)?$/i.test(answer.trim())) return 1;
    }
    const startedAt = new Date().toISOString();
    const byId = new Map<string, ReceiptEntry>();
    let landed = 0;
    // One provider at a time; the service sends a provider's tokens in one request where it takes a list (GitHub).
    for (const group of byProvider(chosen)) {
      const done = await api.revokeTokens({ ids: group.map((t) => t.id) });
      for (const token of group) {
        const item = done.ok ? done.value.results.find((r) => r.id === token.id) : undefined;
        const answer: Result<RevokeResult> = !done.ok
          ? done
          : item?.result
            ? { ok: true, value: item.result }
            : { ok: false, error: { code: 'internal', message: item?.error?.message ?? 'No answer for this token.' } };
        const entry = receiptEntryFor(token, answer);
        byId.set(token.id, entry);
        landed += 1;
        printLine(
          ctx.io.stderr,
          `[${landed}/${chosen.length}] ${providerNames[token.provider]} ${terminalSafe(token.label)}: ${entry.state} — ${terminalSafe(entry.message)}`,
        );
      }
    }
    const entries = chosen.map((t) => byId.get(t.id)).filter((e): e is ReceiptEntry => e !== undefined);
    const bare = {
      selector,
      startedAt,
      finishedAt: new Date().toISOString(),
      entries,
      summary: receiptSummary(entries),
    };
    const receipt: OffboardReceipt = { ...bare, markdown: receiptMarkdown(bare) };
    if (receiptFile) {
      const { markdown, ...data } = receipt;
      // 0600 also over an existing file: the receipt names every token and account it covers.
      writePrivateFile(
        receiptFile,
        receiptFile.toLowerCase().endsWith('.json') ? `${JSON.stringify(data, null, 2)}\n` : markdown,
      );
    }
    printLine(ctx.io.stdout, ctx.json ? JSON.stringify(receipt, null, 2) : receipt.markdown.trimEnd());
    return receipt.summary.revoked === receipt.summary.total ? 0 : 1;
  },
};
