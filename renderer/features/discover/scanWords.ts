import type { ScanFinding, SkipReason } from '../../../shared/api.js';

/** Why files were not read, as a person says it. */
export const skipReasonWords: Record<SkipReason, string> = {
  binary: 'binary',
  'too-large': 'too large',
  node_modules: 'in node_modules',
  'git-folder': 'in .git',
  unreadable: 'unreadable',
  'not-found': 'not found',
  symlink: 'symbolic links',
  'special-file': 'not a regular file',
};

const isSkipReason = (reason: string): reason is SkipReason => reason in skipReasonWords;

/** "3 binary, 1 too large", most first. */
export function skippedWords(reasons: Record<string, number>): string {
  return Object.entries(reasons)
    .sort(([, a], [, b]) => b - a)
    .map(([reason, n]) => `${n} ${isSkipReason(reason) ? skipReasonWords[reason] : reason}`)
    .join(', ');
}

/** "1 file", "3 files". */
export const count = (n: number, word: string): string => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

/** "12.4 MB", or "3 KB" below a tenth of a megabyte (a few dotfiles read as "0.0 MB" otherwise). */
export const megabytes = (bytes: number): string =>
  bytes < 100_000 ? `${Math.ceil(bytes / 1000)} KB` : `${(bytes / 1_000_000).toFixed(1)} MB`;

/** The folders typed one per line, without blank lines or surrounding spaces. */
export const foldersFrom = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

/** A line the service would refuse: it takes absolute paths or `~/…`, never relative ones. */
export const relativeFolder = (folders: readonly string[]): string | undefined =>
  folders.find((p) => !(p === '~' || p.startsWith('~/') || p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p)));

/** "/home/ada/.npmrc:1:34": where a finding is, as editors and grep print it. */
export const locationOf = (f: Pick<ScanFinding, 'file' | 'line' | 'column'>): string =>
  `${f.file}:${f.line}:${f.column}`;

/** Seconds a finished scan took, "0.12 s". */
export const tookWords = (startedAt: string, finishedAt: string): string =>
  `${((Date.parse(finishedAt) - Date.parse(startedAt)) / 1000).toFixed(2)} s`;
