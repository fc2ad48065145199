import { useMemo, useRef, useState } from 'react';
import type { TokenView } from '../../shared/model.js';
import { DeleteDialog } from '../features/tokens/DeleteDialog.js';
import { StatusSummary } from '../features/tokens/StatusSummary.js';
import { EmptyState } from '../features/vault/EmptyState.js';
import { KeychainBanner } from '../features/vault/KeychainBanner.js';
import { ListArea } from './ListArea.js';
import { noPanel, type Panel } from './panel.js';
import { SearchBox } from './SearchBox.js';
import { SidePanel } from './SidePanel.js';
import { useShortcuts } from './useShortcuts.js';
import { useStatusRefresh } from './useStatusRefresh.js';
import { useNow, useWatchedExpiries } from './useTicker.js';
import { useVault } from './useVault.js';

const focusRow = (id: string | null) => {
  if (id) document.getElementById(`token-${id}`)?.focus();
};

/** The window: header with search and Add, the keychain banner when needed, list left, panel right. */
export function App() {
  const vault = useVault();
  const now = useNow();
  const [panel, setPanel] = useState<Panel>(noPanel);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<TokenView | null>(null);
  const [query, setQuery] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  const tokens = vault.tokens;
  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (tokens ?? []).filter((t) => t.label.toLowerCase().includes(q));
  }, [tokens, query]);
  useWatchedExpiries((tokens ?? []).map((t) => t.expiresAt));
  useStatusRefresh(tokens, vault.reload);

  const keychain = vault.state?.keychain;
  const keychainProblem =
    keychain && !keychain.available ? (keychain.problem?.message ?? 'The OS keychain cannot be reached.') : null;
  const addBlockedBy = keychainProblem ? 'Adding a token needs the OS keychain: see the message above.' : null;

  const openAdd = () => {
    if (!addBlockedBy) setPanel({ kind: 'add' });
  };
  const open = (id: string) => {
    setActiveId(id);
    setPanel({ kind: 'detail', id, takeFocus: true });
  };
  const close = () => {
    if (panel.kind === 'none') return;
    if (panel.kind === 'edit') return setPanel({ kind: 'detail', id: panel.id, takeFocus: true });
    const wasAdding = panel.kind === 'add';
    setPanel(noPanel);
    if (wasAdding) addRef.current?.focus();
    else focusRow(activeId);
  };
  const saved = async (token: TokenView) => {
    await vault.reload();
    open(token.id);
  };
  const deleted = async () => {
    setDeleting(null);
    setPanel(noPanel);
    setActiveId(null);
    await vault.reload();
    addRef.current?.focus();
  };

  useShortcuts({ search: () => searchRef.current?.focus(), add: openAdd, escape: close });

  const empty = tokens !== null && tokens.length === 0 && vault.error === null;
  return (
    <div className="app">
      <header className="topbar">
        <h1>Lapse</h1>
        {tokens && <StatusSummary tokens={tokens} />}
        <div className="topbar-tools">
          <SearchBox ref={searchRef} value={query} onChange={setQuery} />
          <button
            ref={addRef}
            type="button"
            className="primary"
            onClick={openAdd}
            disabled={addBlockedBy !== null}
            title={addBlockedBy ?? 'Add a token (n)'}
            aria-keyshortcuts="n"
          >
            <span aria-hidden="true">+ </span>Add token
          </button>
        </div>
      </header>
      <main className={`workspace${empty && panel.kind === 'none' ? ' workspace-empty' : ''}`}>
        {keychainProblem && (
          <KeychainBanner
            message={keychainProblem}
            locked={keychain?.problem?.code === 'keychain-locked'}
            onRetry={vault.reload}
          />
        )}
        <section className="list-pane" aria-label="Token list">
          {empty ? (
            <EmptyState addBlockedBy={addBlockedBy} onAdd={openAdd} />
          ) : (
            <ListArea
              vault={vault}
              tokens={visible}
              query={query}
              now={now}
              activeId={activeId}
              openId={panel.kind === 'none' || panel.kind === 'add' ? null : panel.id}
              onActivate={setActiveId}
              onOpen={open}
            />
          )}
        </section>
        {!(empty && panel.kind === 'none') && (
          <section className="detail-pane" aria-label={panel.kind === 'add' ? 'Add a token' : 'Token details'}>
            <SidePanel
              panel={panel}
              tokens={tokens ?? []}
              keychainProblem={keychainProblem}
              onPanel={setPanel}
              onSaved={(token) => void saved(token)}
              onDelete={setDeleting}
              onClose={close}
            />
          </section>
        )}
      </main>
      {deleting && <DeleteDialog token={deleting} onDeleted={() => void deleted()} onCancel={() => setDeleting(null)} />}
    </div>
  );
}
