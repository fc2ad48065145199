import type { VerifyOutcome } from '../provider.js';
import type { ProviderAnswer } from '../provider-http.js';
import { jsonDetail, quoted } from '../provider-answer.js';
import { CannotAskProvider } from '../oauth/cannot-ask-provider.js';
import { TransientFault } from '../transient-fault.js';

/** GitLab's own words in an error body: `error_description`, else `message`, else `error`. */
export function gitlabSaid(answer: ProviderAnswer, fallback: string): string {
  const body = jsonDetail(answer);
  return quoted(body['error_description']) ?? quoted(body['message']) ?? quoted(body['error']) ?? fallback;
}

/**
 * What a 401 from the token API says about a token GitLab would read as this kind
 * (`lib/api/api_guard.rb`, `oauth2_bearer_token_error_handler`):
 * - `invalid_token` "Token was revoked…" / "Token is expired…": dead.
 * - `invalid_token` "Token is an impersonation token but impersonation was disabled.": it works
 *   again once an administrator turns impersonation back on, so not dead.
 * - `dpop_error`: the user requires DPoP-bound requests (`check_dpop!`, feature `dpop_authentication`),
 *   which Lapse does not sign: says nothing about the token.
 * - a plain `401 Unauthorized` (`UnauthorizedError`: no such token): dead for a value GitLab reads
 *   as this kind (`knownKind`), else not dead (it may be a kind the endpoint does not read).
 */
export function unauthorized(answer: ProviderAnswer, knownKind: boolean, notOfKind: string): VerifyOutcome {
  const body = jsonDetail(answer);
  const said = gitlabSaid(answer, '401 Unauthorized');
  if (body['error'] === 'dpop_error' || /dpop/i.test(said)) {
    throw new CannotAskProvider(
      `GitLab wants DPoP-signed requests for this user (${said}), which Lapse does not send, so it cannot tell whether the token works.`,
    );
  }
  if (/impersonation/i.test(said))
    return { outcome: 'rejected', reason: 'inactive', message: `GitLab refuses it for now: ${said}`, dead: false };
  if (/revoked/i.test(said))
    return { outcome: 'rejected', reason: 'revoked', message: `GitLab rejects it: ${said}`, dead: true };
  if (/expired/i.test(said))
    return { outcome: 'rejected', reason: 'expired', message: `GitLab rejects it: ${said}`, dead: true };
  if (knownKind)
    return {
      outcome: 'rejected',
      reason: 'invalid',
      message: `GitLab rejects it (${said}): it was revoked, expired or never valid.`,
      dead: true,
    };
  return {
    outcome: 'rejected',
    reason: 'invalid',
    message: `GitLab does not accept it (${said}): it was revoked or expired, or ${notOfKind}.`,
    dead: false,
  };
}

/**
 * The 403s GitLab gives a user who may not use the API (`find_current_user!` → `forbidden!` with
 * `lib/gitlab/auth/user_access_denied_reason.rb`): a verdict about the account, not the token,
 * which works again once the account does. Null for any other 403.
 */
const accountStates: [RegExp, string][] = [
  [/pending approval/i, "its account is waiting for an administrator's approval"],
  [/Terms of Service/i, 'its user must accept the Terms of Service in a browser first'],
  [/deactivated/i, 'its account was deactivated (signing in again in a browser reactivates it)'],
  [/email address is not confirmed/i, "its user's email address is not confirmed"],
  [/password expired/i, "its user's password expired (change it in a browser)"],
  [/internal users/i, 'it belongs to an internal GitLab user'],
  [/blocked/i, 'its account is blocked'],
];

export function accountRefusal(answer: ProviderAnswer): VerifyOutcome | null {
  const said = gitlabSaid(answer, '403 Forbidden');
  const state = accountStates.find(([pattern]) => pattern.test(said));
  if (!state) return null;
  return {
    outcome: 'rejected',
    reason: 'inactive',
    message: `GitLab refuses it for now (${said}): ${state[1]}; the token itself is not revoked.`,
    dead: false,
  };
}

/** Any other 403 on the token's own record: GitLab did not say anything about the token. */
export const forbidden = (answer: ProviderAnswer): TransientFault =>
  new TransientFault(`GitLab refused to answer (403 ${gitlabSaid(answer, 'Forbidden')})`);
