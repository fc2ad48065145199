/** Where a command writes. Tests pass buffers; the real CLI passes the process streams. */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export const printLine = (stream: { write(text: string): unknown }, text = '') => stream.write(`${text}\n`);
