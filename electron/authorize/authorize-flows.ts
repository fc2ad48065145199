import { randomBytes } from 'node:crypto';
import type { AuthorizationOutcome } from '../../shared/contract/authorize-calls.js';

/** One authorization under way in this service: its outcome once settled, and how to stop it. */
interface Flow {
  outcome: Promise<AuthorizationOutcome>;
  settled: AuthorizationOutcome | null;
  cancel(): void;
  /** Forgotten this long after it settled, or at its deadline. */
  forgetAt: number;
}

const keepSettledMs = 10 * 60_000;

/** The authorizations a service has under way, by id. Ids are random: knowing one is the only way to its outcome. */
export function authorizationFlows(now: () => number) {
  const flows = new Map<string, Flow>();
  const sweep = () => {
    for (const [id, flow] of flows) if (flow.forgetAt <= now()) flows.delete(id);
  };
  return {
    add(run: Promise<AuthorizationOutcome>, cancel: () => void, deadline: number): string {
      sweep();
      const id = randomBytes(18).toString('base64url');
      const flow: Flow = { outcome: run, settled: null, cancel, forgetAt: deadline + keepSettledMs };
      run.then(
        (o) => {
          flow.settled = o;
          flow.forgetAt = Math.max(flow.forgetAt, now() + keepSettledMs);
        },
        () => undefined,
      );
      flows.set(id, flow);
      return id;
    },
    get: (id: string): Flow | null => flows.get(id) ?? null,
    cancel(id: string): boolean {
      const flow = flows.get(id);
      if (!flow) return false;
      flow.cancel();
      return flow.settled === null;
    },
  };
}
