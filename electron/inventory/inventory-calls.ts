import type {
  InventoryAccount,
  InventoryApi,
  InventoryEntryView,
  InventoryRevokeResult,
} from '../../shared/contract/inventory-calls.js';
import type { VerifyApi } from '../../shared/contract/verify-calls.js';
import { providerNames, type TokenRecord } from '../../shared/model.js';
import { effectivePolicy, type Policy } from '../../shared/policy.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { recordAudit } from '../audit/audit-log.js';
import { guarded } from '../guarded.js';
import { sessionFor, type ProviderCallOptions, type ProviderSession } from '../providers/provider-session.js';
import { realLastUse } from '../providers/gitlab/last-used.js';
import type { InventoryCapability, InventoryEntry, InventoryListing } from '../providers/provider.js';
import { faultClause, TransientFault } from '../providers/transient-fault.js';
import { redact, rememberSecret } from '../redact.js';
import type { ServiceParts } from '../service-parts.js';

const dayMs = 86_400_000;
const days = (ms: number) => Math.floor(ms / dayMs);

/** The accounts Lapse can list: its live tokens whose provider lists an account's tokens, by provider, host and account. */
interface Group {
  key: string;
  provider: TokenRecord['provider'];
  baseUrl: string;
  account: string | null;
  members: TokenRecord[];
  inventory: InventoryCapability;
}

/** A listing as one of the account's tokens read it. */
interface Listed {
  lister: TokenRecord;
  secret: string;
  listing: Extract<InventoryListing, { kind: 'listed' }>;
}

/** The scopes a GitLab token needs to list (read_api) or revoke (api) the account's tokens come first. */
const listerOrder = (r: TokenRecord) =>
  r.grantedScopes?.includes('api') ? 0 : r.grantedScopes?.includes('read_api') ? 1 : 2;

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

