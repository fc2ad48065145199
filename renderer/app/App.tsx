import { useCallback, useMemo, useRef, useState } from 'react';
import type { TokenView } from '../../shared/model.js';
import { DiscoverView } from '../features/discover/DiscoverView.js';
import { InventoryView } from '../features/inventory/InventoryView.js';
import { useInventory } from '../features/inventory/useInventory.js';
import { facetsOf, filterTokens, noFilter, type TokenFilter } from '../features/filters/filter.js';
import { countGroups, type TokenGroup } from '../features/filters/groups.js';
import { sortTokens, urgencyFirst, type TokenSort } from '../features/filters/sort.js';
import { SummaryBar } from '../features/filters/SummaryBar.js';
import { usePendingRotations } from '../features/lifecycle/usePendingRotations.js';
import { OffboardView } from '../features/offboard/OffboardView.js';
import { useOffboarding } from '../features/offboard/useOffboarding.js';
import { OverviewView } from '../features/overview/OverviewView.js';
import { ReminderBanner } from '../features/reminders/ReminderBanner.js';
import { ReminderNotifier } from '../features/reminders/ReminderNotifier.js';
import { RemindersView } from '../features/reminders/RemindersView.js';
import { ReportView } from '../features/report/ReportView.js';
import { SettingsView } from '../features/settings/SettingsView.js';
import { Toasts } from '../features/toasts/Toasts.js';
import { showToast } from '../features/toasts/toasts.js';
import { DeletedView } from '../features/tokens/DeletedView.js';
import { TeamView } from '../features/team/TeamView.js';
import { DeleteDialog } from '../features/tokens/DeleteDialog.js';
import { providerNames } from '../features/tokens/providers.js';
import { KeychainBanner } from '../features/vault/KeychainBanner.js';
import { SecretsMissingBanner } from '../features/vault/SecretsMissingBanner.js';
import { useVaultChanges } from '../lib/vaultChanges.js';
import { VerifyAllButton } from '../features/verify/VerifyAllButton.js';
import { lapseApi } from '../api/lapse-api.js';
import { useLiveChanges } from './liveChanges.js';
import { noPanel, type Panel } from './panel.js';
import { SearchBox } from './SearchBox.js';
import { ShortcutsDialog } from './ShortcutsDialog.js';
import { Sidebar } from './Sidebar.js';
import { TokenWorkspace } from './TokenWorkspace.js';
import { useSecretCheck } from './useSecretCheck.js';
import { useShortcuts } from './useShortcuts.js';
import { useStatusRefresh } from './useStatusRefresh.js';
import { useMinute } from './useTicker.js';
import { useVault } from './useVault.js';
import type { View } from './view.js';
import type { TokenListView, WorkspaceActions } from './workspace.js';

const focusRow = (id: string | null) => {
  if (id) document.getElementById(`token-${id}`)?.focus();
};
/** The list's one tab stop (the active row, or the first in view). */
const focusList = (): boolean => {
  const row = document.querySelector<HTMLElement>('[role=listbox][aria-label=Tokens] [tabindex="0"]');
  row?.focus();
  return row !== null;
};
const noTokens: TokenView[] = [];
const nobody: ReadonlySet<string> = new Set();
const nameOf = (t: TokenView) => providerNames[t.provider];

