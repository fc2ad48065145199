import { useEffect, useRef, useState } from 'react';
import type { InventoryAccount, InventoryEntryView } from '../../../shared/api.js';
import { ConfirmDialog } from '../dialogs/ConfirmDialog.js';
import { OneTimeCode } from '../lifecycle/RevokeOutcome.js';
import { exactDate, shortDate } from '../tokens/dates.js';
import { providerNames } from '../tokens/providers.js';
import type { Inventory } from './useInventory.js';

interface InventoryViewProps {
  inventory: Inventory;
  /** Open a Lapse token in the list. */
  onOpen?(id: string): void;
}

/** What a person recognises an entry by: its name, else the characters the provider shows, else its ref. */
const nameOf = (e: InventoryEntryView) => e.name ?? (e.shown ? `${e.shown}…` : e.ref.slice(0, 16));
const hostOf = (baseUrl: string) => {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
};

/** The ones to look at first: active and not in Lapse (stale before the rest), then Lapse's own, then the dead. */
const rank = (e: InventoryEntryView) => (e.state !== 'active' ? 3 : e.inLapse ? 2 : e.stale ? 0 : 1);
const ordered = (entries: readonly InventoryEntryView[]) => [...entries].sort((a, b) => rank(a) - rank(b));

const dayOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A day in the table (the exact instant on hover); `withTime` for when the list was read. */
function Day({ iso, withTime = false }: { iso: string | null; withTime?: boolean }) {
  if (!iso) return <span className="muted">—</span>;
  return (
    <time dateTime={iso} title={exactDate(iso)}>
      {withTime ? shortDate(iso) : dayOnly.format(new Date(iso))}
    </time>
  );
}

function Access({ entry }: { entry: InventoryEntryView }) {
  const parts = [
    ...(entry.scopes ?? []),
    ...(entry.readOnly === true ? ['read-only'] : entry.readOnly === false ? ['read and publish'] : []),
    ...entry.cidr.map((c) => `from ${c}`),
  ];
  return parts.length ? <>{parts.join(', ')}</> : <span className="muted">—</span>;
}

const stateWords: Record<InventoryEntryView['state'], { tone: string; words: string }> = {
  active: { tone: 'healthy', words: 'Active' },
  revoked: { tone: 'revoked', words: 'Revoked' },
  expired: { tone: 'revoked', words: 'Expired' },
};

