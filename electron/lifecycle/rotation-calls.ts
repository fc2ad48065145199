import path from 'node:path';
import type { LapseApi } from '../../shared/api.js';
import type { RotationApi, RotationGuide, RotationResult } from '../../shared/contract/rotation-calls.js';
import { scopeWidenedFindings } from '../../shared/lifecycle.js';
import { providerNames, type Finding, type TokenRecord } from '../../shared/model.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { secretProblem } from '../../shared/secret-rules.js';
import { guarded } from '../guarded.js';
import { companionAccount } from '../providers/oauth/companion-slots.js';
import { redact, rememberSecret } from '../redact.js';
import type { ServiceParts } from '../service-parts.js';
import { sessionFor, type ProviderCallOptions, type ProviderSession } from './provider-session.js';
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
      session.adapterOf(record)
        ? 'Paste the new value into Lapse: it verifies it, stores it, and only then revokes the old one.'
        : `Check the new value works, then paste it into Lapse (it cannot verify ${providerNames[record.provider]} tokens); revoke the old one by hand and tell Lapse with \`lapse revoke ${record.id} --by-hand\`.`,
    ],
  };
}

/** Resume every unfinished rotation journal (crash safety); call once when a service starts. Never throws. */
export async function resumeRotations(parts: ServiceParts, options: ProviderCallOptions | ProviderSession = {}): Promise<void> {
  const runner = rotationRunner(parts, sessionFor(parts, options));
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
export function rotationCalls(parts: ServiceParts, options: ProviderCallOptions | ProviderSession = {}): RotationApi {
  const { keychain, store, now } = parts;
  const session = sessionFor(parts, options);
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
    if (unfinishedJournals(homeOf(parts), id).length) return fail('invalid-input', 'A rotation of this token is still unfinished; Lapse resumes it when it starts. Try again once it is done.');
    const revocation = (await store.read()).tokens[id]?.revocation;
    // Another rotation would overwrite #previous, and Lapse would forget a value that may still be live.
    if (revocation?.target === 'previous' && !revocation.confirmedAt && (await keychain.get(slotOf.previous(id))) !== null) {
      return fail('invalid-input', `The value this token last replaced is not confirmed revoked yet. Revoke it first (\`lapse revoke ${id}\`; for a provider Lapse cannot verify, revoke it by hand, then \`lapse revoke ${id} --by-hand\`), then rotate again.`);
    }
    return null;
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
        const hasRefresh = (record.provider === 'oauth2' || record.provider === 'slack') && (await keychain.get(companionAccount(id, 'refresh'))) !== null;
        const kind = inPlaceKind(record, hasRefresh);
        if (!kind) {
          return ok({ token: viewToken(record, now(), vault.policy), state: 'guided', kind: 'guided', message: 'Its provider has no rotation API: create the replacement, then give it to Lapse.', warnings: [], guide: guideFor(record, session) });
        }
        if (expiresAt && kind !== 'gitlab-self-rotate') return fail('invalid-input', 'Only a GitLab rotation takes an expiry date; an OAuth issuer or Slack decides its own.');
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
        // Live at the provider already: kept before the journal, so the resume carries any crash from here to the end (SECURITY.md 18).
        await keychain.set(slotOf.pending(id), secret);
        let journal = beginJournal(homeOf(parts), id, 'guided', null, now());
        await stopPointFor('intent');
        journal = advanceJournal(homeOf(parts), journal, 'pending-stored', now());
        await stopPointFor('pending-stored');
        const end = await runner.run(journal, true);
        const after = (await store.read()).tokens[id];
        // The rule the token's own findings use: scopes the new value holds beyond the old one's, undeclared.
        return resultOf(id, 'guided', end, after ? scopeWidenedFindings(after) : []);
      }),
  };
}
