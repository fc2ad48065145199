import { useId, useState, type FormEvent } from 'react';
import { lapseApi } from '../../api/lapse-api.js';
import { useAnswerEffect } from '../../lib/useAnswerEffect.js';

/**
 * The machine and person label this vault's reports carry, for a team view that merges many
 * machines' reports. Nothing is filled in for the person: no host or user name unless they type it.
 */
export function ReportLabelForm({ onSaved }: { onSaved(): Promise<void> }) {
  const id = useId();
  const [machine, setMachine] = useState('');
  const [person, setPerson] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useAnswerEffect(
    () => lapseApi.getReportLabel({}),
    [],
    (answer) => {
      if (!answer.ok) return;
      setMachine(answer.value.machine ?? '');
      setPerson(answer.value.person ?? '');
    },
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const answer = await lapseApi.setReportLabel({ machine, person });
    setBusy(false);
    if (!answer.ok) return setMessage({ ok: false, text: answer.error.message });
    setMachine(answer.value.machine ?? '');
    setPerson(answer.value.person ?? '');
    setMessage({ ok: true, text: 'Saved: reports from this vault carry this label.' });
    await onSaved();
  };

  return (
    <form className="report-label-form" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-title`}>Label on shared reports</h3>
      <p className="hint">
        How the team view names this machine. Leave empty for none; the host and user name are never used.
      </p>
      <div className="report-label-fields">
        <label htmlFor={`${id}-machine`}>Machine</label>
        <input
          id={`${id}-machine`}
          type="text"
          value={machine}
          maxLength={80}
          onChange={(e) => setMachine(e.target.value)}
          placeholder="e.g. ana-laptop"
          autoComplete="off"
        />
        <label htmlFor={`${id}-person`}>Person</label>
        <input
          id={`${id}-person`}
          type="text"
          value={person}
          maxLength={80}
          onChange={(e) => setPerson(e.target.value)}
          placeholder="e.g. Ana"
          autoComplete="off"
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save label'}
        </button>
      </div>
      <p className={message?.ok === false ? 'form-error' : 'report-export-note'} role="status">
        {message?.text ?? ''}
      </p>
    </form>
  );
}
