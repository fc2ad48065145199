import { createInterface } from 'node:readline/promises';
import type { RevokeResult } from '../../../shared/contract/revocation-calls.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { printLine, type CliIo } from '../io.js';
import { jsonView, unwrap } from '../output.js';
import { resolveId } from '../resolve-id.js';
import { terminalSafe } from '../../../shared/terminal-text.js';

/** The revocation in a few lines: outcome, then what to do by hand if anything. */
export function revokeText(label: string, r: RevokeResult, byHand = false): string {
  const done = byHand ? 'REVOKED (confirmed by you, not verified)' : 'REVOKED (confirmed dead)';
  const lines = [
    `${terminalSafe(label)}: ${r.state === 'revoked' ? done : 'REVOCATION PENDING (old token still live)'}`,
    `  ${terminalSafe(r.message)}`,
  ];
  r.instructions.forEach((step, i) => lines.push(`  ${i + 1}. ${terminalSafe(step)}`));
  return lines.join('\n');
}

export const revokeJson = (r: RevokeResult) => ({
  state: r.state,
  method: r.method,
  message: r.message,
  instructions: r.instructions,
  link: r.link,
  needsOtp: r.needsOtp,
  revocation: r.token.revocation ?? null,
  revokedAt: r.token.revokedAt,
  token: jsonView(r.token),
});

/** The provider wants a one-time code (npm under two-factor auth): asked at a terminal, else null. */
async function askOtp(io: CliIo, message: string): Promise<string | null> {
  if (!io.stdin.isTTY) return null;
  printLine(io.stderr, message);
  const prompt = createInterface({ input: io.stdin, output: io.stderr as NodeJS.WritableStream });
  const code = (await prompt.question('One-time code: ')).trim();
  prompt.close();
  return code || null;
}

/**
 * What revoking does besides ending the token (a Slack bot token's bot user is deactivated), said
 * before anything is sent: asked at a terminal, else only with --yes.
 */
async function acceptsWarning(io: CliIo, label: string, warning: string, yes: boolean): Promise<boolean> {
  printLine(io.stderr, `${label}: ${warning}`);
  if (yes) return true;
  if (!io.stdin.isTTY) throw new UsageError(`Not revoking "${label}" without confirmation of the above: pass --yes.`);
  const prompt = createInterface({ input: io.stdin, output: io.stderr as NodeJS.WritableStream });
  const answer = await prompt.question('Revoke it anyway? [y/N] ');
  prompt.close();
  if (/^y(es)?$/i.test(answer.trim())) return true;
  printLine(io.stderr, 'Nothing changed.');
  return false;
}

export const revokeCommand: Command = {
  name: 'revoke',
  summary: 'revoke a token at its provider, then confirm it is dead',
  usage: 'lapse revoke ID [--otp CODE] [--yes] [--by-hand] [--json]',
  details: [
    'Asks the provider to revoke it (GitHub, GitLab, Slack, npm, OAuth RFC 7009), then verifies: only a verify that',
    'shows it dead marks it revoked; its secret then leaves the keychain and its metadata stays as history.',
    'A provider without a revocation API gets step-by-step instructions; run the command again once done.',
    'After a rotation whose old value is still pending, it checks that old value (the current one is left alone).',
    '  --otp CODE  the one-time code from your authenticator, where the provider asks for one (npm with',
    '              two-factor authentication for writes); at a terminal Lapse asks for it when needed.',
    '  --yes       where revoking does more than end the token (a Slack bot token: its bot user is deactivated),',
    '              Lapse says so and asks first; --yes answers for you (required when not at a terminal).',
    "  --by-hand   you revoked it yourself in the provider's settings and Lapse cannot verify that provider's",
    '              tokens (e.g. a plain API key): records your word (not a verify) in the log and removes that',
    '              value from the keychain. Refused where Lapse can verify: there a verify must show it dead.',
    'Exit codes: 0 revoked and confirmed; 1 still pending (the old token may still work); 2 usage or environment error.',
  ],
  options: { 'by-hand': { type: 'boolean' }, otp: { type: 'string' }, yes: { type: 'boolean', short: 'y' } },
  async run(ctx, values, [given]) {
    const api = ctx.api();
    const id = await resolveId(api, given);
    const view = unwrap(await api.getToken({ id }));
    const byHand = values['by-hand'] === true;
    const otp = values['otp'] as string | undefined;
    if (otp !== undefined && !/^[A-Za-z0-9-]{4,64}$/.test(otp.trim()))
      throw new UsageError('--otp takes the code your authenticator shows (digits, or a recovery code).');
    const pending = view.revocation && !view.revocation.confirmedAt && !view.revokedAt;
    // A rotation's old value still pending: confirm that one; revoking now would hit the current value.
    const confirmOnly = byHand || (pending && view.revocation?.target === 'previous');
    if (!confirmOnly && !view.revokedAt) {
      const capabilities = await api.getTokenCapabilities({ id });
      const warning = capabilities.ok ? capabilities.value.revoke.warning : null;
      if (warning && !(await acceptsWarning(ctx.io, view.label, warning, values['yes'] === true))) return 1;
    }
    let result = unwrap(
      otp !== undefined && !byHand
        ? await api.revokeToken({ id, otp: otp.trim() })
        : confirmOnly
          ? await api.confirmRevocation(byHand ? { id, byHand: true } : { id })
          : view.revocation && !view.revokedAt
            ? await api
                .confirmRevocation({ id })
                .then((r) => (r.ok && r.value.state === 'pending' ? api.revokeToken({ id }) : r))
            : await api.revokeToken({ id }),
    );
    // At a terminal the person types the code; asked again while the provider refuses it.
    for (let tries = 0; result.needsOtp && tries < 3; tries++) {
      const code = await askOtp(ctx.io, result.message);
      if (!code) break;
      result = unwrap(await api.revokeToken({ id, otp: code }));
    }
    if (result.needsOtp && !ctx.json) {
      printLine(
        ctx.io.stdout,
        `${view.label}: REVOCATION PENDING (nothing sent: a one-time code is needed)\n  ${result.message}\n  Run \`lapse revoke ${id} --otp CODE\` with the code from your authenticator.`,
      );
      return 1;
    }
    printLine(
      ctx.io.stdout,
      ctx.json ? JSON.stringify(revokeJson(result), null, 2) : revokeText(view.label, result, byHand),
    );
    return result.state === 'revoked' ? 0 : 1;
  },
};
