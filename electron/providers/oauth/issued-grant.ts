import { secretProblem } from '../../../shared/secret-rules.js';
import { rememberSecret } from '../../redact.js';
import type { ProviderAnswer } from '../provider-http.js';
import { jsonObjectOf } from './oauth-error.js';
import { scopesFrom } from './token-facts.js';

/** What a token endpoint issued for a new grant (RFC 6749 §5.1). Persisted by the caller before anything else. */
export interface IssuedGrant {
  accessToken: string;
  refreshToken: string | null;
  /** Seconds; null when the issuer did not say. */
  expiresIn: number | null;
  /** RFC 6749 §5.1: `scope` is omitted when it equals what was asked; null then. */
  scope: string[] | null;
}

/** The grant in a 200 answer, or null when it holds no usable access token. The secrets are remembered for redaction. */
export function issuedGrantOf(answer: ProviderAnswer): IssuedGrant | null {
  const body = jsonObjectOf(answer);
  const access = body?.['access_token'];
  const refresh = body?.['refresh_token'];
  if (typeof access !== 'string' || secretProblem(access)) return null;
  if (refresh !== undefined && (typeof refresh !== 'string' || secretProblem(refresh))) return null;
  rememberSecret(access);
  if (typeof refresh === 'string') rememberSecret(refresh);
  // A number by RFC 6749 §5.1, but some servers send a string ("3600").
  const raw = body?.['expires_in'];
  const seconds = typeof raw === 'string' && /^\d{1,10}$/.test(raw.trim()) ? Number(raw.trim()) : raw;
  return {
    accessToken: access,
    refreshToken: typeof refresh === 'string' ? refresh : null,
    expiresIn: typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : null,
    scope: scopesFrom(body?.['scope']),
  };
}
