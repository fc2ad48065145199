import { forwardRef, useState } from 'react';
import type { OffboardReceipt } from '../../../shared/api.js';
import { shortDate } from '../tokens/dates.js';
import { saveFile } from '../report/saveFile.js';
import { receiptFile } from './receipt.js';

const formats = [
  { format: 'md', name: 'Markdown' },
  { format: 'json', name: 'JSON' },
] as const;

const plural = (n: number) => `${n} token${n === 1 ? '' : 's'}`;

/** The end of a run: what was revoked, what is still live, and the receipt to download. */
export const ReceiptCard = forwardRef<HTMLHeadingElement, { receipt: OffboardReceipt; onAgain(): void }>(
  function ReceiptCard({ receipt, onAgain }, headingRef) {
    const [saved, setSaved] = useState<string | null>(null);
    const { summary } = receipt;
    const open = summary.pending + summary.failed;
    return (
      <section
        className={`report-card offboard-receipt ${open ? 'offboard-receipt-open' : 'offboard-receipt-done'}`}
        aria-labelledby="offboard-receipt-title"
      >
        <h3 id="offboard-receipt-title" ref={headingRef} tabIndex={-1}>
          Receipt
        </h3>
        <p>
          {plural(summary.total)}: <strong>{summary.revoked} revoked and confirmed dead</strong>, {summary.pending}{' '}
          still live, {summary.failed} failed. Finished {shortDate(receipt.finishedAt)}.
        </p>
        {open > 0 && (
          <p className="offboard-todo">
            <span aria-hidden="true">! </span>
            {plural(open)} still need{open === 1 ? 's' : ''} you: open {open === 1 ? 'it' : 'each'} from the table to
            revoke by hand or check again.
          </p>
        )}
        <div className="report-export-buttons" role="group" aria-label="Download the receipt">
          <span className="report-export-label" aria-hidden="true">
            Download receipt
          </span>
          {formats.map(({ format, name }) => (
            <button
              key={format}
              type="button"
              aria-label={`Download the receipt as ${name}`}
              onClick={() => {
                const file = receiptFile(receipt, format);
                saveFile(file);
                setSaved(`Saved ${file.filename} to your downloads.`);
              }}
            >
              {name}
            </button>
          ))}
          <button type="button" className="quiet" onClick={onAgain}>
            Offboard more…
          </button>
        </div>
        <p className="report-export-note" role="status">
          {saved ?? ''}
        </p>
      </section>
    );
  },
);
