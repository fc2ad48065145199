import type { ParseArgsConfig } from 'node:util';
import type { LapseApi } from '../../shared/api.js';
import type { CliIo } from './io.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandContext {
  io: CliIo;
  /** The service, opened on first use (so `--help` touches nothing). */
  api: () => LapseApi;
  json: boolean;
  /** Called by long-running commands (serve) to keep the process alive until interrupted. */
  home: string;
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
};

export const globalHelp = [
  'Global options:',
  '  --home DIR     metadata folder (default: LAPSE_HOME, else the app-data folder the desktop app uses)',
  '  --json         machine-readable output',
  '  --now ISO      judge tokens as of this instant (also LAPSE_NOW): YYYY-MM-DD is 00:00 UTC, a time needs Z or an offset',
  '  -h, --help     this help',
  'Environment: LAPSE_HOME, LAPSE_KEYCHAIN_SERVICE (keychain service name, default "lapse"), LAPSE_NOW.',
  'Exit codes: 0 ok, 1 the operation failed, 2 usage or environment error (e.g. no keychain).',
];
