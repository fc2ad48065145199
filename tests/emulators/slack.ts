// Slack's Web API as shared/docs/providers.md §3 documents it: auth.test answers HTTP 200 with
// `ok:true` (team, user…) or `ok:false` and an error code; 429 with Retry-After when rate-limited.
import { bearerOf, startHttpEmulator, type EmulatedRequest, type EmulatedResponse, type HttpEmulator } from './http-emulator.js';

export interface SlackToken {
  user: string;
  team: string;
  userId?: string;
  teamId?: string;
  /** Sent as x-oauth-scopes (comma-separated); null sends none. */
  scopes?: string[] | null;
  /** Rotating tokens expire (auth.test then reports `expires_in`); others never do. */
  expiresAt?: string;
  botId?: string;
  revoked?: boolean;
  /** The user or workspace was deactivated. */
  inactive?: boolean;
}

export interface SlackEmulator extends HttpEmulator {
  addToken(secret: string, token: SlackToken): void;
  tokenState(secret: string): SlackToken | undefined;
  updateToken(secret: string, changes: Partial<SlackToken>): void;
}

const failure = (error: string): EmulatedResponse => ({ status: 200, body: { ok: false, error } });

/** Slack on 127.0.0.1: `POST /api/auth.test`. */
export async function startSlackEmulator(options: { latencyMs?: number } = {}): Promise<SlackEmulator> {
  const tokens = new Map<string, SlackToken>();

  function authTest(req: EmulatedRequest): EmulatedResponse {
    // The token may come as a Bearer header or, for form bodies, as a `token` field.
    const secret = bearerOf(req) ?? (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(req.body).get('token') : null);
    if (!secret) return failure('not_authed');
    const token = tokens.get(secret);
    if (!token) return failure('invalid_auth');
    if (token.revoked) return failure('token_revoked');
    if (token.expiresAt && Date.parse(token.expiresAt) <= Date.now()) return failure('token_expired');
    if (token.inactive) return failure('account_inactive');
    const domain = token.team.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const body: Record<string, unknown> = {
      ok: true,
      url: `https://${domain}.slack.com/`,
      team: token.team,
      user: token.user,
      team_id: token.teamId ?? 'T0FAKE0001',
      user_id: token.userId ?? 'U0FAKE0001',
      is_enterprise_install: false,
    };
    if (token.botId) body['bot_id'] = token.botId;
    if (token.expiresAt) body['expires_in'] = Math.max(0, Math.floor((Date.parse(token.expiresAt) - Date.now()) / 1000));
    const headers: Record<string, string> = { 'x-accepted-oauth-scopes': '' };
    if (token.scopes) headers['x-oauth-scopes'] = token.scopes.join(',');
    return { status: 200, headers, body };
  }

  /** auth.revoke: the calling token stops working; `{ok:true, revoked:true}` (`test=1` only pretends). */
  function authRevoke(req: EmulatedRequest): EmulatedResponse {
    const checked = authTest(req);
    if ((checked.body as { ok?: boolean }).ok !== true) return checked;
    const secret = bearerOf(req) ?? new URLSearchParams(req.body).get('token') ?? '';
    const test = new URLSearchParams(req.body).get('test') === '1' || req.query.get('test') === '1';
    if (!test) tokens.set(secret, { ...(tokens.get(secret) as SlackToken), revoked: true });
    return { status: 200, body: { ok: true, revoked: !test } };
  }

  const emulator = await startHttpEmulator(
    {
      handle: (req) =>
        req.path === '/api/auth.test' ? authTest(req) : req.path === '/api/auth.revoke' ? authRevoke(req) : req.path.startsWith('/api/') ? failure('unknown_method') : null,
      notFound: () => ({ status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body>Not Found</body></html>' }),
      rateLimited: (seconds) => ({ status: 429, headers: { 'retry-after': String(seconds) }, body: { ok: false, error: 'ratelimited' } }),
      serverError: (status) => ({ status, headers: { 'content-type': 'text/html' }, body: '<html><body>Slack is having trouble</body></html>' }),
    },
    options,
  );
  return Object.assign(emulator, {
    addToken: (secret: string, token: SlackToken) => void tokens.set(secret, token),
    tokenState: (secret: string) => tokens.get(secret),
    updateToken: (secret: string, changes: Partial<SlackToken>) => {
      const token = tokens.get(secret);
      if (token) tokens.set(secret, { ...token, ...changes });
    },
  });
}
