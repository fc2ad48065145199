import type { Command } from '../command.js';
import { printLine } from '../io.js';
import { unwrap } from '../output.js';
import { resolveId } from '../resolve-id.js';

export const revealCommand: Command = {
  name: 'reveal',
  summary: 'print the secret (the only command that ever does)',
  usage: 'lapse reveal ID',
  details: ['Prints the secret alone on stdout, for piping: lapse reveal ID | some-tool --token-stdin'],
  options: {},
  async run(ctx, _values, [given]) {
    const api = ctx.api();
    const { secret } = unwrap(await api.revealSecret({ id: await resolveId(api, given) }));
    printLine(ctx.io.stdout, secret);
    return 0;
  },
};
