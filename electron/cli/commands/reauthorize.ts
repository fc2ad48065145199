import { terminalSafe } from '../../../shared/terminal-text.js';
import { reportAuthorization, scopesFrom, waitForAuthorization } from '../authorize-wait.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { printLine } from '../io.js';
import { jsonView, unwrap } from '../output.js';
import { readSecret } from '../read-secret.js';
import { resolveId } from '../resolve-id.js';

export const reauthorizeCommand: Command = {
  name: 'reauthorize',
  summary:
    'a new grant for a token (OAuth: sign in again; GitHub/GitLab/npm: create it by hand), with no more scope than its purpose; the old one revoked',
  usage: 'lapse reauthorize ID [--scopes a,b] [--device] [--no-browser] [--yes] [--json]',
  details: [
    "OAuth: the same sign-in as lapse authorize, with the token's issuer and client. Lapse asks for the token's declared scopes, or --scopes (narrower, or other);",
    'scopes beyond the declared purpose are refused with a warning unless --yes. The new grant is verified (active, same account, the scopes asked for),',
    'becomes current, and the old grant is revoked (RFC 7009) and confirmed dead by introspection; History and lapse log record each step. The purpose follows --scopes.',
    'GitHub, GitLab, npm: the create page with the declared scopes filled in where it can; then the new token on stdin, checked and stored before the old one is revoked.',
    'Exit codes: 0 reauthorized; 1 nothing changed (denied, expired, the new grant did not verify) — the message says what to do.',
  ],
  options: {
    scopes: { type: 'string' },
    device: { type: 'boolean' },
    'no-browser': { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
  },
  async run(ctx, values, [given]) {
    const api = ctx.api();
    const id = await resolveId(api, given);
    const token = unwrap(await api.getToken({ id }));
    const scopes = typeof values['scopes'] === 'string' ? scopesFrom(values['scopes']) : undefined;
    if (token.provider !== 'oauth2') {
      const guide = unwrap(await api.authorizeGuide({ tokenId: id, ...(scopes ? { scopes } : {}) }));
      guide.steps.forEach((s, i) => printLine(ctx.io.stderr, `${i + 1}. ${terminalSafe(s)}`));
      const secret = (await readSecret(ctx.io)).trim();
      if (!secret) throw new UsageError('No new token given on stdin; nothing changed.');
      if (scopes) unwrap(await api.editToken({ id, changes: { scopes } }));
      const result = unwrap(await api.completeGuidedRotation({ id, secret }));
      if (ctx.json)
        printLine(
          ctx.io.stdout,
          JSON.stringify({ state: result.state, message: result.message, token: jsonView(result.token) }, null, 2),
        );
      else
        printLine(
          ctx.io.stdout,
          `${terminalSafe(result.token.label)}: ${result.state.toUpperCase()} — ${terminalSafe(result.message)}`,
        );
      return result.state === 'finished' ? 0 : 1;
    }
    const started = await api.startAuthorization({
      tokenId: id,
      ...(scopes ? { scopes } : {}),
      method: values['device'] ? 'device' : 'loopback',
      ...(values['yes'] ? { widerThanPurpose: true } : {}),
    });
    if (!started.ok && started.error.message.includes("beyond the token's declared purpose")) {
      printLine(ctx.io.stderr, `warning: ${terminalSafe(started.error.message)}`);
      return 1;
    }
    return reportAuthorization(
      ctx,
      await waitForAuthorization(ctx, api, unwrap(started), values['no-browser'] !== true),
    );
  },
};
