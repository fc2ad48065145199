import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { announceKeychainSkip, inKeychainSession } from '../../helpers/keychain-session.js';
import { ownVaultEachTest } from '../../helpers/own-vault.js';
import { crashHarness } from './crash-harness.js';

announceKeychainSkip();

const vault = ownVaultEachTest('lapse-by-hand');
const { lapse, slots, slotValue } = crashHarness(vault);

const plainKey = () => `plain-FAKE-${randomBytes(16).toString('hex')}`;

describe.runIf(inKeychainSession)('lapse revoke --by-hand, for a plain API key Lapse cannot verify', () => {
  it('after a guided rotation the old key stays pending with steps; --by-hand records the person’s word and drops the old copy; then the key itself', async () => {
    const old = plainKey();
    const next = plainKey();
    const added = await lapse(['add', '--label', 'billing key', '--provider', 'generic'], `${old}\n`);
    expect(added.code, added.stderr).toBe(0);
    const id = added.stdout.trim().split(/\s+/)[0] ?? '';

    const rotated = await lapse(['rotate', id], `${next}\n`);
    expect(rotated.code, rotated.stderr).toBe(1);
    expect(rotated.stdout, rotated.stderr).toContain('REVOCATION-PENDING');
    expect(rotated.stdout).toContain(`lapse revoke ${id} --by-hand`);

    // Without --by-hand: the steps, and the current key is left alone.
    const asked = await lapse(['revoke', id]);
    expect(asked.code).toBe(1);
    expect(asked.stdout).toContain('REVOCATION PENDING');
    expect(asked.stdout).toMatch(/\n {2}3\. .*--by-hand/);
    expect(await slotValue(id)).toBe(next);

    const confirmed = await lapse(['revoke', id, '--by-hand']);
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(confirmed.stdout).toContain('billing key: REVOKED (confirmed by you, not verified)');
    expect(await slots(id)).toEqual([id]);
    expect(await slotValue(id)).toBe(next);

    const whole = await lapse(['revoke', id, '--by-hand', '--json']);
    expect(whole.code, whole.stderr).toBe(0);
    expect(JSON.parse(whole.stdout)).toMatchObject({ state: 'revoked', revokedAt: expect.any(String) });
    expect(await slots(id)).toEqual([]);
    const log = await lapse(['log', id]);
    expect(log.stdout.match(/confirmed by the person, not verified/gi)).toHaveLength(2);
  });

  it('is refused for a provider Lapse can verify', async () => {
    const added = await lapse(
      ['add', '--label', 'ci', '--base-url', 'http://127.0.0.1:9'],
      `ghp_FAKE${randomBytes(16).toString('hex')}\n`,
    );
    const id = added.stdout.trim().split(/\s+/)[0] ?? '';
    const refused = await lapse(['revoke', id, '--by-hand']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/only a verify that shows it dead/);
    expect(await slots(id)).toEqual([id]);
  });
});
