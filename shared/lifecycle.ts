import { describeSpan, durations, isoDay } from './countdown.js';
import { findingCodes, type FindingCode } from './finding-codes.js';
import type { Finding, FindingAction, Severity, TokenRecord, TokenStatus } from './model.js';
import type { Policy, PolicyOverride } from './policy.js';
import { defaultPolicy, effectivePolicy } from './policy-defaults.js';
import { providerNames } from './providers.js';
import { refreshesTokens, refreshRefusal } from './refresh-window.js';

export { defaultPolicy } from './policy-defaults.js';
export type { Policy } from './policy.js';

/** Worst first; status is the first of these a token has (findingCodes is declared in this order). `revoked` is terminal and shown apart. */
export const severityOrder: readonly FindingCode[] = findingCodes;

export const severityOf: Record<FindingCode, Severity> = {
  exposed: 'critical',
  'secret-missing': 'critical',
  disconnected: 'critical',
  expired: 'critical',
  'revocation-pending': 'critical',
  'out-of-scope': 'warning',
  'scope-widened': 'warning',
  'exceeds-max-lifetime': 'warning',
  'no-expiry': 'warning',
  expiring: 'warning',
  'rotation-overdue': 'warning',
  'refresh-blocked': 'warning',
  unverified: 'info',
  unused: 'info',
  'expiry-unknown': 'warning',
  'not-verified-yet': 'info',
  revoked: 'info',
};

/** When the token came into Lapse: older records kept only createdAt. */
export const addedAtOf = (record: Pick<TokenRecord, 'addedAt' | 'createdAt'>): string =>
  record.addedAt ?? record.createdAt;

type Found = [FindingCode, string, FindingAction];
const { day } = durations;
const ago = (ms: number) => `${describeSpan(ms)} ago`;

function expiryFindings(record: TokenRecord, policy: Policy, now: number): Found[] {
  if (!record.expiresAt) {
    // Unknown is not "never", but a policy that wants an expiry cannot see one either: a warning, worded apart.
    if (record.expiryUnknown) {
      if (!policy.requireExpiry) return [];
      return [
        [
          'expiry-unknown',
          'Its expiry is unknown: nobody told Lapse when it expires, and the token does not say. Look it up at the provider and set it (a verify fills it in where the provider reports it).',
          'set-expiry',
        ],
      ];
    }
    if (!policy.requireExpiry) return [];
    return [
      [
        'no-expiry',
        'Never expires: it stays standing access until someone revokes it. Replace it with one that expires.',
        'rotate',
      ],
    ];
  }
  const out: Found[] = [];
  const expiresAt = Date.parse(record.expiresAt);
  const on = isoDay(record.expiresAt);
  if (now >= expiresAt) {
    out.push([
      'expired',
      `Expired ${ago(now - expiresAt)}, on ${on}. Rotate it, or revoke and remove it if nothing needs it.`,
      'rotate',
    ]);
  } else if (expiresAt - now <= policy.warningDays * day) {
    out.push(['expiring', `Expires in ${describeSpan(expiresAt - now)}, on ${on}. Rotate it before then.`, 'rotate']);
  }
  const lifetime = expiresAt - Date.parse(record.createdAt);
  if (lifetime > policy.maxLifetimeDays * day) {
    out.push([
      'exceeds-max-lifetime',
      `Lives ${describeSpan(lifetime)} from creation to expiry, beyond the ${policy.maxLifetimeDays}-day maximum: a far-off expiry is not protection. Rotate it to a shorter-lived token.`,
      'rotate',
    ]);
  }
  return out;
}

/**
 * A token that needs refreshing (expiring or expired) while the refresh policy forbids it now: the
 * refusal, said before anyone asks for it.
 */
function refreshFindings(record: TokenRecord, policy: Policy, now: number): Found[] {
  if (!refreshesTokens(record) || !record.expiresAt || Date.parse(record.expiresAt) - now > policy.warningDays * day)
    return [];
  const refusal = refreshRefusal(record, policy, now);
  return refusal
    ? [['refresh-blocked', `Due for a refresh, but ${refusal.charAt(0).toLowerCase()}${refusal.slice(1)}`, 'none']]
    : [];
}

