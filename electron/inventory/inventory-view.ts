import type { InventoryAccount, InventoryEntryView } from '../../shared/contract/inventory-calls.js';
import { providerNames, type TokenRecord } from '../../shared/model.js';
import type { Policy } from '../../shared/policy.js';
import { realLastUse } from '../providers/gitlab/last-used.js';
import type { InventoryEntry } from '../providers/provider.js';
import { rememberSecret } from '../redact.js';
import type { ServiceParts } from '../service-parts.js';
import type { Group, InventoryParts } from './inventory-groups.js';
import type { Listed } from './inventory-listing.js';

const dayMs = 86_400_000;
const days = (ms: number) => Math.floor(ms / dayMs);

/** Why an entry looks stale, by the policy: unused (or never used) for its days, or, where use is not reported, older than the longest allowed lifetime. */
function staleness(entry: InventoryEntry, policy: Policy, now: number): string | null {
  if (entry.state !== 'active') return null;
  const created = entry.createdAt ? Date.parse(entry.createdAt) : NaN;
  if (entry.lastUsedAt !== undefined) {
    if (entry.lastUsedAt === null)
      return !Number.isNaN(created) && now - created >= policy.unusedDays * dayMs
        ? `never used, created ${days(now - created)} days ago`
        : null;
    const idle = now - Date.parse(entry.lastUsedAt);
    return idle >= policy.unusedDays * dayMs ? `unused for ${days(idle)} days` : null;
  }
  return !Number.isNaN(created) && now - created >= policy.maxLifetimeDays * dayMs
    ? `created ${days(now - created)} days ago, past the policy's longest allowed lifetime of ${policy.maxLifetimeDays} days`
    : null;
}

/** "4 more GitLab tokens on alice's account; 3 unused for 90 days." */
function sentenceOf(group: Group, entries: InventoryEntryView[], policy: Policy): string {
  const name = providerNames[group.provider];
  const whose = group.account ? `${group.account}'s account` : 'this account';
  const more = entries.filter((e) => e.state === 'active' && !e.inLapse);
  const stale = more.filter((e) => e.stale);
  if (!more.length) return `Every active ${name} token on ${whose} is in Lapse.`;
  const measure = entries.some((e) => e.lastUseReported)
    ? `unused for ${policy.unusedDays} days or more`
    : `older than ${policy.maxLifetimeDays} days`;
  return `${more.length} more ${name} token${more.length === 1 ? '' : 's'} on ${whose}${stale.length ? `; ${stale.length} ${measure}` : ''}.`;
}

/** Where the provider's ref comes from the value itself (npm's sha512) it is computed; else a verify learnt it (GitLab's id). */
async function refsOf({ keychain }: ServiceParts, group: Group): Promise<Map<string, TokenRecord>> {
  const refs = new Map<string, TokenRecord>();
  for (const record of group.members) {
    const secret = await keychain.get(record.id).catch(() => null);
    if (secret !== null) rememberSecret(secret);
    if (group.inventory.refOf && secret !== null) refs.set(group.inventory.refOf(secret), record);
    else if (record.providerRef) refs.set(record.providerRef, record);
  }
  return refs;
}

/**
 * The list names each of Lapse's tokens' last use without authenticating with it: taken into its
 * record, except the token that listed (the listing itself was its use) and a time that is Lapse's
 * own earlier check of it.
 */
async function learnLastUse({ store }: ServiceParts, listed: Listed, refs: Map<string, TokenRecord>): Promise<void> {
  const updates = new Map<string, string | null>();
  for (const entry of listed.listing.entries) {
    const own = refs.get(entry.ref);
    if (!own || entry.lastUsedAt === undefined || entry.ref === listed.listing.listerRef) continue;
    const use = realLastUse(entry.lastUsedAt, own, null);
    if (use.lastUsedAt !== undefined) updates.set(own.id, use.lastUsedAt);
  }
  if (!updates.size) return;
  await store.update((vault) => {
    for (const [id, lastUsedAt] of updates) {
      const current = vault.tokens[id];
      if (current) vault.tokens[id] = { ...current, lastUsedAt };
    }
  });
}

/** One of the account's tokens as the window shows it: Lapse's own marked, the others judged stale or not. */
const entryView = (e: InventoryEntry, own: TokenRecord | null, policy: Policy, now: number): InventoryEntryView => ({
  ref: e.ref,
  name: e.name,
  shown: e.shown,
  createdAt: e.createdAt,
  lastUsedAt: e.lastUsedAt ?? null,
  lastUseReported: e.lastUsedAt !== undefined,
  expiresAt: e.expiresAt ?? null,
  scopes: e.scopes,
  state: e.state,
  readOnly: e.readOnly ?? null,
  cidr: e.cidr ?? [],
  inLapse: own ? { id: own.id, label: own.label } : null,
  stale: own ? null : staleness(e, policy, now),
});

/** An account whose tokens could not be listed: why, and nothing else. */
const unlistedAccount = (group: Group, problem: string, at: string): InventoryAccount => ({
  group: group.key,
  provider: group.provider,
  account: group.account,
  baseUrl: group.baseUrl,
  listedWith: null,
  listedAt: at,
  entries: [],
  summary: { total: 0, inLapse: 0, notInLapse: 0, stale: 0, sentence: problem },
  problem,
});

/** What one listing shows, with Lapse's own tokens marked; GitLab's last use of them taken into their records. */
export async function accountView(
  { parts }: InventoryParts,
  group: Group,
  listed: Listed | { problem: string },
  policy: Policy,
): Promise<InventoryAccount> {
  const { now } = parts;
  const at = new Date(now()).toISOString();
  if ('problem' in listed) return unlistedAccount(group, listed.problem, at);
  const refs = await refsOf(parts, group);
  const entries = listed.listing.entries.map((e) => entryView(e, refs.get(e.ref) ?? null, policy, now()));
  await learnLastUse(parts, listed, refs);
  const notInLapse = entries.filter((e) => e.state === 'active' && !e.inLapse);
  return {
    group: group.key,
    provider: group.provider,
    account: group.account,
    baseUrl: group.baseUrl,
    listedWith: { id: listed.lister.id, label: listed.lister.label },
    listedAt: at,
    entries,
    summary: {
      total: entries.length,
      inLapse: entries.filter((e) => e.inLapse).length,
      notInLapse: notInLapse.length,
      stale: notInLapse.filter((e) => e.stale).length,
      sentence: sentenceOf(group, entries, policy),
    },
    problem: null,
  };
}
