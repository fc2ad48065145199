// Slack's Web API as its method docs describe it (docs.slack.dev reference/methods/*): auth.test
// answers HTTP 200 with `ok:true` (team, user…) or `ok:false` and an error code; 429 with
// Retry-After when rate-limited. `invalid_auth` also answers a request "from an IP address
// disallowed from making the request" (auth.revoke error table). auth.revoke on a bot token
// "will … deactivate the bot user and remove its channel memberships" (auth.revoke). oauth.v2.access
// refreshes rotating tokens (using-token-rotation: the refresh token is then revoked, access tokens
// live 12 hours); the access token it replaces lives on until its own expiry (Slack does not say
// otherwise), and there is no reuse detection. oauth.v2.exchange turns a long-lived token into a
// rotating pair, once (errors token_already_exchanged, token_rotation_not_enabled, invalid_token);
// whether the long-lived token keeps working afterwards Slack does not say: here it does, the reading
// that makes Lapse the most careful.
import { randomAlnum } from '../helpers/fake-tokens.js';
import {
  bearerOf,
  startHttpEmulator,
  type EmulatedRequest,
  type EmulatedResponse,
  type HttpEmulator,
} from './http-emulator.js';

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
  /** Access tokens refreshed from one another (and their refresh tokens) share a family. */
  family?: number;
  /** The workspace lets this token be used only from these addresses; others get invalid_auth. */
  allowedIps?: string[];
  /** Exchanged for a rotating pair by oauth.v2.exchange (a second exchange is refused). */
  exchanged?: boolean;
}

/** A bot user as Slack keeps it: auth.revoke on one of its tokens deactivates it and empties its channels. */
export interface SlackBotUser {
  active: boolean;
  channels: string[];
}

/** What a refresh token is for: the app's client, and what the access tokens it issues look like. */
export interface SlackGrant {
  clientId: string;
  /** `bot` issues `xoxe.xoxb-…`, `user` issues `xoxe.xoxp-…`. */
  tokenType: 'bot' | 'user';
  /** User, team, scopes and bot id of every access token this family issues. */
  token: SlackToken;
  family?: number;
}

/** A refresh token as Slack holds it: spent once used. */
export interface SlackRefreshState extends SlackGrant {
  family: number;
  spent: boolean;
  /** The access token issued with it (null for one added by a test). */
  issuedWith: string | null;
}

/** How a spent or unknown refresh token is refused: Slack's envelope, or the HTTP 400 a third party reports. */
export type RefusalStyle = 'slack' | 'oauth';

export interface SlackEmulator extends HttpEmulator {
  addToken(secret: string, token: SlackToken): void;
  tokenState(secret: string): SlackToken | undefined;
  updateToken(secret: string, changes: Partial<SlackToken>): void;
  /** An app: its client id and secret (and app id); token rotation is on unless `rotation` is false. */
  addClient(clientId: string, clientSecret: string, appId?: string, rotation?: boolean): void;
  /**
   * A refresh token of a family (`grant.family`, else a new one), and the access token issued with
   * it, when given (it expires in 12 hours). Returns the family.
   */
  addRefreshToken(refreshToken: string, grant: SlackGrant, accessToken?: string): number;
  refreshState(refreshToken: string): SlackRefreshState | undefined;
  /** Access tokens that still work (not revoked, not expired), by secret; of one family when given. */
  liveTokens(family?: number): string[];
  /** Every access token issued by a refresh, oldest first. */
  readonly issued: string[];
  /** How it refuses a spent refresh token (default `slack`: HTTP 200 `invalid_refresh_token`). */
  refusalStyle: RefusalStyle;
  /** The bot user behind a bot id (it starts active, in channel C0FAKE0001). */
  botUser(botId: string): SlackBotUser | undefined;
}

/** Access tokens issued by a refresh live 12 hours (`expires_in: 43200`). */
export const slackAccessLifetimeSeconds = 43_200;

const failure = (error: string): EmulatedResponse => ({ status: 200, body: { ok: false, error } });

/** The client id and secret of a request: HTTP Basic (form-encoded parts), or form fields. */
function clientOf(req: EmulatedRequest, form: URLSearchParams): { id: string | null; secret: string | null } {
  const header = req.headers['authorization'];
  const basic = typeof header === 'string' ? /^Basic\s+(\S+)$/i.exec(header)?.[1] : undefined;
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const part = (v: string) => decodeURIComponent(v.replace(/\+/g, ' '));
    return colon < 0
      ? { id: part(decoded), secret: null }
      : { id: part(decoded.slice(0, colon)), secret: part(decoded.slice(colon + 1)) };
  }
  return { id: form.get('client_id'), secret: form.get('client_secret') };
}