function ageFindings(record: TokenRecord, policy: Policy, now: number): Found[] {
  const out: Found[] = [];
  const rotatedAt = Date.parse(record.lastRotatedAt ?? record.createdAt);
  if (now - rotatedAt > policy.rotationDays * day) {
    const what = record.lastRotatedAt ? 'Last rotated' : 'Created and never rotated';
    out.push([
      'rotation-overdue',
      `${what} ${ago(now - rotatedAt)}; policy asks for rotation every ${policy.rotationDays} days. Rotate it.`,
      'rotate',
    ]);
  }
  if (!record.lastVerifiedAt) {
    // Counted from when Lapse got it, as its reminder is: a token is not stale the minute it is added.
    const waiting = now - Date.parse(addedAtOf(record));
    if (waiting > policy.unverifiedDays * day) {
      out.push([
        'unverified',
        `Never verified in the ${describeSpan(waiting)} since it was added; policy asks every ${policy.unverifiedDays} days. Verify it.`,
        'verify',
      ]);
    } else {
      out.push([
        'not-verified-yet',
        'Not verified with its provider yet, so its owner, scopes and liveness are unconfirmed. Verify it.',
        'verify',
      ]);
    }
  } else if (now - Date.parse(record.lastVerifiedAt) > policy.unverifiedDays * day) {
    out.push([
      'unverified',
      `Last verified ${ago(now - Date.parse(record.lastVerifiedAt))}; policy asks every ${policy.unverifiedDays} days. Verify it.`,
      'verify',
    ]);
  }
  if (record.lastUsedAt && now - Date.parse(record.lastUsedAt) > policy.unusedDays * day) {
    out.push([
      'unused',
      `Its provider last saw it used ${ago(now - Date.parse(record.lastUsedAt))} (policy: ${policy.unusedDays} days). Revoke it if nothing needs it.`,
      'revoke',
    ]);
  }
  return out;
}

/**
 * Scopes the provider granted beyond those the token's purpose declares: the out-of-scope rule (none
 * when the purpose declares nothing or the grant is unknown). The window shows the same list.
 */
export function scopesBeyondPurpose(record: Pick<TokenRecord, 'scopes' | 'grantedScopes'>): string[] {
  if (!record.grantedScopes || record.scopes.length === 0) return [];
  const declared = new Set(record.scopes);
  return record.grantedScopes.filter((s) => !declared.has(s));
}

/** Scopes the purpose declares that the provider did not grant (none while the grant is unknown). */
export function scopesPurposeLacks(record: Pick<TokenRecord, 'scopes' | 'grantedScopes'>): string[] {
  if (!record.grantedScopes) return [];
  const granted = new Set(record.grantedScopes);
  return record.scopes.filter((s) => !granted.has(s));
}

function excessScopes(record: TokenRecord): string | null {
  const extra = scopesBeyondPurpose(record);
  if (extra.length === 0 || !record.grantedScopes) return null;
  return `Granted ${record.grantedScopes.join(', ')}; its purpose needs ${record.scopes.join(', ')}. ${extra.length === 1 ? `${extra[0]} is` : `${extra.join(', ')} are`} more than it needs: narrow its scopes.`;
}

function forbiddenScopes(record: TokenRecord, policy: Policy): string | null {
  const forbidden = policy.forbiddenScopes[record.provider];
  if (!forbidden?.length) return null;
  const held = new Set([...record.scopes, ...(record.grantedScopes ?? [])]);
  const hit = forbidden.filter((s) => held.has(s));
  if (hit.length === 0) return null;
  return `Holds ${hit.join(', ')}, which the policy forbids on ${providerNames[record.provider]} tokens: replace it with a token without ${hit.length === 1 ? 'that scope' : 'those scopes'}.`;
}

// One out-of-scope finding per token (faces key findings by code), naming every reason.
function scopeFindings(record: TokenRecord, policy: Policy): Found[] {
  const reasons = [excessScopes(record), forbiddenScopes(record, policy)].filter((r): r is string => r !== null);
  return reasons.length ? [['out-of-scope', reasons.join(' '), 'narrow-scopes']] : [];
}

/** Scopes a rotation widened that the token is still granted and its purpose does not declare. */
export function outstandingWidening(record: Pick<TokenRecord, 'scopes' | 'grantedScopes' | 'widenedScopes'>): string[] {
  const declared = new Set(record.scopes);
  return (record.widenedScopes ?? []).filter((s) => !declared.has(s) && record.grantedScopes?.includes(s) === true);
}

/**
 * What a rotation leaves widened: scopes the new value was granted that the old one was not (only
 * when both are known), plus earlier widenings the new value still holds, so a second rotation
 * does not launder the first. Unknown new scopes keep the earlier widenings as they were.
 */
export function widenedByRotation(
  before: Pick<TokenRecord, 'grantedScopes' | 'widenedScopes'>,
  after: string[] | null,
): string[] {
  const earlier = before.widenedScopes ?? [];
  if (!after) return earlier;
  const fresh = before.grantedScopes ? after.filter((s) => !before.grantedScopes?.includes(s)) : [];
  return [...new Set([...earlier.filter((s) => after.includes(s)), ...fresh])];
}

