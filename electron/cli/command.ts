import type { ParseArgsConfig } from 'node:util';
import type { LapseApi } from '../../shared/api.js';
import type { Paint } from './colour.js';
import type { CliIo } from './io.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandContext {
  io: CliIo;
  /** The service, opened on first use (so `--help` touches nothing). */
  api: () => LapseApi;
  json: boolean;
  /** The metadata folder. */
  home: string;
  /** Colour for stdout (plain when it is not a terminal, or with NO_COLOR / --no-color). */
  paint: Paint;
}

/** One `lapse` subcommand. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Lines after the usage in --help. */
  details: string[];
  options: OptionSpec;
  /** Resolves to the exit code. */
  run(ctx: CommandContext, values: OptionValues, positionals: string[]): Promise<number>;
}

/** Options every command takes. */
export const globalOptions: OptionSpec = {
  home: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  now: { type: 'string' },
  'no-color': { type: 'boolean' },
};

export const globalHelp = [
  'Global options:',
  '  --home DIR     metadata folder (default: LAPSE_HOME, else the app-data folder the desktop app uses)',
  '  --json         machine-readable output',
  '  --now ISO      judge tokens as of this instant (also LAPSE_NOW): YYYY-MM-DD is 00:00 UTC, a time needs Z or an offset',
  '  --no-color     no colour, even at a terminal (also NO_COLOR=1)',
  '  -h, --help     this help',
  'Environment: LAPSE_HOME, LAPSE_KEYCHAIN_SERVICE (keychain service name, default "lapse"), LAPSE_NOW, NO_COLOR.',
  'Exit codes: 0 ok, 1 the operation failed, 2 usage or environment error (e.g. no keychain).',
];
