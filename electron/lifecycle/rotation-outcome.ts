import path from 'node:path';
import type { RotationResult } from '../../shared/contract/rotation-calls.js';
import type { Finding } from '../../shared/model.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { tokenNotFound } from '../not-found.js';
import type { ProviderSession } from '../providers/provider-session.js';
import { redact } from '../redact.js';
import type { ServiceParts } from '../service-parts.js';
import { viewToken } from '../vault/token-view.js';
import type { RotationRunner, RunEnd } from './rotation-run.js';

/** What the rotation calls work with: the service parts, the provider session and the one runner of journals. */
export interface RotationCallParts {
  parts: ServiceParts;
  session: ProviderSession;
  runner: RotationRunner;
}

/** Where the rotation journals live: beside the metadata file. */
export const homeOf = (parts: ServiceParts) => path.dirname(parts.store.path);

/** The answer of a rotation call from where its run ended. */
export async function rotationResult(
  { store, now }: ServiceParts,
  id: string,
  kind: RotationResult['kind'],
  end: RunEnd,
  warnings: Finding[] = [],
): Promise<Result<RotationResult>> {
  const vault = await store.read();
  const record = vault.tokens[id];
  if (!record) return tokenNotFound(id);
  if (end.end === 'abandoned') return fail('invalid-input', redact(end.message));
  const state = end.end === 'finished' ? 'finished' : end.end === 'stalled' ? 'pending' : end.end;
  return ok({
    token: viewToken(record, now(), vault.policy),
    state,
    kind,
    message: redact(
      end.end === 'finished'
        ? `Rotated: ${record.masked} is current and the old value is confirmed dead.`
        : end.message,
    ),
    warnings,
    guide: null,
  });
}
