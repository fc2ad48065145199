import { useEffect, useState } from 'react';
import type { TokenCapabilities } from '../../../shared/api.js';
import type { TokenView } from '../../../shared/model.js';
import { lapseApi } from '../../api/lapse-api.js';
import { useVaultChanges } from '../../lib/vaultChanges.js';

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

  useEffect(() => {
    let live = true;
    void lapseApi.getTokenCapabilities({ id }).then((answer) => {
      if (live) setCapabilities(answer.ok ? answer.value : null);
    });
    return () => {
      live = false;
    };
  }, [id, fingerprint, revokedAt, asked]);

  return capabilities?.id === id ? capabilities : null;
}
