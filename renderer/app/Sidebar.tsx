import type { ProviderId } from '../../shared/model.js';
import type { Facets, TokenFilter } from '../features/filters/filter.js';
import { groupMeanings, groupNames, type TokenGroup } from '../features/filters/groups.js';
import { providerNames } from '../features/tokens/providers.js';
import type { View } from './view.js';

const sidebarGroups: readonly TokenGroup[] = ['needs-action', 'all', 'expiring', 'stale', 'revoked'];
/** The pages below the list's slices, in the order the sidebar lists them. */
const pages: readonly (readonly [Exclude<View, 'tokens'>, string])[] = [
  ['overview', 'Overview'],
  ['reminders', 'Reminders'],
  ['discover', 'Discover'],
  ['offboard', 'Offboard'],
  ['inventory', 'Inventory'],
  ['report', 'Report'],
  ['team', 'Team'],
  ['deleted', 'Recently deleted'],
  ['settings', 'Settings'],
];

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
        {pages.map(([page, name]) => (
          <li key={page}>
            <button
              type="button"
              className="nav-item"
              aria-current={current(view === page)}
              onClick={() => onView(page)}
            >
              <span className="nav-name">{name}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
