import { useState } from 'react';
import type { ReportFormat } from '../../../shared/api.js';
import { lapseApi } from '../../api/lapse-api.js';
import { exportFormats } from './reportWords.js';
import { saveFile } from './saveFile.js';
import { FormProblem } from '../../lib/FormProblem.js';

/** One button per format; each asks the service to write the report and saves the file it returns. */
export function ExportButtons() {
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const exportAs = async (format: ReportFormat) => {
    setBusy(format);
    setMessage(null);
    const file = await lapseApi.getReport({ format });
    if (file.ok) {
      saveFile(file.value);
      setMessage({ ok: true, text: `Saved ${file.value.filename} to your downloads.` });
    } else {
      setMessage({ ok: false, text: file.error.message });
    }
    setBusy(null);
  };

  return (
    <div className="report-export">
      <div className="report-export-buttons" role="group" aria-label="Export the report">
        <span className="report-export-label" aria-hidden="true">
          Export
        </span>
        {exportFormats.map(({ format, name }) => (
          <button
            key={format}
            type="button"
            onClick={() => void exportAs(format)}
            disabled={busy !== null}
            aria-label={`Export as ${name}`}
          >
            {busy === format ? 'Writing…' : name}
          </button>
        ))}
      </div>
      <p className="report-export-note" role="status">
        {message?.ok ? message.text : ''}
      </p>
      <FormProblem text={message && !message.ok ? message.text : null} />
    </div>
  );
}
