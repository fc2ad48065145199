import type { TeamView } from '../../../shared/api.js';
import { providerNames } from '../tokens/providers.js';
import { codeWords } from './teamWords.js';

/** Tokens on more than one machine, and the team's worst findings. */
export function TeamFindings({ view }: { view: TeamView }) {
  return (
    <>
      {view.shared.length > 0 && (
        <section className="report-card" aria-labelledby="team-shared-title">
          <h3 id="team-shared-title">Shared tokens</h3>
          <p className="hint">
            The same fingerprint on more than one machine: one secret, several holders. Give each machine its own token.
          </p>
          <ul className="check-failing">
            {view.shared.map((s) => (
              <li key={`${s.provider}:${s.fingerprint}`}>
                <span className="check-token">{providerNames[s.provider]}</span> <code>{s.fingerprint}</code> on{' '}
                {s.holders.length} machines: {s.holders.map((h) => `${h.name} (${h.label})`).join(', ')}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="report-card team-wide" aria-labelledby="team-worst-title">
        <h3 id="team-worst-title">Worst findings</h3>
        {view.worst.length === 0 ? (
          <p className="hint">No findings: every token is healthy.</p>
        ) : (
          <ul className="check-failing" aria-labelledby="team-worst-title">
            {view.worst.map((f, i) => (
              <li key={`${f.key ?? f.file}-${f.tokenId ?? ''}-${f.code}-${i}`}>
                <span className={`check-code severity-${f.severity}`}>{codeWords(f.code)}</span> —{' '}
                <span className="check-token">{f.name}</span>
                {f.label !== null && <>, {f.label}</>}: {f.message}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
