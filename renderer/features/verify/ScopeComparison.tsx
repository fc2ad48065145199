import type { TokenView } from '../../../shared/model.js';
import { providerNames } from '../../../shared/providers.js';
import { scopesBeyondPurpose, scopesPurposeLacks } from '../../../shared/lifecycle.js';

interface ScopeListProps {
  label: string;
  scopes: readonly string[];
  /** Scopes to mark, and the word that marks them (colour never says it alone). */
  marked: readonly string[];
  mark: string;
  tone: 'warning' | 'critical';
}

function ScopeList({ label, scopes, marked, mark, tone }: ScopeListProps) {
  return (
    <ul className="scope-list" aria-label={label}>
      {scopes.map((scope) =>
        marked.includes(scope) ? (
          <li key={scope} className={`scope scope-marked tone-${tone}`}>
            {scope} <span className="scope-mark">{mark}</span>
          </li>
        ) : (
          <li key={scope} className="scope">
            {scope}
          </li>
        ),
      )}
    </ul>
  );
}

/** What the provider granted beside what the purpose declares: extra grants and missing ones marked in words. */
export function ScopeComparison({ token }: { token: TokenView }) {
  const extra = scopesBeyondPurpose(token);
  const missing = scopesPurposeLacks(token);
  const verified = token.verification?.outcome === 'valid';
  return (
    <div className="scope-compare">
      <div className="scope-row">
        <span className="scope-term">Granted</span>
        {token.grantedScopes === null ? (
          <span className="muted">
            {verified
              ? `${providerNames[token.provider]} reports no scope list (see the notes)`
              : 'unknown until verified'}
          </span>
        ) : token.grantedScopes.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          <ScopeList
            label="Granted scopes"
            scopes={token.grantedScopes}
            marked={extra}
            mark="beyond its purpose"
            tone="warning"
          />
        )}
      </div>
      <div className="scope-row">
        <span className="scope-term">Declared</span>
        {token.scopes.length === 0 ? (
          <span className="muted">none declared: add the scopes its purpose needs to see any extra ones</span>
        ) : (
          <ScopeList
            label="Declared scopes"
            scopes={token.scopes}
            marked={missing}
            mark="not granted"
            tone="critical"
          />
        )}
      </div>
    </div>
  );
}
