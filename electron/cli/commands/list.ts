import type { Command } from '../command.js';
import { printLine } from '../io.js';
import { jsonView, listTable, unwrap } from '../output.js';

export const listCommand: Command = {
  name: 'list',
  summary: 'all tokens, most urgent first',
  usage: 'lapse list [--json]',
  details: ['Reads metadata only: works even when the keychain is locked.'],
  options: {},
  async run(ctx) {
    const { tokens, evaluatedAt } = unwrap(await ctx.api().listTokens({}));
    printLine(
      ctx.io.stdout,
      ctx.json ? JSON.stringify(tokens.map(jsonView), null, 2) : listTable(tokens, Date.parse(evaluatedAt), ctx.paint),
    );
    return 0;
  },
};
