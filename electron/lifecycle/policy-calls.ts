import type { PolicyApi } from '../../shared/api.js';
import { defaultPolicy, effectivePolicy, type PolicyOverride } from '../../shared/policy.js';
import { ok } from '../../shared/result.js';
import { guarded } from '../guarded.js';
import type { ServiceParts } from '../service-parts.js';

const stateOf = (overrides: PolicyOverride) => ({
  defaults: defaultPolicy,
  overrides,
  effective: effectivePolicy(overrides),
});

/** The policy calls: read and change the rules tokens are judged by. */
export function policyCalls({ store }: ServiceParts): PolicyApi {
  return {
    getPolicy: () => guarded(async () => ok(stateOf((await store.read()).policy))),
    setPolicy: ({ changes, reset }) =>
      guarded(async () => {
        const overrides = await store.update((vault) => {
          const next: PolicyOverride = { ...vault.policy, ...changes };
          for (const key of reset ?? []) delete next[key];
          vault.policy = next;
          return next;
        });
        return ok(stateOf(overrides));
      }),
  };
}
