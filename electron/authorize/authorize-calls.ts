import type {
  AuthorizationOutcome,
  AuthorizationStart,
  AuthorizeApi,
  StartAuthorizationInput,
} from '../../shared/contract/authorize-calls.js';
import type { TokenRecord } from '../../shared/model.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { recordAudit } from '../audit/audit-log.js';
import { guarded } from '../guarded.js';
import type { ProviderSession } from '../providers/provider-session.js';
import { viewToken } from '../vault/token-view.js';
import { authorizationUrl, exchangeCode } from '../providers/oauth/authorization-code.js';
import {
  clientCredentialsFrom,
  storedClientCredentials,
  type ClientCredentials,
} from '../providers/oauth/client-credentials.js';
import { companionAccount } from '../vault/token-slots.js';
import { pollDeviceToken, requestDeviceCode } from '../providers/oauth/device-grant.js';
import { discoverIssuer } from '../providers/oauth/discovery.js';
import type { IssuedGrant } from '../providers/oauth/issued-grant.js';
import { startLoopbackListener } from '../providers/oauth/loopback-listener.js';
import { newState, pkcePair } from '../providers/oauth/pkce.js';
import { providerHttp } from '../providers/provider-http.js';
import { redact, rememberSecret } from '../redact.js';
import type { ServiceParts } from '../service-parts.js';
import { tokenCalls } from '../vault/token-calls.js';
import type { VerifyApi } from '../../shared/contract/verify-calls.js';
import { authorizationFlows } from './authorize-flows.js';
import { guideToAuthorize } from './guided-authorize.js';
import { holdPage } from './pages-in-flight.js';
import { replaceGrant } from './replace-grant.js';
import { beyondPurpose, widerWarning } from './scope-purpose.js';

/** How long a browser authorization waits for the person (the issuer's own pages usually time out sooner). */
const loopbackWaitMs = 10 * 60_000;
const defaultFinishWaitMs = 25_000;

/**
 * The scopes sent: the purpose's, plus `offline_access` where the issuer lists it (OpenID Connect
 * Core §11: the scope that asks for a refresh token), so the token can be refreshed later. It
 * grants no access to any API, so it is not part of the purpose.
 */
const withRefresh = (asked: string[], supported: string[] | null): string[] =>
  supported?.includes('offline_access') && !asked.includes('offline_access') ? [...asked, 'offline_access'] : asked;

/** Scopes about the grant itself, not about what the token may do. */
const grantScopes = new Set(['offline_access', 'openid']);

const notFound = (id: string) => fail('not-found', `No token with id ${id}. List tokens to see the ids.`);

/** What a flow is about: a new token's facts, or the token being reauthorized. */
type Target = { kind: 'new'; label: string; purpose: string } | { kind: 'reauthorize'; record: TokenRecord };

