import type { InventoryAccount, InventoryApi } from '../../shared/contract/inventory-calls.js';
import type { VerifyApi } from '../../shared/contract/verify-calls.js';
import { effectivePolicy } from '../../shared/policy.js';
import { ok } from '../../shared/result.js';
import { guarded } from '../guarded.js';
import { sessionFor, type ProviderCallOptions, type ProviderSession } from '../providers/provider-session.js';
import type { ServiceParts } from '../service-parts.js';
import { groupsOf, learnAccounts } from './inventory-groups.js';
import { listWith } from './inventory-listing.js';
import { accountView } from './inventory-view.js';
import { revokeInventoryTokenCall } from './revoke-inventory-token.js';

export function inventoryCalls(
  parts: ServiceParts,
  given: ProviderCallOptions | ProviderSession = {},
  verify?: VerifyApi,
): InventoryApi {
  const ip = { parts, session: sessionFor(parts, given) };
  return {
    listInventory: (filter) =>
      guarded(async () => {
        const vault = await parts.store.read();
        const policy = effectivePolicy(vault.policy);
        await learnAccounts(ip, verify, filter);
        const accounts: InventoryAccount[] = [];
        for (const group of await groupsOf(ip, filter))
          accounts.push(await accountView(ip, group, await listWith(ip, group), policy));
        return ok({ accounts });
      }),

    revokeInventoryToken: revokeInventoryTokenCall(ip),
  };
}
