import type { ScanFinding } from '../../../shared/api.js';
import { providerNames } from '../tokens/providers.js';
import { locationOf } from './scanWords.js';

interface FindingsTableProps {
  findings: readonly ScanFinding[];
  /** The vault's label of a finding already in it, or null when it is not (yet). */
  vaultLabelOf(finding: ScanFinding): string | null;
  /** Whether it is in the vault, by token or by a just-finished import. */
  inVault(finding: ScanFinding): boolean;
  selected: ReadonlySet<number>;
  onToggle(n: number): void;
  onToggleAll(on: boolean): void;
}

/** Private keys are reported, never imported; a copy in git history cannot be read again to import it. */
const canImport = (f: ScanFinding) => !f.privateKey && !f.commit;

/** Every plaintext token found: where, what, its masked value and fingerprint, and whether it is in the vault. */
export function FindingsTable({
  findings,
  vaultLabelOf,
  inVault,
  selected,
  onToggle,
  onToggleAll,
}: FindingsTableProps) {
  const importable = findings.filter((f) => !inVault(f) && canImport(f));
  const allChosen = importable.length > 0 && importable.every((f) => selected.has(f.n));
  return (
    <table className="scan-table">
      <caption className="visually-hidden">Plaintext tokens found</caption>
      <thead>
        <tr>
          <th scope="col" className="scan-pick">
            <input
              type="checkbox"
              aria-label="Select every token not in the vault"
              checked={allChosen}
              disabled={importable.length === 0}
              onChange={(e) => onToggleAll(e.target.checked)}
            />
          </th>
          <th scope="col">Where</th>
          <th scope="col">Provider / kind</th>
          <th scope="col">Value</th>
          <th scope="col">Fingerprint</th>
          <th scope="col">Keychain</th>
        </tr>
      </thead>
      <tbody>
        {findings.map((f) => {
          const held = inVault(f);
          const label = vaultLabelOf(f);
          const where = locationOf(f);
          return (
            <tr key={f.n} className={held ? 'scan-held' : undefined}>
              <td className="scan-pick">
                {!held && canImport(f) && (
                  <input
                    type="checkbox"
                    checked={selected.has(f.n)}
                    onChange={() => onToggle(f.n)}
                    aria-label={`Import ${providerNames[f.provider]} ${f.kind} at ${where}`}
                  />
                )}
              </td>
              <td className="scan-where">
                <code>{where}</code>
                {f.commit && (
                  <span className="scan-commit">
                    Added in commit <code>{f.commit.id.slice(0, 12)}</code> on {f.commit.date.slice(0, 10)}
                    {f.commit.stillInTree ? ', still in the file' : ', removed since: still in the history'}
                  </span>
                )}
              </td>
              <td>
                {f.privateKey ? 'Private key' : providerNames[f.provider]} <span className="muted">{f.kind}</span>
                {f.checksum === 'invalid' && (
                  <span className="scan-note">Checksum does not match: a look-alike, or a copy with a typo?</span>
                )}
              </td>
              <td className="scan-code">
                <code>{f.masked}</code>
              </td>
              <td className="scan-code">
                <code>{f.fingerprint}</code>
              </td>
              <td className="scan-vault">
                {f.privateKey ? (
                  <span className="muted">
                    Not imported: protect it with a passphrase, or remove it and replace the key
                  </span>
                ) : f.commit && !held ? (
                  <span className="muted">In history: rotate it</span>
                ) : held ? (
                  <span className="tone-healthy vault-held">
                    <span aria-hidden="true">✓ </span>
                    {label ? <>In the vault as &ldquo;{label}&rdquo;</> : 'In the vault'}
                  </span>
                ) : (
                  <span className="muted">Not in the vault</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
