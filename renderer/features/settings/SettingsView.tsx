import { useId, useState, type FormEvent } from 'react';
import { lapseApi } from '../../api/lapse-api.js';
import type { PolicyState } from '../../app/useVault.js';
import { ConfirmDialog } from '../dialogs/ConfirmDialog.js';
import { DayField } from './DayField.js';
import { ForbiddenScopes, forbiddenOf, rowsOf, type ForbiddenRow } from './ForbiddenScopes.js';
import {
  allResetKeys,
  dayFields,
  dayProblem,
  draftOf,
  policyChanges,
  refreshProblem,
  thresholds,
  type PolicyDraft,
  type Threshold,
} from './policyFields.js';
import { FormActions } from '../../lib/FormActions.js';

interface SettingsViewProps {
  policy: PolicyState;
  /** After a save: read the policy and the tokens again, so findings follow the new rules. */
  onSaved(): Promise<void>;
}

/** The policy every token is judged by: edit, save, or go back to the defaults. */
export function SettingsView({ policy, onSaved }: SettingsViewProps) {
  const id = useId();
  const [draft, setDraft] = useState<PolicyDraft>(() => draftOf(policy.effective));
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [forbidden, setForbidden] = useState<ForbiddenRow[]>(() => rowsOf(policy.effective.forbiddenScopes));
  const [confirmReset, setConfirmReset] = useState(false);
  const defaults = policy.defaults;
  const problems = Object.fromEntries(dayFields.map((f) => [f.key, dayProblem(draft.days[f.key], f.max)]));
  const firstProblem = dayFields.find((f) => problems[f.key] !== null);

  const save = async (call: Parameters<typeof lapseApi.setPolicy>[0], done: string) => {
    setBusy(true);
    const result = await lapseApi.setPolicy(call);
    if (result.ok) {
      setDraft(draftOf(result.value.effective));
      setForbidden(rowsOf(result.value.effective.forbiddenScopes));
      setChecked(false);
      await onSaved();
      setMessage({ ok: true, text: done });
    } else {
      setMessage({ ok: false, text: result.error.message });
    }
    setBusy(false);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (firstProblem) {
      setMessage({ ok: false, text: `${firstProblem.label}: ${problems[firstProblem.key]}` });
      document.getElementById(`${id}-${firstProblem.key}`)?.focus();
      return;
    }
    const refreshWrong = refreshProblem(draft.refresh);
    if (refreshWrong) {
      setMessage({ ok: false, text: refreshWrong });
      document.getElementById(`${id}-refreshDays`)?.focus();
      return;
    }
    const { changes, reset } = policyChanges(draft, defaults);
    // Only a real change of the forbidden scopes becomes an override (an empty table stays the default).
    const scopes = forbiddenOf(forbidden);
    const scopesChanged = JSON.stringify(scopes) !== JSON.stringify(policy.effective.forbiddenScopes);
    void save(
      { changes: { ...changes, ...(scopesChanged ? { forbiddenScopes: scopes } : {}) }, reset },
      'Saved. Every token is now judged by these rules.',
    );
  };

  return (
    <section className="settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Settings</h2>
      <form className="panel-form settings-form" aria-labelledby={`${id}-policy`} onSubmit={submit} noValidate>
        <h3 id={`${id}-policy`}>Policy</h3>
        <p className="hint">
          The rules every token is judged by, here, in the CLI (<code>lapse policy</code>) and in reminders. A
          token&rsquo;s own overrides still apply.
        </p>
        {dayFields.map((f) => (
          <DayField
            key={f.key}
            id={`${id}-${f.key}`}
            label={f.label}
            hint={f.hint}
            value={draft.days[f.key]}
            defaultValue={defaults[f.key]}
            problem={checked ? (problems[f.key] ?? null) : null}
            onChange={(value) => setDraft((d) => ({ ...d, days: { ...d.days, [f.key]: value } }))}
          />
        ))}
        <div className="field checkbox">
          <input
            id={`${id}-requireExpiry`}
            type="checkbox"
            checked={draft.requireExpiry}
            onChange={(e) => setDraft((d) => ({ ...d, requireExpiry: e.target.checked }))}
          />
          <label htmlFor={`${id}-requireExpiry`}>Flag tokens that never expire</label>
        </div>
        <div className="field setting">
          <label htmlFor={`${id}-threshold`}>lapse check fails at</label>
          <select
            id={`${id}-threshold`}
            value={draft.threshold}
            onChange={(e) => setDraft((d) => ({ ...d, threshold: e.target.value as Threshold }))}
            aria-describedby={`${id}-threshold-hint`}
          >
            {thresholds.map((t) => (
              <option key={t.value} value={t.value}>
                {t.words}
              </option>
            ))}
          </select>
          <p className="hint" id={`${id}-threshold-hint`}>
            The severity at which <code>lapse check</code> exits 1, for CI and git hooks. Default: {defaults.threshold}.
          </p>
        </div>
        <fieldset className="refresh-window">
          <legend>Refresh window (OAuth and Slack tokens)</legend>
          <p className="hint">
            When Lapse may refresh a token: days and hours in UTC, e.g. a CI token only mon-fri, 08:00-20:00. Outside
            them a refresh is refused with the reason. A token&rsquo;s own rules (
            <code>lapse policy set … --token ID</code>) still apply.
          </p>
          <label htmlFor={`${id}-refreshDays`}>Days</label>
          <input
            id={`${id}-refreshDays`}
            value={draft.refresh.days}
            spellCheck={false}
            onChange={(e) => setDraft((d) => ({ ...d, refresh: { ...d.refresh, days: e.target.value } }))}
          />
          <label htmlFor={`${id}-refreshHours`}>Hours (UTC)</label>
          <input
            id={`${id}-refreshHours`}
            value={draft.refresh.hours}
            spellCheck={false}
            onChange={(e) => setDraft((d) => ({ ...d, refresh: { ...d.refresh, hours: e.target.value } }))}
          />
          <label htmlFor={`${id}-refreshTrustDays`}>Only if verified within (days, 0: off)</label>
          <input
            id={`${id}-refreshTrustDays`}
            inputMode="numeric"
            value={draft.refresh.trustDays}
            onChange={(e) => setDraft((d) => ({ ...d, refresh: { ...d.refresh, trustDays: e.target.value } }))}
          />
        </fieldset>
        <ForbiddenScopes rows={forbidden} onChange={setForbidden} idPrefix={id} />
        <p className={message?.ok ? 'form-saved' : 'form-problem'} role="status">
          {message?.text}
        </p>
        <FormActions submit="Save" busyText="Saving…" busy={busy}>
          <button
            type="button"
            disabled={
              busy ||
              !(
                allResetKeys.some((key) => key in policy.overrides) ||
                Object.keys(policy.overrides.forbiddenScopes ?? {}).length > 0
              )
            }
            onClick={() => setConfirmReset(true)}
          >
            Reset all to defaults
          </button>
        </FormActions>
      </form>
      {confirmReset && (
        <ConfirmDialog
          title="Reset every rule to its default?"
          text="The warning window, lifetimes, rotation and verify intervals, the check threshold, the refresh window and the forbidden scopes all go back to Lapse's defaults, for every token (a token's own rules stay). Every token is judged again at once."
          confirmLabel="Reset all"
          busyLabel="Resetting…"
          onConfirm={async () => {
            const result = await lapseApi.setPolicy({ changes: { forbiddenScopes: {} }, reset: [...allResetKeys] });
            if (!result.ok) return result.error.message;
            setDraft(draftOf(result.value.effective));
            setForbidden(rowsOf(result.value.effective.forbiddenScopes));
            await onSaved();
            setMessage({ ok: true, text: 'Back to the defaults.' });
            return null;
          }}
          onDone={() => setConfirmReset(false)}
          onCancel={() => setConfirmReset(false)}
        />
      )}
    </section>
  );
}
