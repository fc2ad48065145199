import type { TokenRecord } from '../../shared/model.js';
import { pendingSlotsOf } from '../vault/token-slots.js';
import type { RotationContext, RunEnd } from './rotation-context.js';
import type { RotationJournal } from './rotation-journal.js';
import { endText } from './rotation-text.js';

/** Nothing changed: the new value (if any) leaves the keychain and the journal ends `abandoned`. */
export async function abandon(ctx: RotationContext, j: RotationJournal, message: string): Promise<RunEnd> {
  for (const account of pendingSlotsOf(j.tokenId)) await ctx.parts.keychain.delete(account);
  await ctx.step(j, 'finished', 'abandoned');
  return { end: 'abandoned', message };
}

/** The rotation happened but its answer (the only copy of the new value) was lost: end that value where Lapse can, and say what is left. */
async function sweepLost(ctx: RotationContext, j: RotationJournal, r: TokenRecord): Promise<string | null> {
  const rotation = ctx.rotationOf(j, r);
  if (!rotation?.sweepLost) return null;
  const swept = await rotation.sweepLost({ parts: ctx.parts, session: ctx.session }, r, {
    startedAt: ctx.startedAt(j),
    expiresAt: j.expiresAt,
  });
  if (swept.audit) ctx.audit(r, 'revoked', swept.audit);
  return swept.sentence;
}

/** The value Lapse holds no longer works and the new one is lost or unusable: the token needs authorizing again. */
export async function markReauthorize(
  ctx: RotationContext,
  j: RotationJournal,
  r: TokenRecord,
  reason: string,
): Promise<RunEnd> {
  // Still at intent: the provider rotated, and nothing of its answer was kept (docs/SECURITY.md, 'Rotation survives a crash').
  const swept = j.step === 'intent' ? await sweepLost(ctx, j, r) : null;
  const message = swept ? `${reason} ${swept}` : reason;
  const shown = message.length <= 500 ? message : endText.reauthorizeShort(reason).slice(0, 500);
  const at = new Date(ctx.parts.now()).toISOString();
  await ctx.parts.store.update((vault) => {
    const current = vault.tokens[r.id];
    if (current)
      vault.tokens[r.id] = {
        ...current,
        lastVerifiedAt: at,
        verification: {
          outcome: 'rejected',
          at,
          message: shown,
          reason: 'revoked',
          dead: false,
          retryAt: null,
          notes: [],
          jwtCheck: null,
        },
      };
  });
  ctx.audit(r, 'rotated', message);
  await ctx.step(j, 'finished', 'reauthorize');
  return { end: 'reauthorize', message };
}