/** The window: header with the summary, search and Add; sidebar; the list and its panel, or another view. */
export function App() {
  const vault = useVault();
  // Minute precision is enough for "expiring this week"; countdowns tick on their own.
  const minute = useMinute();
  const [view, setView] = useState<View>('tokens');
  const [filter, setFilter] = useState<TokenFilter>(noFilter);
  const [sort, setSort] = useState<TokenSort>(urgencyFirst);
  const [panel, setPanel] = useState<Panel>(noPanel);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [checked, setChecked] = useState<ReadonlySet<string>>(nobody);
  const [deleting, setDeleting] = useState<TokenView | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const offboarding = useOffboarding();
  const pending = usePendingRotations();
  const inventory = useInventory();
  const searchRef = useRef<HTMLInputElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  const tokens = vault.tokens ?? noTokens;
  const counts = useMemo(() => countGroups(tokens, minute), [tokens, minute]);
  const facets = useMemo(() => facetsOf(tokens, (id) => providerNames[id]), [tokens]);
  const visible = useMemo(
    () =>
      sortTokens(
        filterTokens(tokens, filter, minute, (id) => providerNames[id]),
        sort,
        nameOf,
      ),
    [tokens, filter, minute, sort],
  );
  const warningDays = vault.policy?.effective.warningDays ?? 14;
  useStatusRefresh(vault.tokens, warningDays, vault.reload);
  useVaultChanges(vault.reload);
  // What the CLI or another window changed: the list follows without a reload.
  useLiveChanges(['vault', 'journal'], vault.reload);

  const keychain = vault.state?.keychain;
  const keychainProblem =
    keychain && !keychain.available ? (keychain.problem?.message ?? 'The OS keychain cannot be reached.') : null;
  const addBlockedBy = keychainProblem ? 'Adding a token needs the OS keychain: see the message above.' : null;
  // After the first paint (which reads no keychain entry): which tokens' secrets are gone.
  useSecretCheck(vault.tokens !== null, keychain?.available === true, vault.reload);
  const missingSecrets = counts['secret-missing'];
  // Tokens ticked for a bulk action that are still listed.
  const liveChecked = useMemo(() => {
    const ids = new Set(tokens.map((t) => t.id));
    return [...checked].some((id) => !ids.has(id)) ? new Set([...checked].filter((id) => ids.has(id))) : checked;
  }, [tokens, checked]);

  // Coming back to the list must not pull focus into the panel (or a half-filled add form).
  const goTo = (next: View) => {
    setMenuOpen(false);
    if (next === view) return;
    setPanel((p) =>
      p.kind === 'detail' || p.kind === 'edit' ? { kind: 'detail', id: p.id, takeFocus: false } : noPanel,
    );
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
    if (menuOpen) return setMenuOpen(false);
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
  const deleted = async (id: string) => {
    const token = tokens.find((t) => t.id === id);
    // The keyboard goes on to the next token in the list, not back to the top of the window.
    const index = visible.findIndex((t) => t.id === id);
    const next = visible[index + 1] ?? visible[index - 1] ?? null;
    setDeleting(null);
    setPanel(noPanel);
    setActiveId(next?.id ?? null);
    await vault.reload();
    if (next) requestAnimationFrame(() => focusRow(next.id));
    else addRef.current?.focus();
    showToast({
      text: `Deleted “${token?.label ?? 'the token'}” — it is in Recently deleted for 30 days, and still works at its provider.`,
      action: {
        label: 'Undo',
        run: async () => {
          const back = await lapseApi.restoreToken({ id });
          if (!back.ok) return back.error.message;
          await vault.reload();
          open(id);
          return null;
        },
      },
    });
  };
  const intoResults = useCallback(() => {
    setView('tokens');
    const first = visible[0];
    if (!first) return;
    setActiveId(first.id);
    requestAnimationFrame(() => focusRow(first.id));
  }, [visible]);
  const toList = () => {
    goTo('tokens');
    requestAnimationFrame(() => focusList());
  };

  const list: TokenListView = { visible, filter, facets, sort, activeId, checked: liveChecked, pending };
  const workspaceActions: WorkspaceActions = {
    onFilter: setFilter,
    onSort: setSort,
    onClearFilters: () => setFilter(noFilter),
    onActivate: setActiveId,
    onOpen: open,
    onCheck: setChecked,
    onAdd: openAdd,
    onDiscover: () => goTo('discover'),
    onOffboard: offboardFiltered,
    onPanel: setPanel,
    onSaved: (token) => void saved(token),
    onDelete: setDeleting,
    onClose: close,
  };

  useShortcuts({
    search: () => searchRef.current?.focus(),
    add: openAdd,
    escape: close,
    help: () => setHelpOpen(true),
    list: toList,
  });

  return (
    <div className={`app${menuOpen ? ' menu-open' : ''}`}>
      <a className="skip-link" href="#token-list" onClick={(e) => (e.preventDefault(), toList())}>
        Skip to the token list
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-button quiet"
          aria-expanded={menuOpen}
          aria-controls="sidebar"
          onClick={() => {
            setMenuOpen(!menuOpen);
            // Into the drawer, so the keyboard is where the eyes are; Esc closes it.
            if (!menuOpen)
              requestAnimationFrame(() => document.querySelector<HTMLElement>('#sidebar .nav-item')?.focus());
          }}
        >
          <span aria-hidden="true">☰ </span>Menu
        </button>
        <h1>Lapse</h1>
        <SummaryBar counts={counts} group={view === 'tokens' ? filter.group : 'all'} onGroup={showGroup} />
        <div className="topbar-tools">
          <ReminderNotifier onOpen={open} />
          <SearchBox
            ref={searchRef}
            value={filter.query}
            onChange={(query) => showList({ query })}
            onEnterResults={intoResults}
          />
          <button
            ref={addRef}
            type="button"
            className="primary add-button"
            onClick={openAdd}
            disabled={addBlockedBy !== null}
            title={addBlockedBy ?? 'Add a token (n)'}
            aria-keyshortcuts="n"
          >
            <span aria-hidden="true">+ </span>Add token
          </button>
          <VerifyAllButton tokens={tokens} reload={vault.reload} />
          <button
            type="button"
            className="quiet help-button"
            onClick={() => setHelpOpen(true)}
            aria-label="Keyboard shortcuts (?)"
            aria-keyshortcuts="?"
          >
            ?
          </button>
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
        {menuOpen && (
          <button type="button" className="menu-scrim" aria-label="Close the menu" onClick={() => setMenuOpen(false)} />
        )}
        <main
          id="token-list"
          tabIndex={-1}
          className={`workspace workspace-${view === 'tokens' ? 'tokens' : 'page'}${panel.kind !== 'none' ? ' panel-open' : ''}`}
        >
          <div className="workspace-banners">
            {keychainProblem && (
              <KeychainBanner
                message={keychainProblem}
                locked={keychain?.problem?.code === 'keychain-locked'}
                onRetry={vault.reload}
              />
            )}
            {missingSecrets > 0 && (
              <SecretsMissingBanner
                missing={missingSecrets}
                total={tokens.filter((t) => t.revokedAt === null).length}
                onShow={() => showList({ ...noFilter, group: 'secret-missing' })}
              />
            )}
            {/* The Reminders page lists the same, with more: no banner above it. */}
            {view !== 'reminders' && <ReminderBanner tokensVersion={vault.tokens} onOpen={open} />}
          </div>
          {view === 'tokens' && (
            <TokenWorkspace
              vault={vault}
              list={list}
              panel={panel}
              keychain={{ problem: keychainProblem, addBlockedBy }}
              actions={workspaceActions}
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
          {view === 'reminders' && (
            <div className="page-pane">
              <RemindersView onOpen={open} />
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
          {view === 'inventory' && (
            <div className="page-pane">
              <InventoryView inventory={inventory} onOpen={open} />
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
          {view === 'deleted' && (
            <div className="page-pane">
              <DeletedView onRestored={vault.reload} />
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
      {deleting && (
        <DeleteDialog token={deleting} onDeleted={(id) => void deleted(id)} onCancel={() => setDeleting(null)} />
      )}
      {helpOpen && <ShortcutsDialog onClose={() => setHelpOpen(false)} />}
      <Toasts onFocusHome={() => focusList() || addRef.current?.focus()} />
    </div>
  );
}
