import path from 'node:path';
import type { TokenRecord } from '../../shared/model.js';
import { recordAudit } from '../audit/audit-log.js';
import type { ProviderSession } from '../providers/provider-session.js';
import type { RotationCapability } from '../providers/rotation.js';
import type { ServiceParts } from '../service-parts.js';
import { advanceJournal, stopPointFor, type RotationJournal } from './rotation-journal.js';

/** Where a run stopped: done, waiting on the old value's revocation, or stopped for a reason. */
export type RunEnd =
  | { end: 'finished' | 'revocation-pending' | 'reauthorize' | 'abandoned'; message: string }
  | { end: 'stalled'; message: string };

/** What a step answers: the journal after it (the run goes on), or where the run ends. */
export type StepResult = RotationJournal | RunEnd;

/** What every step of a rotation run works with. */
export interface RotationContext {
  readonly parts: ServiceParts;
  readonly session: ProviderSession;
  /** The Lapse folder, where the journals are. */
  readonly home: string;
  /** The token's record as the vault holds it now. */
  record(id: string): Promise<TokenRecord | null>;
  audit(record: TokenRecord, event: 'rotated' | 'revoked', detail: string): void;
  /** Record a step as done (fsync'd), then the crash-test stop point of that step. */
  step(
    journal: RotationJournal,
    step: RotationJournal['step'],
    outcome?: RotationJournal['outcome'],
    facts?: RotationJournal['facts'],
  ): Promise<RotationJournal>;
  /** The rotation a journal names, as its provider offers it (null for a guided one). */
  rotationOf(journal: RotationJournal, record: TokenRecord): RotationCapability | null;
  /** When the rotation began (its intent), ms since epoch. */
  startedAt(journal: RotationJournal): number;
}

export function rotationContext(parts: ServiceParts, session: ProviderSession): RotationContext {
  const { store, now } = parts;
  const home = path.dirname(store.path);
  return {
    parts,
    session,
    home,
    record: async (id) => (await store.read()).tokens[id] ?? null,
    audit: (r, event, detail) => recordAudit(store, { event, tokenId: r.id, label: r.label, detail, at: now() }),
    async step(j, s, outcome = null, facts = j.facts) {
      const next = advanceJournal(home, j, s, now(), outcome, facts);
      await stopPointFor(s);
      return next;
    },
    rotationOf: (j, r) => (j.kind === 'guided' ? null : session.rotationOfKind(r, j.kind)),
    startedAt: (j) => Date.parse(j.history[0]?.at ?? '') || now(),
  };
}
