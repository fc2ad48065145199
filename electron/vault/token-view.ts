import { evaluateToken } from '../../shared/lifecycle.js';
import type { TokenRecord, TokenView } from '../../shared/model.js';
import type { PolicyOverride } from '../../shared/policy.js';
import { knownRecordFields } from '../../shared/token-record-keys.js';

/** A record as every face shows it: with its status and findings at `now` under the vault's policy. */
export const viewToken = (record: TokenRecord, now: number, vaultPolicy: PolicyOverride): TokenView => ({
  ...knownRecordFields(record),
  ...evaluateToken(record, now, vaultPolicy),
});