/** Slack on 127.0.0.1: `POST /api/auth.test`, `/api/auth.revoke`, `/api/oauth.v2.access` (refresh). */
export async function startSlackEmulator(options: { latencyMs?: number } = {}): Promise<SlackEmulator> {
  const tokens = new Map<string, SlackToken>();
  const clients = new Map<string, { secret: string; appId: string; rotation: boolean }>();
  const bots = new Map<string, SlackBotUser>();
  const botOf = (botId: string) => {
    if (!bots.has(botId)) bots.set(botId, { active: true, channels: ['C0FAKE0001'] });
    return bots.get(botId) as SlackBotUser;
  };
  const refreshTokens = new Map<string, SlackRefreshState>();
  const issued: string[] = [];
  const settings: { refusalStyle: RefusalStyle } = { refusalStyle: 'slack' };
  let families = 0;

  function authTest(req: EmulatedRequest): EmulatedResponse {
    // The token may come as a Bearer header or, for form bodies, as a `token` field.
    const secret =
      bearerOf(req) ??
      (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')
        ? new URLSearchParams(req.body).get('token')
        : null);
    if (!secret) return failure('not_authed');
    const token = tokens.get(secret);
    if (!token) return failure('invalid_auth');
    if (token.allowedIps && !token.allowedIps.includes(req.remoteAddress)) return failure('invalid_auth');
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
    if (token.expiresAt)
      body['expires_in'] = Math.max(0, Math.floor((Date.parse(token.expiresAt) - Date.now()) / 1000));
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
    const token = tokens.get(secret) as SlackToken;
    if (!test) {
      tokens.set(secret, { ...token, revoked: true });
      if (token.botId) Object.assign(botOf(token.botId), { active: false, channels: [] });
    }
    return { status: 200, body: { ok: true, revoked: !test } };
  }

  const refused = (): EmulatedResponse =>
    settings.refusalStyle === 'oauth'
      ? { status: 400, body: { error: 'invalid_grant' } }
      : failure('invalid_refresh_token');

  /**
   * oauth.v2.access with `grant_type=refresh_token`: the client must match; the refresh token is
   * spent and a new access token (12 h) and refresh token of the same family are issued. The
   * access token it replaces keeps working until its own expiry.
   */
  function refresh(req: EmulatedRequest): EmulatedResponse {
    const form = new URLSearchParams(req.body);
    const client = clientOf(req, form);
    if (!client.id) return failure('invalid_client_id');
    const known = clients.get(client.id);
    if (!known) return failure('invalid_client_id');
    if (client.secret !== known.secret) return failure('bad_client_secret');
    if (form.get('grant_type') !== 'refresh_token')
      return failure(form.get('code') ? 'invalid_code' : 'invalid_grant_type');
    const presented = form.get('refresh_token') ?? '';
    const grant = refreshTokens.get(presented);
    if (!grant || grant.spent || grant.clientId !== client.id) return refused();
    grant.spent = true;
    const accessToken = `xoxe.xox${grant.tokenType === 'bot' ? 'b' : 'p'}-1-FAKE${randomAlnum(40)}`;
    const nextRefresh = `xoxe-1-FAKE${randomAlnum(60)}`;
    tokens.set(accessToken, {
      ...grant.token,
      family: grant.family,
      revoked: false,
      expiresAt: new Date(Date.now() + slackAccessLifetimeSeconds * 1000).toISOString(),
    });
    refreshTokens.set(nextRefresh, { ...grant, spent: false, issuedWith: accessToken });
    issued.push(accessToken);
    return {
      status: 200,
      body: {
        ok: true,
        app_id: known.appId,
        access_token: accessToken,
        refresh_token: nextRefresh,
        expires_in: slackAccessLifetimeSeconds,
        token_type: grant.tokenType,
        scope: (grant.token.scopes ?? []).join(','),
        ...(grant.tokenType === 'bot' ? { bot_user_id: grant.token.userId ?? 'U0FAKEBOT1' } : {}),
        team: { id: grant.token.teamId ?? 'T0FAKE0001', name: grant.token.team },
        enterprise: null,
        is_enterprise_install: false,
      },
    };
  }

  /**
   * oauth.v2.exchange (client_id, client_secret, token): a long-lived xoxb/xoxp token becomes an
   * expiring access token and a refresh token of a new family.
   */
  function exchange(req: EmulatedRequest): EmulatedResponse {
    const form = new URLSearchParams(req.body);
    const client = clientOf(req, form);
    const known = client.id ? clients.get(client.id) : undefined;
    if (!known) return failure('invalid_client_id');
    if (client.secret !== known.secret) return failure('bad_client_secret');
    if (!known.rotation) return failure('token_rotation_not_enabled');
    const presented = form.get('token') ?? '';
    const token = tokens.get(presented);
    if (!token || token.revoked || /^xoxe/.test(presented)) return failure('invalid_token');
    if (token.exchanged) return failure('token_already_exchanged');
    token.exchanged = true;
    const family = ++families + 1000;
    const bot = /^xoxb-/.test(presented);
    const accessToken = `xoxe.xox${bot ? 'b' : 'p'}-1-FAKE${randomAlnum(40)}`;
    const refreshToken = `xoxe-1-FAKE${randomAlnum(60)}`;
    const { exchanged: _ignored, ...kept } = token;
    tokens.set(accessToken, {
      ...kept,
      family,
      expiresAt: new Date(Date.now() + slackAccessLifetimeSeconds * 1000).toISOString(),
    });
    refreshTokens.set(refreshToken, {
      clientId: client.id as string,
      tokenType: bot ? 'bot' : 'user',
      token: kept,
      family,
      spent: false,
      issuedWith: accessToken,
    });
    issued.push(accessToken);
    return {
      status: 200,
      body: {
        ok: true,
        app_id: known.appId,
        access_token: accessToken,
        refresh_token: refreshToken,
        expires_in: slackAccessLifetimeSeconds,
        token_type: bot ? 'bot' : 'user',
        team: { id: token.teamId ?? 'T0FAKE0001', name: token.team },
      },
    };
  }

  const live = (t: SlackToken) => !t.revoked && !(t.expiresAt && Date.parse(t.expiresAt) <= Date.now());

  const emulator = await startHttpEmulator(
    {
      handle: (req) =>
        req.path === '/api/auth.test'
          ? authTest(req)
          : req.path === '/api/auth.revoke'
            ? authRevoke(req)
            : req.path === '/api/oauth.v2.access'
              ? refresh(req)
              : req.path === '/api/oauth.v2.exchange'
                ? exchange(req)
                : req.path.startsWith('/api/')
                  ? failure('unknown_method')
                  : null,
      notFound: () => ({
        status: 404,
        headers: { 'content-type': 'text/html' },
        body: '<html><body>Not Found</body></html>',
      }),
      rateLimited: (seconds) => ({
        status: 429,
        headers: { 'retry-after': String(seconds) },
        body: { ok: false, error: 'ratelimited' },
      }),
      serverError: (status) => ({
        status,
        headers: { 'content-type': 'text/html' },
        body: '<html><body>Slack is having trouble</body></html>',
      }),
    },
    options,
  );
  const withRoutes = Object.assign(emulator, {
    addToken: (secret: string, token: SlackToken) => {
      tokens.set(secret, token);
      if (token.botId) botOf(token.botId);
    },
    tokenState: (secret: string) => tokens.get(secret),
    updateToken: (secret: string, changes: Partial<SlackToken>) => {
      const token = tokens.get(secret);
      if (token) tokens.set(secret, { ...token, ...changes });
    },
    addClient: (clientId: string, clientSecret: string, appId = 'A0FAKEAPP1', rotation = true) =>
      void clients.set(clientId, { secret: clientSecret, appId, rotation }),
    botUser: (botId: string) => bots.get(botId),
    addRefreshToken: (refreshToken: string, grant: SlackGrant, accessToken?: string) => {
      const family = grant.family ?? ++families + 1000;
      refreshTokens.set(refreshToken, { ...grant, family, spent: false, issuedWith: accessToken ?? null });
      if (grant.token.botId) botOf(grant.token.botId);
      if (accessToken)
        tokens.set(accessToken, {
          ...grant.token,
          family,
          expiresAt: new Date(Date.now() + slackAccessLifetimeSeconds * 1000).toISOString(),
        });
      return family;
    },
    refreshState: (refreshToken: string) => refreshTokens.get(refreshToken),
    liveTokens: (family?: number) =>
      [...tokens].filter(([, t]) => live(t) && (family === undefined || t.family === family)).map(([s]) => s),
    issued,
  });
  // Object.assign would copy the value, not the accessor: the style must change what later answers say.
  return Object.defineProperty(withRoutes, 'refusalStyle', {
    get: () => settings.refusalStyle,
    set: (style: RefusalStyle) => void (settings.refusalStyle = style),
    enumerable: true,
  }) as SlackEmulator;
}
