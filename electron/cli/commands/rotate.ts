import { createInterface } from 'node:readline/promises';
import type { RotationPlan, RotationResult } from '../../../shared/contract/rotation-calls.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { printLine, type CliIo } from '../io.js';
import { jsonView, unwrap } from '../output.js';
import { readSecret } from '../read-secret.js';
import { resolveId } from '../resolve-id.js';
import { instantProblemText, readInstant } from '../../../shared/calendar-instant.js';
import { terminalSafe } from '../../../shared/terminal-text.js';

const resultJson = (r: RotationResult) => ({
  state: r.state,
  kind: r.kind,
  message: r.message,
  warnings: r.warnings,
  revocation: r.token.revocation ?? null,
  token: jsonView(r.token),
});

/** What an automatic rotation will do, before the person confirms: method, new expiry and why, warnings. */
function planLines(label: string, plan: RotationPlan, expires: string | undefined): string[] {
  const lines = [`${terminalSafe(label)}: ${plan.method}. ${terminalSafe(plan.summary)}`];
  if (expires) lines.push(`  new expiry: ${expires} (as you asked)`);
  else if (plan.expiresAt) lines.push(`  new expiry: ${plan.expiresAt} — ${plan.expiryNote ?? ''}`.trimEnd());
  else if (plan.expiryNote) lines.push(`  new expiry: ${plan.expiryNote}`);
  for (const warning of plan.warnings) lines.push(`  note: ${terminalSafe(warning)}`);
  return lines;
}

/** At a terminal, ask; elsewhere an automatic rotation needs --yes. */
async function confirmed(io: CliIo, label: string): Promise<boolean> {
  if (!io.stdin.isTTY) throw new UsageError(`Not rotating "${label}" without confirmation: pass --yes.`);
  const prompt = createInterface({ input: io.stdin, output: io.stderr as NodeJS.WritableStream });
  const answer = await prompt.question('Rotate it now? [y/N] ');
  prompt.close();
  if (/^y(es)?$/i.test(answer.trim())) return true;
  printLine(io.stderr, 'Nothing changed.');
  return false;
}

export const rotateCommand: Command = {
  name: 'rotate',
  summary: "replace a token's value: automatically where the provider can, guided elsewhere",
  usage: 'lapse rotate ID [--expires YYYY-MM-DD] [--yes] [--json] | ID --discard',
  details: [
    "GitLab personal access tokens rotate by API, always with an expiry: the old token's lifetime capped by the",
    "policy's longest allowed lifetime (--expires sets another). OAuth and rotating Slack tokens with a refresh token",
    '(lapse oauth set) are refreshed. An automatic rotation is shown first and asked about at a terminal; elsewhere',
    '--yes is required. Elsewhere Lapse prints where to create the replacement and the scopes to give it, then reads',
    'the new value from stdin, verifies it (same account, scopes), stores it and revokes the old one.',
    'Every step is journalled: if Lapse stops midway, the next lapse command finishes or safely undoes it.',
    'A rotation paused on a provider that did not answer keeps the new value aside (the current one stays):',
    "lapse rotate ID resumes it; --discard drops a guided rotation's new value. lapse doctor and lapse log list paused ones.",
    'Exit codes: 0 rotated and the old value confirmed dead; 1 paused, the old value may still be live, or it needs re-authorizing.',
  ],
  options: { expires: { type: 'string' }, yes: { type: 'boolean', short: 'y' }, discard: { type: 'boolean' } },
  async run(ctx, values, [given]) {
    const expires = values['expires'] as string | undefined;
    if (expires !== undefined) {
      const read = /^\d{4}-\d{2}-\d{2}$/.test(expires) ? readInstant(expires) : null;
      if (!read) throw new UsageError('--expires takes a date: YYYY-MM-DD.');
      if (!read.ok) throw new UsageError(instantProblemText('--expires', expires, read.problem));
    }
    const api = ctx.api();
    const id = await resolveId(api, given);
    if (values['discard']) {
      const { message } = unwrap(await api.discardRotation({ id }));
      printLine(ctx.io.stdout, ctx.json ? JSON.stringify({ discarded: true, message }) : message);
      return 0;
    }
    const plan = unwrap(await api.planRotation({ id }));
    const expiresAt = expires ?? (plan.takesExpiry ? plan.expiresAt : null);
    if (plan.kind === 'automatic') {
      const label = unwrap(await api.getToken({ id })).label;
      planLines(label, plan, expires).forEach((line) => printLine(ctx.io.stderr, line));
      if (!values['yes'] && !(await confirmed(ctx.io, label))) return 1;
    }
    let result = unwrap(await api.rotateToken(expiresAt ? { id, expiresAt } : { id }));
    if (result.state === 'guided' && result.guide) {
      const { guide } = result;
      printLine(ctx.io.stderr, `${terminalSafe(result.token.label)}: ${terminalSafe(result.message)}`);
      if (guide.createLink) printLine(ctx.io.stderr, `  create it at: ${guide.createLink}`);
      printLine(ctx.io.stderr, `  scopes to give it: ${guide.scopes.join(', ') || '(none recorded)'}`);
      guide.steps.forEach((s, i) => printLine(ctx.io.stderr, `  ${i + 1}. ${terminalSafe(s)}`));
      const secret = (await readSecret(ctx.io)).trim();
      if (!secret) throw new UsageError('No new token given on stdin; nothing changed.');
      result = unwrap(await api.completeGuidedRotation({ id, secret }));
    }
    if (ctx.json) printLine(ctx.io.stdout, JSON.stringify(resultJson(result), null, 2));
    else {
      printLine(
        ctx.io.stdout,
        `${terminalSafe(result.token.label)}: ${result.state.toUpperCase()} — ${terminalSafe(result.message)}`,
      );
      for (const w of result.warnings)
        printLine(ctx.io.stdout, `  [${w.severity}] ${w.code}: ${terminalSafe(w.message)}`);
      if (result.state === 'reauthorize')
        printLine(ctx.io.stdout, `  Authorize again: lapse reauthorize ${id.slice(0, 8)}`);
      if (result.state === 'pending') {
        printLine(
          ctx.io.stdout,
          `  Resume: lapse rotate ${id.slice(0, 8)}${result.kind === 'guided' ? `    Drop the new value: lapse rotate ${id.slice(0, 8)} --discard` : ''}`,
        );
      }
    }
    return result.state === 'finished' ? 0 : 1;
  },
};
