import type { ProviderId, TokenStatus, TokenView } from '../../../shared/model.js';
import { CountHeader } from '../../lib/CountHeader.js';
import { providerNames } from '../tokens/providers.js';
import { StatusBadge } from '../tokens/StatusBadge.js';
import { statusOrder, toneOf, type Tone } from '../tokens/status.js';

const tones: readonly Tone[] = ['critical', 'warning', 'info', 'healthy', 'revoked'];

interface CountTablesProps {
  tokens: readonly TokenView[];
  onStatus(status: TokenStatus): void;
  onProvider(provider: ProviderId): void;
}

// A bar's length says the same as the number beside it: hidden from assistive tech. Lengths are
// percentages of the column, so the bar takes whatever room the table leaves it.
function Bar({ parts, max }: { parts: [Tone, number][]; max: number }) {
  const widths = parts.map(([, n]) => (n / max) * 100);
  const starts = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0));
  return (
    <svg className="count-bar" width="100%" height="10" aria-hidden="true" focusable="false">
      <rect className="bar-track" x="0" y="0" width="100%" height="10" rx="2" />
      {parts.map(([tone], i) => (
        <rect key={tone} className={`bar-${tone}`} x={`${starts[i]}%`} y="0" width={`${widths[i]}%`} height="10" />
      ))}
    </svg>
  );
}

/** How many tokens by status and by provider (each provider's bar split by tone); each row filters the list. */
export function CountTables({ tokens, onStatus, onProvider }: CountTablesProps) {
  const byStatus = new Map<TokenStatus, number>();
  const byProvider = new Map<ProviderId, Map<Tone, number>>();
  for (const t of tokens) {
    byStatus.set(t.status, (byStatus.get(t.status) ?? 0) + 1);
    const tonesOf = byProvider.get(t.provider) ?? new Map<Tone, number>();
    tonesOf.set(toneOf(t.status), (tonesOf.get(toneOf(t.status)) ?? 0) + 1);
    byProvider.set(t.provider, tonesOf);
  }
  const statuses = statusOrder.filter((s) => byStatus.has(s));
  const providers = [...byProvider].sort(([a], [b]) => providerNames[a].localeCompare(providerNames[b]));
  const max = Math.max(
    1,
    ...byStatus.values(),
    ...providers.map(([, m]) => [...m.values()].reduce((a, b) => a + b, 0)),
  );

  return (
    <div className="count-tables">
      <table className="counts">
        <caption>By status</caption>
        <CountHeader counted="Status">
          <th scope="col" className="bar-cell">
            <span className="visually-hidden">Share</span>
          </th>
        </CountHeader>
        <tbody>
          {statuses.map((s) => (
            <tr key={s}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onStatus(s)}>
                  <StatusBadge status={s} />
                </button>
              </th>
              <td className="num">{byStatus.get(s)}</td>
              <td className="bar-cell">
                <Bar parts={[[toneOf(s), byStatus.get(s) ?? 0]]} max={max} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="counts">
        <caption>By provider</caption>
        <CountHeader counted="Provider">
          <th scope="col" className="num">
            Need action
          </th>
          <th scope="col" className="bar-cell">
            <span className="visually-hidden">Share by status tone</span>
          </th>
        </CountHeader>
        <tbody>
          {providers.map(([p, counts]) => {
            const total = [...counts.values()].reduce((a, b) => a + b, 0);
            const needing = (counts.get('critical') ?? 0) + (counts.get('warning') ?? 0);
            return (
              <tr key={p}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => onProvider(p)}>
                    {providerNames[p]}
                  </button>
                </th>
                <td className="num">{total}</td>
                <td className="num">{needing > 0 ? needing : <span className="muted">—</span>}</td>
                <td className="bar-cell">
                  <Bar parts={tones.filter((t) => counts.has(t)).map((t) => [t, counts.get(t) ?? 0])} max={max} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
