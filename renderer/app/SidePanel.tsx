import type { PendingRotation } from '../../shared/api.js';
import type { TokenView } from '../../shared/model.js';
import { AddTokenForm } from '../features/tokens/AddTokenForm.js';
import { EditTokenForm } from '../features/tokens/EditTokenForm.js';
import { TokenDetail } from '../features/tokens/TokenDetail.js';
import type { Panel } from './panel.js';
import type { WorkspaceActions } from './workspace.js';

interface SidePanelProps {
  panel: Panel;
  tokens: readonly TokenView[];
  pending: ReadonlyMap<string, PendingRotation>;
  keychainProblem: string | null;
  actions: Pick<WorkspaceActions, 'onPanel' | 'onSaved' | 'onDelete' | 'onClose'>;
}

/** The right-hand panel: a token's detail, its edit form, or the add form. */
export function SidePanel({ panel, tokens, pending, keychainProblem, actions }: SidePanelProps) {
  const { onPanel, onSaved, onDelete, onClose } = actions;
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
