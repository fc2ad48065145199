import { terminalSafe } from '../../../shared/terminal-text.js';
import { providerIds, type ProviderId } from '../../../shared/providers.js';
import { reportAuthorization, scopesFrom, waitForAuthorization } from '../authorize-wait.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { printLine } from '../io.js';
import { jsonView, unwrap } from '../output.js';
import { readSecret } from '../read-secret.js';
import { readSecretLines } from './oauth-input.js';

const guidedProviders: ProviderId[] = ['github', 'gitlab', 'npm'];

export const authorizeCommand: Command = {
  name: 'authorize',
  summary:
    'issue a new token: sign in at an OAuth issuer (browser or device code), or create a GitHub/GitLab/npm token with its scopes filled in',
  usage:
    'lapse authorize --provider oauth --base-url ISSUER --client-id ID [--client-secret-stdin] [--scopes a,b] [--label L] [--purpose P] [--device] [--no-browser] [--json]\n' +
    '       lapse authorize --provider github|gitlab|npm [--base-url URL] [--scopes a,b] [--label L]   (then the new token on stdin)',
  details: [
    "OAuth 2.0 / OpenID Connect: Lapse asks for exactly --scopes (the token's purpose; plus offline_access where the issuer lists it, for a refresh token).",
    'In a browser (default): authorization code with PKCE (S256) and a state, answered to a listener on 127.0.0.1 at a random port (RFC 8252).',
    "The URL is printed on stderr and opened in your browser ($BROWSER, else the system's) unless --no-browser.",
    '--device: the device flow (RFC 8628) for a machine without a browser: open the printed address anywhere and enter the code.',
    'The access token becomes a new Lapse token in the OS keychain, its refresh token and the client beside it; the issuer, scopes and expiry are recorded.',
    'GitHub, GitLab and npm have no OAuth for personal tokens: Lapse prints the create page (GitHub and GitLab with the scopes filled in), then reads the token you made from stdin.',
    '  --client-secret-stdin    the client secret on stdin (a public client has none)',
    '  --json                   the new token as `lapse show --json` prints it',
  ],
  options: {
    provider: { type: 'string' },
    'base-url': { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret-stdin': { type: 'boolean' },
    'client-secret': { type: 'string' },
    scopes: { type: 'string' },
    label: { type: 'string' },
    purpose: { type: 'string' },
    device: { type: 'boolean' },
    'no-browser': { type: 'boolean' },
  },
  async run(ctx, values) {
    if (values['client-secret'] !== undefined)
      throw new UsageError(
        'The client secret goes on stdin (--client-secret-stdin), never as an argument: shell history keeps arguments.',
      );
    const provider = String(values['provider'] ?? '');
    const scopes = typeof values['scopes'] === 'string' ? scopesFrom(values['scopes']) : [];
    const label = typeof values['label'] === 'string' ? values['label'] : undefined;
    const baseUrl = typeof values['base-url'] === 'string' ? values['base-url'] : undefined;
    const api = ctx.api();

    if ((guidedProviders as string[]).includes(provider)) {
      const guide = unwrap(
        await api.authorizeGuide({
          provider: provider as ProviderId,
          ...(baseUrl ? { baseUrl } : {}),
          ...(label ? { label } : {}),
          scopes,
        }),
      );
      guide.steps.forEach((s, i) => printLine(ctx.io.stderr, `${i + 1}. ${terminalSafe(s)}`));
      const secret = (await readSecret(ctx.io)).trim();
      if (!secret) throw new UsageError('No token given on stdin; nothing was added.');
      const view = unwrap(
        await api.addToken({
          secret,
          label: label ?? `${provider} token`,
          provider: provider as ProviderId,
          scopes,
          ...(baseUrl ? { baseUrl } : {}),
        }),
      );
      printLine(
        ctx.io.stdout,
        ctx.json
          ? JSON.stringify(jsonView(view), null, 2)
          : `Added "${terminalSafe(view.label)}" (${view.masked}); verify it with lapse verify ${view.id.slice(0, 8)}.`,
      );
      return 0;
    }
    if (provider !== 'oauth' && provider !== 'oauth2') {
      throw new UsageError(
        `--provider takes oauth (any OAuth 2.0 / OpenID Connect issuer), github, gitlab or npm${provider && (providerIds as readonly string[]).includes(provider) ? `; ${provider} tokens are added with lapse add` : ''}.`,
      );
    }
    if (!baseUrl)
      throw new UsageError(
        '--base-url takes the issuer URL (as its metadata names it), e.g. https://login.example.com/realms/dev.',
      );
    const clientId = values['client-id'];
    if (typeof clientId !== 'string')
      throw new UsageError(
        '--client-id takes the OAuth client Lapse signs in as (registered at the issuer as a native app with the redirect http://127.0.0.1/callback).',
      );
    let clientSecret: string | undefined;
    if (values['client-secret-stdin']) {
      [clientSecret] = await readSecretLines(ctx.io, ['Client secret']);
      if (!clientSecret) throw new UsageError('Expected the client secret on stdin.');
    }
    const start = unwrap(
      await api.startAuthorization({
        issuer: baseUrl,
        clientId,
        ...(clientSecret ? { clientSecret } : {}),
        scopes,
        ...(label ? { label } : {}),
        ...(typeof values['purpose'] === 'string' ? { purpose: values['purpose'] } : {}),
        method: values['device'] ? 'device' : 'loopback',
      }),
    );
    return reportAuthorization(ctx, await waitForAuthorization(ctx, api, start, values['no-browser'] !== true));
  },
};
