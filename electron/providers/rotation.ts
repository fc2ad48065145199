import type { TokenRecord } from '../../shared/model.js';
import type { Policy } from '../../shared/policy.js';
import type { ProviderSession } from './provider-session.js';
import type { ServiceParts } from '../service-parts.js';
import type { CompanionSlot, VerifyContext } from './provider.js';

/** The new values an in-place rotation issued; the old ones are already dead or spent. */
export interface Issued {
  secret: string;
  refreshToken: string | null;
}

/** The provider refused before rotating anything: the old token is untouched. */
export class RotationRefused extends Error {}

/** What the person sees before confirming a rotation. */
export interface RotationPlanWords {
  summary: string;
  /** YYYY-MM-DD the rotation asks the provider for, or null where the provider decides. */
  expiresAt: string | null;
  expiryNote: string | null;
  takesExpiry: boolean;
  warnings: string[];
}

/** A rotation whose answer was lost: when it was sent, and the expiry it asked for. */
export interface LostRotation {
  startedAt: number;
  expiresAt: string | null;
}

/** What cleaning up after a lost rotation came to: one sentence for the person, and a line for the audit log when something was revoked. */
export interface LostSweep {
  sentence: string;
  audit: string | null;
}

/** What an adapter may use of the service to clean up after a lost rotation (sibling tokens, their HTTP, the keychain). */
export interface RotationHelp {
  parts: ServiceParts;
  session: ProviderSession;
}

/**
 * One way a provider rotates a token in place, owned by its adapter. The engine (journal, keychain
 * slots, promotion, crash recovery) is the same for all; this says what the provider call is and
 * what its answers mean.
 */
export interface RotationCapability {
  /** Its name in rotation journals on disk: never rename one (an unfinished journal names it). */
  kind: string;
  /** A few words for the person: "GitLab self-rotate". */
  method: string;
  /** Whether this token rotates this way now (its kind of token, the companion secrets it needs). */
  appliesTo(record: TokenRecord, secret: string, has: (slot: CompanionSlot) => Promise<boolean>): Promise<boolean>;
  plan(record: TokenRecord, policy: Policy, now: number): RotationPlanWords;
  /**
   * Refuse, without asking, a value a verify already found dead: presenting it would be a reuse
   * (GitLab revokes the whole token family when a revoked token is rotated).
   */
  refusesKnownDead?: boolean;
  /** The one call that rotates. Never retried; a TransientFault means its outcome is unknown. */
  rotate(ctx: VerifyContext, expiresAt: string | null): Promise<Issued>;
  /**
   * After a crash mid-call with nothing saved: did the rotation happen? `oldVerdict` checks the
   * value that was current ('rejected' only for a dead verdict). May rotate now and return the new
   * values (Slack, whose refresh token is the only way to tell).
   */
  rotatedWhileAway(ctx: VerifyContext, oldVerdict: () => Promise<'valid' | 'rejected'>): Promise<boolean | Issued>;
  /** Why the token needs authorizing again when the rotation happened but its answer was lost. */
  lostMessage(id: string): string;
  /** End the value the lost answer carried where the provider allows, or say what is left. Never throws on a provider fault. */
  sweepLost?(help: RotationHelp, record: TokenRecord, lost: LostRotation): Promise<LostSweep>;
  /**
   * How the replaced value ends. `revoke`: asked, then confirmed dead. `expire`: it shares the new
   * value's grant (OAuth) or bot user (Slack), so revoking it would end the new one too; it is left
   * to its expiry, which `expiryBound` gives when its provider said nothing. `check`: never revoked
   * by Lapse for the same reason, and with no expiry of its own: confirmed dead only when its
   * provider says so.
   */
  retireOld: 'revoke' | 'expire' | 'check';
  /** When the replaced value dies: from the value itself, the expiry its provider reported (`known`), or the latest it can live. */
  expiryBound?(previous: string, startedAt: number, known: string | null): string | null;
  /** The words for an old value left to expire. */
  leftToExpire?(expiresAt: string | null): string;
}
