import type { ProviderId, TokenStatus, TokenView } from '../../../shared/model.js';
import { useMinute } from '../../app/useTicker.js';
import { ExpiryText } from '../tokens/ExpiryText.js';
import { StatusBadge } from '../tokens/StatusBadge.js';
import { CountTables } from './CountTables.js';
import { ExpiryTimeline } from './ExpiryTimeline.js';
import { Legend } from './Legend.js';

interface OverviewViewProps {
  tokens: readonly TokenView[];
  warningDays: number;
  onOpen(id: string): void;
  onStatus(status: TokenStatus): void;
  onProvider(provider: ProviderId): void;
}

/** The vault at a glance: what expires when over the next 90 days, and how many tokens by status and provider. */
export function OverviewView({ tokens, warningDays, onOpen, onStatus, onProvider }: OverviewViewProps) {
  const now = useMinute();
  const next = tokens
    .filter((t) => t.status !== 'revoked' && t.expiresAt && Date.parse(t.expiresAt) > now)
    .sort((a, b) => Date.parse(a.expiresAt as string) - Date.parse(b.expiresAt as string))
    .slice(0, 5);

  return (
    <section className="overview" aria-labelledby="overview-title">
      <h2 id="overview-title">Overview</h2>
      <section className="overview-card" aria-labelledby="timeline-title">
        <div className="card-head">
          <h3 id="timeline-title">Expiries, next 90 days</h3>
          <Legend />
        </div>
        <ExpiryTimeline tokens={tokens} now={now} warningDays={warningDays} />
      </section>
      <div className="overview-columns">
        <section className="overview-card" aria-labelledby="next-title">
          <h3 id="next-title">Next to expire</h3>
          {next.length === 0 ? (
            <p className="hint">No token has an expiry ahead.</p>
          ) : (
            <ol className="next-list" aria-labelledby="next-title">
              {next.map((t) => (
                <li key={t.id}>
                  <button type="button" className="link-button" onClick={() => onOpen(t.id)}>
                    {t.label}
                  </button>
                  <StatusBadge status={t.status} />
                  <ExpiryText expiresAt={t.expiresAt} />
                </li>
              ))}
            </ol>
          )}
        </section>
        <section className="overview-card" aria-labelledby="counts-title">
          <h3 id="counts-title">Counts</h3>
          <CountTables tokens={tokens} onStatus={onStatus} onProvider={onProvider} />
        </section>
      </div>
    </section>
  );
}
