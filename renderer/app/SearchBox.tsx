import type { Ref } from 'react';

interface SearchBoxProps {
  ref: Ref<HTMLInputElement>;
  value: string;
  onChange(value: string): void;
}

/** A filter on token labels; `/` focuses it. */
export function SearchBox({ ref, value, onChange }: SearchBoxProps) {
  return (
    <div className="search">
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
        aria-keyshortcuts="/"
        autoComplete="off"
        spellCheck={false}
      />
    </div>
  );
}
