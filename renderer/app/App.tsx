import { useMemo, useRef, useState } from 'react';
import type { TokenView } from '../../shared/model.js';
import { DiscoverView } from '../features/discover/DiscoverView.js';
import { OffboardView } from '../features/offboard/OffboardView.js';
import { useOffboarding } from '../features/offboard/useOffboarding.js';
import { facetsOf, filterTokens, noFilter, type TokenFilter } from '../features/filters/filter.js';
import { countGroups, type TokenGroup } from '../features/filters/groups.js';
import { SummaryBar } from '../features/filters/SummaryBar.js';
import { OverviewView } from '../features/overview/OverviewView.js';
import { ReminderBanner } from '../features/reminders/ReminderBanner.js';
import { ReminderNotifier } from '../features/reminders/ReminderNotifier.js';
import { ReportView } from '../features/report/ReportView.js';
import { SettingsView } from '../features/settings/SettingsView.js';
import { TeamView } from '../features/team/TeamView.js';
import { DeleteDialog } from '../features/tokens/DeleteDialog.js';
import { providerNames } from '../features/tokens/providers.js';
import { KeychainBanner } from '../features/vault/KeychainBanner.js';
import { useVaultChanges } from '../features/verify/vaultChanges.js';
import { VerifyAllButton } from '../features/verify/VerifyAllButton.js';
import { noPanel, type Panel } from './panel.js';
import { SearchBox } from './SearchBox.js';
import { Sidebar } from './Sidebar.js';
import { TokenWorkspace } from './TokenWorkspace.js';
import { useShortcuts } from './useShortcuts.js';
import { useStatusRefresh } from './useStatusRefresh.js';
import { useMinute } from './useTicker.js';
import { useVault } from './useVault.js';
import type { View } from './view.js';

const focusRow = (id: string | null) => {
  if (id) document.getElementById(`token-${id}`)?.focus();
};
const noTokens: TokenView[] = [];

/** The window: header with the summary, search and Add; sidebar; the list and its panel, or another view. */
export function App() {
  const vault = useVault();
  // Minute precision is enough for "expiring this week"; countdowns tick on their own.
  const minute = useMinute();
  const [view, setView] = useState<View>('tokens');
  const [filter, setFilter] = useState<TokenFilter>(noFilter);
  const [panel, setPanel] = useState<Panel>(noPanel);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<TokenView | null>(null);
  const offboarding = useOffboarding();
  const searchRef = useRef<HTMLInputElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  const tokens = vault.tokens ?? noTokens;
  const counts = useMemo(() => countGroups(tokens, minute), [tokens, minute]);
  const facets = useMemo(() => facetsOf(tokens, (id) => providerNames[id]), [tokens]);
  const visible = useMemo(() => filterTokens(tokens, filter, minute), [tokens, filter, minute]);
  const warningDays = vault.policy?.effective.warningDays ?? 14;
  useStatusRefresh(vault.tokens, warningDays, vault.reload);
  useVaultChanges(vault.reload);

  const keychain = vault.state?.keychain;
  const keychainProblem =
    keychain && !keychain.available ? (keychain.problem?.message ?? 'The OS keychain cannot be reached.') : null;
  const addBlockedBy = keychainProblem ? 'Adding a token needs the OS keychain: see the message above.' : null;

  // Coming back to the list must not pull focus into the panel (or a half-filled add form).
  const goTo = (next: View) => {
    if (next === view) return;
    setPanel((p) => (p.kind === 'detail' || p.kind === 'edit' ? { kind: 'detail', id: p.id, takeFocus: false } : noPanel));
    setView(next);
  };
  const showList = (next: Partial<TokenFilter>) => {
    setFilter((f) => ({ ...f, ...next }));
    goTo('tokens');
  };
  const showGroup = (group: TokenGroup) => showList({ group });
  // "Offboard these…" from the list: the same tag and provider, unless a run is still going.
  const offboardFiltered = () => {
    if (!offboarding.run) offboarding.choose({ tag: filter.tag ?? '', provider: filter.provider ?? '', account: '' });
    goTo('offboard');
  };
  const openAdd = () => {
    if (addBlockedBy) return;
    setView('tokens');
    setPanel({ kind: 'add' });
  };
  const open = (id: string) => {
    setActiveId(id);
    setView('tokens');
    setPanel({ kind: 'detail', id, takeFocus: true });
  };
  const close = () => {
    if (panel.kind === 'none' || view !== 'tokens') return;
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

  return (
    <div className="app">
      <header className="topbar">
        <h1>Lapse</h1>
        <SummaryBar counts={counts} group={view === 'tokens' ? filter.group : 'all'} onGroup={showGroup} />
        <div className="topbar-tools">
          <ReminderNotifier onOpen={open} />
          <SearchBox ref={searchRef} value={filter.query} onChange={(query) => showList({ query })} />
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
          <VerifyAllButton tokens={tokens} reload={vault.reload} />
        </div>
      </header>
      <div className="body">
        <Sidebar
          view={view}
          filter={filter}
          counts={counts}
          facets={facets}
          onGroup={showGroup}
          onProvider={(provider) => showList({ provider })}
          onTag={(tag) => showList({ tag })}
          onView={goTo}
        />
        <main className={`workspace workspace-${view === 'tokens' ? 'tokens' : 'page'}`}>
          <div className="workspace-banners">
            {keychainProblem && (
              <KeychainBanner message={keychainProblem} locked={keychain?.problem?.code === 'keychain-locked'} onRetry={vault.reload} />
            )}
            <ReminderBanner tokensVersion={vault.tokens} onOpen={open} />
          </div>
          {view === 'tokens' && (
            <TokenWorkspace
              vault={vault}
              visible={visible}
              filter={filter}
              facets={facets}
              panel={panel}
              activeId={activeId}
              keychainProblem={keychainProblem}
              addBlockedBy={addBlockedBy}
              onFilter={setFilter}
              onClearFilters={() => setFilter(noFilter)}
              onActivate={setActiveId}
              onOpen={open}
              onAdd={openAdd}
              onDiscover={() => goTo('discover')}
              onOffboard={offboardFiltered}
              onPanel={setPanel}
              onSaved={(token) => void saved(token)}
              onDelete={setDeleting}
              onClose={close}
            />
          )}
          {view === 'overview' && (
            <div className="page-pane">
              <OverviewView
                tokens={tokens}
                warningDays={warningDays}
                onOpen={open}
                onStatus={(status) => showList({ ...noFilter, status })}
                onProvider={(provider) => showList({ ...noFilter, provider })}
              />
            </div>
          )}
          {view === 'discover' && (
            <div className="page-pane">
              <DiscoverView tokens={tokens} onImported={vault.reload} />
            </div>
          )}
          {view === 'offboard' && (
            <div className="page-pane">
              <OffboardView tokens={tokens} offboarding={offboarding} onOpen={open} />
            </div>
          )}
          {view === 'report' && (
            <div className="page-pane">
              <ReportView onOpen={open} />
            </div>
          )}
          {view === 'team' && (
            <div className="page-pane">
              <TeamView />
            </div>
          )}
          {view === 'settings' && (
            <div className="page-pane">
              {vault.policy ? (
                <SettingsView policy={vault.policy} onSaved={vault.reload} />
              ) : (
                <p className="placeholder" role="status">
                  Reading the policy…
                </p>
              )}
            </div>
          )}
        </main>
      </div>
      {deleting && <DeleteDialog token={deleting} onDeleted={() => void deleted()} onCancel={() => setDeleting(null)} />}
    </div>
  );
}
