import { useId } from 'react';
import type { TokenCapabilities } from '../../../shared/api.js';
import type { TokenView } from '../../../shared/model.js';
import { providerNames } from '../../../shared/providers.js';
import { ProviderFacts } from './ProviderFacts.js';
import { useVerifySupport } from './useVerifySupport.js';
import { useVerifyToken } from './useVerifyToken.js';
import { VerifyOutcome } from './VerifyOutcome.js';

interface ProviderSectionProps {
  token: TokenView;
  /** What the service says the token's provider can do with it; null while it is being asked. */
  capabilities: TokenCapabilities | null;
  /** Why the keychain can't be reached: Verify reads the token's value from it. */
  keychainProblem: string | null;
}

/** Why Verify can't run for this token, or null when it can. */
function verifyBlockedBy(
  token: TokenView,
  supported: boolean | null,
  capabilities: TokenCapabilities | null,
  keychainProblem: string | null,
): string | null {
  const name = providerNames[token.provider];
  if (token.revokedAt) return 'Revoked: Lapse keeps it as history and does not verify it.';
  if (supported === false) return `Lapse cannot verify ${name} tokens yet; check this one at ${name} by hand.`;
  if (capabilities && !capabilities.verifiable) {
    return `${name} answers for ${capabilities.tokenType ? `a ${capabilities.tokenType}` : 'this kind of token'} only where it is used, so no answer Lapse could get would show it live or dead.`;
  }
  if (keychainProblem) return 'Verify reads the value from the OS keychain; see the message at the top.';
  return null;
}

/** The detail panel's Provider section: Verify, what it found, and the provider's facts about the token. */
export function ProviderSection({ token, capabilities, keychainProblem }: ProviderSectionProps) {
  const id = useId();
  const support = useVerifySupport();
  const { state, verify } = useVerifyToken(token.id);
  const blockedBy = verifyBlockedBy(token, support ? support.has(token.provider) : null, capabilities, keychainProblem);
  const busy = state.phase === 'busy';
  return (
    <section className="provider-section" aria-labelledby={`${id}-title`}>
      <div className="provider-head">
        <h3 id={`${id}-title`}>Provider</h3>
        {/* aria-disabled while busy: a disabled button would drop keyboard focus mid-check. */}
        <button
          type="button"
          onClick={() => !busy && void verify()}
          disabled={blockedBy !== null}
          aria-disabled={busy || undefined}
          aria-describedby={blockedBy ? `${id}-blocked` : undefined}
        >
          {busy ? 'Verifying…' : 'Verify'}
        </button>
      </div>
      {blockedBy && (
        <p className="hint" id={`${id}-blocked`}>
          {blockedBy}
        </p>
      )}
      <VerifyOutcome state={state} />
      <ProviderFacts
        token={token}
        checksSignature={capabilities?.checksSignature ?? false}
        answerShown={state.phase === 'done' || busy}
      />
    </section>
  );
}
