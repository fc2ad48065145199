import type { OAuthCredentialState } from '../../../shared/api.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { printLine } from '../io.js';
import { unwrap } from '../output.js';
import { resolveId } from '../resolve-id.js';
import { readSecretLines } from './oauth-input.js';

function stateText(state: OAuthCredentialState): string {
  const client = state.clientId
    ? `${state.clientId} (${state.hasClientSecret ? 'with secret' : 'public client, no secret'})`
    : '—';
  return [`  client         ${client}`, `  refresh token  ${state.hasRefreshToken ? 'stored' : '—'}`].join('\n');
}

export const oauthCommand: Command = {
  name: 'oauth',
  summary: "a token's OAuth (or Slack app) client credentials and refresh token (kept in the OS keychain)",
  usage:
    'lapse oauth show ID [--json] | lapse oauth set ID [--client-id X (--client-secret-stdin | --public-client)] [--refresh-token-stdin] | lapse oauth forget ID [--client] [--refresh]',
  details: [
    'Client credentials let Lapse ask the issuer about the token (RFC 7662 introspection); the refresh token is kept for rotation.',
    "A Slack token with token rotation on: give the app's client id and secret and the xoxe-1- refresh token, and lapse rotate refreshes it.",
    'Both live in the OS keychain beside the token, never in the metadata file.',
    'Secrets come from stdin only, one per line: first the client secret, then the refresh token. At a terminal Lapse asks for each with input hidden.',
    '  --client-id X            the OAuth client (or Slack app) the token was issued to',
    '  --client-secret-stdin    read the client secret from stdin',
    '  --public-client          the client has no secret',
    '  --refresh-token-stdin    read the refresh token from stdin',
    '  --client, --refresh      (forget) what to remove',
  ],
  options: {
    'client-id': { type: 'string' },
    'client-secret-stdin': { type: 'boolean' },
    'public-client': { type: 'boolean' },
    'refresh-token-stdin': { type: 'boolean' },
    'client-secret': { type: 'string' },
    'refresh-token': { type: 'string' },
    client: { type: 'boolean' },
    refresh: { type: 'boolean' },
  },
  async run(ctx, values, [action = 'show', given]) {
    if (values['client-secret'] !== undefined || values['refresh-token'] !== undefined) {
      throw new UsageError(
        'lapse oauth takes secrets on stdin, never as arguments (shell history keeps arguments). Try: printf "%s\\n" "$SECRET" | lapse oauth set ID --client-id X --client-secret-stdin',
      );
    }
    if (action !== 'show' && action !== 'set' && action !== 'forget')
      throw new UsageError('lapse oauth takes show, set or forget.');
    const api = ctx.api();
    const id = await resolveId(api, given);
    let state: OAuthCredentialState;

    if (action === 'show') {
      state = unwrap(await api.getOAuthCredentialState({ id }));
    } else if (action === 'forget') {
      const forget = [
        ...(values['client'] ? (['client'] as const) : []),
        ...(values['refresh'] ? (['refresh'] as const) : []),
      ];
      if (forget.length === 0) throw new UsageError('Say what to forget: --client, --refresh, or both.');
      state = unwrap(await api.setOAuthCredentials({ id, forget }));
    } else {
      const clientId = values['client-id'];
      const withSecret = values['client-secret-stdin'] === true;
      const withRefresh = values['refresh-token-stdin'] === true;
      if (typeof clientId === 'string' && !withSecret && values['public-client'] !== true) {
        throw new UsageError(
          '--client-id needs --client-secret-stdin (the secret on stdin), or --public-client for a client without a secret.',
        );
      }
      if (withSecret && typeof clientId !== 'string') throw new UsageError('--client-secret-stdin needs --client-id.');
      if (typeof clientId !== 'string' && !withRefresh)
        throw new UsageError('Give --client-id X with --client-secret-stdin, and/or --refresh-token-stdin.');
      const prompts = [...(withSecret ? ['Client secret'] : []), ...(withRefresh ? ['Refresh token'] : [])];
      const secrets = await readSecretLines(ctx.io, prompts);
      if (secrets.length < prompts.length)
        throw new UsageError(`Expected ${prompts.join(' and ').toLowerCase()} on stdin, one per line.`);
      const [first, second] = secrets;
      state = unwrap(
        await api.setOAuthCredentials({
          id,
          ...(typeof clientId === 'string' ? { clientId } : {}),
          ...(withSecret ? { clientSecret: first } : {}),
          ...(withRefresh ? { refreshToken: withSecret ? second : first } : {}),
        }),
      );
    }

    if (ctx.json) printLine(ctx.io.stdout, JSON.stringify(state, null, 2));
    else printLine(ctx.io.stdout, stateText(state));
    if (action !== 'show' && !ctx.json)
      printLine(ctx.io.stderr, action === 'set' ? 'Stored in the OS keychain.' : 'Removed from the OS keychain.');
    return 0;
  },
};
