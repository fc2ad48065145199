import { lapseInProcess, type InProcessRun } from '../../helpers/in-process-cli.js';
import { envWithout } from '../../helpers/processes.js';

export type CliRun = InProcessRun;

/** `lapse ARGS` in-process against `home`, judged at `now`, with captured output. */
export const lapseIn = (home: string, args: string[], now: string): Promise<CliRun> =>
  lapseInProcess(args, { ...envWithout(['LAPSE_NOW', 'LAPSE_HOME']), LAPSE_HOME: home, LAPSE_NOW: now });
