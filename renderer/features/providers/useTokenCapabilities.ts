import { useState } from 'react';
import type { TokenCapabilities } from '../../../shared/api.js';
import type { TokenView } from '../../../shared/model.js';
import { lapseApi } from '../../api/lapse-api.js';
import { useVaultChanges } from '../../lib/vaultChanges.js';
import { useAnswerEffect } from '../../lib/useAnswerEffect.js';

/**
 * What the service says this token can do at its provider (verify, revoke, rotate, companion
 * secrets): the window's buttons and sections follow it, not a list of providers of its own.
 * Read again when the token changes (a verify, a rotation, new companion secrets).
 */
export function useTokenCapabilities(token: TokenView): TokenCapabilities | null {
  const [capabilities, setCapabilities] = useState<TokenCapabilities | null>(null);
  const [asked, setAsked] = useState(0);
  useVaultChanges(() => setAsked((n) => n + 1));
  const { id, fingerprint, revokedAt } = token;

  useAnswerEffect(
    () => lapseApi.getTokenCapabilities({ id }),
    [id, fingerprint, revokedAt, asked],
    (answer) => setCapabilities(answer.ok ? answer.value : null),
  );

  return capabilities?.id === id ? capabilities : null;
}
