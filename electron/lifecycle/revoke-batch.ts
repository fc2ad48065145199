import type { RevokeResult } from '../../shared/contract/revocation-calls.js';
import type { TokenRecord } from '../../shared/model.js';
import type { Result } from '../../shared/result.js';
import { faultClause, TransientFault } from '../providers/transient-fault.js';
import { rememberSecret } from '../redact.js';
import { confirmRevocation } from './confirm-revocation.js';
import { afterFault, afterRefusal } from './revocation-answers.js';
import { auditRevocation, type RevocationParts } from './revocation-record.js';
import { revokeOneToken } from './revoke-one-token.js';

type Member = { record: TokenRecord; secret: string };

/** Tokens one batch request may carry: same provider and base URL, live, their values at hand, revocable by API. */
async function batchable(
  { parts, session }: RevocationParts,
  id: string,
): Promise<(Member & { key: string; max: number }) | null> {
  const record = (await parts.store.read()).tokens[id];
  if (!record || record.revokedAt || record.revocation?.target === 'previous') return null;
  const adapter = session.adapterOf(record);
  const baseUrl = session.baseUrlOf(record);
  if (!adapter?.revokeBatch || !baseUrl || !adapter.revokeBatch.appliesTo(baseUrl)) return null;
  const secret = await parts.keychain.get(id);
  if (secret === null || !(session.tokenType(record, secret)?.revocable ?? false)) return null;
  return { record, secret, key: `${record.provider} ${baseUrl}`, max: adapter.revokeBatch.max };
}

async function revokeBatch(rp: RevocationParts, members: Member[]): Promise<Map<string, Result<RevokeResult>>> {
  const { session } = rp;
  const { store, now } = rp.parts;
  const results = new Map<string, Result<RevokeResult>>();
  const [first] = members;
  const batch = first ? session.adapterOf(first.record)?.revokeBatch : undefined;
  if (!first || !batch) return results;
  const requestedAt = new Date(now()).toISOString();
  await store.update((vault) => {
    for (const { record } of members) {
      const current = vault.tokens[record.id];
      if (current)
        vault.tokens[record.id] = {
          ...current,
          revocation: { requestedAt, confirmedAt: null, method: 'api', target: 'this' },
        };
    }
  });
  members.forEach(({ secret }) => rememberSecret(secret));
  let said: Awaited<ReturnType<typeof batch.revoke>>;
  try {
    said = await batch.revoke(
      session.contextFor(first.record, first.secret).http,
      members.map((m) => m.secret),
    );
  } catch (error) {
    if (!(error instanceof TransientFault)) throw error;
    for (const { record } of members) results.set(record.id, await afterFault(rp, record, error));
    return results;
  }
  for (const { record } of members) {
    if (said.outcome === 'accepted') {
      auditRevocation(
        rp,
        record,
        `Revocation requested by API with ${members.length - 1} other token${members.length === 2 ? '' : 's'} in one request; the provider accepted it${said.note ? ` (${faultClause(said.note)})` : ''}.`,
      );
      results.set(record.id, await confirmRevocation(rp, record.id));
      continue;
    }
    results.set(record.id, await afterRefusal(rp, record, said.message));
  }
  return results;
}

/**
 * Revoke many: where a provider takes a list, one request for each batch of them (up to its
 * maximum), then a verify of each; the rest one by one. Every id gets its answer.
 */
export async function revokeMany(rp: RevocationParts, ids: string[]): Promise<Map<string, Result<RevokeResult>>> {
  const results = new Map<string, Result<RevokeResult>>();
  const groups = new Map<string, Member[][]>();
  const single: string[] = [];
  for (const id of ids) {
    const found = await batchable(rp, id);
    if (!found) {
      single.push(id);
      continue;
    }
    const chunks = groups.get(found.key) ?? [[]];
    if ((chunks.at(-1)?.length ?? 0) >= found.max) chunks.push([]);
    chunks.at(-1)?.push({ record: found.record, secret: found.secret });
    groups.set(found.key, chunks);
  }
  for (const chunks of groups.values()) {
    for (const members of chunks) {
      // One alone is one request either way: the single path says it in its own words.
      if (members.length === 1 && members[0]) single.push(members[0].record.id);
      else for (const [id, answer] of await revokeBatch(rp, members)) results.set(id, answer);
    }
  }
  for (const id of single) results.set(id, await revokeOneToken(rp, id));
  return results;
}
