import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * A rotation's steps, in order (docs/SECURITY.md, 'Rotation survives a crash'). `pending-stored`: the new value is in the
 * keychain slot `<id>#pending`. `promoted`: it is current and the old one is in `<id>#previous`.
 */
export const rotationSteps = [
  'intent',
  'pending-stored',
  'verified',
  'promoted',
  'old-revoked',
  'previous-deleted',
  'finished',
] as const;
export type RotationStep = (typeof rotationSteps)[number];

/**
 * `guided` (the person brings the new value), or the `kind` of an adapter's in-place rotation
 * (`gitlab-self-rotate`, `oauth-refresh`, `slack-refresh`, `slack-exchange`…), which its provider
 * owns: a journal on disk names it, so an adapter never renames one.
 */
export type RotationKind = string;
const rotationKindSchema = z.string().regex(/^[a-z0-9-]{1,40}$/);

const journalSchema = z.object({
  rotationId: z.string().uuid(),
  tokenId: z.string(),
  kind: rotationKindSchema,
  step: z.enum(rotationSteps),
  /** How it ended: `done`, `abandoned` (nothing changed), `reauthorize` (the new value was lost). */
  outcome: z.enum(['done', 'abandoned', 'reauthorize']).nullable(),
  expiresAt: z.string().nullable(),
  /** What verifying the new value showed (never the value): applied to the record at promotion. */
  facts: z
    .object({
      account: z.string().nullable(),
      grantedScopes: z.array(z.string()).nullable(),
      expiresAt: z.string().nullable().optional(),
      providerRef: z.string().max(200).optional(),
    })
    .nullable()
    .default(null),
  /** When the value being replaced expires by its provider's word: past it, that value is dead without asking. */
  previousExpiresAt: z.string().nullable().default(null),
  history: z.array(z.object({ step: z.enum(rotationSteps), at: z.string() })),
  /** The new value's masked form (prefix and last four), so a paused rotation can be named; never the value. */
  pendingMasked: z.string().max(40).nullable().default(null),
  /** Why the last run stopped short (a provider that did not answer), and when. */
  stall: z
    .object({ at: z.string(), message: z.string().max(1000) })
    .nullable()
    .default(null),
});
export type RotationJournal = z.infer<typeof journalSchema>;

export const journalFolder = (home: string) => path.join(home, 'journal');
const fileOf = (home: string, rotationId: string) => path.join(journalFolder(home), `${rotationId}.json`);

/** Write a file so that after a crash it holds either the old or the new content, and is on disk. */
export function writeDurably(file: string, text: string): void {
  const temp = `${file}.tmp`;
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  const dir = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}

/** Start a journal (step `intent`) before any network call. Never holds a secret. */
export function beginJournal(
  home: string,
  tokenId: string,
  kind: RotationKind,
  expiresAt: string | null,
  at: number,
  pendingMasked: string | null = null,
): RotationJournal {
  fs.mkdirSync(journalFolder(home), { recursive: true, mode: 0o700 });
  const journal: RotationJournal = {
    rotationId: randomUUID(),
    tokenId,
    kind,
    step: 'intent',
    outcome: null,
    expiresAt,
    facts: null,
    previousExpiresAt: null,
    history: [{ step: 'intent', at: new Date(at).toISOString() }],
    pendingMasked,
    stall: null,
  };
  writeDurably(fileOf(home, journal.rotationId), JSON.stringify(journal));
  return journal;
}

/** Record that a step is done (fsync'd before this returns). */
export function advanceJournal(
  home: string,
  journal: RotationJournal,
  step: RotationStep,
  at: number,
  outcome: RotationJournal['outcome'] = null,
  facts: RotationJournal['facts'] = journal.facts,
): RotationJournal {
  // A step taken clears the last stall: the run got past it.
  const next: RotationJournal = {
    ...journal,
    step,
    facts,
    outcome: outcome ?? journal.outcome,
    stall: null,
    history: [...journal.history, { step, at: new Date(at).toISOString() }],
  };
  writeDurably(fileOf(home, journal.rotationId), JSON.stringify(next));
  return next;
}

/** Record why a run stopped short, without a step; returns whether the reason is new (worth a log line). */
export function noteStall(home: string, rotationId: string, message: string, at: number): boolean {
  const journal = readJournals(home).find((j) => j.rotationId === rotationId);
  if (!journal || journal.step === 'finished') return false;
  const fresh = journal.stall?.message !== message;
  writeDurably(
    fileOf(home, rotationId),
    JSON.stringify({ ...journal, stall: { at: new Date(at).toISOString(), message: message.slice(0, 1000) } }),
  );
  return fresh;
}

/** Every journal file in `folder` that `schema` reads (a file that is not one is left for a person to look at). */
export function readJournalFolder<T>(folder: string, schema: z.ZodType<T>): T[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const journals: T[] = [];
  for (const name of names) {
    try {
      const parsed = schema.safeParse(JSON.parse(fs.readFileSync(path.join(folder, name), 'utf8')));
      if (parsed.success) journals.push(parsed.data);
    } catch {
      // Not ours, or unreadable: leave it for a person to look at.
    }
  }
  return journals;
}

/** Every rotation journal on disk, oldest first; unreadable ones are skipped (a write never left one half-done). */
export function readJournals(home: string): RotationJournal[] {
  return readJournalFolder(journalFolder(home), journalSchema).sort((a, b) =>
    (a.history[0]?.at ?? '').localeCompare(b.history[0]?.at ?? ''),
  );
}

export const unfinishedJournals = (home: string, tokenId?: string) =>
  readJournals(home).filter((j) => j.step !== 'finished' && (tokenId === undefined || j.tokenId === tokenId));

/**
 * Test hook for crash injection: with LAPSE_TEST_STOP_AT=<step>, the process stops (waits forever)
 * right after that step, so a test can SIGKILL it there. Inert unless the variable is set.
 */
export async function stopPointFor(step: string): Promise<void> {
  if (process.env['LAPSE_TEST_STOP_AT'] !== step) return;
  process.stderr.write(`lapse: stopped at ${step}\n`);
  // A timer keeps the process alive: with nothing else pending, Node would exit before the kill.
  await new Promise(() => setInterval(() => undefined, 60_000));
}
