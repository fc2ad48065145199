import type { CliIo } from './io.js';
import { UsageError } from './exit-codes.js';

/** More than any token: stdin is read no further, and the input is refused. */
export const maxStdinBytes = 64 * 1024;

const tooLong = () =>
  new UsageError(
    `The input on stdin is longer than ${maxStdinBytes / 1024} KiB with no line break; no token is that long. Pipe the token alone (one line).`,
  );

/**
 * First line of piped stdin, newline stripped. Linear: each chunk is searched once for the line
 * break, and reading stops (refused) once 64 KiB arrived without one, however much is piped.
 */
function firstLine(stdin: CliIo['stdin']): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: string | Buffer) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      const end = bytes.indexOf(10);
      if (end >= 0) {
        chunks.push(bytes.subarray(0, end));
        return finish(null);
      }
      chunks.push(bytes);
      size += bytes.length;
      if (size > maxStdinBytes) finish(tooLong());
    };
    const finish = (error: Error | null) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.pause?.();
      if (error) return reject(error);
      const text = Buffer.concat(chunks).toString('utf8');
      resolve(text.endsWith('\r') ? text.slice(0, -1) : text);
    };
    const onEnd = () => finish(size > maxStdinBytes ? tooLong() : null);
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.on('error', reject);
    stdin.resume?.();
  });
}

/** At a terminal: ask on stderr and read without echo, so the secret never shows on screen (refused past 64 KiB). */
export function hiddenLine(io: CliIo, prompt: string): Promise<string> {
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
        if (text.length > maxStdinBytes) return done(tooLong());
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
