import { spawn } from 'node:child_process';
import { addedLinesReader, type AddedLines } from './added-lines.js';
import type { FileOutcome, ScanLimits, VaultDigest } from './scan-types.js';

// The lines each commit added (`lapse scan --git`), or the lines staged for the next commit
// (`lapse scan --staged`, for a pre-commit hook), read the way git shows them: a secret removed in
// a later commit is still in the history, so it is still exposed to anyone with a clone.

export type GitMode = 'history' | 'staged';

/** An error a person can act on: git missing, or the folder not a repository. */
export class GitProblem extends Error {
  override name = 'GitProblem';
}

function git(repo: string, args: string[]): { stdout: NodeJS.ReadableStream; done: Promise<void>; kill(): void } {
  const child = spawn('git', ['-C', repo, '-c', 'core.quotePath=false', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    if (stderr.length < 2000) stderr += c.toString('utf8');
  });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new GitProblem("git is not installed (or not on the PATH): install git to scan a repository's history.")
          : error,
      ),
    );
    child.on('close', (code) => {
      if (code === 0) return resolve();
      if (/not a git repository/i.test(stderr))
        return reject(new GitProblem(`${repo} is not a git repository (or inside one): name the repository's folder.`));
      if (/does not have any commits|bad default revision|unknown revision/i.test(stderr)) return resolve();
      reject(new GitProblem(`git could not read ${repo}: ${stderr.trim().split('\n')[0] ?? `exit ${code}`}`));
    });
  });
  return { stdout: child.stdout, done, kill: () => child.kill() };
}

const commitMark = '\u0001lapse-commit ';

/** Parse `git log -p -U0` / `git diff --cached -U0` output, calling `take` per file of each commit. */
function parseDiff(stream: NodeJS.ReadableStream, take: (added: AddedLines) => void): Promise<void> {
  let commit: AddedLines['commit'] = null;
  let current: AddedLines | null = null;
  let next = 0;
  let rest = '';
  const flush = () => {
    if (current && current.lines.length) take(current);
    current = null;
  };
  const line = (text: string) => {
    if (text.startsWith(commitMark)) {
      flush();
      const [id = '', date = '', ...summary] = text.slice(commitMark.length).split(' ');
      commit = { id, date: new Date(date).toISOString(), summary: summary.join(' ').slice(0, 200) };
    } else if (text.startsWith('diff --git ')) {
      flush();
    } else if (text.startsWith('+++ ')) {
      const name = text.slice(4);
      current = name === '/dev/null' ? null : { file: name.replace(/^b\//, ''), commit, lines: [], numbers: [] };
    } else if (text.startsWith('@@ ')) {
      next = Number(/\+(\d+)/.exec(text)?.[1] ?? 0);
    } else if (current && text.startsWith('+')) {
      current.lines.push(text.slice(1));
      current.numbers.push(next++);
    }
  };
  return new Promise((resolve, reject) => {
    stream.setEncoding?.('latin1');
    stream.on('data', (chunk: string) => {
      const text = rest + chunk;
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) line(l);
    });
    stream.on('end', () => {
      if (rest) line(rest);
      flush();
      resolve();
    });
    stream.on('error', reject);
  });
}

/** What git is asked for: every commit's added lines (all refs, full history), or the staged ones. */
const diffArgs = (mode: GitMode): string[] =>
  mode === 'history'
    ? [
        'log',
        '--all',
        '--full-history',
        '-p',
        '-U0',
        '--no-color',
        '--no-ext-diff',
        '--no-renames',
        '--diff-filter=AM',
        `--format=${commitMark}%H %aI %s`,
      ]
    : ['diff', '--cached', '-U0', '--no-color', '--no-ext-diff', '--no-renames', '--diff-filter=AM'];

/**
 * Scan what git shows as added in `repo` (every commit, or the staged changes), with the same
 * detector and vault matcher as files. Each file of each commit becomes one outcome; hits name the
 * commit and whether the secret is still in the checked-out file.
 */
export async function scanGit(
  repo: string,
  mode: GitMode,
  digest: VaultDigest,
  limits: ScanLimits,
  read: (outcome: FileOutcome) => void,
  signal: AbortSignal,
): Promise<void> {
  const top = await repositoryRoot(repo);
  const readAdded = addedLinesReader(top, mode === 'history', digest, limits);
  const run = git(top, diffArgs(mode));
  signal.addEventListener('abort', () => run.kill(), { once: true });
  const parsed = parseDiff(run.stdout, (added) => {
    const outcome = readAdded(added);
    if (outcome) read(outcome);
  });
  await Promise.all([parsed, run.done]);
}

async function repositoryRoot(repo: string): Promise<string> {
  let out = '';
  const run = git(repo, ['rev-parse', '--show-toplevel']);
  run.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  await run.done;
  const top = out.trim();
  if (!top) throw new GitProblem(`${repo} is not a git repository (or inside one): name the repository's folder.`);
  return top;
}

/** Why `repo` cannot be read as a git repository (git missing, not a repository), or null. */
export async function repositoryProblem(repo: string): Promise<string | null> {
  try {
    await repositoryRoot(repo);
    return null;
  } catch (error) {
    if (error instanceof GitProblem) return error.message;
    throw error;
  }
}
