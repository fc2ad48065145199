import type { Severity, TokenStatus } from '../../shared/model.js';

/** One colour per status, in families by severity (reds critical, ambers warning, blues info). */
export const statusColor: Record<TokenStatus, string> = {
  exposed: '#7a271a',
  'secret-missing': '#c01048',
  disconnected: '#912018',
  expired: '#d92d20',
  'revocation-pending': '#f04438',
  'out-of-scope': '#93370d',
  'scope-widened': '#b54708',
  'exceeds-max-lifetime': '#dc6803',
  'no-expiry': '#f79009',
  'expiry-unknown': '#f5a524',
  expiring: '#fdb022',
  'rotation-overdue': '#fec84b',
  'refresh-blocked': '#fec84b',
  unverified: '#2e90fa',
  unused: '#84caff',
  'not-verified-yet': '#b2ddff',
  healthy: '#17b26a',
  revoked: '#98a2b3',
};

/** Badge colours: text, background, border. Text on background meets WCAG AA contrast. */
export const severityTone: Record<Severity | 'healthy' | 'revoked', [string, string, string]> = {
  critical: ['#b42318', '#fef3f2', '#fecdca'],
  warning: ['#93370d', '#fffaeb', '#fedf89'],
  info: ['#175cd3', '#eff8ff', '#b2ddff'],
  healthy: ['#067647', '#ecfdf3', '#abefc6'],
  revoked: ['#475467', '#f2f4f7', '#d0d5dd'],
};
