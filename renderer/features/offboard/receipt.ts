import type { OffboardReceipt, OffboardSelector, ReceiptEntry, RevokeResult } from '../../../shared/api.js';
import type { TokenView } from '../../../shared/model.js';
import { receiptMarkdown, receiptSummary } from '../../../shared/offboard-receipt.js';
import type { Result } from '../../../shared/result.js';
import type { DownloadableFile } from '../report/saveFile.js';

/** One receipt line from what revokeToken answered, built as `lapse offboard` builds it. */
export function entryFor(token: TokenView, answer: Result<RevokeResult>): ReceiptEntry {
  const base = { id: token.id, label: token.label, provider: token.provider, account: token.account, masked: token.masked };
  if (!answer.ok) return { ...base, state: 'failed', method: null, requestedAt: null, confirmedAt: null, message: answer.error.message };
  const { token: after, state, method, message } = answer.value;
  return {
    ...base,
    account: after.account,
    state,
    method,
    requestedAt: after.revocation?.requestedAt ?? null,
    confirmedAt: after.revocation?.confirmedAt ?? null,
    message,
  };
}

/** The receipt, its Markdown written by the same code as the CLI's. */
export function receiptOf(selector: OffboardSelector, startedAt: string, finishedAt: string, entries: ReceiptEntry[]): OffboardReceipt {
  const bare = { selector, startedAt, finishedAt, entries, summary: receiptSummary(entries) };
  return { ...bare, markdown: receiptMarkdown(bare) };
}

// A name that says what was offboarded and when, safe on every file system.
const fileStem = (receipt: OffboardReceipt) => {
  const { tag, provider, account } = receipt.selector;
  const what = [tag, provider, account].filter(Boolean).join('-').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
  return `lapse-offboard-${what}-${receipt.startedAt.slice(0, 10)}`;
};

/** The receipt as Markdown, or as the JSON `lapse offboard --receipt FILE.json` writes. */
export function receiptFile(receipt: OffboardReceipt, format: 'md' | 'json'): DownloadableFile {
  if (format === 'md') return { filename: `${fileStem(receipt)}.md`, mediaType: 'text/markdown', content: receipt.markdown };
  const { markdown: _markdown, ...data } = receipt;
  return { filename: `${fileStem(receipt)}.json`, mediaType: 'application/json', content: `${JSON.stringify(data, null, 2)}\n` };
}
