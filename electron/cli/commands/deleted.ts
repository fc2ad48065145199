import { createInterface } from 'node:readline/promises';
import type { LapseApi } from '../../../shared/api.js';
import { isoDay } from '../../../shared/countdown.js';
import { kindPhrase } from '../../../shared/token-words.js';
import type { Command, CommandContext } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { printLine } from '../io.js';
import { CallFailed, unwrap } from '../output.js';

/** A recently deleted token by its full id or a unique prefix. */
export async function resolveDeleted(api: LapseApi, given: string | undefined): Promise<string> {
  if (!given) throw new UsageError('Name the token by its id (see `lapse deleted`).');
  const { tokens } = unwrap(await api.listDeleted({}));
  const matches = tokens.filter(
    (t) => t.token.id === given || (given.length >= 4 && t.token.id.startsWith(given.toLowerCase())),
  );
  if (matches.length === 1 && matches[0]) return matches[0].token.id;
  if (matches.length > 1)
    throw new UsageError(`"${given}" matches ${matches.length} deleted tokens; give more of the id.`);
  throw new CallFailed({
    code: 'not-found',
    message: `Nothing in Recently deleted has id ${given}. See \`lapse deleted\`.`,
  });
}

async function confirmed(ctx: CommandContext, question: string): Promise<boolean> {
  if (!ctx.io.stdin.isTTY) throw new UsageError('Not deleting for good without confirmation: pass --yes.');
  const prompt = createInterface({ input: ctx.io.stdin, output: ctx.io.stderr as NodeJS.WritableStream });
  const answer = await prompt.question(`${question} [y/N] `);
  prompt.close();
  return /^y(es)?$/i.test(answer.trim());
}

export const deletedCommand: Command = {
  name: 'deleted',
  summary: 'Recently deleted tokens (kept 30 days, restorable); --purge deletes for good',
  usage: 'lapse deleted [--json] | --purge ID|--all [--yes]',
  details: [
    '`lapse rm` moves a token here, its secret still in the keychain; `lapse restore ID` brings it back.',
    'After 30 days, or with --purge, its keychain entry and metadata are removed for good.',
  ],
  options: { purge: { type: 'string' }, all: { type: 'boolean' }, yes: { type: 'boolean', short: 'y' } },
  async run(ctx, values) {
    const api = ctx.api();
    if (values['purge'] !== undefined || values['all']) {
      const id = values['all'] ? undefined : await resolveDeleted(api, values['purge'] as string);
      if (
        !values['yes'] &&
        !(await confirmed(
          ctx,
          id
            ? `Delete ${id.slice(0, 8)} for good? Its secret leaves the keychain.`
            : 'Delete everything in Recently deleted for good?',
        ))
      ) {
        printLine(ctx.io.stderr, 'Kept.');
        return 1;
      }
      const { purged } = unwrap(await api.purgeDeleted(id ? { id } : {}));
      printLine(
        ctx.io.stdout,
        ctx.json
          ? JSON.stringify({ purged })
          : `Deleted ${purged.length} token${purged.length === 1 ? '' : 's'} for good.`,
      );
      return 0;
    }
    const { tokens } = unwrap(await api.listDeleted({}));
    if (ctx.json) {
      printLine(
        ctx.io.stdout,
        JSON.stringify(
          tokens.map((t) => ({
            id: t.token.id,
            label: t.token.label,
            provider: t.token.provider,
            masked: t.token.masked,
            deletedAt: t.deletedAt,
            purgeAt: t.purgeAt,
          })),
          null,
          2,
        ),
      );
      return 0;
    }
    if (!tokens.length) printLine(ctx.io.stdout, 'Nothing in Recently deleted.');
    for (const t of tokens) {
      printLine(
        ctx.io.stdout,
        `${t.token.id.slice(0, 8)}  ${t.token.label} (${kindPhrase(t.token.provider, t.token.kind)}, ${t.token.masked})  deleted ${isoDay(t.deletedAt)}, kept until ${isoDay(t.purgeAt)}`,
      );
    }
    return 0;
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'bring a recently deleted token back, secret and all',
  usage: 'lapse restore ID [--json]',
  details: ['ID as `lapse deleted` shows it (a unique prefix will do).'],
  options: {},
  async run(ctx, _values, [given]) {
    const api = ctx.api();
    const view = unwrap(await api.restoreToken({ id: await resolveDeleted(api, given) }));
    printLine(
      ctx.io.stdout,
      ctx.json ? JSON.stringify({ id: view.id, restored: true }) : `Restored "${view.label}" (${view.masked}).`,
    );
    return 0;
  },
};