export function inventoryCalls(
  parts: ServiceParts,
  given: ProviderCallOptions | ProviderSession = {},
  verify?: VerifyApi,
): InventoryApi {
  const { store, keychain, now } = parts;
  const session = sessionFor(parts, given);

  async function groupsOf(filter: { provider?: string; account?: string }): Promise<Group[]> {
    const vault = await store.read();
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
  async function learnAccounts(filter: { provider?: string }): Promise<void> {
    if (!verify) return;
    for (const record of Object.values((await store.read()).tokens)) {
      const inventory = session.adapterOf(record)?.inventory;
      if (record.revokedAt || !inventory || (filter.provider && record.provider !== filter.provider)) continue;
      if (record.account !== null && (inventory.refOf || record.providerRef)) continue;
      if ((await keychain.get(record.id).catch(() => null)) === null) continue;
      await verify.verifyToken({ id: record.id });
    }
  }

  /** Where the provider's ref comes from the value itself (npm's sha512) it is computed; else a verify learnt it (GitLab's id). */
  async function refsOf(group: Group): Promise<Map<string, TokenRecord>> {
    const refs = new Map<string, TokenRecord>();
    for (const record of group.members) {
      const secret = await keychain.get(record.id).catch(() => null);
      if (secret !== null) rememberSecret(secret);
      if (group.inventory.refOf && secret !== null) refs.set(group.inventory.refOf(secret), record);
      else if (record.providerRef) refs.set(record.providerRef, record);
    }
    return refs;
  }

  /** The account's tokens, read with the first of its tokens that may list them. */
  async function listWith(group: Group, preferred?: TokenRecord): Promise<Listed | { problem: string }> {
    const tried: string[] = [];
    const candidates = preferred ? [preferred] : [...group.members].sort((a, b) => listerOrder(a) - listerOrder(b));
    for (const lister of candidates) {
      const secret = await keychain.get(lister.id).catch(() => null);
      if (secret === null) {
        tried.push(`"${lister.label}" (its value is not in the keychain)`);
        continue;
      }
      rememberSecret(secret);
      try {
        const listing = await session.ask(
          lister,
          () => group.inventory.list(session.contextFor(lister, secret)),
          null,
          secret,
        );
        if (listing.kind === 'listed') return { lister, secret, listing };
        tried.push(`"${lister.label}" (${faultClause(listing.why)})`);
      } catch (error) {
        if (!(error instanceof TransientFault)) throw error;
        tried.push(`"${lister.label}" (${faultClause(error.message)})`);
      }
    }
    return {
      problem: redact(
        `Lapse could not list this account's ${group.inventory.what}: ${tried.join('; ') || 'no token of it to ask with'}.`,
      ),
    };
  }

  /** What one listing shows, with Lapse's own tokens marked; GitLab's last use of them taken into their records. */
  async function viewOf(group: Group, listed: Listed | { problem: string }, policy: Policy): Promise<InventoryAccount> {
    const at = new Date(now()).toISOString();
    if ('problem' in listed) {
      const empty = { total: 0, inLapse: 0, notInLapse: 0, stale: 0, sentence: listed.problem };
      return {
        group: group.key,
        provider: group.provider,
        account: group.account,
        baseUrl: group.baseUrl,
        listedWith: null,
        listedAt: at,
        entries: [],
        summary: empty,
        problem: listed.problem,
      };
    }
    const refs = await refsOf(group);
    const entries: InventoryEntryView[] = listed.listing.entries.map((e) => {
      const own = refs.get(e.ref) ?? null;
      return {
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
        stale: own ? null : staleness(e, policy, now()),
      };
    });
    await learnLastUse(listed, refs);
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

  /**
   * The list names each of Lapse's tokens' last use without authenticating with it: taken into its
   * record, except the token that listed (the listing itself was its use) and a time that is Lapse's
   * own earlier check of it.
   */
  async function learnLastUse(listed: Listed, refs: Map<string, TokenRecord>): Promise<void> {
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

  return {
    listInventory: (filter) =>
      guarded(async () => {
        const vault = await store.read();
        const policy = effectivePolicy(vault.policy);
        await learnAccounts(filter);
        const accounts: InventoryAccount[] = [];
        for (const group of await groupsOf(filter)) accounts.push(await viewOf(group, await listWith(group), policy));
        return ok({ accounts });
      }),

    revokeInventoryToken: ({ group: key, ref, otp }) =>
      guarded(async (): Promise<Result<InventoryRevokeResult>> => {
        const group = (await groupsOf({})).find((g) => g.key === key);
        if (!group)
          return fail(
            'not-found',
            'Lapse holds no live token of that account any more, so it cannot list or revoke its tokens. List the inventory again.',
          );
        const policy = effectivePolicy((await store.read()).policy);
        const listed = await listWith(group);
        if ('problem' in listed) return fail('invalid-input', listed.problem);
        const view = await viewOf(group, listed, policy);
        const matches = view.entries.filter((e) => e.ref === ref || (ref.length >= 8 && e.ref.startsWith(ref)));
        if (matches.length !== 1 || !matches[0]) {
          return fail(
            'not-found',
            matches.length
              ? `${matches.length} of the account's tokens start with "${ref}": give more of it.`
              : `The account has no token "${ref}" now. List the inventory again.`,
          );
        }
        const entry = matches[0];
        const name = providerNames[group.provider];
        const what = entry.name
          ? `"${entry.name}" (${entry.ref.slice(0, 16)})`
          : entry.shown
            ? `${entry.shown}… (${entry.ref.slice(0, 16)})`
            : entry.ref.slice(0, 16);
        if (entry.inLapse)
          return fail(
            'invalid-input',
            `That is "${entry.inLapse.label}", which Lapse holds: revoke it from its own entry (\`lapse revoke ${entry.inLapse.id}\`, or Revoke in its panel).`,
          );
        if (entry.state !== 'active')
          return ok({ state: 'revoked', message: `${name} already lists ${what} as ${entry.state}.`, needsOtp: false });

        // The listing token first, then the account's others: revoking may need more than listing (GitLab's api scope).
        const revokers = [
          listed.lister,
          ...group.members.filter((m) => m.id !== listed.lister.id).sort((a, b) => listerOrder(a) - listerOrder(b)),
        ];
        const refused: string[] = [];
        for (const revoker of revokers) {
          const secret =
            revoker.id === listed.lister.id ? listed.secret : await keychain.get(revoker.id).catch(() => null);
          if (secret === null) continue;
          rememberSecret(secret);
          let said;
          try {
            said = await session.ask(
              revoker,
              () =>
                group.inventory.revoke({ ...session.contextFor(revoker, secret), ...(otp ? { otp } : {}) }, entry.ref),
              null,
              secret,
            );
          } catch (error) {
            if (!(error instanceof TransientFault)) throw error;
            return ok({
              state: 'pending',
              message: redact(
                `${name} gave no usable answer (${faultClause(error.message)}); ${what} may still be live. Try again later.`,
              ),
              needsOtp: false,
            });
          }
          if (said.outcome === 'needs-otp') return ok({ state: 'pending', message: said.message, needsOtp: true });
          if (said.outcome === 'refused') {
            refused.push(`with "${revoker.label}": ${faultClause(said.message)}`);
            continue;
          }
          // Only the provider's own list confirms it: gone from it, or listed revoked.
          const after = await listWith(group, revoker);
          const still = 'problem' in after ? undefined : after.listing.entries.find((e) => e.ref === entry.ref);
          const gone = !('problem' in after) && (!still || still.state !== 'active');
          const account = group.account ? `${group.account}'s account` : 'the account';
          if (gone) {
            const cached =
              group.provider === 'npm' ? " npm's cache may still accept it for up to an hour after the delete." : '';
            recordAudit(store, {
              event: 'revoked',
              tokenId: revoker.id,
              label: revoker.label,
              detail: `A ${name} token of ${account} that Lapse does not hold, ${what}, revoked with this token; ${name} ${still ? 'now lists it as revoked' : 'no longer lists it'}.${cached}`,
              at: now(),
            });
            return ok({
              state: 'revoked',
              message: `Revoked: ${name} ${still ? 'now lists' : 'no longer lists'} ${what}${still ? ' as revoked' : ''}.${cached}`,
              needsOtp: false,
            });
          }
          return ok({
            state: 'pending',
            message: `${name} accepted the request, but still lists ${what} as active; check the inventory again.`,
            needsOtp: false,
          });
        }
        return ok({
          state: 'pending',
          message: redact(
            `${name} would not revoke ${what} ${refused.join('; ') || 'with any token Lapse holds of the account'}. Revoke it in ${name}'s token settings.`,
          ),
          needsOtp: false,
        });
      }),
  };
}
