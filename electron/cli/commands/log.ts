import { tokenIdSchema } from '../../../shared/contract/call.js';
import type { Command } from '../command.js';
import { printLine } from '../io.js';
import { CallFailed, unwrap } from '../output.js';
import { resolveId } from '../resolve-id.js';
import { terminalSafe } from '../../../shared/terminal-text.js';

export const logCommand: Command = {
  name: 'log',
  summary: 'the audit log: what happened to tokens (added, verified, rotated, revoked …)',
  usage: 'lapse log [ID] [--json]',
  details: [
    'Oldest first. With an ID, only that token (also once it was forgotten, by its full id).',
    'The log never holds a secret.',
  ],
  options: {},
  async run(ctx, _values, [given]) {
    const api = ctx.api();
    let id: string | undefined;
    if (given) {
      try {
        id = await resolveId(api, given);
      } catch (error) {
        // A forgotten token is no longer listed, but its history is.
        if (!(error instanceof CallFailed) || !tokenIdSchema.safeParse(given).success) throw error;
        id = given;
      }
    }
    const { entries } = unwrap(await api.getHistory(id ? { id } : {}));
    if (ctx.json) {
      printLine(ctx.io.stdout, JSON.stringify({ entries }, null, 2));
      return 0;
    }
    if (!entries.length) printLine(ctx.io.stdout, 'Nothing recorded yet.');
    for (const e of entries)
      printLine(
        ctx.io.stdout,
        `${e.at}  ${e.event.padEnd(8)}  ${e.tokenId.slice(0, 8)}  ${terminalSafe(e.label)}: ${terminalSafe(e.detail)}`,
      );
    return 0;
  },
};
