import { describe, expect, it } from 'vitest';
import { readJournals } from '../../../electron/lifecycle/rotation-journal.js';
import { startOidcEmulator } from '../../emulators/oidc.js';
import { announceKeychainSkip, inKeychainSession } from '../../helpers/keychain-session.js';
import { useEmulator } from '../../helpers/lifetimes.js';
import { ownVaultEachTest } from '../../helpers/own-vault.js';
import { crashHarness } from './crash-harness.js';

announceKeychainSkip();

const vault = ownVaultEachTest('lapse-crash-oauth');
const issuer = useEmulator(startOidcEmulator);
const { lapse, killAt, slots, slotValue } = crashHarness(vault);

const steps = [
  'intent',
  'rotate-answered',
  'pending-stored',
  'verified',
  'promoted',
  'old-revoked',
  'previous-deleted',
] as const;
const active = async (token: string | null) => (await issuer.introspect(token ?? 'none'))['active'] === true;

/**
 * The CLI adds the access token with the issuer as its base URL (http://127.0.0.1 is allowed for
 * loopback issuers), then stores the client and the refresh token in the keychain companions.
 */
async function addOAuthToken(accessToken: string, refreshToken: string): Promise<string> {
  const added = await lapse(
    ['add', '--label', 'api user', '--provider', 'oauth2', '--base-url', issuer.url],
    `${accessToken}\n`,
  );
  expect(added.code, added.stderr).toBe(0);
  const id = added.stdout.trim().split(/\s+/)[0] ?? '';
  const set = await lapse(
    ['oauth', 'set', id, '--client-id', issuer.client.id, '--client-secret-stdin', '--refresh-token-stdin'],
    `${issuer.client.secret}\n${refreshToken}\n`,
  );
  expect(set.code, set.stderr).toBe(0);
  return id;
}

describe.runIf(inKeychainSession)(
  'an OAuth refresh (rotating refresh tokens, real oidc-provider) killed (SIGKILL) at every step boundary, then resumed by the next lapse command',
  () => {
    it.each(steps)(
      'killed at %s: journal finished; one live access token, the one in the keychain, with its refresh token; or re-authorization when the answer died',
      async (step) => {
        // Once the refresh is issued the old access token is left to expire (revoking it would end the grant):
        // a 1 s lifetime, waited out before the rotation, lets the run confirm it dead and finish.
        const beforeIssue = step === 'intent' || step === 'rotate-answered';
        const first = await issuer.codeFlowTokens('alice', beforeIssue ? {} : { accessTokenTtl: 1 });
        const issuedAt = Date.now();
        const id = await addOAuthToken(first.access_token, first.refresh_token);
        if (!beforeIssue)
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, issuedAt + 1_500 - Date.now())));

        const tokenPosts = issuer.requests.filter((r) => r.method === 'POST' && r.path === '/token').length;
        await killAt(['rotate', id, '--yes'], step);
        const listed = await lapse(['list', '--json']);
        expect(listed.code, listed.stderr).toBe(0);

        const journals = readJournals(vault.home);
        expect(journals.map((j) => j.step)).toEqual(['finished']);
        const [shown] = JSON.parse(listed.stdout) as { status: string; findings: { code: string }[] }[];
        const current = await slotValue(id);
        const refresh = await slotValue(`${id}#refresh`);
        expect(await slots(id)).toEqual([id, `${id}#client`, `${id}#refresh`]);

        if (step === 'intent') {
          // Killed before the refresh was sent: the resume sees the refresh token still active, so nothing happened.
          expect(journals[0]?.outcome).toBe('abandoned');
          expect([current, refresh]).toEqual([first.access_token, first.refresh_token]);
          expect([await active(current), await active(refresh)]).toEqual([true, true]);
          return;
        }
        if (step === 'rotate-answered') {
          // The issuer rotated, but its answer (the only copy of the new access and refresh tokens) died with
          // the process. Lapse never replays a refresh: it sees the old refresh token spent and marks the
          // token for re-authorization (docs/SECURITY.md, 'Rotation survives a crash'). It revokes the old access token (RFC 7009), which at
          // oidc-provider ends the whole grant: the lost pair with it.
          expect(journals[0]?.outcome).toBe('reauthorize');
          expect(shown?.status).toBe('disconnected');
          expect([current, refresh]).toEqual([first.access_token, first.refresh_token]);
          // The pair the issuer sent in the answer that died: the one issued after this test's first pair.
          const lost = issuer.issued.slice(issuer.issued.findIndex((t) => t.refresh_token === first.refresh_token) + 1);
          expect(lost).toHaveLength(1);
          // Every token of the grant at the issuer: none is live, so none is live that Lapse does not know.
          const grant = [
            first.access_token,
            first.refresh_token,
            ...lost.flatMap((t) => [t.access_token, t.refresh_token ?? '']),
          ];
          expect(await Promise.all(grant.map(active))).toEqual(grant.map(() => false));
          // The spent refresh token went to the token endpoint once (the lost refresh), never again.
          expect(issuer.requests.filter((r) => r.method === 'POST' && r.path === '/token')).toHaveLength(
            tokenPosts + 1,
          );
          const log = (await lapse(['log', id])).stdout.replace(/\s+/g, ' ');
          expect(log).toMatch(
            /Lapse revoked the old access token of the same grant \(the issuer now reports it inactive\)/,
          );
          expect(log).toMatch(/to be sure, end this app's grant in the issuer's console/);
          return;
        }
        expect(journals[0]?.outcome).toBe('done');
        expect(current).not.toBe(first.access_token);
        expect(refresh).not.toBe(first.refresh_token);
        // The family: the old access token expired, the old refresh token spent, the new pair live and in the keychain.
        expect([
          await active(first.access_token),
          await active(first.refresh_token),
          await active(current),
          await active(refresh),
        ]).toEqual([false, false, true, true]);
        expect(shown?.status).not.toBe('revocation-pending');
        expect(shown?.findings.map((f) => f.code)).not.toContain('revocation-pending');
      },
    );
  },
);
