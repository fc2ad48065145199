import type { AuthorizationOutcome, AuthorizationStart, LapseApi } from '../../shared/api.js';
import { terminalSafe } from '../../shared/terminal-text.js';
import type { CommandContext } from './command.js';
import { printLine } from './io.js';
import { jsonView, unwrap } from './output.js';
import { openInBrowser } from './open-browser.js';

/**
 * Tell the person where to approve (stderr: stdout stays for the result), open the browser unless
 * told not to, and wait for the outcome. Ctrl-C ends the process, and with it the listener.
 */
export async function waitForAuthorization(
  ctx: CommandContext,
  api: LapseApi,
  start: AuthorizationStart,
  openBrowser: boolean,
): Promise<AuthorizationOutcome> {
  const err = ctx.io.stderr;
  if (start.method === 'loopback' && start.authorizationUrl) {
    printLine(err, 'Approve Lapse at the issuer, in your browser:');
    printLine(err, `  ${terminalSafe(start.authorizationUrl)}`);
    const opened = openBrowser && (await openInBrowser(start.authorizationUrl, ctx.io.env));
    printLine(
      err,
      opened
        ? '(opened in your browser; waiting for its answer on 127.0.0.1 …)'
        : 'Open it in a browser on this machine; Lapse waits for its answer on 127.0.0.1 …',
    );
  } else {
    printLine(err, `On any device, open ${terminalSafe(start.verificationUri ?? '')}`);
    printLine(err, `and enter the code:  ${terminalSafe(start.userCode ?? '')}`);
    if (start.verificationUriComplete)
      printLine(err, `(or open ${terminalSafe(start.verificationUriComplete)}, which has the code filled in)`);
    printLine(err, `The code works until ${start.expiresAt}. Waiting for approval …`);
  }
  for (;;) {
    const outcome = unwrap(await api.finishAuthorization({ flowId: start.flowId, waitMs: 25_000 }));
    if (outcome.state !== 'waiting') return outcome;
  }
}

/** The outcome on stdout (the token as `show --json` prints it with --json), notes on stderr; the exit code. */
export function reportAuthorization(ctx: CommandContext, outcome: AuthorizationOutcome): number {
  if (outcome.state === 'failed' || !outcome.token) {
    printLine(ctx.io.stderr, terminalSafe(outcome.message));
    return 1;
  }
  if (ctx.json) printLine(ctx.io.stdout, JSON.stringify(jsonView(outcome.token), null, 2));
  else
    printLine(
      ctx.io.stdout,
      `${terminalSafe(outcome.message)}  id ${outcome.token.id.slice(0, 8)}, scopes ${outcome.token.scopes.join(', ') || '—'}`,
    );
  for (const note of outcome.notes) printLine(ctx.io.stderr, `note: ${terminalSafe(note)}`);
  return 0;
}

/** "a,b c" → ["a", "b", "c"]: scopes as `--scopes` takes them (commas or spaces). */
export const scopesFrom = (text: string): string[] => [...new Set(text.split(/[,\s]+/).filter(Boolean))];
