import type { LapseApi } from '../shared/api.js';
import { auditCalls } from './audit/audit-calls.js';
import { authorizeCalls } from './authorize/authorize-calls.js';
import { discoveryCalls } from './discovery/discovery-calls.js';
import { revocationCalls } from './lifecycle/revocation-calls.js';
import { rotationCalls } from './lifecycle/rotation-calls.js';
import { policyCalls } from './lifecycle/policy-calls.js';
import { oauthCalls } from './providers/oauth/credential-calls.js';
import { inventoryCalls } from './inventory/inventory-calls.js';
import { capabilityCalls } from './providers/capability-calls.js';
import { verifyCalls } from './providers/verify-calls.js';
import { reminderCalls } from './reminders/reminder-calls.js';
import { reportCalls } from './report/report-calls.js';
import { teamCalls } from './report/team-calls.js';
import { sessionFor, type ProviderCallOptions, type ProviderSession } from './providers/provider-session.js';
import type { ServiceParts } from './service-parts.js';
import { tokenCalls } from './vault/token-calls.js';

export type { ServiceParts } from './service-parts.js';

/**
 * The one implementation of the contract: each area's calls composed over the same vault, keychain
 * and clock. An area adds its calls in its own folder and one line here. Every call that reaches a
 * provider (verify, revoke, rotate) shares one provider session: one rate gate, one admission queue.
 * A face opens it with openLapse() (open-lapse.ts), which gives the start-up resume the same session.
 */
export function createLapseService(
  parts: ServiceParts,
  providers: ProviderCallOptions | ProviderSession = {},
): LapseApi {
  const session = sessionFor(parts, providers);
  const verify = verifyCalls(parts, session);
  return {
    ...tokenCalls(parts),
    ...discoveryCalls(parts),
    ...policyCalls(parts),
    ...oauthCalls(parts),
    ...reminderCalls(parts),
    ...reportCalls(parts),
    ...teamCalls(parts),
    ...verify,
    ...auditCalls(parts),
    ...revocationCalls(parts, session, verify),
    ...rotationCalls(parts, session),
    ...capabilityCalls(parts, session),
    ...inventoryCalls(parts, session, verify),
    ...authorizeCalls(parts, session, verify),
  };
}
