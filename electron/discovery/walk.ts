import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SkipReason } from '../../shared/contract/discovery-calls.js';
import { sourceOf, type SourceKind } from '../../shared/discovery/sources.js';
import type { FileTask, KeyPolicy } from './scan-types.js';

/** A file or folder to walk; `source` pins the kind of a known location. */
export interface WalkRoot {
  path: string;
  source?: SourceKind;
  /** Known locations that are absent are simply not there: no skip is counted. */
  optional?: boolean;
}

export interface WalkSink {
  file(task: FileTask): void;
  skip(path: string, reason: SkipReason): void;
}

export interface WalkOptions {
  /** The user's ~/.ssh: private keys belong there, so only a repository there makes them findings. */
  sshFolder?: string;
}

const skippedFolders: Record<string, SkipReason> = { node_modules: 'node_modules', '.git': 'git-folder' };

/** Whether `dir` or a folder above it holds `.git` (a repository, or a worktree's `.git` file). */
async function insideRepository(dir: string): Promise<boolean> {
  for (let at = dir; ;) {
    try {
      await fs.stat(path.join(at, '.git'));
      return true;
    } catch {
      // not here; look one folder up
    }
    const up = path.dirname(at);
    if (up === at) return false;
    at = up;
  }
}

const within = (file: string, folder: string | undefined) =>
  folder !== undefined && (file === folder || file.startsWith(`${folder}${path.sep}`));

function policy(file: string, repository: boolean, options: WalkOptions): KeyPolicy {
  if (repository) return 'all';
  return within(file, options.sshFolder) ? 'none' : 'unencrypted';
}

async function walkFolder(root: string, sink: WalkSink, signal: AbortSignal, options: WalkOptions): Promise<void> {
  const pending: { dir: string; repository: boolean }[] = [{ dir: root, repository: await insideRepository(root) }];
  while (pending.length > 0 && !signal.aborted) {
    const { dir, repository: above } = pending.pop() as { dir: string; repository: boolean };
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      sink.skip(dir, 'unreadable');
      continue;
    }
    const repository = above || entries.some((e) => e.name === '.git');
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        const reason = skippedFolders[entry.name];
        if (reason) sink.skip(full, reason);
        else pending.push({ dir: full, repository });
      } else if (entry.isFile()) {
        sink.file({ path: full, size: 0, source: sourceOf(full), keys: policy(full, repository, options) });
      } else if (entry.isSymbolicLink()) {
        await linked(full, sink, policy(full, repository, options));
      } else {
        sink.skip(full, 'special-file');
      }
    }
  }
}

// A link to a file is read (dotfile managers link ~/.npmrc); a link to a folder is not followed (loops).
async function linked(full: string, sink: WalkSink, keys: KeyPolicy): Promise<void> {
  try {
    const target = await fs.stat(full);
    if (target.isFile()) sink.file({ path: full, size: target.size, source: sourceOf(full), keys });
    else sink.skip(full, 'symlink');
  } catch {
    sink.skip(full, 'unreadable');
  }
}

/**
 * Every file under the roots, depth first, as it is found: hidden files included, `node_modules`
 * and `.git` folders, special files and unreadable folders skipped and counted. Each file says
 * which private keys in it to report (in a repository, in ~/.ssh, elsewhere).
 */
export async function walk(
  roots: WalkRoot[],
  sink: WalkSink,
  signal: AbortSignal,
  options: WalkOptions = {},
): Promise<void> {
  for (const root of roots) {
    if (signal.aborted) return;
    let stat;
    try {
      stat = await fs.stat(root.path);
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      if (!(missing && root.optional)) sink.skip(root.path, missing ? 'not-found' : 'unreadable');
      continue;
    }
    if (stat.isDirectory()) await walkFolder(root.path, sink, signal, options);
    else if (stat.isFile()) {
      const keys = policy(root.path, await insideRepository(path.dirname(root.path)), options);
      sink.file({ path: root.path, size: stat.size, source: root.source ?? sourceOf(root.path), keys });
    } else sink.skip(root.path, 'special-file');
  }
}
