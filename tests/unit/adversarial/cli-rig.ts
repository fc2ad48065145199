import { lapseInProcess, type InProcessRun } from '../../helpers/in-process-cli.js';
import type { OwnVault } from '../../helpers/own-vault.js';
import { envWithout } from '../../helpers/processes.js';

export type CliRun = InProcessRun;

/** `lapse ARGS` in-process against one vault folder and keychain service, stdin piped, output captured. */
export function cliIn(home: string, service: string) {
  return (args: string[], stdin = ''): Promise<CliRun> =>
    lapseInProcess(args, { ...envWithout(['LAPSE_NOW']), LAPSE_HOME: home, LAPSE_KEYCHAIN_SERVICE: service }, stdin);
}

/** `cliIn` over a test's own vault (its folder and keychain service as they are when each command runs). */
export const cliOver =
  (vault: OwnVault) =>
  (args: string[], stdin = ''): Promise<CliRun> =>
    cliIn(vault.home, vault.service)(args, stdin);

// eslint-disable-next-line no-control-regex -- finding what a terminal acts on is the point
const actedOn = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/gu;

/** Every character in the text a terminal would act on (a line feed between lines is fine), as code points. */
export function terminalHazards(text: string): string[] {
  return [...text.matchAll(actedOn)].map((m) => `U+${(m[0].codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}
