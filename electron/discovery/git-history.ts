import { spawn } from 'node:child_process';
import { hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FindingCommit } from '../../shared/contract/discovery-calls.js';
import { findSecrets } from '../../shared/discovery/find-secrets.js';
import { sourceOf } from '../../shared/discovery/sources.js';
import { maskSecret } from '../../shared/formats.js';
import type { FileHit, FileOutcome, ScanLimits, VaultDigest } from './scan-types.js';
import { vaultMatcher } from './vault-matcher.js';

// The lines each commit added (`lapse scan --git`), or the lines staged for the next commit
// (`lapse scan --staged`, for a pre-commit hook), read the way git shows them: a secret removed in
// a later commit is still in the history, so it is still exposed to anyone with a clone.

export type GitMode = 'history' | 'staged';

/** An error a person can act on: git missing, or the folder not a repository. */
export class GitProblem extends Error {
  override name = 'GitProblem';
}

interface Added {
  /** Repository-relative path, `/`-separated. */
  file: string;
  commit: Omit<FindingCommit, 'stillInTree'> | null;
  lines: string[];
  /** The line number (in that version of the file) of each added line. */
  numbers: number[];
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
function parseDiff(stream: NodeJS.ReadableStream, take: (added: Added) => void): Promise<void> {
  let commit: Added['commit'] = null;
  let current: Added | null = null;
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

/** The column in characters (from 1) of byte-offset `at` in a latin1-decoded line. */
const columnOf = (line: string, at: number) => Buffer.from(line.slice(0, at), 'latin1').toString('utf8').length + 1;

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
  const vaultByHash = new Map(digest.entries.map((e) => [e.sha256, e]));
  const vaultById = new Map(digest.entries.map((e) => [e.tokenId, e]));
  const matchVault = vaultMatcher(digest);
  const top = await repositoryRoot(repo);
  const args =
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
  const run = git(top, args);
  signal.addEventListener('abort', () => run.kill(), { once: true });
  const parsed = parseDiff(run.stdout, (added) => {
    const text = added.lines.join('\n');
    const bytes = Buffer.from(text, 'latin1');
    if (bytes.length > limits.maxFileBytes || text.includes('\0')) return;
    const lineStarts: number[] = [];
    let at = 0;
    for (const l of added.lines) {
      lineStarts.push(at);
      at += l.length + 1;
    }
    const place = (offset: number) => {
      let i = 0;
      while (i + 1 < lineStarts.length && (lineStarts[i + 1] ?? Infinity) <= offset) i++;
      return { line: added.numbers[i] ?? 1, column: columnOf(added.lines[i] ?? '', offset - (lineStarts[i] ?? 0)) };
    };
    const full = path.join(top, ...added.file.split('/'));
    const onDisk = mode === 'history' ? readIfSmall(full, limits.maxFileBytes) : null;
    const hits: FileHit[] = [];
    const found = findSecrets(text, 0, text.length, sourceOf(full));
    for (const hit of found) {
      const sha256 = hash('sha256', hit.value, 'hex');
      hits.push({
        offset: 0,
        length: hit.end - hit.start,
        ...place(hit.start),
        encoding: hit.encoding,
        provider: hit.provider,
        kind: hit.kind,
        masked: hit.masked ?? maskSecret(hit.value, hit.prefix),
        fingerprint: sha256.slice(0, 8),
        tokenId: vaultByHash.get(sha256)?.tokenId ?? null,
        checksum: hit.checksum,
        privateKey: hit.privateKey ?? null,
        commit: added.commit ? { ...added.commit, stillInTree: onDisk?.includes(hit.value) ?? false } : null,
      });
    }
    for (const own of matchVault?.(bytes, 0, bytes.length, bytes.length) ?? []) {
      if (found.some((f) => f.start < own.end && own.start < f.end)) continue;
      const entry = vaultById.get(own.tokenId);
      const value = text.slice(own.start, own.end);
      hits.push({
        offset: 0,
        length: own.end - own.start,
        ...place(own.start),
        encoding: 'plain',
        provider: entry?.provider ?? 'generic',
        kind: entry?.kind ?? 'API key',
        masked: entry?.masked ?? '••••',
        fingerprint: entry?.fingerprint ?? '00000000',
        tokenId: own.tokenId,
        checksum: null,
        privateKey: null,
        commit: added.commit ? { ...added.commit, stillInTree: onDisk?.includes(value) ?? false } : null,
      });
    }
    hits.sort((a, b) => a.line - b.line || a.column - b.column);
    read({ path: full, source: sourceOf(full), bytes: bytes.length, hits });
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

function readIfSmall(file: string, max: number): string | null {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() && stat.size <= max ? fs.readFileSync(file, 'latin1') : null;
  } catch {
    return null;
  }
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
