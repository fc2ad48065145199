import path from 'node:path';
import type { LapseApi } from '../../shared/api.js';
import type { RotationApi, RotationGuide, RotationPlan, RotationResult } from '../../shared/contract/rotation-calls.js';
import { effectivePolicy, type PolicyOverride } from '../../shared/policy.js';
import { refreshRefusal } from '../../shared/refresh-window.js';
import type { RotationCapability } from '../providers/rotation.js';
import { scopeWidenedFindings } from '../../shared/lifecycle.js';
import type { Finding, TokenRecord } from '../../shared/model.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { secretProblem } from '../../shared/secret-rules.js';
import { guarded } from '../guarded.js';
import { redact, rememberSecret } from '../redact.js';
import { sweepInterruptedAdds } from '../vault/add-intents.js';
import type { ServiceParts } from '../service-parts.js';
import { byHandHint, tokensOf } from './confirm-hints.js';
import { sessionFor, type ProviderCallOptions, type ProviderSession } from '../providers/provider-session.js';
import { detectToken, maskSecret } from '../../shared/formats.js';
import { recordAudit } from '../audit/audit-log.js';
import { holdJournal } from './journal-lock.js';
import {
  advanceJournal,
  beginJournal,
  stopPointFor,
  unfinishedJournals,
  type RotationJournal,
} from './rotation-journal.js';
import { rotationRunner, slotOf, type RunEnd } from './rotation-run.js';
import { endText } from './rotation-text.js';
import { pendingSlotsOf } from '../vault/token-slots.js';
import { viewToken } from '../vault/token-view.js';
import { tokenNotFound } from '../not-found.js';

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
      scopes.length
        ? `Give it the same scopes: ${scopes.join(', ')} (no more).`
        : 'Give it only the access its purpose needs.',
      session.adapterOf(record)
        ? 'Paste the new value into Lapse: it verifies it, stores it, and only then revokes the old one.'
        : `Check the new value works, then paste it into Lapse (it cannot verify ${tokensOf(record.provider)}); revoke the old one by hand, then ${byHandHint(record.id)}.`,
    ],
  };
}

/** How a verify's dead verdict reads after "found it". */
const deadWords: Partial<Record<string, string>> = {
  invalid: 'rejected',
  revoked: 'revoked',
  expired: 'expired',
  inactive: 'inactive',
};

/**
 * Why an automatic rotation must not be sent, known without asking: GitLab's rotate presents the
 * current value, and one it already rejects would get a 401 (and a rotated-away one makes GitLab
 * revoke the whole token family). The verdict is the provider's, however old: a verify that now
 * finds it valid replaces it. A refresh rotation presents the refresh token, not this value (an
 * expired access token is what refreshing is for), so the access token's verdict does not stop it.
 */
function knownDead(record: TokenRecord, rotation: RotationCapability): string | null {
  const v = record.verification;
  if (!rotation.refusesKnownDead || v?.outcome !== 'rejected') return null;
  const on = v.at.slice(0, 10);
  if (v.reason === 'wrong-account')
    return `This token's last verify, on ${on}, found it belongs to another account, so Lapse does not rotate it: verify it again, or correct the account it is meant for.`;
  const found = deadWords[v.reason ?? 'invalid'];
  if (!found) return null;
  return `This token no longer works at its provider: authorize again (create a new token and add it). Its last verify, on ${on}, found it ${found}; if that has changed, verify it again first.`;
}

/** A rotation that spends a refresh token (OAuth, Slack): what the refresh policy governs. */
const isRefresh = (rotation: RotationCapability) => rotation.kind.endsWith('-refresh');

/** Resume every unfinished rotation journal (crash safety); call once when a service starts. Never throws. */
export async function resumeRotations(
  parts: ServiceParts,
  options: ProviderCallOptions | ProviderSession = {},
): Promise<void> {
  // Adds cut off between the keychain and the vault first: their orphan entries go.
  await sweepInterruptedAdds(parts.store, parts.keychain);
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
    Object.entries(api).map(([name, call]) => [
      name,
      async (arg: unknown) => (await resumed, (call as (a: unknown) => unknown)(arg)),
    ]),
  ) as unknown as LapseApi;
}

