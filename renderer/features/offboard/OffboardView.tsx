import { useEffect, useMemo, useRef, useState } from 'react';
import type { TokenView } from '../../../shared/model.js';
import { offboardCovers } from '../../../shared/offboard-receipt.js';
import { ConfirmDialog } from '../dialogs/ConfirmDialog.js';
import { providerNames } from '../tokens/providers.js';
import { OffboardTable } from './OffboardTable.js';
import { ReceiptCard } from './ReceiptCard.js';
import { choicesOf, selectorOf } from './selection.js';
import { SelectorForm } from './SelectorForm.js';
import type { Offboarding } from './useOffboarding.js';

interface OffboardViewProps {
  tokens: readonly TokenView[];
  offboarding: Offboarding;
  onOpen?(id: string): void;
}

const plural = (n: number) => `${n} token${n === 1 ? '' : 's'}`;

/** Someone leaves a project: pick the tokens by tag, provider or account, revoke them all, keep the receipt. */
export function OffboardView({ tokens, offboarding, onOpen }: OffboardViewProps) {
  const { choice, choose, run, start, reset } = offboarding;
  const [confirming, setConfirming] = useState(false);
  const progressRef = useRef<HTMLHeadingElement>(null);
  const receiptRef = useRef<HTMLHeadingElement>(null);
  const choices = useMemo(() => choicesOf(tokens), [tokens]);
  const selector = selectorOf(choice);
  const covered = useMemo(() => (selector ? tokens.filter(offboardCovers(selector)) : []), [tokens, selector]);
  const what = [
    choice.tag ? `#${choice.tag}` : null,
    choice.provider ? providerNames[choice.provider] : null,
    choice.account ? `account ${choice.account}` : null,
  ]
    .filter(Boolean)
    .join(', ');

  const done = run?.rows.filter((r) => r.state.step === 'done').length ?? 0;
  const current = run?.rows.find((r) => r.state.step === 'revoking');
  const finished = run?.receipt ?? null;

  // Focus follows the work: to the progress when the run starts, to the receipt when it ends.
  const started = run !== null;
  useEffect(() => {
    if (started) progressRef.current?.focus();
  }, [started]);
  useEffect(() => {
    if (finished) receiptRef.current?.focus();
  }, [finished]);

  return (
    <section className="offboard" aria-labelledby="offboard-title">
      <div className="report-heading">
        <h2 id="offboard-title">Offboard</h2>
        <p className="hint">
          Someone leaves a project, or an integration is retired: revoke every live token of a tag, a provider or an
          account at once. Lapse asks each provider in turn, confirms each token is dead, and gives you a receipt.
        </p>
      </div>

      {!run && (
        <>
          <SelectorForm choice={choice} choices={choices} disabled={false} onChoose={choose} />
          <section className="report-card" aria-labelledby="offboard-covered-title">
            <h3 id="offboard-covered-title">
              {selector ? `Covers ${plural(covered.length)}` : 'Covers nothing yet'}
              {selector && <span className="muted"> ({what})</span>}
            </h3>
            {!selector && (
              <p className="placeholder">Choose a tag, a provider or an account to see the live tokens it covers.</p>
            )}
            {selector && covered.length === 0 && <p className="placeholder">No live token matches all of these.</p>}
            {covered.length > 0 && (
              <OffboardTable
                caption={`Live tokens covered by ${what}`}
                rows={covered.map((token) => ({ token }))}
                onOpen={onOpen}
              />
            )}
            <div className="form-actions">
              <button
                type="button"
                className="danger-solid"
                disabled={covered.length === 0}
                onClick={() => setConfirming(true)}
              >
                Revoke {plural(covered.length)}…
              </button>
            </div>
          </section>
        </>
      )}

      {run && (
        <section className="report-card" aria-labelledby="offboard-progress-title" aria-busy={!finished}>
          <h3 id="offboard-progress-title" ref={progressRef} tabIndex={-1}>
            {finished ? 'Offboarded' : 'Offboarding'} {plural(run.rows.length)}
          </h3>
          <div className="offboard-progress">
            <progress max={run.rows.length} value={done} aria-labelledby="offboard-progress-title" />
            <p role="status">
              {finished
                ? `Done: ${done} of ${run.rows.length}.`
                : `${done} of ${run.rows.length} done${current ? ` — revoking ${current.token.label} at ${providerNames[current.token.provider]}…` : '…'}`}
            </p>
          </div>
          <OffboardTable caption="Revocation of each token" rows={run.rows} onOpen={finished ? onOpen : undefined} />
        </section>
      )}

      {finished && <ReceiptCard ref={receiptRef} receipt={finished} onAgain={reset} />}

      {confirming && selector && (
        <ConfirmDialog
          title={`Revoke ${plural(covered.length)}?`}
          text={`Lapse asks ${covered.length === 1 ? 'the provider' : 'each provider'} to revoke the ${plural(covered.length)} covered by ${what} (${covered.map((t) => t.label).join(', ')}), one after another, and checks which are dead. Where a provider has no revocation API, the receipt says to revoke by hand. Revoked tokens stop working for everything that uses them; this can't be undone.`}
          confirmLabel={`Revoke ${plural(covered.length)}`}
          busyLabel="Starting…"
          onConfirm={() => {
            start(selector, covered);
            return Promise.resolve(null);
          }}
          onDone={() => setConfirming(false)}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
