import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { printLine } from '../io.js';
import { jsonView, unwrap } from '../output.js';
import { resolveId } from '../resolve-id.js';
import { tokenFieldHelp, tokenFieldOptions, tokenFieldsFrom } from '../token-fields.js';

export const editCommand: Command = {
  name: 'edit',
  summary: "change a token's metadata",
  usage:
    'lapse edit ID [--label L] [--provider P] [--expires DATE|never] [--purpose TEXT] [--scopes a,b] [--tag T]… [--base-url URL|none] [--json]',
  details: ['Only the options given change; the secret is never changed here.', ...tokenFieldHelp],
  options: tokenFieldOptions,
  async run(ctx, values, [given]) {
    const changes = tokenFieldsFrom(values);
    if (Object.keys(changes).length === 0)
      throw new UsageError('Nothing to change: give at least one option, e.g. --label or --expires.');
    const api = ctx.api();
    const view = unwrap(await api.editToken({ id: await resolveId(api, given), changes }));
    printLine(ctx.io.stdout, ctx.json ? JSON.stringify(jsonView(view), null, 2) : `Updated "${view.label}".`);
    return 0;
  },
};
