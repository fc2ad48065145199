import type { ProviderId } from '../../../shared/providers.js';
import { providerChoices, providerNames } from '../tokens/providers.js';

/** One provider's forbidden scopes, as typed (comma-separated). */
export interface ForbiddenRow {
  provider: ProviderId;
  scopes: string;
}

export const rowsOf = (forbidden: Record<string, string[]>): ForbiddenRow[] =>
  Object.entries(forbidden).map(([provider, scopes]) => ({
    provider: provider as ProviderId,
    scopes: scopes.join(', '),
  }));

/** The rows as the policy takes them; providers with no scope left out. */
export function forbiddenOf(rows: readonly ForbiddenRow[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const row of rows) {
    const scopes = [
      ...new Set(
        row.scopes
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
    if (scopes.length) out[row.provider] = [...new Set([...(out[row.provider] ?? []), ...scopes])];
  }
  return out;
}

interface ForbiddenScopesProps {
  rows: readonly ForbiddenRow[];
  onChange(rows: ForbiddenRow[]): void;
  idPrefix: string;
}

/** Scopes a provider's tokens must never hold, granted or declared: such a token is out of scope. */
export function ForbiddenScopes({ rows, onChange, idPrefix: id }: ForbiddenScopesProps) {
  const update = (i: number, patch: Partial<ForbiddenRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const unused = providerChoices.find((p) => !rows.some((r) => r.provider === p)) ?? 'github';
  return (
    <fieldset className="field forbidden-scopes" aria-describedby={`${id}-forbidden-hint`}>
      <legend>Forbidden scopes</legend>
      <p className="hint" id={`${id}-forbidden-hint`}>
        A token holding one of these (granted by its provider, or declared) is out of scope, e.g. GitHub: admin:org,
        delete_repo.
      </p>
      {rows.map((row, i) => (
        <div key={i} className="forbidden-row">
          <div className="field">
            <label htmlFor={`${id}-forbidden-${i}-provider`}>Provider</label>
            <select
              id={`${id}-forbidden-${i}-provider`}
              value={row.provider}
              onChange={(e) => update(i, { provider: e.target.value as ProviderId })}
            >
              {providerChoices.map((p) => (
                <option key={p} value={p}>
                  {providerNames[p]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-forbidden-${i}-scopes`}>Scopes it must never hold</label>
            <input
              id={`${id}-forbidden-${i}-scopes`}
              value={row.scopes}
              onChange={(e) => update(i, { scopes: e.target.value })}
              autoComplete="off"
            />
          </div>
          <button
            type="button"
            className="quiet"
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
            aria-label={`Remove the ${providerNames[row.provider]} row`}
          >
            Remove
          </button>
        </div>
      ))}
      <div>
        <button type="button" onClick={() => onChange([...rows, { provider: unused, scopes: '' }])}>
          Add a provider
        </button>
      </div>
    </fieldset>
  );
}
