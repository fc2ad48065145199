import type { CliIo } from './io.js';

/** First line of piped stdin, newline stripped. */
function firstLine(stdin: CliIo['stdin']): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stdin.setEncoding?.('utf8');
    const onData = (chunk: string | Buffer) => {
      text += chunk.toString();
      const end = text.search(/\r?\n/);
      if (end >= 0) finish(text.slice(0, end));
    };
    const finish = (line: string) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.pause?.();
      resolve(line);
    };
    const onEnd = () => finish(text.replace(/\r?\n$/, ''));
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.on('error', reject);
    stdin.resume?.();
  });
}

/** At a terminal: ask on stderr and read without echo, so the secret never shows on screen. */
function hiddenLine(io: CliIo, prompt: string): Promise<string> {
  io.stderr.write(prompt);
  io.stdin.setRawMode?.(true);
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: string | Buffer) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    const done = (error: Error | null) => {
      io.stdin.setRawMode?.(false);
      io.stdin.off('data', onData);
      io.stdin.pause?.();
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(text);
    };
    io.stdin.on('data', onData);
    io.stdin.resume?.();
  });
}

/** The secret for `lapse add`: from stdin only, never from an argument (shell history keeps those). */
export const readSecret = (io: CliIo): Promise<string> =>
  io.stdin.isTTY ? hiddenLine(io, 'Paste the token (input hidden), then Enter: ') : firstLine(io.stdin);
