import { createInterface } from 'node:readline/promises';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { printLine } from '../io.js';
import { unwrap } from '../output.js';
import { resolveId } from '../resolve-id.js';

export const rmCommand: Command = {
  name: 'rm',
  summary: 'delete a token (to Recently deleted for 30 days; `lapse restore` undoes it)',
  usage: 'lapse rm ID [--yes]',
  details: [
    'Asks first at a terminal; elsewhere --yes is required.',
    'This does not revoke the token: it keeps working at its provider. Revoke it first (lapse revoke ID) if nothing needs it.',
    'It stays in Recently deleted, secret included, for 30 days (lapse deleted, lapse restore ID).',
  ],
  options: { yes: { type: 'boolean', short: 'y' } },
  async run(ctx, values, [given]) {
    const api = ctx.api();
    const id = await resolveId(api, given);
    const view = unwrap(await api.getToken({ id }));
    if (!values['yes']) {
      if (!ctx.io.stdin.isTTY) throw new UsageError(`Not deleting "${view.label}" without confirmation: pass --yes.`);
      const prompt = createInterface({ input: ctx.io.stdin, output: ctx.io.stderr as NodeJS.WritableStream });
      const answer = await prompt.question(
        `Delete "${view.label}" (${view.masked})? It keeps working at its provider (lapse revoke does that); Lapse keeps it in Recently deleted for 30 days. [y/N] `,
      );
      prompt.close();
      if (!/^y(es)?$/i.test(answer.trim())) {
        printLine(ctx.io.stderr, 'Kept.');
        return 1;
      }
    }
    unwrap(await api.deleteToken({ id }));
    printLine(
      ctx.io.stdout,
      ctx.json
        ? JSON.stringify({ id, deleted: true })
        : `Deleted "${view.label}": in Recently deleted for 30 days (undo: lapse restore ${id.slice(0, 8)}). It still works at its provider.`,
    );
    return 0;
  },
};
