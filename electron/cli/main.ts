import { parseArgs } from 'node:util';
import { terminalSafe } from '../../shared/terminal-text.js';
import { failureOf } from '../failure.js';
import { redact } from '../redact.js';
import { lapseHome } from '../vault/lapse-home.js';
import { clockFrom } from './clock.js';
import { paintFor } from './colour.js';
import { globalHelp, globalOptions, type Command, type CommandContext } from './command.js';
import { commands } from './commands/index.js';
import { exitCodeFor, exitCodes, UsageError } from './exit-codes.js';
import { printLine, type CliIo } from './io.js';
import { lazyApi } from './lazy-api.js';
import { CallFailed } from './output.js';
import { closest } from './suggest.js';
import { versionLine } from './version.js';

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'lapse — keeps your API tokens honest: secrets in the OS keychain, expiry and hygiene in view.',
    '',
    'Usage: lapse COMMAND [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    ...globalHelp,
    '',
    "Run `lapse COMMAND --help` for a command's options; `lapse --version` for the version; `lapse doctor` when something does not work.",
  ].join('\n');
}

function unknownCommand(name: string): string {
  const names = commands.map((c) => c.name);
  const guess = name.startsWith('-') ? null : closest(name, [...names, 'help', 'version']);
  const hint = guess ? ` Did you mean \`lapse ${guess}\`?` : ` Commands: ${names.join(', ')}.`;
  return `Unknown command "${name}".${hint} See \`lapse --help\`.`;
}

/** parseArgs' complaint in one sentence, with the option meant when it is a typo. */
function badOption(message: string, command: Command): string {
  const first = message.split('. ')[0] ?? message;
  const given = /Unknown option '(--?[^'=]+)/.exec(message)?.[1];
  const options = Object.keys({ ...globalOptions, ...command.options }).map((o) => `--${o}`);
  const guess = given ? closest(given, options) : null;
  return `${first}.${guess ? ` Did you mean ${guess}?` : ''} See \`lapse ${command.name} --help\`.`;
}

const commandHelp = (c: Command) =>
  [`Usage: ${c.usage}`, '', c.summary, '', ...c.details, '', ...globalHelp].join('\n');

/** Runs one CLI invocation and resolves to its exit code. Never prints a secret except `reveal`. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    printLine(name ? io.stdout : io.stderr, overview());
    return name ? exitCodes.ok : exitCodes.usage;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    printLine(io.stdout, versionLine());
    return exitCodes.ok;
  }
  const entry = commands.find((c) => c.name === name);
  let json = false;
  try {
    if (!entry) throw new UsageError(unknownCommand(name));
    const command = await entry.load();
    let parsed;
    try {
      parsed = parseArgs({
        args: rest,
        options: { ...globalOptions, ...command.options },
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      throw new UsageError(badOption((error as Error).message, command));
    }
    const { values, positionals } = parsed;
    json = values['json'] === true;
    if (values['help']) {
      printLine(io.stdout, commandHelp(command));
      return exitCodes.ok;
    }
    const home = lapseHome(values['home'] as string | undefined, io.env);
    const now = clockFrom((values['now'] as string | undefined) ?? io.env['LAPSE_NOW']);
    const api = lazyApi(home, io.env, now, (warning) => printLine(io.stderr, `lapse: ${warning}`));
    const ctx: CommandContext = {
      io,
      json,
      home,
      paint: paintFor(io.stdout, io.env, values['no-color'] === true),
      api: () => api,
    };
    return await command.run(ctx, values, positionals);
  } catch (error) {
    const { code, message } =
      error instanceof CallFailed
        ? error.error
        : error instanceof UsageError
          ? { code: 'invalid-input' as const, message: error.message }
          : failureOf(error);
    // A message may quote a path or a provider's words: never raw escapes on the terminal.
    const safe = terminalSafe(redact(message));
    if (json) printLine(io.stdout, JSON.stringify({ error: { code, message: safe } }));
    printLine(io.stderr, `lapse: ${safe}`);
    return exitCodeFor(code);
  }
}
