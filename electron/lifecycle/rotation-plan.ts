import type { RotationPlan } from '../../shared/contract/rotation-calls.js';
import type { TokenRecord } from '../../shared/model.js';
import { effectivePolicy, type PolicyOverride } from '../../shared/policy.js';
import { refreshRefusal } from '../../shared/refresh-window.js';
import type { ProviderSession } from '../providers/provider-session.js';
import type { RotationCapability } from '../providers/rotation.js';
import type { ServiceParts } from '../service-parts.js';

/** How a verify's dead verdict reads after "found it". */
const deadWords: Partial<Record<string, string>> = {
  invalid: 'rejected',
  revoked: 'revoked',
  expired: 'expired',
  inactive: 'inactive',
};

/**
 * Why an automatic rotation must not be sent, known without asking: GitLab's rotate presents the
 * current value, and one it already rejects would get a 401 (and a rotated-away one makes GitLab
 * revoke the whole token family). The verdict is the provider's, however old: a verify that now
 * finds it valid replaces it. A refresh rotation presents the refresh token, not this value (an
 * expired access token is what refreshing is for), so the access token's verdict does not stop it.
 */
export function knownDead(record: TokenRecord, rotation: RotationCapability): string | null {
  const v = record.verification;
  if (!rotation.refusesKnownDead || v?.outcome !== 'rejected') return null;
  const on = v.at.slice(0, 10);
  if (v.reason === 'wrong-account')
    return `This token's last verify, on ${on}, found it belongs to another account, so Lapse does not rotate it: verify it again, or correct the account it is meant for.`;
  const found = deadWords[v.reason ?? 'invalid'];
  if (!found) return null;
  return `This token no longer works at its provider: authorize again (create a new token and add it). Its last verify, on ${on}, found it ${found}; if that has changed, verify it again first.`;
}

/** A rotation that spends a refresh token (OAuth, Slack): what the refresh policy governs. */
const isRefresh = (rotation: RotationCapability) => rotation.kind.endsWith('-refresh');

/** Why the refresh policy (refresh windows, recent verify for the same account) refuses this rotation now, or null. */
export const refreshClosed = (
  record: TokenRecord,
  rotation: RotationCapability,
  vaultPolicy: PolicyOverride,
  now: number,
): string | null =>
  isRefresh(rotation) ? refreshRefusal(record, effectivePolicy(vaultPolicy, record.policy), now) : null;

/** The in-place rotation this token has now, from its provider's adapter; null: guided. */
export async function rotationOf(
  { keychain }: ServiceParts,
  session: ProviderSession,
  record: TokenRecord,
): Promise<RotationCapability | null> {
  return session.rotationFor(record, await keychain.get(record.id));
}

const guidedPlan: RotationPlan = {
  kind: 'guided',
  method: 'by hand',
  summary:
    'Its provider has no rotation API for this token: you create the replacement, Lapse checks it, stores it and then revokes the old one.',
  expiresAt: null,
  expiryNote: null,
  takesExpiry: false,
  warnings: [],
};

/** What rotating this token would do: the provider's rotation and its plan, or a rotation by hand. */
export async function rotationPlan(
  parts: ServiceParts,
  session: ProviderSession,
  record: TokenRecord,
  vaultPolicy: PolicyOverride,
): Promise<RotationPlan> {
  const { now } = parts;
  const rotation = await rotationOf(parts, session, record);
  if (!rotation) return { ...guidedPlan, warnings: [] };
  const plan = {
    kind: 'automatic' as const,
    method: rotation.method,
    ...rotation.plan(record, effectivePolicy(vaultPolicy, record.policy), now()),
  };
  const closed = refreshClosed(record, rotation, vaultPolicy, now());
  return closed ? { ...plan, warnings: [`Refused now: ${closed}`, ...plan.warnings] } : plan;
}
