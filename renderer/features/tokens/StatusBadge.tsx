import type { TokenStatus } from '../../../shared/model.js';
import { statusWords, toneOf } from './status.js';

/** A status as a word on its colour, with a dot; the word carries the meaning. */
export function StatusBadge({ status }: { status: TokenStatus }) {
  return (
    <span className={`status tone-${toneOf(status)}`}>
      <span className="dot" aria-hidden="true" />
      {statusWords[status]}
    </span>
  );
}