export function authorizeCalls(parts: ServiceParts, session: ProviderSession, verify: VerifyApi): AuthorizeApi {
  const { store, keychain, now } = parts;
  const flows = authorizationFlows(now);
  const vault = tokenCalls(parts);
  const failed = (message: string): AuthorizationOutcome => ({
    state: 'failed',
    token: null,
    message: redact(message),
    notes: [],
  });

  /** A new grant becomes a new token: access token as its value, client and refresh token beside it, then verified at the issuer. */
  async function issueToken(
    issuer: string,
    client: ClientCredentials,
    grant: IssuedGrant,
    asked: string[],
    target: Extract<Target, { kind: 'new' }>,
  ): Promise<AuthorizationOutcome> {
    const expiresAt = grant.expiresIn !== null ? new Date(now() + grant.expiresIn * 1000).toISOString() : 'unknown';
    const added = await vault.addToken({
      secret: grant.accessToken,
      label: target.label,
      provider: 'oauth2',
      scopes: asked,
      purpose: target.purpose,
      baseUrl: issuer,
      expiresAt,
    });
    if (!added.ok) return failed(`The issuer granted the token, but Lapse could not keep it: ${added.error.message}`);
    const id = added.value.id;
    await keychain.set(companionAccount(id, 'client'), storedClientCredentials(client));
    if (grant.refreshToken) await keychain.set(companionAccount(id, 'refresh'), grant.refreshToken);
    const notes: string[] = [];
    if (!grant.refreshToken)
      notes.push(
        'The issuer gave no refresh token, so this token cannot be refreshed; reauthorize it when it expires.',
      );
    const checked = await verify.verifyToken({ id });
    if (!checked.ok) notes.push(`Lapse could not verify it yet: ${checked.error.message}`);
    recordAudit(store, {
      event: 'added',
      tokenId: id,
      label: target.label,
      detail: `Authorized at ${issuer} for ${asked.join(' ') || "the issuer's default scopes"}${grant.refreshToken ? ', with a refresh token' : ''}.`,
      at: now(),
    });
    const all = await store.read();
    const record = all.tokens[id];
    if (!record) return failed('The new token is gone from the vault.');
    const granted = record.grantedScopes ?? grant.scope;
    const extra = granted ? granted.filter((s) => !asked.includes(s) && !grantScopes.has(s)) : [];
    if (extra.length)
      notes.push(
        `The issuer granted more than was asked: ${extra.join(', ')}. Reauthorize it with the declared scopes, or revoke it.`,
      );
    return {
      state: 'issued',
      token: viewToken(record, now(), all.policy),
      message: `Authorized: "${record.label}" (${record.masked}) is in the OS keychain.`,
      notes,
    };
  }

  async function complete(
    issuer: string,
    client: ClientCredentials,
    grant: IssuedGrant,
    asked: string[],
    target: Target,
  ): Promise<AuthorizationOutcome> {
    if (target.kind === 'new') return issueToken(issuer, client, grant, asked, target);
    const replaced = await replaceGrant(parts, session, target.record.id, grant, asked);
    if (!replaced.ok) return failed(replaced.message);
    const all = await store.read();
    return {
      state: 'reauthorized',
      token: viewToken(replaced.record, now(), all.policy),
      message: `Reauthorized: "${replaced.record.label}" holds ${asked.join(', ') || "the issuer's default scopes"}, verified; the old grant is ${replaced.notes.length ? 'to be revoked' : 'revoked and confirmed dead'}.`,
      notes: replaced.notes,
    };
  }

  async function resolve(input: StartAuthorizationInput) {
    if (input.tokenId !== undefined) {
      const all = await store.read();
      const record = all.tokens[input.tokenId];
      if (!record) return notFound(input.tokenId);
      if (record.revokedAt)
        return fail('invalid-input', 'This token is revoked; authorize a new one instead (lapse authorize).');
      if (record.provider !== 'oauth2')
        return fail(
          'invalid-input',
          `${record.label} is not an OAuth token: its provider issues personal tokens by hand. Follow the guide (lapse reauthorize shows it) to create the replacement.`,
        );
      if (!record.baseUrl)
        return fail(
          'invalid-input',
          "Set this token's base URL to its issuer first (lapse edit ID --base-url ISSUER).",
        );
      const client = clientCredentialsFrom(await keychain.get(companionAccount(record.id, 'client')));
      if (!client)
        return fail(
          'invalid-input',
          `Lapse needs the OAuth client this token was issued to: lapse oauth set ${record.id.slice(0, 8)} --client-id … --client-secret-stdin.`,
        );
      if (!client.clientSecret)
        return fail(
          'invalid-input',
          "Reauthorizing needs a confidential client (with a secret): Lapse confirms the new grant and the old one's end by introspection, which a public client cannot ask.",
        );
      const asked = input.scopes ?? record.scopes;
      const beyond = beyondPurpose(asked, record.scopes);
      if (beyond.length && !input.widerThanPurpose) return fail('invalid-input', widerWarning(beyond, record.scopes));
      return ok({ issuer: record.baseUrl, client, asked, target: { kind: 'reauthorize', record } as Target });
    }
    const issuer = input.issuer ?? '';
    const client: ClientCredentials = { clientId: input.clientId ?? '', clientSecret: input.clientSecret ?? '' };
    if (client.clientSecret) rememberSecret(client.clientSecret);
    const asked = input.scopes ?? [];
    const label = input.label ?? `${new URL(issuer).host} ${asked.join(' ')}`.trim().slice(0, 100);
    return ok({ issuer, client, asked, target: { kind: 'new', label, purpose: input.purpose ?? '' } as Target });
  }

  return {
    startAuthorization: (input) =>
      guarded(async (): Promise<Result<AuthorizationStart>> => {
        const resolved = await resolve(input);
        if (!resolved.ok) return resolved;
        const { issuer, client, asked, target } = resolved.value;
        const http = providerHttp({ baseUrl: issuer, gate: session.options.gate, ...session.options.http });
        const metadata = await discoverIssuer(http, issuer);
        const requested = withRefresh(asked, metadata.scopesSupported);
        const tokenId = target.kind === 'reauthorize' ? target.record.id : null;
        const controller = new AbortController();
        const settle = (work: () => Promise<AuthorizationOutcome>) =>
          work().catch((error: unknown) => failed(error instanceof Error ? error.message : String(error)));
        if (input.method === 'device') {
          const device = await requestDeviceCode(http, metadata, client, requested, now);
          const release = [holdPage(device.verificationUri), holdPage(device.verificationUriComplete)];
          const run = settle(async () =>
            complete(
              issuer,
              client,
              await pollDeviceToken(http, metadata, client, device, { now, signal: controller.signal }),
              asked,
              target,
            ),
          ).finally(() => release.forEach((r) => r()));
          const flowId = flows.add(run, () => controller.abort(), device.expiresAt);
          return ok({
            flowId,
            method: 'device' as const,
            authorizationUrl: null,
            verificationUri: device.verificationUri,
            verificationUriComplete: device.verificationUriComplete,
            userCode: device.userCode,
            expiresAt: new Date(device.expiresAt).toISOString(),
            scopes: asked,
            tokenId,
          });
        }
        const state = newState();
        const pkce = pkcePair();
        const listener = await startLoopbackListener(state);
        let url: string;
        try {
          url = authorizationUrl(metadata, {
            clientId: client.clientId,
            redirectUri: listener.redirectUri,
            scopes: requested,
            state,
            challenge: pkce.challenge,
          });
        } catch (error) {
          listener.close();
          throw error;
        }
        const deadline = now() + loopbackWaitMs;
        const release = holdPage(url);
        const run = settle(async () => {
          let timer: NodeJS.Timeout | undefined;
          const timedOut = new Promise<'timeout' | 'cancelled'>((resolveWait) => {
            timer = setTimeout(() => resolveWait('timeout'), loopbackWaitMs);
            timer.unref();
            controller.signal.addEventListener('abort', () => resolveWait('cancelled'));
          });
          try {
            const answer = await Promise.race([listener.answer, timedOut]);
            if (answer === 'timeout')
              return failed(
                'Nobody approved the request in the browser within 10 minutes; start the authorization again.',
              );
            if (answer === 'cancelled') return failed('The authorization was cancelled.');
            if (answer.kind === 'error')
              return failed(
                `The issuer did not grant it (${answer.error}); nothing was issued. Start again if that was not meant.`,
              );
            return complete(
              issuer,
              client,
              await exchangeCode(http, metadata, client, {
                code: answer.code,
                redirectUri: listener.redirectUri,
                verifier: pkce.verifier,
              }),
              asked,
              target,
            );
          } finally {
            clearTimeout(timer);
            listener.close();
            release();
          }
        });
        const flowId = flows.add(run, () => controller.abort(), deadline);
        return ok({
          flowId,
          method: 'loopback' as const,
          authorizationUrl: url,
          verificationUri: null,
          verificationUriComplete: null,
          userCode: null,
          expiresAt: new Date(deadline).toISOString(),
          scopes: asked,
          tokenId,
        });
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
        let timer: NodeJS.Timeout | undefined;
        const waiting = new Promise<AuthorizationOutcome>((resolveWait) => {
          timer = setTimeout(
            () =>
              resolveWait({
                state: 'waiting',
                token: null,
                message: 'Waiting for the person to approve at the issuer.',
                notes: [],
              }),
            waitMs ?? defaultFinishWaitMs,
          );
        });
        try {
          return ok(await Promise.race([flow.outcome, waiting]));
        } finally {
          clearTimeout(timer);
        }
      }),

    cancelAuthorization: ({ flowId }) => guarded(async () => ok({ cancelled: flows.cancel(flowId) })),

    authorizeGuide: ({ tokenId, provider, baseUrl, label, scopes }) =>
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
        if (!record) return notFound(tokenId);
        return ok(guideToAuthorize(record, session, scopes ?? record.scopes, true));
      }),
  };
}
