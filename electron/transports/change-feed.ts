import fs from 'node:fs';
import { auditFileName } from '../audit/audit-log.js';
import { journalFolder } from '../lifecycle/rotation-journal.js';
import { vaultFileName } from '../vault/metadata-store.js';

/** What changed on disk: the vault file (tokens, policy, reminders), the audit log, or a rotation journal. */
export type ChangeKind = 'vault' | 'audit' | 'journal';

/** Changes to a vault folder, whoever made them (this process, the CLI, another window), for every open face. */
export interface ChangeFeed {
  /** Called with the kinds that changed, at most every `settleMs`; returns the unsubscribe. */
  subscribe(listener: (kinds: ChangeKind[]) => void): () => void;
  close(): void;
}

export const settleMs = 150;

function kindOf(name: string): ChangeKind | null {
  // Lock folders, temporary files and backups come and go around every write: the write itself is what counts.
  if (name.endsWith('.lock') || name.endsWith('.tmp') || name.endsWith('.bak')) return null;
  if (name === vaultFileName) return 'vault';
  if (name === auditFileName) return 'audit';
  return null;
}

/**
 * Watches the vault folder and its journal folder (inotify and the like: no polling) while anyone
 * listens. Bursts are merged: one call per `settleMs` with every kind that changed in it.
 */
export function watchVaultFolder(home: string): ChangeFeed {
  const listeners = new Set<(kinds: ChangeKind[]) => void>();
  let watchers: fs.FSWatcher[] = [];
  let pending = new Set<ChangeKind>();
  let timer: NodeJS.Timeout | null = null;

  const flush = () => {
    timer = null;
    const kinds = [...pending];
    pending = new Set();
    for (const listener of [...listeners]) listener(kinds);
  };
  const note = (kind: ChangeKind | null) => {
    if (!kind) return;
    pending.add(kind);
    timer ??= setTimeout(flush, settleMs);
  };

  function start() {
    fs.mkdirSync(journalFolder(home), { recursive: true, mode: 0o700 });
    const watch = (dir: string, classify: (name: string) => ChangeKind | null) => {
      try {
        const watcher = fs.watch(dir, { persistent: false }, (_event, name) =>
          note(name ? classify(String(name)) : null),
        );
        watcher.on('error', () => undefined);
        watchers.push(watcher);
      } catch {
        // A folder that cannot be watched: faces still see changes when they reload.
      }
    };
    watch(home, kindOf);
    watch(journalFolder(home), (name) => (name.endsWith('.json') ? 'journal' : null));
  }
  function stop() {
    for (const watcher of watchers) watcher.close();
    watchers = [];
    if (timer) clearTimeout(timer);
    timer = null;
    pending = new Set();
  }

  return {
    subscribe(listener) {
      if (listeners.size === 0) start();
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
    close() {
      listeners.clear();
      stop();
    },
  };
}
