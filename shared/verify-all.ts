import type { VerifyApi, VerifyResult } from './contract/verify-calls.js';
import type { TokenView } from './model.js';
// providers.js, not model.js: the window uses verifyAll, and model.js would bring zod into its bundle.
import { providerNames } from './providers.js';
import type { LapseError, Result } from './result.js';

/** One token of a verify-all: its answer, its failure (e.g. keychain locked), or why it was skipped. */
export type VerifyAllEntry =
  | { token: TokenView; kind: 'verified'; result: VerifyResult }
  | { token: TokenView; kind: 'failed'; error: LapseError }
  | { token: TokenView; kind: 'skipped'; reason: string };

export interface VerifyAllOptions {
  /** Most tokens asking their providers at once, over all providers; each provider's own limit applies too. */
  concurrency: number;
  /** Called as each token settles, with how many of the verifiable tokens are done. */
  onSettled?: (entry: VerifyAllEntry, done: number, total: number) => void;
}

/**
 * Verify many tokens. Every verifiable token is handed to the service at once with the overall
 * limit: the service starts each as its provider's limit, rate-limit windows and that limit allow,
 * so a provider that asked to slow down never holds slots the others could use, and recording
 * answers never holds a slot. Used by `lapse verify --all`, the window's Verify-all and the benchmark.
 */
export async function verifyAll(
  api: VerifyApi,
  tokens: readonly TokenView[],
  options: VerifyAllOptions,
): Promise<Result<VerifyAllEntry[]>> {
  const support = await api.getVerifySupport({});
  if (!support.ok) return support;
  const verifiable = new Set(support.value.providers.map((p) => p.provider));
  const entries: VerifyAllEntry[] = [];
  const queue: TokenView[] = [];
  for (const token of tokens) {
    if (token.revokedAt) entries.push({ token, kind: 'skipped', reason: 'revoked: kept as history' });
    else if (!verifiable.has(token.provider))
      entries.push({
        token,
        kind: 'skipped',
        reason: `Lapse cannot verify ${providerNames[token.provider]} tokens yet`,
      });
    else queue.push(token);
  }
  const concurrency = Math.min(64, Math.max(1, Math.floor(options.concurrency)));
  let done = 0;
  await Promise.all(
    queue.map(async (token) => {
      const result = await api.verifyToken({ id: token.id, concurrency });
      const entry: VerifyAllEntry = result.ok
        ? { token, kind: 'verified', result: result.value }
        : { token, kind: 'failed', error: result.error };
      entries.push(entry);
      options.onSettled?.(entry, ++done, queue.length);
    }),
  );
  return { ok: true, value: entries };
}
