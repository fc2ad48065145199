import type { Severity, TokenStatus } from '../../../shared/model.js';

/** The word for a status: colour never says it alone. */
export const statusWords: Record<TokenStatus, string> = {
  healthy: 'Healthy',
  exposed: 'Exposed',
  'secret-missing': 'Secret missing',
  disconnected: 'Disconnected',
  expired: 'Expired',
  'revocation-pending': 'Revocation pending',
  'out-of-scope': 'Out of scope',
  'scope-widened': 'Scope widened',
  'exceeds-max-lifetime': 'Too long-lived',
  'no-expiry': 'No expiry',
  expiring: 'Expiring',
  'rotation-overdue': 'Rotation overdue',
  'refresh-blocked': 'Refresh not allowed now',
  unverified: 'Unverified',
  unused: 'Unused',
  'expiry-unknown': 'Expiry unknown',
  'not-verified-yet': 'Not verified yet',
  revoked: 'Revoked',
};

/** The colour family of a status: critical red, warning amber, info blue, healthy green, revoked grey. */
export type Tone = Severity | 'healthy' | 'revoked';

const critical: readonly TokenStatus[] = ['exposed', 'secret-missing', 'disconnected', 'expired', 'revocation-pending'];
const info: readonly TokenStatus[] = ['unverified', 'unused', 'not-verified-yet'];

export function toneOf(status: TokenStatus): Tone {
  if (status === 'healthy' || status === 'revoked') return status;
  if (critical.includes(status)) return 'critical';
  return info.includes(status) ? 'info' : 'warning';
}

export const severityWords: Record<Severity, string> = {
  critical: 'Critical',
  warning: 'Warning',
  info: 'Note',
};

/** Every status, worst first, healthy and revoked last: the order of the status filter. */
export const statusOrder = [
  ...(Object.keys(statusWords) as TokenStatus[]).filter((s) => s !== 'healthy' && s !== 'revoked'),
  'healthy',
  'revoked',
] as const satisfies readonly TokenStatus[];
