import { describeExpiry } from '../../../shared/countdown.js';
import { inspectToken } from '../../../shared/inspect.js';
import { providerNames } from '../../../shared/model.js';
import { secretProblem } from '../../../shared/secret-rules.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { printLine } from '../io.js';
import { clockFrom } from '../open-service.js';
import { readSecret } from '../read-secret.js';
import { jsonTerminalSafe, terminalSafe } from '../../../shared/terminal-text.js';

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'what Lapse can tell about a token offline (reads stdin, stores nothing)',
  usage: 'echo "$TOKEN" | lapse inspect [--json] [--now ISO]',
  details: [
    'Provider and kind from the format; expiry, issue time, scopes and claims from a JWT. Nothing is stored or sent.',
  ],
  options: {},
  async run(ctx, values, positionals) {
    if (positionals.length) throw new UsageError('lapse inspect reads the token from stdin, never from an argument.');
    const value = await readSecret(ctx.io);
    const problem = secretProblem(value);
    if (problem) throw new UsageError(problem);
    const found = inspectToken(value);
    if (ctx.json) {
      // Claims are whoever signed the token's words: the JSON says the same, with nothing raw a terminal acts on.
      printLine(ctx.io.stdout, jsonTerminalSafe(JSON.stringify(found, null, 2)));
      return 0;
    }
    const now = clockFrom((values['now'] as string | undefined) ?? (ctx.io.env['LAPSE_NOW'] || undefined))();
    // A JWT's claims are whatever its issuer (or a forger) wrote: shown terminal-safe, never raw.
    const s = (v: unknown) => terminalSafe(Array.isArray(v) ? v.map(String).join(', ') : String(v));
    const lines = [
      `token      ${s(found.masked)}`,
      `provider   ${found.provider ? `${providerNames[found.provider]} — ${s(found.kind)}` : 'not recognised'}`,
    ];
    if (found.expiresAt) lines.push(`expires    ${describeExpiry(found.expiresAt, now)} (${found.expiresAt})`);
    if (found.issuedAt) lines.push(`issued     ${found.issuedAt}`);
    if (found.scopes) lines.push(`scopes     ${s(found.scopes) || '—'}`);
    if (found.jwt) {
      for (const claim of ['iss', 'sub', 'aud', 'client_id', 'azp']) {
        const v = found.jwt.claims[claim];
        if (v !== undefined) lines.push(`${claim.padEnd(10)} ${s(v)}`);
      }
      lines.push(`alg        ${s(found.jwt.header['alg'] ?? '—')}  (signature not checked offline)`);
    }
    for (const note of found.notes) lines.push(`note       ${s(note)}`);
    printLine(ctx.io.stdout, lines.join('\n'));
    return 0;
  },
};
