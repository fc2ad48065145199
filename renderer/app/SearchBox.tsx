import type { Ref } from 'react';

interface SearchBoxProps {
  ref: Ref<HTMLInputElement>;
  value: string;
  onChange(value: string): void;
  /** ↓ in the box: into the results. */
  onEnterResults(): void;
}

/** A search over labels, tags, providers, accounts, purposes and scopes; `/` focuses it, ↓ goes into the results. */
export function SearchBox({ ref, value, onChange, onEnterResults }: SearchBoxProps) {
  return (
    <div className="search" role="search">
      <label htmlFor="token-search" className="visually-hidden">
        Search tokens
      </label>
      <input
        ref={ref}
        id="token-search"
        type="search"
        placeholder="Search  /"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            onEnterResults();
          }
        }}
        aria-keyshortcuts="/"
        aria-describedby="token-search-hint"
        autoComplete="off"
        spellCheck={false}
      />
      <span id="token-search-hint" className="visually-hidden">
        Finds words in labels, tags, providers, accounts, purposes and scopes. Down arrow moves into the results.
      </span>
    </div>
  );
}