/** Rotation: automatic where the provider rotates in place, guided elsewhere; journalled either way. */
export function rotationCalls(parts: ServiceParts, options: ProviderCallOptions | ProviderSession = {}): RotationApi {
  const { keychain, store, now } = parts;
  const session = sessionFor(parts, options);
  const runner = rotationRunner(parts, session);

  async function resultOf(
    id: string,
    kind: RotationResult['kind'],
    end: RunEnd,
    warnings: Finding[] = [],
  ): Promise<Result<RotationResult>> {
    const vault = await store.read();
    const record = vault.tokens[id];
    if (!record) return tokenNotFound(id);
    if (end.end === 'abandoned') return fail('invalid-input', redact(end.message));
    const state = end.end === 'finished' ? 'finished' : end.end === 'stalled' ? 'pending' : end.end;
    return ok({
      token: viewToken(record, now(), vault.policy),
      state,
      kind,
      message: redact(
        end.end === 'finished'
          ? `Rotated: ${record.masked} is current and the old value is confirmed dead.`
          : end.message,
      ),
      warnings,
      guide: null,
    });
  }

  /**
   * Carry this token's unfinished rotation (one that stalled on a fault) as far as it goes now, and
   * say where it ended; null when there is none, or it ended with nothing changed (room for a new one).
   */
  async function resumeUnfinished(id: string): Promise<Result<RotationResult> | null> {
    const [journal] = unfinishedJournals(homeOf(parts), id);
    if (!journal) return null;
    const end = await runner.run(journal, false);
    if (end.end === 'abandoned') return null;
    return resultOf(id, journal.kind === 'guided' ? 'guided' : 'automatic', {
      ...end,
      message: `Lapse carried on this token's unfinished rotation first. ${end.message}`,
    });
  }

  async function previousUnconfirmed(id: string): Promise<Result<never> | null> {
    const revocation = (await store.read()).tokens[id]?.revocation;
    // Another rotation would overwrite #previous, and Lapse would forget a value that may still be live.
    if (
      revocation?.target === 'previous' &&
      !revocation.confirmedAt &&
      (await keychain.get(slotOf.previous(id))) !== null
    ) {
      return fail(
        'invalid-input',
        'The value this token last replaced is not confirmed revoked yet. Revoke it first (where Lapse cannot verify its provider, revoke it by hand and confirm that you did), then rotate again.',
      );
    }
    return null;
  }

  /** The in-place rotation this token has now, from its provider's adapter; null: guided. */
  async function rotationOf(record: TokenRecord): Promise<RotationCapability | null> {
    return session.rotationFor(record, await keychain.get(record.id));
  }

  async function planFor(record: TokenRecord, vaultPolicy: PolicyOverride): Promise<RotationPlan> {
    const rotation = await rotationOf(record);
    if (rotation) {
      const plan = {
        kind: 'automatic' as const,
        method: rotation.method,
        ...rotation.plan(record, effectivePolicy(vaultPolicy, record.policy), now()),
      };
      const closed = isRefresh(rotation)
        ? refreshRefusal(record, effectivePolicy(vaultPolicy, record.policy), now())
        : null;
      return closed ? { ...plan, warnings: [`Refused now: ${closed}`, ...plan.warnings] } : plan;
    }
    return {
      kind: 'guided',
      method: 'by hand',
      summary:
        'Its provider has no rotation API for this token: you create the replacement, Lapse checks it, stores it and then revokes the old one.',
      expiresAt: null,
      expiryNote: null,
      takesExpiry: false,
      warnings: [],
    };
  }

  return {
    planRotation: ({ id }) =>
      guarded(async () => {
        const vault = await store.read();
        const record = vault.tokens[id];
        if (!record) return tokenNotFound(id);
        return ok(await planFor(record, vault.policy));
      }),

    rotateToken: ({ id, expiresAt }) =>
      guarded(async () => {
        const resumed = await resumeUnfinished(id);
        if (resumed) return resumed;
        const vault = await store.read();
        const record = vault.tokens[id];
        if (!record) return tokenNotFound(id);
        if (record.revokedAt)
          return fail('invalid-input', 'This token is revoked; add a new one instead of rotating it.');
        const inFlight = await previousUnconfirmed(id);
        if (inFlight) return inFlight;
        const rotation = await rotationOf(record);
        if (!rotation) {
          return ok({
            token: viewToken(record, now(), vault.policy),
            state: 'guided',
            kind: 'guided',
            message: 'Its provider has no rotation API: create the replacement, then give it to Lapse.',
            warnings: [],
            guide: guideFor(record, session),
          });
        }
        const plan = rotation.plan(record, effectivePolicy(vault.policy, record.policy), now());
        if (expiresAt && !plan.takesExpiry)
          return fail('invalid-input', `A ${rotation.method} takes no expiry date: the provider decides it.`);
        const dead = knownDead(record, rotation);
        if (dead) return fail('invalid-input', dead);
        // The refresh policy (refresh windows, recent verify for the same account): a refresh outside it is refused, with why.
        const closed = isRefresh(rotation)
          ? refreshRefusal(record, effectivePolicy(vault.policy, record.policy), now())
          : null;
        if (closed) return fail('invalid-input', `Not refreshed: ${closed}`);
        // The expiry the plan showed, unless the person chose another (GitLab: always one, or GitLab.com gives a week).
        const asked = plan.takesExpiry ? (expiresAt ?? plan.expiresAt) : null;
        const journal = beginJournal(homeOf(parts), id, rotation.kind, asked, now());
        await stopPointFor('intent');
        return resultOf(id, 'automatic', await runner.run(journal, true));
      }),

    startGuidedRotation: ({ id }) =>
      guarded(async () => {
        const record = (await store.read()).tokens[id];
        if (!record) return tokenNotFound(id);
        return ok(guideFor(record, session));
      }),

    completeGuidedRotation: ({ id, secret }) =>
      guarded(async () => {
        const problem = secretProblem(secret);
        if (problem) return fail('invalid-input', `The new token ${problem}.`);
        rememberSecret(secret);
        const record = (await store.read()).tokens[id];
        if (!record) return tokenNotFound(id);
        if (record.revokedAt) return fail('invalid-input', 'This token is revoked; add the new one as a new token.');
        // A stalled rotation first: this value is taken only if that one ended with nothing changed.
        const resumed = await resumeUnfinished(id);
        if (resumed) return resumed;
        const inFlight = await previousUnconfirmed(id);
        if (inFlight) return inFlight;
        if ((await keychain.get(id)) === secret)
          return fail('invalid-input', 'That is the value Lapse already holds: create a new token.');
        // Live at the provider already: kept before the journal, so the resume carries any crash from here to the end (docs/SECURITY.md, 'Rotation survives a crash').
        await keychain.set(slotOf.pending(id), secret);
        const detected = detectToken(secret);
        const pendingMasked = maskSecret(
          secret,
          detected && detected.provider === record.provider ? detected.prefix : '',
        );
        let journal = beginJournal(homeOf(parts), id, 'guided', null, now(), pendingMasked);
        await stopPointFor('intent');
        journal = advanceJournal(homeOf(parts), journal, 'pending-stored', now());
        await stopPointFor('pending-stored');
        const end = await runner.run(journal, true);
        const after = (await store.read()).tokens[id];
        // The rule the token's own findings use: scopes the new value holds beyond the old one's, undeclared.
        return resultOf(id, 'guided', end, after ? scopeWidenedFindings(after) : []);
      }),

    listPendingRotations: ({ id }) =>
      guarded(async () => {
        const tokens = (await store.read()).tokens;
        const rotations = unfinishedJournals(homeOf(parts), id)
          .filter((j) => tokens[j.tokenId])
          .map((j) => ({
            tokenId: j.tokenId,
            rotationId: j.rotationId,
            kind: j.kind === 'guided' ? ('guided' as const) : ('automatic' as const),
            step: j.step,
            startedAt: j.history[0]?.at ?? '',
            newMasked: j.pendingMasked,
            reason: j.stall ? redact(j.stall.message) : null,
            canDiscard: discardable(j),
          }));
        return ok({ rotations });
      }),

    discardRotation: ({ id }) =>
      guarded(async () => {
        const record = (await store.read()).tokens[id];
        if (!record) return tokenNotFound(id);
        const [journal] = unfinishedJournals(homeOf(parts), id);
        if (!journal) return fail('not-found', `"${record.label}" has no rotation in progress.`);
        if (!discardable(journal)) {
          return fail(
            'invalid-input',
            journal.kind === 'guided'
              ? 'The new value is already current: the rotation can only be carried on (rotate again).'
              : 'An automatic rotation cannot be dropped: its provider may have replaced the value already, so Lapse must find out first. Rotate again once the provider answers.',
          );
        }
        const release = holdJournal(homeOf(parts), journal.rotationId);
        if (!release) return fail('invalid-input', endText.anotherLapse);
        try {
          for (const account of pendingSlotsOf(id)) await keychain.delete(account);
          advanceJournal(homeOf(parts), journal, 'finished', now(), 'abandoned');
        } finally {
          release();
        }
        const dropped = journal.pendingMasked ? `the new value ${journal.pendingMasked}` : 'the new value';
        const message = `Rotation discarded: ${dropped} left the keychain and ${record.masked} stays current. If you created that new token at the provider, revoke it there.`;
        recordAudit(store, { event: 'rotated', tokenId: id, label: record.label, detail: message, at: now() });
        const vault = await store.read();
        const after = vault.tokens[id];
        return after ? ok({ token: viewToken(after, now(), vault.policy), message }) : tokenNotFound(id);
      }),
  };
}

/** A guided rotation whose new value is not current yet can be dropped; an automatic one cannot (the provider may have acted). */
const discardable = (j: RotationJournal) =>
  j.kind === 'guided' && ['intent', 'pending-stored', 'verified'].includes(j.step);
