import type { TokenRecord } from '../../shared/model.js';
import type { InventoryListing } from '../providers/provider.js';
import { faultClause, TransientFault } from '../providers/transient-fault.js';
import { redact, rememberSecret } from '../redact.js';
import { byListerOrder, type Group, type InventoryParts } from './inventory-groups.js';

/** A listing as one of the account's tokens read it. */
export interface Listed {
  lister: TokenRecord;
  secret: string;
  listing: Extract<InventoryListing, { kind: 'listed' }>;
}

/** The account's tokens, read with the first of its tokens that may list them. */
export async function listWith(
  { parts, session }: InventoryParts,
  group: Group,
  preferred?: TokenRecord,
): Promise<Listed | { problem: string }> {
  const tried: string[] = [];
  const candidates = preferred ? [preferred] : [...group.members].sort(byListerOrder);
  for (const lister of candidates) {
    const secret = await parts.keychain.get(lister.id).catch(() => null);
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
