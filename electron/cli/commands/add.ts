import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { printLine } from '../io.js';
import { jsonView, unwrap } from '../output.js';
import { readSecret } from '../read-secret.js';
import { addNotes, tokenFieldHelp, tokenFieldOptions, tokenFieldsFrom } from '../token-fields.js';

export const addCommand: Command = {
  name: 'add',
  summary: 'store a token (secret from stdin) in the OS keychain',
  usage:
    'echo "$TOKEN" | lapse add --label L [--provider P] [--expires DATE|never|unknown] [--purpose TEXT] [--scopes a,b] [--tag T]… [--base-url URL] [--json]',
  details: [
    'Reads the secret from stdin (first line); at a terminal it asks with input hidden.',
    'It never takes the secret as an argument: arguments end up in shell history and process lists.',
    ...tokenFieldHelp,
  ],
  options: { ...tokenFieldOptions, secret: { type: 'string' }, token: { type: 'string' } },
  async run(ctx, values, positionals) {
    if (positionals.length || values['secret'] !== undefined || values['token'] !== undefined) {
      throw new UsageError(
        'lapse add takes the secret on stdin, never as an argument (shell history keeps arguments). Try: echo "$TOKEN" | lapse add --label …',
      );
    }
    const fields = tokenFieldsFrom(values);
    if (!fields.label) throw new UsageError('--label is required: a few words saying what the token is for.');
    const secret = await readSecret(ctx.io);
    const view = unwrap(await ctx.api().addToken({ ...fields, label: fields.label, secret }));
    printLine(ctx.io.stdout, ctx.json ? JSON.stringify(jsonView(view), null, 2) : view.id);
    if (!ctx.json) {
      printLine(ctx.io.stderr, `Stored "${view.label}" (${view.masked}) in the OS keychain.`);
      for (const note of addNotes(view)) printLine(ctx.io.stderr, note);
    }
    return 0;
  },
};
