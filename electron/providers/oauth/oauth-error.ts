import type { ProviderAnswer } from '../provider-http.js';

/** The RFC 6749 §5.2 `error` code of an answer, when it is a plain code; never free text from the server. */
export function oauthErrorCode(answer: ProviderAnswer): string | null {
  const body = answer.json();
  const code = body && typeof body === 'object' ? (body as Record<string, unknown>)['error'] : undefined;
  return typeof code === 'string' && /^[A-Za-z0-9_.-]{1,60}$/.test(code) ? code : null;
}

/** A JSON object body, or null. */
export function jsonObjectOf(answer: ProviderAnswer): Record<string, unknown> | null {
  const body = answer.json();
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
}
