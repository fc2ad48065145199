import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A place in a file where the prefilter matched: the detector reads the region around it. */
export interface Candidate {
  /** Byte offset of the match in the file. */
  offset: number;
  /** Its line, from 1. */
  line: number;
  /** Its column in bytes, from 1 (so the line starts at offset − column + 1). */
  column: number;
}

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

export interface RipgrepRun {
  /** Resolves with what ripgrep says it read, once every file's candidates were handed over. */
  done: Promise<{ files: number; bytes: number }>;
  cancel(): void;
}

const nul = 0;
const newline = 10;

/**
 * Run ripgrep over `roots` with `patterns` (read from its stdin, so nothing of them shows in the
 * process list), calling `file` once per file with every match position in it, in order. Only
 * positions are kept: the matched text ripgrep prints after them is dropped as it is read. Files
 * ripgrep skips: binary ones, node_modules and .git folders, links inside folders, files over
 * `maxFileBytes`.
 */
export function ripgrepCandidates(
  rg: string,
  roots: string[],
  patterns: string[],
  maxFileBytes: number,
  file: (path: string, candidates: Candidate[]) => void,
): RipgrepRun {
  const args = [
    '--no-config',
    '--no-ignore',
    '--hidden',
    '--no-messages',
    '--with-filename',
    '--null',
    '--line-number',
    '--column',
    '--byte-offset',
    // Each match on its own line. (`--replace=` would hide the matched text, but ripgrep then
    // shifts the offsets of later matches on the same line: the text is read and dropped instead.)
    '--only-matching',
    '--encoding=none',
    `--max-filesize=${maxFileBytes}`,
    '--glob=!node_modules',
    '--glob=!.git',
    '--stats',
    '--file=-',
    '--',
    ...roots,
  ];
  const child = spawn(rg, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end(`${patterns.join('\n')}\n`);
  let rest: Buffer = Buffer.alloc(0);
  let currentPath: string | null = null;
  let current: Candidate[] = [];
  const stats: string[] = [];
  let stderr = '';
  const flush = () => {
    if (currentPath !== null && current.length) file(currentPath, current);
    currentPath = null;
    current = [];
  };
  // Each match is `path NUL line:column:offset:match LF`; a path may itself hold a line feed (only NUL
  // is impossible in a name), so a record is read up to its NUL first, then to the LF after it. What
  // is left without a NUL once ripgrep closes is its statistics.
  const record = (name: string, fieldsText: string) => {
    if (name !== currentPath) {
      flush();
      currentPath = name;
    }
    // line:column:offset:match (the match is not kept)
    const fields = fieldsText.split(':', 3);
    current.push({ line: Number(fields[0]), column: Number(fields[1]), offset: Number(fields[2]) });
  };
  const consume = () => {
    let start = 0;
    for (;;) {
      const at = rest.indexOf(nul, start);
      if (at === -1) break;
      const end = rest.indexOf(newline, at + 1);
      if (end === -1) break;
      record(rest.toString('utf8', start, at), rest.toString('latin1', at + 1, Math.min(end, at + 40)));
      start = end + 1;
    }
    if (start > 0) rest = rest.subarray(start);
  };
  child.stdout.on('data', (chunk: Buffer) => {
    rest = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    consume();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString('utf8');
  });
  const done = new Promise<{ files: number; bytes: number }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      consume();
      flush();
      for (const line of rest.toString('utf8').split('\n')) if (line) stats.push(line);
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
