import type { ProviderId } from '../../shared/model.js';
import type { Facets, TokenFilter } from '../features/filters/filter.js';
import { groupMeanings, groupNames, type TokenGroup } from '../features/filters/groups.js';
import { providerNames } from '../features/tokens/providers.js';
import type { View } from './view.js';

const sidebarGroups: readonly TokenGroup[] = ['needs-action', 'all', 'expiring', 'stale', 'revoked'];

interface SidebarProps {
  view: View;
  filter: TokenFilter;
  counts: Record<TokenGroup, number>;
  facets: Facets;
  onGroup(group: TokenGroup): void;
  onProvider(provider: ProviderId | null): void;
  onTag(tag: string | null): void;
  onView(view: View): void;
}

/** The left column: slices of the list, providers and tags to narrow it, then the other views. */
export function Sidebar({ view, filter, counts, facets, onGroup, onProvider, onTag, onView }: SidebarProps) {
  const current = (on: boolean) => (on ? ('page' as const) : undefined);
  return (
    <nav id="sidebar" className="sidebar" aria-label="Views and filters">
      <ul className="nav-list">
        {sidebarGroups.map((group) => (
          <li key={group}>
            <button
              type="button"
              className="nav-item"
              aria-current={current(view === 'tokens' && filter.group === group)}
              title={groupMeanings[group]}
              aria-label={`${groupNames[group]}: ${counts[group]}`}
              onClick={() => onGroup(group)}
            >
              <span className="nav-name">{groupNames[group]}</span>
              <span className="nav-count">{counts[group]}</span>
            </button>
          </li>
        ))}
      </ul>
      {facets.providers.length > 0 && (
        <section aria-labelledby="sidebar-providers">
          <h2 id="sidebar-providers" className="nav-heading">
            Providers
          </h2>
          <ul className="nav-list">
            {facets.providers.map(([provider, count]) => (
              <li key={provider}>
                <button
                  type="button"
                  className="nav-item"
                  aria-pressed={filter.provider === provider}
                  aria-label={`${providerNames[provider]}: ${count}`}
                  onClick={() => onProvider(filter.provider === provider ? null : provider)}
                >
                  <span className="nav-name">{providerNames[provider]}</span>
                  <span className="nav-count">{count}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {facets.tags.length > 0 && (
        <section aria-labelledby="sidebar-tags">
          <h2 id="sidebar-tags" className="nav-heading">
            Tags
          </h2>
          <ul className="nav-list">
            {facets.tags.map(([tag, count]) => (
              <li key={tag}>
                <button
                  type="button"
                  className="nav-item"
                  aria-pressed={filter.tag === tag}
                  aria-label={`#${tag}: ${count}`}
                  onClick={() => onTag(filter.tag === tag ? null : tag)}
                >
                  <span className="nav-name">
                    <span aria-hidden="true">#</span>
                    {tag}
                  </span>
                  <span className="nav-count">{count}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <ul className="nav-list nav-views">
        <li>
          <button
            type="button"
            className="nav-item"
            aria-current={current(view === 'overview')}
            onClick={() => onView('overview')}
          >
            <span className="nav-name">Overview</span>
          </button>
        </li>
        <li>
          <button
            type="button"
            className="nav-item"
            aria-current={current(view === 'reminders')}
            onClick={() => onView('reminders')}
          >
            <span className="nav-name">Reminders</span>
          </button>
        </li>
        <li>
          <button
            type="button"
            className="nav-item"
            aria-current={current(view === 'discover')}
            onClick={() => onView('discover')}
          >
            <span className="nav-name">Discover</span>
          </button>
        </li>
        <li>
          <button
            type="button"
            className="nav-item"
            aria-current={current(view === 'offboard')}
            onClick={() => onView('offboard')}
          >
            <span className="nav-name">Offboard</span>
          </button>
        </li>
        <li>
          <button
            type="button"
            className="nav-item"
            aria-current={current(view === 'inventory')}
            onClick={() => onView('inventory')}
          >
            <span className="nav-name">Inventory</span>
          </button>
        </li>
        <li>
          <button
            type="button"
            className="nav-item"
            aria-current={current(view === 'report')}
            onClick={() => onView('report')}
          >
            <span className="nav-name">Report</span>
          </button>
        </li>
        <li>
          <button
            type="button"
            className="nav-item"
            aria-current={current(view === 'team')}
            onClick={() => onView('team')}
          >
            <span className="nav-name">Team</span>
          </button>
        </li>
        <li>
          <button
            type="button"
            className="nav-item"
            aria-current={current(view === 'deleted')}
            onClick={() => onView('deleted')}
          >
            <span className="nav-name">Recently deleted</span>
          </button>
        </li>
        <li>
          <button
            type="button"
            className="nav-item"
            aria-current={current(view === 'settings')}
            onClick={() => onView('settings')}
          >
            <span className="nav-name">Settings</span>
          </button>
        </li>
      </ul>
    </nav>
  );
}
