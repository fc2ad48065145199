import { PassThrough } from 'node:stream';
import { runCli } from '../../electron/cli/main.js';
import type { CliIo } from '../../electron/cli/io.js';

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `lapse ARGS` run in this process (no build needed), with `stdin` piped in and its output captured. */
export async function lapseInProcess(args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<InProcessRun> {
  const { code, stdout, stderr } = await lapseInProcessWatchingStdin(args, env, stdin);
  return { code, stdout, stderr };
}

/** `lapseInProcess`, also telling whether the command read anything from stdin. */
export async function lapseInProcessWatchingStdin(
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin = '',
): Promise<InProcessRun & { stdinRead: boolean }> {
  const input = new PassThrough();
  let stdinRead = false;
  input.on('resume', () => (stdinRead = true));
  input.end(stdin);
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdin: input,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr, stdinRead };
}
