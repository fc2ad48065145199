import type { VerifyApi } from '../../shared/contract/verify-calls.js';
import type { TokenRecord } from '../../shared/model.js';
import type { ProviderSession } from '../providers/provider-session.js';
import type { InventoryCapability } from '../providers/provider.js';
import type { ServiceParts } from '../service-parts.js';

/** What the inventory calls work with: the service parts and the provider session they share. */
export interface InventoryParts {
  parts: ServiceParts;
  session: ProviderSession;
}

/** The accounts Lapse can list: its live tokens whose provider lists an account's tokens, by provider, host and account. */
export interface Group {
  key: string;
  provider: TokenRecord['provider'];
  baseUrl: string;
  account: string | null;
  members: TokenRecord[];
  inventory: InventoryCapability;
}

/** The scopes a GitLab token needs to list (read_api) or revoke (api) the account's tokens come first. */
const listerOrder = (r: TokenRecord) =>
  r.grantedScopes?.includes('api') ? 0 : r.grantedScopes?.includes('read_api') ? 1 : 2;

/** Tokens in the order to ask with: those that may list and revoke first. */
export const byListerOrder = (a: TokenRecord, b: TokenRecord) => listerOrder(a) - listerOrder(b);

export async function groupsOf(
  { parts, session }: InventoryParts,
  filter: { provider?: string; account?: string },
): Promise<Group[]> {
  const vault = await parts.store.read();
  const groups = new Map<string, Group>();
  for (const record of Object.values(vault.tokens)) {
    const inventory = session.adapterOf(record)?.inventory;
    const baseUrl = session.baseUrlOf(record);
    if (record.revokedAt || !inventory || !baseUrl) continue;
    if (filter.provider && record.provider !== filter.provider) continue;
    if (filter.account && record.account !== filter.account) continue;
    const key = JSON.stringify([record.provider, baseUrl, record.account]);
    const group = groups.get(key) ?? {
      key,
      provider: record.provider,
      baseUrl,
      account: record.account,
      members: [],
      inventory,
    };
    group.members.push(record);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * A token never verified has no account to group it by, and a GitLab token verified before Lapse
 * kept GitLab's id for it cannot be told from the others in the list: one verify of each learns
 * both (its own check, spending nothing else), so groups are the same when a revoke follows.
 */
export async function learnAccounts(
  { parts, session }: InventoryParts,
  verify: VerifyApi | undefined,
  filter: { provider?: string },
): Promise<void> {
  if (!verify) return;
  for (const record of Object.values((await parts.store.read()).tokens)) {
    const inventory = session.adapterOf(record)?.inventory;
    if (record.revokedAt || !inventory || (filter.provider && record.provider !== filter.provider)) continue;
    if (record.account !== null && (inventory.refOf || record.providerRef)) continue;
    if ((await parts.keychain.get(record.id).catch(() => null)) === null) continue;
    await verify.verifyToken({ id: record.id });
  }
}
