import type { TokenView } from '../../../shared/model.js';
import { StatusBadge } from '../tokens/StatusBadge.js';
import { providerNames } from '../tokens/providers.js';
import type { RowState } from './useOffboarding.js';

interface OffboardTableProps {
  caption: string;
  rows: readonly { token: TokenView; state?: RowState }[];
  /** Open a token in the list (its label becomes a button). */
  onOpen?(id: string): void;
}

const outcome: Record<'revoked' | 'pending' | 'failed', { tone: string; icon: string; words: string }> = {
  revoked: { tone: 'healthy', icon: '✓', words: 'Revoked, confirmed dead' },
  pending: { tone: 'warning', icon: '!', words: 'Pending — old token still live' },
  failed: { tone: 'critical', icon: '✕', words: 'Failed — untouched' },
};

/** Where one token's revocation stands, in words beside the colour. */
function Progress({ state }: { state: RowState }) {
  if (state.step === 'waiting') return <span className="offboard-waiting">Waiting</span>;
  if (state.step === 'revoking') return <span className="status tone-info">Revoking…</span>;
  const { tone, icon, words } = outcome[state.entry.state];
  return (
    <div className="offboard-outcome">
      <span className={`status tone-${tone}`}>
        <span aria-hidden="true">{icon}</span>
        {words}
      </span>
      <span className="offboard-message">{state.entry.message}</span>
    </div>
  );
}

/** The covered tokens: before a run their status, during and after it each one's outcome. */
export function OffboardTable({ caption, rows, onOpen }: OffboardTableProps) {
  const during = rows.some((r) => r.state !== undefined);
  return (
    <table className="report-table offboard-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Token</th>
          <th scope="col">Provider</th>
          <th scope="col">Account</th>
          <th scope="col">Value</th>
          <th scope="col">{during ? 'Revocation' : 'Status'}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ token, state }) => (
          <tr key={token.id} aria-busy={state?.step === 'revoking' || undefined}>
            <th scope="row">
              {onOpen ? (
                <button type="button" className="link-button" onClick={() => onOpen(token.id)}>
                  {token.label}
                </button>
              ) : (
                <span className="report-label">{token.label}</span>
              )}
            </th>
            <td>{providerNames[token.provider]}</td>
            <td>{token.account ?? <span className="muted">—</span>}</td>
            <td>
              <code>{token.masked}</code>
            </td>
            <td className="offboard-state">
              {state ? <Progress state={state} /> : <StatusBadge status={token.status} />}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
