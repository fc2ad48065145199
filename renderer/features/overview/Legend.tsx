import type { Tone } from '../tokens/status.js';
import { MarkShape } from './MarkShape.js';

const entries: [Tone, string][] = [
  ['critical', 'Critical'],
  ['warning', 'Warning'],
  ['info', 'Note'],
  ['healthy', 'Healthy'],
];

/** What the marks' colours and shapes mean. */
export function Legend() {
  return (
    <ul className="legend" aria-label="Legend">
      {entries.map(([tone, words]) => (
        <li key={tone} className={`mark mark-${tone}`}>
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <MarkShape tone={tone} x={8} y={8} />
          </svg>
          {words}
        </li>
      ))}
    </ul>
  );
}