function wideningFindings(record: TokenRecord): Found[] {
  const extra = outstandingWidening(record);
  if (!extra.length) return [];
  const them = extra.length === 1 ? 'it' : 'them';
  return [
    [
      'scope-widened',
      `Rotated to a value that holds ${extra.join(', ')}, which the value it replaced did not and its purpose does not declare. Narrow it, or declare ${them} in its scopes if its purpose needs ${them}.`,
      'narrow-scopes',
    ],
  ];
}

function connectionFindings(record: TokenRecord): Found[] {
  const v = record.verification;
  if (v?.outcome !== 'rejected') return [];
  const action: FindingAction = v.reason === 'wrong-account' ? 'revoke' : 'rotate';
  return [['disconnected', `${v.message} (checked ${isoDay(v.at)}).`, action]];
}

// Copies found before the last rotation held the old value: only later ones expose this one.
function exposureFindings(record: TokenRecord): Found[] {
  const rotatedAt = record.lastRotatedAt ? Date.parse(record.lastRotatedAt) : -Infinity;
  const live = (record.exposures ?? []).filter((e) => Date.parse(e.foundAt) > rotatedAt);
  const [first] = live;
  if (!first) return [];
  const more = live.length > 1 ? ` and ${live.length - 1} more place${live.length > 2 ? 's' : ''}` : '';
  return [
    [
      'exposed',
      `Its value was found in plaintext at ${first.file}:${first.line}${more} (scan of ${isoDay(first.foundAt)}). Rotate it, then keep it only in the keychain.`,
      'rotate',
    ],
  ];
}

// Until a verify shows the old value dead, whoever holds it still has access.
function revocationFindings(record: TokenRecord): Found[] {
  const r = record.revocation;
  if (!r || r.confirmedAt) return [];
  const which = r.target === 'previous' ? 'the value this token replaced' : 'this token';
  const how =
    r.method === 'api'
      ? "Lapse sent the revocation to its provider's API"
      : "it must be revoked in its provider's settings";
  return [
    [
      'revocation-pending',
      `Old token still live: ${which} was to be revoked on ${isoDay(r.requestedAt)} (${how}), and no verify has shown it dead yet. Confirm the revocation.`,
      'revoke',
    ],
  ];
}

// Without its secret Lapse can still judge the metadata, but cannot reveal, verify or rotate the token.
function secretFindings(record: TokenRecord): Found[] {
  if (!record.secretMissingSince) return [];
  return [
    [
      'secret-missing',
      `The OS keychain has no entry for this token (noticed ${isoDay(record.secretMissingSince)}), so Lapse cannot reveal, verify or rotate it. If Lapse runs with another keyring than usual, start it with the usual one; otherwise paste the value again, or delete this record.`,
      'restore-secret',
    ],
  ];
}

const toFinding = ([code, message, action]: Found): Finding => ({ code, severity: severityOf[code], message, action });

/** The scope-widened finding alone (the rotation result's warning): the same rule evaluateToken applies. */
export const scopeWidenedFindings = (record: TokenRecord): Finding[] =>
  record.revokedAt ? [] : wideningFindings(record).map(toFinding);

const bySeverity = (a: Finding, b: Finding) => severityOrder.indexOf(a.code) - severityOrder.indexOf(b.code);

/**
 * What the lifecycle rules say of a token at an instant: every finding, worst first, and the
 * status (the worst finding, or healthy). Pure: the window, the CLI and reminders all call this,
 * so a token is "expiring" in exactly one way everywhere.
 */
export function evaluateToken(
  record: TokenRecord,
  now: number,
  vaultPolicy?: PolicyOverride,
): { status: TokenStatus; findings: Finding[] } {
  if (record.revokedAt) {
    const finding = toFinding(['revoked', `Revoked on ${isoDay(record.revokedAt)}; kept as history.`, 'none']);
    return { status: 'revoked', findings: [finding] };
  }
  const policy = vaultPolicy || record.policy ? effectivePolicy(vaultPolicy, record.policy) : defaultPolicy;
  const findings = [
    ...exposureFindings(record),
    ...secretFindings(record),
    ...revocationFindings(record),
    ...connectionFindings(record),
    ...expiryFindings(record, policy, now),
    ...scopeFindings(record, policy),
    ...wideningFindings(record),
    ...ageFindings(record, policy, now),
    ...refreshFindings(record, policy, now),
  ]
    .map(toFinding)
    .sort(bySeverity);
  return { status: findings[0]?.code ?? 'healthy', findings };
}
