import type { Command } from '../command.js';
import { printLine } from '../io.js';
import { detailText, jsonView, unwrap } from '../output.js';
import { resolveId } from '../resolve-id.js';

export const showCommand: Command = {
  name: 'show',
  summary: "one token's metadata and findings (never the secret)",
  usage: 'lapse show ID [--json]',
  details: ['ID may be a unique prefix of the id, as `lapse list` shows it.'],
  options: {},
  async run(ctx, _values, [given]) {
    const api = ctx.api();
    const view = unwrap(await api.getToken({ id: await resolveId(api, given) }));
    const now = Date.parse(unwrap(await api.listTokens({})).evaluatedAt);
    printLine(ctx.io.stdout, ctx.json ? JSON.stringify(jsonView(view), null, 2) : detailText(view, now, ctx.paint));
    return 0;
  },
};
