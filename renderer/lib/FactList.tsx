import type { ReactNode } from 'react';

/** A term and what is known of it. */
export type Fact = [term: string, value: ReactNode];

/** Facts as a definition list, one row a fact. */
export function FactList({ facts, className = 'facts' }: { facts: readonly Fact[]; className?: string }) {
  return (
    <dl className={className}>
      {facts.map(([term, value]) => (
        <div key={term} className="fact">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
