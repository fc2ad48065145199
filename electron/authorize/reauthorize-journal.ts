import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readJournalFolder, writeDurably } from '../lifecycle/rotation-journal.js';
import { reauthorizeFolder } from './reauthorize-folder.js';

/**
 * How far a reauthorization got (replace-grant.ts), on disk before each step, never a secret:
 * - `new-kept`: the new grant is in the token's pending keychain slots; the old one is untouched;
 * - `old-ending`: the old grant is being revoked;
 * - `making-current`: the new grant is becoming the token's value.
 * A crash leaves the file, and the next start settles it (resume-reauthorization.ts).
 */
export const reauthorizeSteps = ['new-kept', 'old-ending', 'making-current'] as const;
export type ReauthorizeStep = (typeof reauthorizeSteps)[number];

const journalSchema = z.object({
  tokenId: z.string().regex(/^[a-z0-9-]{8,64}$/),
  step: z.enum(reauthorizeSteps),
  /** The scopes asked for: the token's declared scopes once the new grant is current. */
  asked: z.array(z.string().max(200)).max(100),
  at: z.string(),
});
export type ReauthorizeJournal = z.infer<typeof journalSchema>;

const fileOf = (home: string, tokenId: string) => path.join(reauthorizeFolder(home), `${tokenId}.json`);

/** Record the step a reauthorization is about to take (fsync'd before this returns). */
export function noteReauthorization(
  home: string,
  tokenId: string,
  step: ReauthorizeStep,
  asked: string[],
  at: number,
): void {
  fs.mkdirSync(reauthorizeFolder(home), { recursive: true, mode: 0o700 });
  const journal: ReauthorizeJournal = { tokenId, step, asked, at: new Date(at).toISOString() };
  writeDurably(fileOf(home, tokenId), JSON.stringify(journal));
}

/** The reauthorization ended, whichever way: nothing is left to settle. */
export function endReauthorization(home: string, tokenId: string): void {
  fs.rmSync(fileOf(home, tokenId), { force: true });
}

/** Reauthorizations a crash cut short. */
export const unfinishedReauthorizations = (home: string): ReauthorizeJournal[] =>
  readJournalFolder(reauthorizeFolder(home), journalSchema);
