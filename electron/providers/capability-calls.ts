import type { ProviderApi, TokenCapabilities } from '../../shared/contract/provider-calls.js';
import { fail, ok } from '../../shared/result.js';
import { guarded } from '../guarded.js';
import { sessionFor, type ProviderCallOptions, type ProviderSession } from './provider-session.js';
import type { ServiceParts } from '../service-parts.js';

/** What each token can do at its provider, from its adapter: the one place the window learns it. */
export function capabilityCalls(parts: ServiceParts, given: ProviderCallOptions | ProviderSession = {}): ProviderApi {
  const { store, keychain } = parts;
  const session = sessionFor(parts, given);

  return {
    getTokenCapabilities: ({ id }) =>
      guarded(async () => {
        const record = (await store.read()).tokens[id];
        if (!record) return fail('not-found', `No token with id ${id}. List tokens to see the ids.`);
        const adapter = session.adapterOf(record);
        // The value tells kinds apart (GitLab by prefix); a keychain that cannot answer only narrows what is known.
        const secret = adapter ? await keychain.get(id).catch(() => null) : null;
        const type = secret === null ? null : session.tokenType(record, secret);
        const rotation = adapter ? await session.rotationFor(record, secret) : null;
        const revocable = Boolean(adapter?.revoke) && (type?.revocable ?? true) && session.baseUrlOf(record) !== null;
        const companions = adapter?.companions?.appliesTo(record, secret) ? adapter.companions : null;
        const capabilities: TokenCapabilities = {
          id,
          provider: record.provider,
          tokenType: type && type.name !== record.kind ? type.name : (type?.name ?? null),
          verifiable: Boolean(adapter) && (type?.verifiable ?? true),
          checksSignature: adapter?.checksSignature === true,
          revoke: {
            method: revocable ? 'api' : 'manual',
            where: type?.byHand ?? null,
            warning: secret !== null ? (adapter?.revokeWarning?.(record, secret) ?? null) : null,
          },
          rotation: rotation ? { kind: 'automatic', method: rotation.method } : { kind: 'guided', method: 'by hand' },
          companions: companions
            ? { title: companions.title, purpose: companions.purpose, needsClientSecret: companions.needsClientSecret }
            : null,
          inventory: Boolean(adapter?.inventory),
        };
        return ok(capabilities);
      }),
  };
}
