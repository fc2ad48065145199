import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startGithubEmulator } from '../../emulators/github.js';
import { startSlackEmulator } from '../../emulators/slack.js';
import { fakeTokens, tracesIn } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, inKeychainSession } from '../../helpers/keychain-session.js';
import { allFileText } from '../../helpers/temp-home.js';
import { useEmulator } from '../../helpers/lifetimes.js';
import { ownVaultEachTest } from '../../helpers/own-vault.js';
import { builtLapse } from '../../helpers/cli-vault.js';

announceKeychainSkip();

const github = useEmulator(startGithubEmulator);
const slack = useEmulator(startSlackEmulator);
const vault = ownVaultEachTest('lapse-lifecycle-cli');
const lapse = builtLapse(vault);

describe.runIf(inKeychainSession)(
  'seed scenario: a SaaS integration offboarded, through the real CLI and keychain',
  () => {
    it('lapse offboard --tag revokes its token at once, confirms it dead, writes the receipt, and lapse log shows it', async () => {
      const secret = fakeTokens.githubClassic();
      github.addToken(secret, { login: 'acme-bot', scopes: ['repo'] });
      const added = await lapse(
        ['add', '--label', 'Acme CI integration', '--base-url', github.url, '--tag', 'acme'],
        `${secret}\n`,
      );
      expect(added.code, added.stderr).toBe(0);
      const id = added.stdout.trim().split(/\s+/)[0] ?? '';
      expect((await lapse(['verify', id])).code).toBe(0);
      const receiptFile = path.join(vault.home, 'receipt.md');

      const offboarded = await lapse(['offboard', '--tag', 'acme', '--yes', '--receipt', receiptFile]);

      expect(offboarded.code, offboarded.stderr).toBe(0);
      expect(offboarded.stderr).toMatch(/^\[1\/1\] GitHub Acme CI integration: revoked — Revoked: GitHub rejects it/);
      expect(github.tokenState(secret)?.revoked).toBe(true);
      const receipt = fs.readFileSync(receiptFile, 'utf8');
      expect(receipt).toContain('1 token: 1 revoked and confirmed dead, 0 still live, 0 failed.');
      expect(receipt).toMatch(
        /\| Acme CI integration \| GitHub \| acme-bot \| `ghp_…\w{4}` \| revoked, confirmed dead \|/,
      );

      const shown = JSON.parse((await lapse(['show', id, '--json'])).stdout) as { status: string };
      expect(shown.status).toBe('revoked');
      expect((await lapse(['reveal', id])).code).not.toBe(0);

      const log = await lapse(['log', id, '--json']);
      const events = (JSON.parse(log.stdout) as { entries: { event: string }[] }).entries.map((e) => e.event);
      expect(events).toEqual(['added', 'verified', 'revoked', 'verified', 'revoked']);

      const forgot = await lapse(['forget', id]);
      expect(forgot.code, forgot.stderr).toBe(0);
      expect((await lapse(['log', id])).stdout).toMatch(/deleted .*Forgotten/);

      const disk = [
        offboarded.stdout,
        offboarded.stderr,
        log.stdout,
        ...allFileText(vault.home).map((f) => f.text),
      ].join('\n');
      expect(tracesIn(disk, secret)).toEqual([]);
    });

    it('lapse revoke of a token whose provider has no revocation API prints the steps and exits 1 (still live)', async () => {
      const added = await lapse(['add', '--label', 'billing'], `${fakeTokens.stripeTest()}\n`);
      const id = added.stdout.trim().split(/\s+/)[0] ?? '';
      const revoked = await lapse(['revoke', id]);
      expect(revoked.code).toBe(1);
      expect(revoked.stdout).toContain('billing: REVOCATION PENDING (old token still live)');
      expect(revoked.stdout).toMatch(/\n {2}1\. Open Stripe's token settings/);
    });

    it('lapse revoke of a Slack bot token says its bot user is deactivated first, and sends nothing without --yes off a terminal', async () => {
      const secret = fakeTokens.slackBot();
      slack.addToken(secret, { user: 'deploy-bot', team: 'Acme', botId: 'B0CLI0001' });
      const added = await lapse(['add', '--label', 'deploy notifier', '--base-url', slack.url], `${secret}\n`);
      const id = added.stdout.trim().split(/\s+/)[0] ?? '';

      const refused = await lapse(['revoke', id]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(
        'deploy notifier: Revoking a bot token also deactivates its bot user and removes it from its channels',
      );
      expect(refused.stderr).toContain('pass --yes');
      expect(slack.tokenState(secret)?.revoked).toBeFalsy();
      expect(slack.botUser('B0CLI0001')?.active).toBe(true);

      const revoked = await lapse(['revoke', id, '--yes']);
      expect(revoked.code, revoked.stderr).toBe(0);
      expect(revoked.stdout).toContain('deploy notifier: REVOKED (confirmed dead)');
      expect(slack.botUser('B0CLI0001')?.active).toBe(false);
    });
  },
);
