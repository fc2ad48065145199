import type { TokenStatus, TokenView } from '../../../shared/model.js';
import { statusWords, toneOf } from './status.js';

/** "2 Expired · 3 Expiring": how many tokens need a look, by status, worst first. */
export function StatusSummary({ tokens }: { tokens: readonly TokenView[] }) {
  const counts = new Map<TokenStatus, number>();
  for (const t of tokens) if (t.status !== 'healthy') counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  if (counts.size === 0) return null;
  return (
    <ul className="summary" aria-label="Tokens by status">
      {[...counts].map(([status, count]) => (
        <li key={status} className={`status tone-${toneOf(status)}`}>
          {count} {statusWords[status].toLowerCase()}
        </li>
      ))}
    </ul>
  );
}
