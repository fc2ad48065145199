import { useState } from 'react';
import type { ProviderId } from '../../../shared/providers.js';
import { lapseApi } from '../../api/lapse-api.js';
import { useAnswerEffect } from '../../lib/useAnswerEffect.js';

/** The providers Lapse can verify; null until the service answered (or if it could not). */
export type VerifySupport = ReadonlySet<ProviderId> | null;

// The answer never changes while the service runs: ask once per window.
let asked: Promise<VerifySupport> | null = null;

const ask = (): Promise<VerifySupport> =>
  (asked ??= lapseApi.getVerifySupport({}).then((result) => {
    if (result.ok) return new Set(result.value.providers.map((p) => p.provider));
    asked = null;
    return null;
  }));

/** Which providers have a Verify: a token of any other provider gets a sentence instead of a button that can only fail. */
export function useVerifySupport(): VerifySupport {
  const [support, setSupport] = useState<VerifySupport>(null);
  useAnswerEffect(ask, [], setSupport);
  return support;
}
