import type { CliIo } from '../io.js';
import { hiddenLine } from '../read-secret.js';

/** Piped stdin: up to `count` lines (fewer if it ends first), line endings stripped. */
function pipedLines(stdin: CliIo['stdin'], count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let text = '';
    const lines = () => text.split(/\r?\n/);
    const finish = (all: string[]) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.pause?.();
      resolve(all.slice(0, count));
    };
    const onData = (chunk: string | Buffer) => {
      text += chunk.toString();
      const all = lines();
      if (all.length > count) finish(all);
    };
    const onEnd = () => finish(lines().filter((line, i, all) => line !== '' || i < all.length - 1));
    stdin.setEncoding?.('utf8');
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.on('error', reject);
    stdin.resume?.();
  });
}

/** At a terminal: one hidden answer per prompt, so no secret shows on screen or in shell history. */
async function hiddenLines(io: CliIo, prompts: string[]): Promise<string[]> {
  const answers: string[] = [];
  for (const prompt of prompts) answers.push(await hiddenLine(io, `${prompt} (input hidden), then Enter: `));
  return answers;
}

/** The secrets `lapse oauth set` was told to read, one line each in the order of `prompts`. */
export const readSecretLines = (io: CliIo, prompts: string[]): Promise<string[]> =>
  prompts.length === 0
    ? Promise.resolve([])
    : io.stdin.isTTY
      ? hiddenLines(io, prompts)
      : pipedLines(io.stdin, prompts.length);
