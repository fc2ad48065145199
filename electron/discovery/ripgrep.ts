import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { RipgrepOutput, type RipgrepFile } from './ripgrep-output.js';

let located: string | null | undefined;

/**
 * The ripgrep to use: LAPSE_RIPGREP (a path, or `off`), else `rg` on the PATH; null when there is
 * none. Looked up once per process, on the file system only (no process is started to ask).
 */
export function locateRipgrep(env: NodeJS.ProcessEnv = process.env): string | null {
  const given = env['LAPSE_RIPGREP'];
  if (given === 'off') return null;
  if (given) return fs.existsSync(given) ? given : null;
  if (located !== undefined) return located;
  const names = process.platform === 'win32' ? ['rg.exe'] : ['rg'];
  located = null;
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return (located = candidate);
      } catch {
        // not here
      }
    }
  }
  return located;
}

// Longer lines are not printed (their matches are asked for one by one): minified bundles, source maps, data.
export const longestPrintedLine = 4096;

export interface RipgrepRun {
  /** Resolves with what ripgrep says it read, once every file's candidates were handed over. */
  done: Promise<{ files: number; bytes: number }>;
  cancel(): void;
}

/**
 * What every search shares: every file (hidden ones, no ignore files) but node_modules and .git;
 * the patterns from standard input (or `patternFile`).
 */
const commonArgs = (maxFileBytes: number, patternFile = '-'): string[] => [
  '--no-config',
  '--no-ignore',
  '--hidden',
  '--no-messages',
  '--with-filename',
  '--null',
  '--line-number',
  '--byte-offset',
  '--encoding=none',
  `--max-filesize=${maxFileBytes}`,
  '--glob=!node_modules',
  '--glob=!.git',
  `--file=${patternFile}`,
];

/** The arguments of the main search: each matched line printed whole, up to `longestPrintedLine`. */
export const lineSearchArgs = (roots: string[], maxFileBytes: number, patternFile = '-'): string[] => [
  ...commonArgs(maxFileBytes, patternFile),
  `--max-columns=${longestPrintedLine}`,
  '--stats',
  '--',
  ...roots,
];

/**
 * Run ripgrep over `roots` with `patterns` (read from its stdin, so nothing of them shows in the
 * process list), calling `file` once per file with the lines a pattern matched in, printed whole, in
 * order. A line longer than `longestPrintedLine` is not printed (the file says `omitted`). Files
 * ripgrep skips: binary ones, node_modules and .git folders, links inside folders, files over
 * `maxFileBytes`. Resolves with what ripgrep says it searched.
 */
export function ripgrepLines(
  rg: string,
  roots: string[],
  patterns: string[],
  maxFileBytes: number,
  file: (found: RipgrepFile) => void,
): RipgrepRun {
  return runRipgrep(rg, lineSearchArgs(roots, maxFileBytes), patterns, new RipgrepOutput(file));
}

/**
 * The same search over some files, each match on its own (`--only-matching`, with its column and
 * byte offset): for files whose lines are too long to print.
 */
export function ripgrepMatches(
  rg: string,
  files: string[],
  patterns: string[],
  maxFileBytes: number,
  file: (found: RipgrepFile) => void,
): RipgrepRun {
  const args = [...commonArgs(maxFileBytes), '--only-matching', '--column', '--stats', '--', ...files];
  return runRipgrep(rg, args, patterns, new RipgrepOutput(file, true));
}

function runRipgrep(rg: string, args: string[], patterns: string[], output: RipgrepOutput): RipgrepRun {
  const child = spawn(rg, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end(`${patterns.join('\n')}\n`);
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString('utf8');
  });
  const done = new Promise<{ files: number; bytes: number }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      output.end();
      const { stats } = output;
      // 0: matches, 1: none, 2: an error; after a finished search (its statistics printed) that was
      // an unreadable file among others, which are still searched.
      const finished = stats.some((s) => s.endsWith(' files searched'));
      if (!finished || (code !== 0 && code !== 1 && code !== 2))
        return reject(new Error(`ripgrep stopped (${code ?? 'signal'}): ${stderr.trim().slice(0, 300)}`));
      const count = (what: string) => Number(/^(\d+) /.exec(stats.find((s) => s.endsWith(` ${what}`)) ?? '')?.[1] ?? 0);
      resolve({ files: count('files searched'), bytes: count('bytes searched') });
    });
  });
  return { done, cancel: () => child.kill() };
}
