import { describe, expect, it } from 'vitest';
import { readJournals } from '../../../electron/lifecycle/rotation-journal.js';
import { startGithubEmulator } from '../../emulators/github.js';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, inKeychainSession } from '../../helpers/keychain-session.js';
import { useEmulator } from '../../helpers/lifetimes.js';
import { ownVaultEachTest } from '../../helpers/own-vault.js';
import { crashHarness } from './crash-harness.js';

announceKeychainSkip();

const vault = ownVaultEachTest('lapse-crash-guided');
const github = useEmulator(startGithubEmulator);
const { lapse, killAt, slots, slotValue } = crashHarness(vault);

// A guided rotation has no provider call that issues anything: the new value exists from the moment
// the person pastes it, so from then on every crash must end with it current and the old one revoked.
const steps = ['intent', 'pending-stored', 'verified', 'promoted', 'old-revoked', 'previous-deleted'] as const;

describe.runIf(inKeychainSession)(
  'a guided GitHub PAT rotation killed (SIGKILL) at every step boundary, then resumed by the next lapse command',
  () => {
    it.each(steps)(
      'killed at %s: journal finished; the new token current (the value in the keychain), the old one revoked at GitHub',
      async (step) => {
        const old = fakeTokens.githubClassic();
        const next = fakeTokens.githubClassic();
        github.addToken(old, { login: 'octocat', scopes: ['repo'] });
        github.addToken(next, { login: 'octocat', scopes: ['repo'] });
        const added = await lapse(['add', '--label', 'ci', '--base-url', github.url], `${old}\n`);
        expect(added.code, added.stderr).toBe(0);
        const id = added.stdout.trim().split(/\s+/)[0] ?? '';

        await killAt(['rotate', id], step, `${next}\n`);
        const listed = await lapse(['list', '--json']);
        expect(listed.code, listed.stderr).toBe(0);

        expect(readJournals(vault.home).map((j) => [j.step, j.outcome])).toEqual([['finished', 'done']]);
        expect(await slotValue(id)).toBe(next);
        // Exactly one of the two live at GitHub, and it is the one Lapse holds; no slot of the rotation left.
        expect([old, next].filter((s) => !github.tokenState(s)?.revoked)).toEqual([next]);
        expect(await slots(id)).toEqual([id]);
        const [shown] = JSON.parse(listed.stdout) as { status: string; findings: { code: string }[] }[];
        expect(shown?.status).not.toBe('revocation-pending');
        expect(shown?.findings.map((f) => f.code)).not.toContain('revocation-pending');
      },
    );
  },
);
