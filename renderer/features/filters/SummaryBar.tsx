import { groupMeanings, type TokenGroup } from './groups.js';

interface SummaryPart {
  group: TokenGroup;
  /** "expired" in "2 expired". */
  words: string;
  tone: 'critical' | 'warning' | 'info';
}

// Worst first: every critical state the list can show has a chip, so the header never hides the worst.
const parts: readonly SummaryPart[] = [
  { group: 'exposed', words: 'exposed', tone: 'critical' },
  { group: 'secret-missing', words: 'secret missing', tone: 'critical' },
  { group: 'expired', words: 'expired', tone: 'critical' },
  { group: 'revocation-pending', words: 'revocation pending', tone: 'critical' },
  { group: 'expiring-week', words: 'expiring this week', tone: 'warning' },
  { group: 'out-of-scope', words: 'out of scope', tone: 'warning' },
  { group: 'stale', words: 'stale', tone: 'info' },
];

interface SummaryBarProps {
  counts: Record<TokenGroup, number>;
  /** The group the list shows now. */
  group: TokenGroup;
  /** Show this group, or every token when it is the one shown. */
  onGroup(group: TokenGroup): void;
}

/** "1 exposed · 2 expired · 3 expiring this week · 1 out of scope · 4 stale": each part shows just those tokens. */
export function SummaryBar({ counts, group, onGroup }: SummaryBarProps) {
  const shown = parts.filter((p) => counts[p.group] > 0 || p.group === group);
  if (shown.length === 0) return null;
  return (
    <ul className="summary" aria-label="Summary: show only these tokens">
      {shown.map((part) => (
        <li key={part.group}>
          <button
            type="button"
            className={`summary-part tone-${part.tone}`}
            aria-pressed={group === part.group}
            title={groupMeanings[part.group]}
            onClick={() => onGroup(group === part.group ? 'all' : part.group)}
          >
            <span className="dot" aria-hidden="true" />
            {counts[part.group]} {part.words}
          </button>
        </li>
      ))}
    </ul>
  );
}
