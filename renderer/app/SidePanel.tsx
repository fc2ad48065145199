import type { PendingRotation } from '../../shared/api.js';
import type { TokenView } from '../../shared/model.js';
import { AddTokenForm } from '../features/tokens/AddTokenForm.js';
import { EditTokenForm } from '../features/tokens/EditTokenForm.js';
import { TokenDetail } from '../features/tokens/TokenDetail.js';
import type { Panel } from './panel.js';

interface SidePanelProps {
  panel: Panel;
  tokens: readonly TokenView[];
  pending: ReadonlyMap<string, PendingRotation>;
  keychainProblem: string | null;
  onPanel(panel: Panel): void;
  onSaved(token: TokenView): void;
  onDelete(token: TokenView): void;
  onClose(): void;
}

/** The right-hand panel: a token's detail, its edit form, or the add form. */
export function SidePanel({
  panel,
  tokens,
  pending,
  keychainProblem,
  onPanel,
  onSaved,
  onDelete,
  onClose,
}: SidePanelProps) {
  if (panel.kind === 'add') return <AddTokenForm onSaved={onSaved} onCancel={onClose} />;
  const token = panel.kind === 'none' ? undefined : tokens.find((t) => t.id === panel.id);
  if (!token) {
    return <p className="placeholder">Select a token to see its details and findings.</p>;
  }
  if (panel.kind === 'edit') {
    return (
      <EditTokenForm
        key={token.id}
        token={token}
        onSaved={onSaved}
        onCancel={() => onPanel({ kind: 'detail', id: token.id, takeFocus: true })}
      />
    );
  }
  return (
    <TokenDetail
      key={token.id}
      token={token}
      pendingRotation={pending.get(token.id) ?? null}
      keychainProblem={keychainProblem}
      takeFocus={panel.kind === 'detail' && panel.takeFocus}
      onEdit={() => onPanel({ kind: 'edit', id: token.id })}
      onDelete={() => onDelete(token)}
      onClose={onClose}
    />
  );
}
