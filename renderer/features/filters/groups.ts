import type { FindingCode, TokenView } from '../../../shared/model.js';
import { toneOf } from '../tokens/status.js';

/** Named slices of the list, offered by the sidebar and the summary bar. */
export type TokenGroup =
  | 'all'
  | 'needs-action'
  | 'exposed'
  | 'secret-missing'
  | 'expired'
  | 'revocation-pending'
  | 'expiring'
  | 'expiring-week'
  | 'stale'
  | 'out-of-scope'
  | 'revoked';

/**
 * Findings that make a token stale: nothing is broken yet, but it has been left alone too long —
 * rotation overdue, a verify overdue (not merely "not verified yet" after being added), unused.
 */
export const staleCodes: readonly FindingCode[] = ['rotation-overdue', 'unverified', 'unused'];

const week = 7 * 86_400_000;

const has = (token: TokenView, codes: readonly FindingCode[]) => token.findings.some((f) => codes.includes(f.code));

/** Whether a token belongs to a group at `now` (only "expiring this week" depends on it). */
export function inGroup(token: TokenView, group: TokenGroup, now: number): boolean {
  switch (group) {
    case 'all':
      return true;
    case 'needs-action':
      return token.status !== 'healthy' && token.status !== 'revoked' && toneOf(token.status) !== 'info';
    case 'exposed':
      return has(token, ['exposed']);
    case 'secret-missing':
      return has(token, ['secret-missing']);
    case 'revocation-pending':
      return has(token, ['revocation-pending']);
    case 'expired':
      return has(token, ['expired']);
    case 'expiring':
      return has(token, ['expiring']);
    case 'expiring-week':
      return has(token, ['expiring']) && token.expiresAt !== null && Date.parse(token.expiresAt) - now <= week;
    case 'stale':
      return has(token, staleCodes);
    case 'out-of-scope':
      return has(token, ['out-of-scope']);
    case 'revoked':
      return token.status === 'revoked';
  }
}

export const groupOrder: readonly TokenGroup[] = [
  'needs-action',
  'all',
  'exposed',
  'secret-missing',
  'expired',
  'revocation-pending',
  'expiring',
  'expiring-week',
  'stale',
  'out-of-scope',
  'revoked',
];

/** How many tokens each group holds at `now`. */
export function countGroups(tokens: readonly TokenView[], now: number): Record<TokenGroup, number> {
  const counts = Object.fromEntries(groupOrder.map((g) => [g, 0])) as Record<TokenGroup, number>;
  for (const token of tokens) for (const group of groupOrder) if (inGroup(token, group, now)) counts[group]++;
  return counts;
}

/** The name of a group as the sidebar says it. */
export const groupNames: Record<TokenGroup, string> = {
  all: 'All tokens',
  'needs-action': 'Needs action',
  exposed: 'Exposed',
  'secret-missing': 'Secret missing',
  expired: 'Expired',
  'revocation-pending': 'Revocation pending',
  expiring: 'Expiring',
  'expiring-week': 'Expiring this week',
  stale: 'Stale',
  'out-of-scope': 'Out of scope',
  revoked: 'Revoked',
};

/** What a group means, for its tooltip. */
export const groupMeanings: Record<TokenGroup, string> = {
  all: 'Every token, most urgent first.',
  'needs-action': 'Tokens whose worst finding is critical or a warning.',
  exposed: 'Tokens whose value a scan found in plaintext in a file: rotate them.',
  'secret-missing': 'Tokens whose value the OS keychain no longer holds: restore the value, or delete the record.',
  expired: 'Tokens past their expiry.',
  'revocation-pending':
    'Tokens (or the value a rotation replaced) asked to be revoked, not yet shown dead: the old token is still live.',
  expiring: "Tokens inside the policy's warning window before expiry.",
  'expiring-week': 'Expiring tokens whose expiry is within the next 7 days.',
  stale:
    "Stale: left alone too long — rotation overdue, not verified within the policy's days (a token just added is not stale), or unused.",
  'out-of-scope': 'Tokens granted more scopes than their purpose declares, or holding a scope the policy forbids.',
  revoked: 'Tokens confirmed revoked, kept as history.',
};
