// Verify-all's admission when a provider rate-limits mid-run: the limited verification waits out
// the window without its slot, so the other providers' verifications go on meanwhile.
import { describe, expect, it } from 'vitest';
import { GateClosed, gateYield } from '../../../electron/providers/gate-yield.js';
import { RateGate } from '../../../electron/providers/rate-gate.js';
import { VerifyAdmission } from '../../../electron/providers/verify-admission.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('verify admission under a rate-limit window', () => {
  it('a verification told to wait hands its slot over, and runs again once the window is over', async () => {
    const gate = new RateGate();
    const admission = new VerifyAdmission(() => 8, gate, 30_000);
    const events: string[] = [];
    let tries = 0;
    const limited = admission.run('github', 'https://api.github.test', 1, async () => {
      tries++;
      events.push(`github try ${tries}`);
      if (tries === 1) {
        // The answer was a 429 with Retry-After: the HTTP client closes the gate, then would sleep.
        const openAt = Date.now() + 300;
        gate.close('https://api.github.test', openAt);
        if (gateYield.getStore()) throw new GateClosed(openAt);
      }
      return 'github answered';
    });
    const other = admission.run('gitlab', 'https://gitlab.test', 1, async () => {
      events.push('gitlab asked');
      await sleep(10);
      return 'gitlab answered';
    });
    const started = Date.now();
    expect(await other).toBe('gitlab answered');
    // With the overall limit at 1, GitLab could only ask because GitHub gave its slot back.
    expect(Date.now() - started).toBeLessThan(250);
    expect(await limited).toBe('github answered');
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(events).toEqual(['github try 1', 'gitlab asked', 'github try 2']);
  });

  it('after three turns it waits inside its slot, as a lone call does', async () => {
    const gate = new RateGate();
    const admission = new VerifyAdmission(() => 8, gate, 30_000);
    let tries = 0;
    let yieldingOnLast = true;
    const answer = await admission.run('github', 'https://api.github.test', 1, async () => {
      tries++;
      yieldingOnLast = gateYield.getStore() === true;
      if (yieldingOnLast) throw new GateClosed(Date.now());
      return 'answered';
    });
    expect(answer).toBe('answered');
    expect(tries).toBe(4);
    expect(yieldingOnLast).toBe(false);
  });
});
