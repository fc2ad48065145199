import type { OffboardReceipt } from '../../../shared/api.js';
import type { DownloadableFile } from '../report/saveFile.js';

// A name that says what was offboarded and when, safe on every file system.
const fileStem = (receipt: OffboardReceipt) => {
  const { tag, provider, account } = receipt.selector;
  const what = [tag, provider, account]
    .filter(Boolean)
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(0, 60);
  return `lapse-offboard-${what}-${receipt.startedAt.slice(0, 10)}`;
};

/** The receipt as Markdown, or as the JSON `lapse offboard --receipt FILE.json` writes. */
export function receiptFile(receipt: OffboardReceipt, format: 'md' | 'json'): DownloadableFile {
  if (format === 'md')
    return { filename: `${fileStem(receipt)}.md`, mediaType: 'text/markdown', content: receipt.markdown };
  const { markdown: _markdown, ...data } = receipt;
  return {
    filename: `${fileStem(receipt)}.json`,
    mediaType: 'application/json',
    content: `${JSON.stringify(data, null, 2)}\n`,
  };
}
