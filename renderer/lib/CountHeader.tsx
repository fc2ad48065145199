import type { ReactNode } from 'react';

/** The head of a count table: what is counted, "Tokens", then any further columns. */
export function CountHeader({ counted, children }: { counted: string; children?: ReactNode }) {
  return (
    <thead>
      <tr>
        <th scope="col">{counted}</th>
        <th scope="col" className="num">
          Tokens
        </th>
        {children}
      </tr>
    </thead>
  );
}
