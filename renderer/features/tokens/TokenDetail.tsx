import { useEffect, useId, useRef } from 'react';
import type { PendingRotation } from '../../../shared/api.js';
import type { TokenView } from '../../../shared/model.js';
import { kindSubtitle } from '../../../shared/token-words.js';
import { PendingRotationCard } from '../lifecycle/PendingRotationCard.js';
import { RestoreSecretForm } from '../secrets/RestoreSecretForm.js';
import { HistorySection } from '../lifecycle/HistorySection.js';
import { LifecycleActions } from '../lifecycle/LifecycleActions.js';
import { OAuthClientSection } from '../oauth/OAuthClientSection.js';
import { useTokenCapabilities } from '../providers/useTokenCapabilities.js';
import { SecretActions } from '../secrets/SecretActions.js';
import { ProviderSection } from '../verify/ProviderSection.js';
import { exactDate } from './dates.js';
import { ExpiryText } from './ExpiryText.js';
import { FindingList } from './FindingList.js';
import { StatusBadge } from './StatusBadge.js';
import { TokenFacts } from './TokenFacts.js';

interface TokenDetailProps {
  token: TokenView;
  /** A rotation of this token left half-way, if any. */
  pendingRotation: PendingRotation | null;
  keychainProblem: string | null;
  /** Move focus to the panel when it opens (it was opened from the keyboard or a click). */
  takeFocus: boolean;
  onEdit(): void;
  onDelete(): void;
  onClose(): void;
}

/** One token: status and countdown, its value behind Reveal/Copy, findings, all metadata. */
export function TokenDetail({
  token,
  pendingRotation,
  keychainProblem,
  takeFocus,
  onEdit,
  onDelete,
  onClose,
}: TokenDetailProps) {
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const revoked = token.revokedAt !== null;
  const capabilities = useTokenCapabilities(token);

  useEffect(() => {
    if (takeFocus) headingRef.current?.focus();
  }, [takeFocus]);

  return (
    <article className="detail" aria-labelledby={`${id}-title`}>
      <header className="detail-header">
        <div>
          <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
            {token.label}
          </h2>
          <p className="detail-sub">
            {[...kindSubtitle(token.provider, token.kind), ...(token.account ? [token.account] : [])].join(' · ')}
          </p>
        </div>
        <button type="button" className="quiet" onClick={onClose} aria-label="Close details">
          ✕
        </button>
      </header>
      <p className="detail-status">
        <StatusBadge status={token.status} />
        <ExpiryText expiresAt={token.expiresAt} unknown={token.expiryUnknown} />
        {token.expiresAt && <span className="muted">({exactDate(token.expiresAt)})</span>}
      </p>
      {token.secretMissingSince && !revoked ? (
        <RestoreSecretForm token={token} keychainProblem={keychainProblem} onDelete={onDelete} />
      ) : (
        <SecretActions token={token} keychainProblem={keychainProblem} />
      )}
      {pendingRotation && (
        <PendingRotationCard token={token} rotation={pendingRotation} keychainProblem={keychainProblem} />
      )}
      {/* A revoked token is history: only Forget (below) and its History act on it. */}
      {!revoked && (
        <div className="detail-buttons">
          <button type="button" onClick={onEdit}>
            Edit
          </button>
          <button type="button" className="danger" onClick={onDelete}>
            Delete…
          </button>
        </div>
      )}
      <LifecycleActions
        token={token}
        capabilities={capabilities}
        keychainProblem={keychainProblem}
        onForgotten={onClose}
      />
      {keychainProblem && (
        <p className="hint" id={`${id}-waits`}>
          Reveal, Copy, Rotate and Revoke need the OS keychain; see the message at the top.
        </p>
      )}
      <section aria-labelledby={`${id}-findings`}>
        <h3 id={`${id}-findings`}>Findings</h3>
        <FindingList findings={token.findings} onSetExpiry={onEdit} />
      </section>
      <ProviderSection token={token} capabilities={capabilities} keychainProblem={keychainProblem} />
      <OAuthClientSection token={token} capabilities={capabilities} />
      <section aria-labelledby={`${id}-details`}>
        <h3 id={`${id}-details`}>Details</h3>
        <TokenFacts token={token} />
      </section>
      <HistorySection tokenId={token.id} />
    </article>
  );
}
