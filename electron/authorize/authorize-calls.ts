import type { AuthorizationStart, AuthorizeApi } from '../../shared/contract/authorize-calls.js';
import type { VerifyApi } from '../../shared/contract/verify-calls.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { guarded } from '../guarded.js';
import type { IssuedGrant } from '../providers/oauth/issued-grant.js';
import { tokenNotFound } from '../not-found.js';
import { discoverIssuer } from '../providers/oauth/discovery.js';
import { providerHttp } from '../providers/provider-http.js';
import type { ProviderSession } from '../providers/provider-session.js';
import type { ServiceParts } from '../service-parts.js';
import { outcomeWithin } from './authorization-outcomes.js';
import { resolveAuthorization } from './authorization-target.js';
import { authorizationFlows } from './authorize-flows.js';
import { startDeviceFlow } from './device-flow.js';
import { guideToAuthorize } from './guided-authorize.js';
import { keepGrant } from './keep-grant.js';
import { startLoopbackFlow } from './loopback-flow.js';

const defaultFinishWaitMs = 25_000;

/**
 * The scopes sent: the purpose's, plus `offline_access` where the issuer lists it (OpenID Connect
 * Core §11: the scope that asks for a refresh token), so the token can be refreshed later. It
 * grants no access to any API, so it is not part of the purpose.
 */
const withRefresh = (asked: string[], supported: string[] | null): string[] =>
  supported?.includes('offline_access') && !asked.includes('offline_access') ? [...asked, 'offline_access'] : asked;

/** The guided create page of a provider that issues tokens by hand: for a new token, or to replace one. */
function authorizeGuideCall({ store }: ServiceParts, session: ProviderSession): AuthorizeApi['authorizeGuide'] {
  return ({ tokenId, provider, baseUrl, label, scopes }) =>
    guarded(async () => {
      if (tokenId === undefined) {
        if (provider === 'oauth2')
          return fail(
            'invalid-input',
            'An OAuth token is authorized at its issuer: startAuthorization (lapse authorize --provider oauth).',
          );
        return ok(
          guideToAuthorize(
            {
              provider: provider ?? 'generic',
              baseUrl: baseUrl ?? null,
              kind: '',
              label: label ?? 'Lapse',
              account: null,
            },
            session,
            scopes ?? [],
            false,
          ),
        );
      }
      const record = (await store.read()).tokens[tokenId];
      if (!record) return tokenNotFound(tokenId);
      return ok(guideToAuthorize(record, session, scopes ?? record.scopes, true));
    });
}

export function authorizeCalls(parts: ServiceParts, session: ProviderSession, verify: VerifyApi): AuthorizeApi {
  const { now } = parts;
  const flows = authorizationFlows(now);
  const keeping = { parts, session, verify };

  return {
    startAuthorization: (input) =>
      guarded(async (): Promise<Result<AuthorizationStart>> => {
        const resolved = await resolveAuthorization(parts, input);
        if (!resolved.ok) return resolved;
        const { issuer, client, asked, target } = resolved.value;
        const http = providerHttp({ baseUrl: issuer, gate: session.options.gate, ...session.options.http });
        const metadata = await discoverIssuer(http, issuer);
        const start = {
          http,
          metadata,
          client,
          asked,
          requested: withRefresh(asked, metadata.scopesSupported),
          tokenId: target.kind === 'reauthorize' ? target.record.id : null,
          flows,
          now,
          complete: (grant: IssuedGrant) => keepGrant(keeping, issuer, client, grant, asked, target),
        };
        return ok(await (input.method === 'device' ? startDeviceFlow(start) : startLoopbackFlow(start)));
      }),

    finishAuthorization: ({ flowId, waitMs }) =>
      guarded(async () => {
        const flow = flows.get(flowId);
        if (!flow)
          return fail(
            'not-found',
            'No authorization under way with that id (it finished long ago, or Lapse restarted); start it again.',
          );
        if (flow.settled) return ok(flow.settled);
        return ok(await outcomeWithin(flow.outcome, waitMs ?? defaultFinishWaitMs));
      }),

    cancelAuthorization: ({ flowId }) => guarded(async () => ok({ cancelled: flows.cancel(flowId) })),

    authorizeGuide: authorizeGuideCall(parts, session),
  };
}
