import { PassThrough } from 'node:stream';
import { runCli } from '../../../electron/cli/main.js';
import type { CliIo } from '../../../electron/cli/io.js';
import { envWithout } from '../../helpers/processes.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `lapse ARGS` in-process against `home`, judged at `now`, with captured output. */
export async function lapseIn(home: string, args: string[], now: string): Promise<CliRun> {
  const stdin = new PassThrough();
  stdin.end('');
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdin,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { ...envWithout(['LAPSE_NOW', 'LAPSE_HOME']), LAPSE_HOME: home, LAPSE_NOW: now },
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}
