import { describe, expect, it } from 'vitest';
import { readJournals } from '../../../electron/lifecycle/rotation-journal.js';
import { slackAccessLifetimeSeconds, startSlackEmulator } from '../../emulators/slack.js';
import { fakeTokens, randomDigits, randomHex } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, inKeychainSession, keychainAttributes } from '../../helpers/keychain-session.js';
import { useEmulator } from '../../helpers/lifetimes.js';
import { ownVaultEachTest } from '../../helpers/own-vault.js';
import { crashHarness } from './crash-harness.js';

announceKeychainSkip();

const vault = ownVaultEachTest('lapse-rotation-crash-slack');
const slack = useEmulator(startSlackEmulator);

const harness = crashHarness(vault);
const lapse = harness.lapse;
const keychainValue = async (account: string) => (await harness.slotValue(account)) ?? '';
const rotateAndKillAt = (id: string, step: string) => harness.killAt(['rotate', id, '--yes'], step);

const steps = [
  'intent',
  'rotate-answered',
  'pending-stored',
  'verified',
  'promoted',
  'old-revoked',
  'previous-deleted',
] as const;

describe.runIf(inKeychainSession)(
  'a Slack refresh rotation killed (SIGKILL) at every step boundary, then resumed by the next lapse command',
  () => {
    it.each(steps)(
      'killed at %s: journal finished; one live access token, the one in the keychain, its refresh token stored; or re-authorize when the answer died',
      async (step) => {
        const clientId = `${randomDigits(10)}.${randomDigits(13)}`;
        const clientSecret = `FAKE${randomHex(28)}`;
        const old = fakeTokens.slackRotatingBot();
        const oldRefresh = fakeTokens.slackRefresh();
        slack.addClient(clientId, clientSecret);
        const family = slack.addRefreshToken(
          oldRefresh,
          { clientId, tokenType: 'bot', token: { user: 'release-bot', team: 'Acme', scopes: ['chat:write'] } },
          old,
        );
        const added = await lapse(['add', '--label', 'release notifier', '--base-url', slack.url], `${old}\n`);
        expect(added.code, added.stderr).toBe(0);
        const id = added.stdout.trim().split(/\s+/)[0] ?? '';
        const set = await lapse(
          ['oauth', 'set', id, '--client-id', clientId, '--client-secret-stdin', '--refresh-token-stdin'],
          `${clientSecret}\n${oldRefresh}\n`,
        );
        expect(set.code, set.stderr).toBe(0);

        const later = new Date(Date.now() + 13 * 3_600_000).toISOString();
        if (step === 'old-revoked' || step === 'previous-deleted') {
          // These steps come only once the replaced access token has expired (it is never auth.revoked):
          // the rotation ends pending, and a start 13 hours on is the one killed there.
          expect((await lapse(['rotate', id, '--yes'])).code).toBe(1);
          await harness.killAt(['list', '--json', '--now', later], step);
        } else await rotateAndKillAt(id, step);
        const listed = await lapse(['list', '--json']);
        expect(listed.code, listed.stderr).toBe(0);

        let journals = readJournals(vault.home);
        if (step !== 'rotate-answered' && journals[0]?.step !== 'finished') {
          // The replaced access token is left to expire (auth.revoke would deactivate the bot user): the
          // journal waits at promoted until a start past its 12 hours confirms it.
          expect(journals.map((j) => j.step)).toEqual(['promoted']);
          expect((await keychainAttributes(vault.service)).usernames.sort()).toEqual([
            id,
            `${id}#client`,
            `${id}#previous`,
            `${id}#refresh`,
          ]);
          expect(slack.tokenState(old)?.revoked).toBeFalsy();
          const resumed = await lapse(['list', '--json', '--now', later]);
          expect(resumed.code, resumed.stderr).toBe(0);
          journals = readJournals(vault.home);
        }
        expect(journals.map((j) => j.step)).toEqual(['finished']);
        const shown = (JSON.parse((await lapse(['list', '--json'])).stdout) as { id: string; status: string }[]).find(
          (t) => t.id === id,
        );
        const current = (await lapse(['reveal', id])).stdout.trim();
        const refresh = await keychainValue(`${id}#refresh`);
        // No half-done slot is left behind.
        expect((await keychainAttributes(vault.service)).usernames.sort()).toEqual([
          id,
          `${id}#client`,
          `${id}#refresh`,
        ]);
        expect(slack.refreshState(oldRefresh)?.spent).toBe(true);
        if (step === 'rotate-answered') {
          // Slack refreshed, but the answer died with the process: the stored refresh token is spent, so re-authorize.
          expect(journals[0]?.outcome).toBe('reauthorize');
          expect(shown?.status).toBe('disconnected');
          const log = JSON.parse((await lapse(['log', id, '--json'])).stdout) as {
            entries: { event: string; detail: string }[];
          };
          expect(log.entries.at(-1)).toMatchObject({
            event: 'rotated',
            detail: expect.stringMatching(
              /^Slack refreshed this token, but its answer never reached Lapse, so the new values were lost/,
            ) as unknown,
          });
          expect(current).toBe(old);
          expect(refresh).toBe(oldRefresh);
          // The lost access token cannot be revoked (Lapse never had it); like the one in the keychain, it dies within 12 hours.
          const lost = slack.liveTokens(family).filter((s) => s !== old);
          expect(lost).toHaveLength(1);
          expect(slack.issued).toContain(lost[0]);
          expect(Date.parse(slack.tokenState(lost[0] ?? '')?.expiresAt ?? '')).toBeLessThanOrEqual(
            Date.now() + slackAccessLifetimeSeconds * 1000,
          );
          return;
        }
        // Killed before the call (intent), Lapse found the refresh token unspent and refreshed once on restart.
        expect(journals[0]?.outcome).toBe('done');
        expect(current).not.toBe(old);
        // Never auth.revoked; Slack's own 12 hours end it.
        expect(slack.liveTokens(family).sort()).toEqual([old, current].sort());
        expect(slack.tokenState(old)?.revoked).toBeFalsy();
        expect(slack.refreshState(refresh)).toMatchObject({ spent: false, issuedWith: current });
        expect(slack.issued.filter((s) => slack.tokenState(s)?.family === family)).toEqual([current]);
        expect(shown?.status).not.toBe('revocation-pending');
        expect(shown?.status).not.toBe('disconnected');
      },
    );
  },
);
