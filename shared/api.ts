import type { z } from 'zod';
import { auditCalls, type AuditApi } from './contract/audit-calls.js';
import { authorizeCalls, type AuthorizeApi } from './contract/authorize-calls.js';
import { discoveryCalls, type DiscoveryApi } from './contract/discovery-calls.js';
import { inventoryCalls, type InventoryApi } from './contract/inventory-calls.js';
import { revocationCalls, type RevocationApi } from './contract/revocation-calls.js';
import { rotationCalls, type RotationApi } from './contract/rotation-calls.js';
import { oauthCalls, type OAuthApi } from './contract/oauth-calls.js';
import { policyCalls, type PolicyApi } from './contract/policy-calls.js';
import { providerCalls, type ProviderApi } from './contract/provider-calls.js';
import { reminderCalls, type ReminderApi } from './contract/reminder-calls.js';
import { reportCalls, type ReportApi } from './contract/report-calls.js';
import { teamCalls, type TeamApi } from './contract/team-calls.js';
import { vaultCalls, type VaultApi } from './contract/vault-calls.js';
import { verifyCalls, type VerifyApi } from './contract/verify-calls.js';

export * from './contract/audit-calls.js';
export * from './contract/authorize-calls.js';
export * from './contract/discovery-calls.js';
export * from './contract/inventory-calls.js';
export * from './contract/revocation-calls.js';
export * from './contract/rotation-calls.js';
export * from './contract/oauth-calls.js';
export * from './contract/policy-calls.js';
export * from './contract/provider-calls.js';
export * from './contract/reminder-calls.js';
export * from './contract/report-calls.js';
export * from './contract/team-calls.js';
export * from './contract/vault-calls.js';
export * from './contract/verify-calls.js';

/**
 * Each call: its argument schema, its result schema. Both transports are generic over this map.
 * An area of Lapse adds its calls in shared/contract/<area>-calls.ts and one line here.
 */
export const apiSpec = {
  ...vaultCalls,
  ...discoveryCalls,
  ...policyCalls,
  ...oauthCalls,
  ...reminderCalls,
  ...reportCalls,
  ...teamCalls,
  ...verifyCalls,
  ...auditCalls,
  ...revocationCalls,
  ...rotationCalls,
  ...providerCalls,
  ...inventoryCalls,
  ...authorizeCalls,
} as const;

/**
 * The one service contract. The Electron IPC host, the browser shell's HTTP host and the CLI all
 * speak it; the renderer sees nothing else. Every call resolves to a Result and never throws.
 */
export interface LapseApi
  extends
    VaultApi,
    PolicyApi,
    OAuthApi,
    ReportApi,
    TeamApi,
    ReminderApi,
    VerifyApi,
    DiscoveryApi,
    AuditApi,
    RevocationApi,
    RotationApi,
    ProviderApi,
    InventoryApi,
    AuthorizeApi {}

export type ApiMethod = keyof typeof apiSpec;
export const apiMethods = Object.keys(apiSpec) as ApiMethod[];
export type ApiOutput<M extends ApiMethod> = z.output<(typeof apiSpec)[M]['output']>;

// The interface and the spec name the same calls: a compile error here means one lacks a member.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : never) : never;
export const contractMatchesSpec: SameKeys<LapseApi, typeof apiSpec> = true;