/** One account: the sentence, its tokens as the provider lists them, Revoke… on those Lapse does not hold. */
function AccountCard({
  account,
  inventory,
  onOpen,
  onRevoke,
}: InventoryViewProps & { account: InventoryAccount; onRevoke(entry: InventoryEntryView): void }) {
  const name = providerNames[account.provider];
  const titleId = `inventory-${account.group.replace(/[^A-Za-z0-9]/g, '')}`;
  const outcome = inventory.outcome?.group === account.group ? inventory.outcome : null;
  return (
    <section className="report-card inventory-account" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {name} · {account.account ?? 'account not known yet'}{' '}
        <span className="muted">at {hostOf(account.baseUrl)}</span>
      </h3>
      <p className={account.problem ? 'inventory-sentence inventory-problem' : 'inventory-sentence'}>
        {account.summary.sentence}
      </p>
      {account.listedWith && (
        <p className="hint">
          Listed with &ldquo;{account.listedWith.label}&rdquo; at <Day iso={account.listedAt} withTime />; none of the
          other tokens was used to read it.
          {!account.entries.some((e) => e.lastUseReported) &&
            ` ${name} does not say when a token was last used, so staleness here is by age.`}
        </p>
      )}
      {outcome &&
        (outcome.result.needsOtp ? (
          <OneTimeCode
            message={outcome.result.message}
            onSubmit={(code) => inventory.revoke(account, outcome.ref, outcome.name, code)}
          />
        ) : (
          <div
            className={`revoke-outcome ${outcome.result.state === 'revoked' ? 'revoke-dead' : 'revoke-pending'}`}
            role="status"
          >
            <p className="revoke-state">
              {outcome.result.state === 'pending' && (
                <strong>Not revoked — &ldquo;{outcome.name}&rdquo; is still live. </strong>
              )}
              {outcome.result.message}
            </p>
            <button type="button" onClick={inventory.dismiss}>
              Dismiss
            </button>
          </div>
        ))}
      {account.entries.length > 0 && (
        <div className="inventory-scroll">
          <table className="report-table inventory-table">
            <caption className="visually-hidden">
              {name} tokens of {account.account ?? 'this account'}
            </caption>
            <thead>
              <tr>
                <th scope="col">Token</th>
                <th scope="col">In Lapse</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">Access</th>
                <th scope="col">State</th>
                <th scope="col">Looks stale</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {ordered(account.entries).map((entry) => (
                <tr key={entry.ref} className={entry.state === 'active' ? undefined : 'inventory-dead'}>
                  <th scope="row">
                    <span className="report-label">{nameOf(entry)}</span>
                  </th>
                  <td>
                    {entry.inLapse ? (
                      onOpen ? (
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => entry.inLapse && onOpen(entry.inLapse.id)}
                        >
                          {entry.inLapse.label}
                        </button>
                      ) : (
                        entry.inLapse.label
                      )
                    ) : (
                      <span className="inventory-missing">Not in Lapse</span>
                    )}
                  </td>
                  <td>
                    <Day iso={entry.createdAt} />
                  </td>
                  <td>
                    {entry.lastUseReported ? (
                      entry.lastUsedAt ? (
                        <Day iso={entry.lastUsedAt} />
                      ) : (
                        'Never'
                      )
                    ) : (
                      <span className="muted">Not reported</span>
                    )}
                  </td>
                  <td>{entry.expiresAt ? <Day iso={entry.expiresAt} /> : <span className="muted">No expiry</span>}</td>
                  <td className="inventory-access">
                    <Access entry={entry} />
                  </td>
                  <td>
                    <span className={`status tone-${stateWords[entry.state].tone}`}>
                      {stateWords[entry.state].words}
                    </span>
                  </td>
                  <td className="inventory-stale">
                    {entry.stale ? (
                      <span className="status tone-warning">{entry.stale}</span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    {entry.state === 'active' && !entry.inLapse && (
                      <button
                        type="button"
                        className="danger"
                        onClick={() => onRevoke(entry)}
                        aria-label={`Revoke ${nameOf(entry)}…`}
                      >
                        Revoke…
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The accounts' own lists: the tokens they have that Lapse does not hold, and which look stale. */
export function InventoryView({ inventory, onOpen }: InventoryViewProps) {
  const [revoking, setRevoking] = useState<{ account: InventoryAccount; entry: InventoryEntryView } | null>(null);
  const headRef = useRef<HTMLHeadingElement>(null);
  const { accounts, loading, error, read } = inventory;
  const found = accounts?.reduce((n, a) => n + a.summary.notInLapse, 0) ?? 0;

  useEffect(() => {
    if (accounts) headRef.current?.focus();
  }, [accounts]);

  return (
    <section className="inventory" aria-labelledby="inventory-title" aria-busy={loading}>
      <div className="report-head">
        <div className="report-heading">
          <h2 id="inventory-title">Inventory</h2>
          <p className="hint">
            The tokens your accounts have at their providers, beyond the ones Lapse holds: forgotten laptops, old CI
            jobs, experiments. Lapse reads each account&rsquo;s own list with one of its tokens of that account that may
            read it, and never uses the others, so reading does not make an unused token look used.
          </p>
        </div>
        <button type="button" className="primary" onClick={() => void read()} aria-disabled={loading || undefined}>
          {loading ? 'Reading…' : accounts ? 'Read the lists again' : 'Read the accounts’ token lists'}
        </button>
      </div>
      {error && (
        <div className="banner banner-critical" role="alert">
          <div className="banner-text">
            <h3>The lists could not be read</h3>
            <p>{error}</p>
          </div>
        </div>
      )}
      {!accounts && !error && (
        <p className="placeholder" role="status">
          {loading
            ? 'Asking each provider for its list…'
            : 'Nothing read yet: reading asks each provider that lists an account’s tokens, once per account.'}
        </p>
      )}
      {accounts && (
        <>
          <div role="status">
            <h3 ref={headRef} tabIndex={-1} className="inventory-total">
              {accounts.length === 0
                ? 'No token in Lapse belongs to a provider that lists its account’s tokens.'
                : `${found} token${found === 1 ? '' : 's'} on ${accounts.length} account${accounts.length === 1 ? '' : 's'} not in Lapse.`}
            </h3>
          </div>
          {accounts.map((account) => (
            <AccountCard
              key={account.group}
              account={account}
              inventory={inventory}
              onOpen={onOpen}
              onRevoke={(entry) => setRevoking({ account, entry })}
            />
          ))}
        </>
      )}
      {revoking && (
        <ConfirmDialog
          title={`Revoke “${nameOf(revoking.entry)}”?`}
          text={`Lapse asks ${providerNames[revoking.account.provider]} to revoke “${nameOf(revoking.entry)}” on ${revoking.account.account ?? 'this account'}'s account, with a token of that account Lapse holds. Whatever still uses it stops working. It counts as revoked only once ${providerNames[revoking.account.provider]}'s own list shows it revoked or gone. This can't be undone.`}
          confirmLabel="Revoke it"
          busyLabel="Revoking…"
          onConfirm={() => inventory.revoke(revoking.account, revoking.entry.ref, nameOf(revoking.entry))}
          onDone={() => setRevoking(null)}
          onCancel={() => setRevoking(null)}
        />
      )}
    </section>
  );
}
