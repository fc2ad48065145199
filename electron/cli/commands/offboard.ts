import { createInterface } from 'node:readline/promises';
import { offboardSelectorSchema, type OffboardReceipt, type ReceiptEntry } from '../../../shared/contract/revocation-calls.js';
import { providerIds, providerNames, type ProviderId } from '../../../shared/model.js';
import { receiptMarkdown, receiptSummary } from '../../../shared/offboard-receipt.js';
import { terminalSafe } from '../../../shared/terminal-text.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { writePrivateFile } from '../private-file.js';
import { printLine } from '../io.js';
import { unwrap } from '../output.js';

export const offboardCommand: Command = {
  name: 'offboard',
  summary: 'revoke every token of a tag, provider or account, and write a receipt',
  usage: 'lapse offboard --tag T | --provider P | --account A [--yes] [--receipt FILE.md|FILE.json] [--json]',
  details: [
    'Revokes the matching tokens one by one (progress on stderr), confirming each is dead with a verify.',
    'The receipt (Markdown, or JSON for a .json file) lists what was revoked, when, and what is still live.',
    'Asks first at a terminal; elsewhere --yes is required.',
    'Exit codes: 0 every token revoked and confirmed; 1 some are still live or failed; 2 usage or environment error.',
  ],
  options: { tag: { type: 'string' }, provider: { type: 'string' }, account: { type: 'string' }, yes: { type: 'boolean', short: 'y' }, receipt: { type: 'string' } },
  async run(ctx, values) {
    const provider = values['provider'] as string | undefined;
    if (provider !== undefined && !providerIds.includes(provider as ProviderId)) throw new UsageError(`Unknown provider "${provider}". Providers: ${providerIds.join(', ')}.`);
    const parsed = offboardSelectorSchema.safeParse({ tag: values['tag'], provider, account: values['account'] });
    if (!parsed.success) throw new UsageError('Name what to offboard: --tag T, --provider P or --account A.');
    const selector = parsed.data;
    const receiptFile = values['receipt'] as string | undefined;
    if (receiptFile && !/\.(md|json)$/i.test(receiptFile)) throw new UsageError('--receipt takes a file ending in .md or .json.');
    const api = ctx.api();
    const { tokens } = unwrap(await api.listTokens({}));
    const chosen = tokens.filter(
      (t) => !t.revokedAt && (!selector.tag || t.tags.includes(selector.tag)) && (!selector.provider || t.provider === selector.provider) && (!selector.account || t.account === selector.account),
    );
    if (!values['yes']) {
      if (!ctx.io.stdin.isTTY) throw new UsageError(`Not revoking ${chosen.length} token${chosen.length === 1 ? '' : 's'} without confirmation: pass --yes.`);
      const prompt = createInterface({ input: ctx.io.stdin, output: ctx.io.stderr as NodeJS.WritableStream });
      const answer = await prompt.question(`Revoke ${chosen.length} token(s): ${chosen.map((t) => terminalSafe(t.label)).join(', ')}? This cannot be undone. [y/N] `);
      prompt.close();
      if (!/^y(es)?$/i.test(answer.trim())) return 1;
    }
    const startedAt = new Date().toISOString();
    const entries: ReceiptEntry[] = [];
    for (const [i, token] of chosen.entries()) {
      const done = await api.revokeToken({ id: token.id });
      const base = { id: token.id, label: token.label, provider: token.provider, account: token.account, masked: token.masked };
      const entry: ReceiptEntry = done.ok
        ? { ...base, account: done.value.token.account, state: done.value.state, method: done.value.method, requestedAt: done.value.token.revocation?.requestedAt ?? null, confirmedAt: done.value.token.revocation?.confirmedAt ?? null, message: done.value.message }
        : { ...base, state: 'failed', method: null, requestedAt: null, confirmedAt: null, message: done.error.message };
      entries.push(entry);
      printLine(ctx.io.stderr, `[${i + 1}/${chosen.length}] ${providerNames[token.provider]} ${terminalSafe(token.label)}: ${entry.state} — ${terminalSafe(entry.message)}`);
    }
    const bare = { selector, startedAt, finishedAt: new Date().toISOString(), entries, summary: receiptSummary(entries) };
    const receipt: OffboardReceipt = { ...bare, markdown: receiptMarkdown(bare) };
    if (receiptFile) {
      const { markdown, ...data } = receipt;
      // 0600 also over an existing file: the receipt names every token and account it covers.
      writePrivateFile(receiptFile, receiptFile.toLowerCase().endsWith('.json') ? `${JSON.stringify(data, null, 2)}\n` : markdown);
    }
    printLine(ctx.io.stdout, ctx.json ? JSON.stringify(receipt, null, 2) : receipt.markdown.trimEnd());
    return receipt.summary.revoked === receipt.summary.total ? 0 : 1;
  },
};
