import type {
  InventoryAccount,
  InventoryApi,
  InventoryEntryView,
  InventoryRevokeResult,
} from '../../shared/contract/inventory-calls.js';
import { providerNames, type TokenRecord } from '../../shared/model.js';
import { effectivePolicy } from '../../shared/policy.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { recordAudit } from '../audit/audit-log.js';
import { guarded } from '../guarded.js';
import { faultClause, TransientFault } from '../providers/transient-fault.js';
import { redact, rememberSecret } from '../redact.js';
import { byListerOrder, groupsOf, type Group, type InventoryParts } from './inventory-groups.js';
import { listWith, type Listed } from './inventory-listing.js';
import { accountView } from './inventory-view.js';

/** The one entry `ref` names (its whole ref, or a prefix of 8 characters or more), or why none. */
function pickEntry(view: InventoryAccount, ref: string): Result<InventoryEntryView> {
  const matches = view.entries.filter((e) => e.ref === ref || (ref.length >= 8 && e.ref.startsWith(ref)));
  if (matches.length !== 1 || !matches[0]) {
    return fail(
      'not-found',
      matches.length
        ? `${matches.length} of the account's tokens start with "${ref}": give more of it.`
        : `The account has no token "${ref}" now. List the inventory again.`,
    );
  }
  return ok(matches[0]);
}

/** How an entry is named in sentences: its name, else the part the provider shows, with its ref. */
const entryWords = (entry: InventoryEntryView) =>
  entry.name
    ? `"${entry.name}" (${entry.ref.slice(0, 16)})`
    : entry.shown
      ? `${entry.shown}… (${entry.ref.slice(0, 16)})`
      : entry.ref.slice(0, 16);

/** After an accepted request: only the provider's own list confirms it (gone from it, or listed revoked). */
async function confirmRevoked(
  ip: InventoryParts,
  group: Group,
  revoker: TokenRecord,
  entry: InventoryEntryView,
): Promise<InventoryRevokeResult> {
  const { store, now } = ip.parts;
  const name = providerNames[group.provider];
  const what = entryWords(entry);
  const after = await listWith(ip, group, revoker);
  const still = 'problem' in after ? undefined : after.listing.entries.find((e) => e.ref === entry.ref);
  const gone = !('problem' in after) && (!still || still.state !== 'active');
  const account = group.account ? `${group.account}'s account` : 'the account';
  if (!gone)
    return {
      state: 'pending',
      message: `${name} accepted the request, but still lists ${what} as active; check the inventory again.`,
      needsOtp: false,
    };
  const cached = group.provider === 'npm' ? " npm's cache may still accept it for up to an hour after the delete." : '';
  recordAudit(store, {
    event: 'revoked',
    tokenId: revoker.id,
    label: revoker.label,
    detail: `A ${name} token of ${account} that Lapse does not hold, ${what}, revoked with this token; ${name} ${still ? 'now lists it as revoked' : 'no longer lists it'}.${cached}`,
    at: now(),
  });
  return {
    state: 'revoked',
    message: `Revoked: ${name} ${still ? 'now lists' : 'no longer lists'} ${what}${still ? ' as revoked' : ''}.${cached}`,
    needsOtp: false,
  };
}

/** Ask the provider to revoke the entry with the listing token, then the account's others: revoking may need more than listing (GitLab's api scope). */
async function revokeAtProvider(
  ip: InventoryParts,
  group: Group,
  listed: Listed,
  entry: InventoryEntryView,
  otp: string | undefined,
): Promise<InventoryRevokeResult> {
  const { parts, session } = ip;
  const name = providerNames[group.provider];
  const what = entryWords(entry);
  const revokers = [listed.lister, ...group.members.filter((m) => m.id !== listed.lister.id).sort(byListerOrder)];
  const refused: string[] = [];
  for (const revoker of revokers) {
    const secret =
      revoker.id === listed.lister.id ? listed.secret : await parts.keychain.get(revoker.id).catch(() => null);
    if (secret === null) continue;
    rememberSecret(secret);
    let said;
    try {
      said = await session.ask(
        revoker,
        () => group.inventory.revoke({ ...session.contextFor(revoker, secret), ...(otp ? { otp } : {}) }, entry.ref),
        null,
        secret,
      );
    } catch (error) {
      if (!(error instanceof TransientFault)) throw error;
      return {
        state: 'pending',
        message: redact(
          `${name} gave no usable answer (${faultClause(error.message)}); ${what} may still be live. Try again later.`,
        ),
        needsOtp: false,
      };
    }
    if (said.outcome === 'needs-otp') return { state: 'pending', message: said.message, needsOtp: true };
    if (said.outcome === 'refused') {
      refused.push(`with "${revoker.label}": ${faultClause(said.message)}`);
      continue;
    }
    return confirmRevoked(ip, group, revoker, entry);
  }
  return {
    state: 'pending',
    message: redact(
      `${name} would not revoke ${what} ${refused.join('; ') || 'with any token Lapse holds of the account'}. Revoke it in ${name}'s token settings.`,
    ),
    needsOtp: false,
  };
}

/** Revoke a token the account has but Lapse does not hold, then list again to confirm it. */
export function revokeInventoryTokenCall(ip: InventoryParts): InventoryApi['revokeInventoryToken'] {
  return ({ group: key, ref, otp }) =>
    guarded(async (): Promise<Result<InventoryRevokeResult>> => {
      const group = (await groupsOf(ip, {})).find((g) => g.key === key);
      if (!group)
        return fail(
          'not-found',
          'Lapse holds no live token of that account any more, so it cannot list or revoke its tokens. List the inventory again.',
        );
      const policy = effectivePolicy((await ip.parts.store.read()).policy);
      const listed = await listWith(ip, group);
      if ('problem' in listed) return fail('invalid-input', listed.problem);
      const picked = pickEntry(await accountView(ip, group, listed, policy), ref);
      if (!picked.ok) return picked;
      const entry = picked.value;
      const name = providerNames[group.provider];
      if (entry.inLapse)
        return fail(
          'invalid-input',
          `That is "${entry.inLapse.label}", which Lapse holds: revoke it from its own entry (\`lapse revoke ${entry.inLapse.id}\`, or Revoke in its panel).`,
        );
      if (entry.state !== 'active')
        return ok({
          state: 'revoked',
          message: `${name} already lists ${entryWords(entry)} as ${entry.state}.`,
          needsOtp: false,
        });
      return ok(await revokeAtProvider(ip, group, listed, entry, otp));
    });
}
