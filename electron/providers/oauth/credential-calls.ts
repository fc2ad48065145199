import type { OAuthApi, OAuthCredentialState } from '../../../shared/api.js';
import { fail, ok } from '../../../shared/result.js';
import { guarded } from '../../guarded.js';
import { providerAdapters } from '../registry.js';
import { rememberSecret } from '../../redact.js';
import type { ServiceParts } from '../../service-parts.js';
import { clientCredentialsFrom, storedClientCredentials } from './client-credentials.js';
import { companionAccount } from '../../vault/token-slots.js';
import { tokenNotFound } from '../../not-found.js';

/** The OAuth calls: a token's client credentials and refresh token (an OAuth issuer's, or a Slack app's), kept in the keychain beside it. */
export function oauthCalls({ keychain, store }: ServiceParts): OAuthApi {
  async function stateOf(id: string): Promise<OAuthCredentialState> {
    const client = clientCredentialsFrom(await keychain.get(companionAccount(id, 'client')));
    const refresh = await keychain.get(companionAccount(id, 'refresh'));
    return {
      id,
      hasClient: client !== null,
      clientId: client?.clientId ?? null,
      hasClientSecret: Boolean(client?.clientSecret),
      hasRefreshToken: refresh !== null,
    };
  }

  return {
    setOAuthCredentials: ({ id, clientId, clientSecret, refreshToken, forget = [] }) =>
      guarded(async () => {
        if (clientSecret) rememberSecret(clientSecret);
        if (refreshToken) rememberSecret(refreshToken);
        const record = (await store.read()).tokens[id];
        if (!record) return tokenNotFound(id);
        // What this provider's companions must be (a Slack app's secret, an xoxe-1- refresh token): its adapter says.
        const given = {
          ...(clientId !== undefined ? { clientId } : {}),
          ...(clientSecret !== undefined ? { clientSecret } : {}),
          ...(refreshToken !== undefined ? { refreshToken } : {}),
        };
        const problem = providerAdapters[record.provider]?.companions?.problem?.(given) ?? null;
        if (problem) return fail('invalid-input', problem);
        if (clientId === undefined && refreshToken === undefined && forget.length === 0) {
          return fail(
            'invalid-input',
            'Nothing to store: give a client id (and secret), a refresh token, or what to forget.',
          );
        }
        const keychainProblem = await keychain.probe();
        if (keychainProblem) return fail(keychainProblem.code, keychainProblem.message);
        if (clientId !== undefined) {
          await keychain.set(
            companionAccount(id, 'client'),
            storedClientCredentials({ clientId, clientSecret: clientSecret ?? '' }),
          );
        }
        if (refreshToken !== undefined) await keychain.set(companionAccount(id, 'refresh'), refreshToken);
        for (const slot of forget) await keychain.delete(companionAccount(id, slot));
        if (!(await store.read()).tokens[id]) {
          // Deleted while we wrote: leave no orphan secrets behind.
          await keychain.delete(companionAccount(id, 'client')).catch(() => undefined);
          await keychain.delete(companionAccount(id, 'refresh')).catch(() => undefined);
          return tokenNotFound(id);
        }
        return ok(await stateOf(id));
      }),

    getOAuthCredentialState: ({ id }) =>
      guarded(async () => {
        if (!(await store.read()).tokens[id]) return tokenNotFound(id);
        return ok(await stateOf(id));
      }),
  };
}
