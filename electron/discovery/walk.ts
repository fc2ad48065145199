import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SkipReason } from '../../shared/contract/discovery-calls.js';
import { sourceOf, type SourceKind } from '../../shared/discovery/sources.js';
import type { FileTask } from './scan-types.js';

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

const skippedFolders: Record<string, SkipReason> = { node_modules: 'node_modules', '.git': 'git-folder' };

async function walkFolder(root: string, sink: WalkSink, signal: AbortSignal): Promise<void> {
  const pending = [root];
  while (pending.length > 0 && !signal.aborted) {
    const dir = pending.pop() as string;
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      sink.skip(dir, 'unreadable');
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        const reason = skippedFolders[entry.name];
        if (reason) sink.skip(full, reason);
        else pending.push(full);
      } else if (entry.isFile()) {
        sink.file({ path: full, size: 0, source: sourceOf(full) });
      } else if (entry.isSymbolicLink()) {
        await linked(full, sink);
      } else {
        sink.skip(full, 'special-file');
      }
    }
  }
}

// A link to a file is read (dotfile managers link ~/.npmrc); a link to a folder is not followed (loops).
async function linked(full: string, sink: WalkSink): Promise<void> {
  try {
    const target = await fs.stat(full);
    if (target.isFile()) sink.file({ path: full, size: target.size, source: sourceOf(full) });
    else sink.skip(full, 'symlink');
  } catch {
    sink.skip(full, 'unreadable');
  }
}

/**
 * Every file under the roots, depth first, as it is found: hidden files included, `node_modules`
 * and `.git` folders, special files and unreadable folders skipped and counted.
 */
export async function walk(roots: WalkRoot[], sink: WalkSink, signal: AbortSignal): Promise<void> {
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
    if (stat.isDirectory()) await walkFolder(root.path, sink, signal);
    else if (stat.isFile()) sink.file({ path: root.path, size: stat.size, source: root.source ?? sourceOf(root.path) });
    else sink.skip(root.path, 'special-file');
  }
}
