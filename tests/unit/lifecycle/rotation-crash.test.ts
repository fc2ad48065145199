import { describe, expect, it } from 'vitest';
import { readJournals } from '../../../electron/lifecycle/rotation-journal.js';
import { startGitlabEmulator } from '../../emulators/gitlab.js';
import { fakeTokens, tracesIn } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, inKeychainSession } from '../../helpers/keychain-session.js';
import { useEmulator } from '../../helpers/lifetimes.js';
import { ownVaultEachTest } from '../../helpers/own-vault.js';
import { allFileText } from '../../helpers/temp-home.js';
import { crashHarness } from './crash-harness.js';

announceKeychainSkip();

const vault = ownVaultEachTest('lapse-rotation-crash');
const gitlab = useEmulator(startGitlabEmulator);

const harness = crashHarness(vault);
const lapse = harness.lapse;
const rotateAndKillAt = (id: string, step: string) => harness.killAt(['rotate', id, '--yes'], step);

const steps = ['intent', 'pending-stored', 'verified', 'promoted', 'old-revoked', 'previous-deleted'] as const;

describe.runIf(inKeychainSession)(
  'a GitLab rotation killed (SIGKILL) at every step boundary, then resumed by the next lapse command',
  () => {
    it.each(steps)(
      'killed at %s: journal finished; rotated to one live value (the one in the keychain)',
      async (step) => {
        const old = fakeTokens.gitlabLegacy();
        gitlab.addToken(old, { username: 'grace', scopes: ['api'] });
        const added = await lapse(['add', '--label', 'deploy', '--base-url', gitlab.url], `${old}\n`);
        expect(added.code, added.stderr).toBe(0);
        const id = added.stdout.trim().split(/\s+/)[0] ?? '';
        const family = () =>
          gitlab
            .liveTokens()
            .filter((s) => s === old || gitlab.tokenState(s)?.family === gitlab.tokenState(old)?.family);

        await rotateAndKillAt(id, step);
        const listed = await lapse(['list', '--json']);
        expect(listed.code, listed.stderr).toBe(0);

        const journals = readJournals(vault.home);
        expect(journals.map((j) => j.step)).toEqual(['finished']);
        const shown = JSON.parse((await lapse(['show', id, '--json'])).stdout) as { status: string };
        const current = (await lapse(['reveal', id])).stdout.trim();
        const live = family();
        expect(live).toEqual([current]);
        expect(step === 'intent' ? current === old : current !== old).toBe(true);
        expect(shown.status).not.toBe('revocation-pending');
        expect(journals[0]?.outcome).toBe(step === 'intent' ? 'abandoned' : 'done');
      },
    );

    /** `deploy` (grace, api), verified so the vault knows its account; `ci`, another of grace's tokens, when asked for. */
    async function grace(withSibling: { scopes: string[] } | null) {
      const old = fakeTokens.gitlabLegacy();
      gitlab.addToken(old, { username: 'grace', userId: 77, scopes: ['api'], name: 'deploy' });
      const id =
        (await lapse(['add', '--label', 'deploy', '--base-url', gitlab.url], `${old}\n`)).stdout
          .trim()
          .split(/\s+/)[0] ?? '';
      expect((await lapse(['verify', id])).code).toBe(0);
      let sibling: string | null = null;
      if (withSibling) {
        sibling = fakeTokens.gitlabLegacy();
        gitlab.addToken(sibling, { username: 'grace', userId: 77, scopes: withSibling.scopes, name: 'ci' });
        const ci =
          (await lapse(['add', '--label', 'ci', '--base-url', gitlab.url], `${sibling}\n`)).stdout
            .trim()
            .split(/\s+/)[0] ?? '';
        expect((await lapse(['verify', ci])).code).toBe(0);
      }
      const before = new Set(gitlab.liveTokens());
      return { old, id, sibling, issuedSince: () => gitlab.liveTokens().filter((s) => !before.has(s)) };
    }

    it('killed at rotate-answered (GitLab rotated; the only copy of the new value died) with another api token of grace in the vault: the lost token is revoked at GitLab by id, so no live token of grace is unknown to Lapse', async () => {
      const { old, id, sibling } = await grace({ scopes: ['api'] });
      const graceLive = () => gitlab.liveTokens().filter((s) => gitlab.tokenState(s)?.userId === 77);

      await rotateAndKillAt(id, 'rotate-answered');
      const lost = gitlab.liveTokens().filter((s) => s !== sibling && gitlab.tokenState(s)?.userId === 77);
      expect(lost).toHaveLength(1);
      expect((await lapse(['list', '--json'])).code).toBe(0);

      const journals = readJournals(vault.home);
      expect(journals.map((j) => [j.step, j.outcome])).toEqual([['finished', 'reauthorize']]);
      const shown = JSON.parse((await lapse(['show', id, '--json'])).stdout) as { status: string };
      expect(shown.status).toBe('disconnected');
      expect(gitlab.tokenState(old)?.revoked).toBe(true);
      // Every live token of grace at GitLab is one the vault holds: the sweeper, nothing else.
      expect(graceLive()).toEqual([sibling]);
      const log = (await lapse(['log', id])).stdout;
      expect(log).toContain(`GitLab token id ${gitlab.tokenState(lost[0] ?? '')?.id ?? 'none'}`);
      expect(log).toMatch(/Lapse revoked it with "ci"/);
      const files =
        allFileText(vault.home)
          .map((f) => f.text)
          .join('\n') + log;
      expect([old, sibling ?? '', ...lost].flatMap((s) => tracesIn(files, s))).toEqual([]);
    });

    it('killed at rotate-answered with no other token of grace in the vault: re-authorization, and the message says exactly which token to revoke by hand, and where', async () => {
      const { id, issuedSince } = await grace(null);

      await rotateAndKillAt(id, 'rotate-answered');
      const lost = issuedSince();
      expect((await lapse(['list', '--json'])).code).toBe(0);

      expect(readJournals(vault.home).map((j) => [j.step, j.outcome])).toEqual([['finished', 'reauthorize']]);
      // Nothing could revoke it: it is still live, and the person is told how to find it.
      expect(lost).toHaveLength(1);
      expect(gitlab.liveTokens()).toContain(lost[0]);
      const log = (await lapse(['log', id])).stdout.replace(/\s+/g, ' ');
      expect(log).toMatch(
        /No other GitLab token of grace is in the vault to revoke the one the lost rotation created\. GitLab still holds a live token nobody has: revoke the token of grace that GitLab created at about \d{4}-\d\d-\d\d \d\d:\d\d UTC with the scopes api, expiring \d{4}-\d\d-\d\d \(it has this token's name\) at http:\/\/127\.0\.0\.1:\d+\/-\/user_settings\/personal_access_tokens\./,
      );
    });
  },
);
