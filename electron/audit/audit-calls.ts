import type { AuditApi } from '../../shared/contract/audit-calls.js';
import { ok } from '../../shared/result.js';
import { guarded } from '../guarded.js';
import type { ServiceParts } from '../service-parts.js';
import { readAudit } from './audit-log.js';

/** The audit-log calls: a token's history, or everyone's. */
export function auditCalls({ store }: ServiceParts): AuditApi {
  return {
    getHistory: ({ id }) => guarded(async () => ok({ entries: readAudit(store, id) })),
  };
}
