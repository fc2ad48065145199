import path from 'node:path';
import type { LapseApi } from '../../shared/api.js';
import type { RotationApi, RotationGuide, RotationResult } from '../../shared/contract/rotation-calls.js';
import { severityOf } from '../../shared/lifecycle.js';
import type { Finding, TokenRecord } from '../../shared/model.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { secretProblem } from '../../shared/secret-rules.js';
import { guarded } from '../guarded.js';
import { companionAccount } from '../providers/oauth/companion-slots.js';
import { redact, rememberSecret } from '../redact.js';
import type { ServiceParts } from '../service-parts.js';
import { providerSession, type ProviderCallOptions, type ProviderSession } from './provider-session.js';
import { advanceJournal, beginJournal, stopPointFor, unfinishedJournals } from './rotation-journal.js';
import { inPlaceKind, rotationRunner, slotOf, type RunEnd } from './rotation-run.js';
import { viewToken } from './token-view.js';

const notFound = (id: string) => fail('not-found', `No token with id ${id}. List tokens to see the ids.`);
const homeOf = (parts: ServiceParts) => path.dirname(parts.store.path);

function guideFor(record: TokenRecord, session: ProviderSession): RotationGuide {
  const createLink = session.createLink(record);
  const manageLink = session.manageLink(record);
  const scopes = record.grantedScopes ?? record.scopes;
  return {
    createLink,
    manageLink,
    scopes,
    steps: [
      `Create a replacement ${createLink ? `at ${createLink}` : "in the provider's settings"}${record.account ? `, signed in as ${record.account}` : ''}.`,
      scopes.length ? `Give it the same scopes: ${scopes.join(', ')} (no more).` : 'Give it only the access its purpose needs.',
      'Paste the new value into Lapse: it verifies it, stores it, and only then revokes the old one.',
    ],
  };
}

// Scopes beyond what the old value held are worth a warning even when the purpose allows them.
function widened(before: string[] | null, after: string[] | null): Finding[] {
  if (!before || !after) return [];
  const extra = after.filter((s) => !before.includes(s));
  if (!extra.length) return [];
  return [{ code: 'scope-widened', severity: severityOf['scope-widened'], message: `The new token holds ${extra.join(', ')}, which the old one did not: narrow it unless its purpose needs more.`, action: 'narrow-scopes' }];
}

/** Resume every unfinished rotation journal (crash safety); call once when a service starts. Never throws. */
export async function resumeRotations(parts: ServiceParts, options: ProviderCallOptions = {}): Promise<void> {
  const runner = rotationRunner(parts, providerSession(parts, options));
  for (const journal of unfinishedJournals(homeOf(parts))) {
    try {
      await runner.run(journal, false);
    } catch {
      // A keychain or store that cannot answer now: the journal stays, and the next start tries again.
    }
  }
}

/** Every call waits for `resumed` first, so nothing reads a token mid-recovery. */
export function afterResume(api: LapseApi, resumed: Promise<void>): LapseApi {
  return Object.fromEntries(
    Object.entries(api).map(([name, call]) => [name, async (arg: unknown) => (await resumed, (call as (a: unknown) => unknown)(arg))]),
  ) as unknown as LapseApi;
}

/** Rotation: automatic where the provider rotates in place, guided elsewhere; journalled either way. */
export function rotationCalls(parts: ServiceParts, options: ProviderCallOptions = {}): RotationApi {
  const { keychain, store, now } = parts;
  const session = providerSession(parts, options);
  const runner = rotationRunner(parts, session);

  async function resultOf(id: string, kind: RotationResult['kind'], end: RunEnd, warnings: Finding[] = []): Promise<Result<RotationResult>> {
    const vault = await store.read();
    const record = vault.tokens[id];
    if (!record) return notFound(id);
    if (end.end === 'abandoned' || end.end === 'stalled') return fail('invalid-input', redact(end.message));
    const state = end.end === 'finished' ? 'finished' : end.end;
    return ok({ token: viewToken(record, now(), vault.policy), state, kind, message: redact(end.end === 'finished' ? `Rotated: ${record.masked} is current and the old value is confirmed dead.` : end.message), warnings, guide: null });
  }

  async function busy(id: string): Promise<Result<never> | null> {
    return unfinishedJournals(homeOf(parts), id).length ? fail('invalid-input', 'A rotation of this token is still unfinished; Lapse resumes it when it starts. Try again once it is done.') : null;
  }

  return {
    rotateToken: ({ id, expiresAt }) =>
      guarded(async () => {
        const vault = await store.read();
        const record = vault.tokens[id];
        if (!record) return notFound(id);
        if (record.revokedAt) return fail('invalid-input', 'This token is revoked; add a new one instead of rotating it.');
        const inFlight = await busy(id);
        if (inFlight) return inFlight;
        const hasRefresh = record.provider === 'oauth2' && (await keychain.get(companionAccount(id, 'refresh'))) !== null;
        const kind = inPlaceKind(record, hasRefresh);
        if (!kind) {
          return ok({ token: viewToken(record, now(), vault.policy), state: 'guided', kind: 'guided', message: 'Its provider has no rotation API: create the replacement, then give it to Lapse.', warnings: [], guide: guideFor(record, session) });
        }
        if (expiresAt && kind !== 'gitlab-self-rotate') return fail('invalid-input', 'Only a GitLab rotation takes an expiry date; an OAuth issuer decides its own.');
        const journal = beginJournal(homeOf(parts), id, kind, expiresAt ?? null, now());
        await stopPointFor('intent');
        return resultOf(id, 'automatic', await runner.run(journal, true));
      }),

    startGuidedRotation: ({ id }) =>
      guarded(async () => {
        const record = (await store.read()).tokens[id];
        if (!record) return notFound(id);
        return ok(guideFor(record, session));
      }),

    completeGuidedRotation: ({ id, secret }) =>
      guarded(async () => {
        const problem = secretProblem(secret);
        if (problem) return fail('invalid-input', `The new token ${problem}.`);
        rememberSecret(secret);
        const record = (await store.read()).tokens[id];
        if (!record) return notFound(id);
        if (record.revokedAt) return fail('invalid-input', 'This token is revoked; add the new one as a new token.');
        const inFlight = await busy(id);
        if (inFlight) return inFlight;
        if ((await keychain.get(id)) === secret) return fail('invalid-input', 'That is the value Lapse already holds: create a new token.');
        const before = record.grantedScopes;
        let journal = beginJournal(homeOf(parts), id, 'guided', null, now());
        await stopPointFor('intent');
        // The new value exists: into the keychain at once, then the journal says so.
        await keychain.set(slotOf.pending(id), secret);
        journal = advanceJournal(homeOf(parts), journal, 'pending-stored', now());
        await stopPointFor('pending-stored');
        const end = await runner.run(journal, true);
        const after = (await store.read()).tokens[id];
        return resultOf(id, 'guided', end, widened(before, after?.grantedScopes ?? null));
      }),
  };
}
