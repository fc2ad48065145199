import type { Command } from '../command.js';
import { printLine } from '../io.js';
import { unwrap } from '../output.js';
import { resolveId } from '../resolve-id.js';

export const forgetCommand: Command = {
  name: 'forget',
  summary: "remove a revoked token's history from the vault",
  usage: 'lapse forget ID [--json]',
  details: ['Only for revoked tokens (see `lapse revoke`). The audit log keeps its lines.'],
  options: {},
  async run(ctx, _values, [given]) {
    const api = ctx.api();
    const id = await resolveId(api, given);
    const view = unwrap(await api.getToken({ id }));
    unwrap(await api.forgetToken({ id }));
    printLine(ctx.io.stdout, ctx.json ? JSON.stringify({ id, forgotten: true }) : `Forgot "${view.label}".`);
    return 0;
  },
};
