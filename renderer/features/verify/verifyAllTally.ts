import type { VerifyAllEntry } from '../../../shared/verify-all.js';

/** How a verify-all ended, counted by what each token's provider said. */
export interface VerifyAllTally {
  valid: number;
  rejected: number;
  unreachable: number;
  /** Calls that failed (keychain, missing base URL): the first message says what to do. */
  failed: number;
  firstFailure: string | null;
  skipped: number;
}

export function tallyOf(entries: readonly VerifyAllEntry[]): VerifyAllTally {
  const tally: VerifyAllTally = { valid: 0, rejected: 0, unreachable: 0, failed: 0, firstFailure: null, skipped: 0 };
  for (const entry of entries) {
    if (entry.kind === 'verified') tally[entry.result.outcome]++;
    else if (entry.kind === 'skipped') tally.skipped++;
    else {
      tally.failed++;
      tally.firstFailure ??= `${entry.token.label}: ${entry.error.message}`;
    }
  }
  return tally;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Verified 12 tokens: 11 accepted, 1 rejected · 2 skipped", or "Asked about 5 tokens: 4 accepted, 1 could not be reached" when not every provider answered. */
export function tallyWords(t: VerifyAllTally): string {
  const parts = [
    t.valid && `${t.valid} accepted`,
    t.rejected && `${t.rejected} rejected`,
    t.unreachable && `${t.unreachable} could not be reached`,
    t.failed && `${t.failed} failed`,
  ].filter(Boolean);
  const asked = t.valid + t.rejected + t.unreachable + t.failed;
  // "Verified" only when every provider answered: "Verified 5 tokens: 5 failed" would contradict itself.
  const answered = t.valid + t.rejected === asked;
  const head = asked
    ? `${answered ? 'Verified' : 'Asked about'} ${plural(asked, 'token')}: ${parts.join(', ')}`
    : 'No token to verify';
  return `${head}${t.skipped ? ` · ${t.skipped} skipped` : ''}`;
}
