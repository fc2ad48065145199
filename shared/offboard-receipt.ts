import { markdownCell, markdownCode } from './markdown-text.js';
import type { OffboardReceipt, OffboardSelector, ReceiptEntry, RevokeResult } from './contract/revocation-calls.js';
import type { TokenRecord } from './model.js';
import { providerNames } from './providers.js';
import type { Result } from './result.js';

type Offboardable = Pick<TokenRecord, 'id' | 'label' | 'provider' | 'account' | 'masked' | 'revokedAt' | 'tags'>;

/** The tokens an offboarding covers: live ones matching every field given (the service and the window alike). */
export const offboardCovers = (selector: OffboardSelector) => (token: Offboardable) =>
  !token.revokedAt &&
  (selector.tag === undefined || token.tags.includes(selector.tag)) &&
  (selector.provider === undefined || token.provider === selector.provider) &&
  (selector.account === undefined || token.account === selector.account);

/** One receipt line from what revoking the token answered. */
export function receiptEntryFor(token: Offboardable, answer: Result<RevokeResult>): ReceiptEntry {
  const base = {
    id: token.id,
    label: token.label,
    provider: token.provider,
    account: token.account,
    masked: token.masked,
  };
  if (!answer.ok)
    return {
      ...base,
      state: 'failed',
      method: null,
      requestedAt: null,
      confirmedAt: null,
      message: answer.error.message,
    };
  const { token: after, state, message } = answer.value;
  return {
    ...base,
    account: after.account,
    state,
    method: after.revocation?.method ?? null,
    requestedAt: after.revocation?.requestedAt ?? null,
    confirmedAt: after.revocation?.confirmedAt ?? null,
    message,
  };
}

const selectorText = (s: Partial<OffboardSelector>) =>
  [
    s.tag ? `tag "${markdownCell(s.tag)}"` : null,
    s.provider ? `provider ${providerNames[s.provider]}` : null,
    s.account ? `account ${markdownCell(s.account)}` : null,
  ]
    .filter(Boolean)
    .join(', ');

const stateWord: Record<ReceiptEntry['state'], string> = {
  revoked: 'revoked, confirmed dead',
  pending: 'STILL LIVE (revocation pending)',
  failed: 'FAILED (untouched)',
};

// Labels, accounts and provider messages are inert in the receipt: no table break, link, image or HTML.
const cell = markdownCell;

/** The receipt as a Markdown document: the selection, each token's outcome, and what is left to do. */
export function receiptMarkdown(receipt: Omit<OffboardReceipt, 'markdown'>): string {
  const { summary } = receipt;
  const lines = [
    `# Offboarding receipt: ${selectorText(receipt.selector)}`,
    '',
    `Started ${receipt.startedAt}, finished ${receipt.finishedAt}.`,
    '',
    `${summary.total} token${summary.total === 1 ? '' : 's'}: ${summary.revoked} revoked and confirmed dead, ${summary.pending} still live, ${summary.failed} failed.`,
    '',
    '| Token | Provider | Account | Value | Outcome | Requested | Confirmed |',
    '|---|---|---|---|---|---|---|',
    ...receipt.entries.map(
      (e) =>
        `| ${cell(e.label)} | ${providerNames[e.provider]} | ${cell(e.account ?? '—')} | ${markdownCode(e.masked)} | ${stateWord[e.state]} | ${e.requestedAt ?? '—'} | ${e.confirmedAt ?? '—'} |`,
    ),
  ];
  const open = receipt.entries.filter((e) => e.state !== 'revoked');
  if (open.length) {
    lines.push('', '## Still to do', '');
    for (const e of open) lines.push(`- ${cell(e.label)} (${e.id}): ${cell(e.message)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Counts of a receipt's entries by outcome. */
export const receiptSummary = (entries: ReceiptEntry[]) => ({
  total: entries.length,
  revoked: entries.filter((e) => e.state === 'revoked').length,
  pending: entries.filter((e) => e.state === 'pending').length,
  failed: entries.filter((e) => e.state === 'failed').length,
});

/** The whole receipt, with its Markdown. */
export function offboardReceipt(
  selector: OffboardSelector,
  startedAt: string,
  finishedAt: string,
  entries: ReceiptEntry[],
): OffboardReceipt {
  const bare = { selector, startedAt, finishedAt, entries, summary: receiptSummary(entries) };
  return { ...bare, markdown: receiptMarkdown(bare) };
}
