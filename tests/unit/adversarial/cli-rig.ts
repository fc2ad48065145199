import { PassThrough } from 'node:stream';
import type { CliIo } from '../../../electron/cli/io.js';
import { runCli } from '../../../electron/cli/main.js';
import { envWithout } from '../../helpers/processes.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `lapse ARGS` in-process against one vault folder and keychain service, stdin piped, output captured. */
export function cliIn(home: string, service: string) {
  return async (args: string[], stdin = ''): Promise<CliRun> => {
    const input = new PassThrough();
    input.end(stdin);
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdin: input,
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: { ...envWithout(['LAPSE_NOW']), LAPSE_HOME: home, LAPSE_KEYCHAIN_SERVICE: service },
    };
    const code = await runCli(args, io);
    return { code, stdout, stderr };
  };
}

// eslint-disable-next-line no-control-regex -- finding what a terminal acts on is the point
const actedOn = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/gu;

/** Every character in the text a terminal would act on (a line feed between lines is fine), as code points. */
export function terminalHazards(text: string): string[] {
  return [...text.matchAll(actedOn)].map((m) => `U+${(m[0].codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}
