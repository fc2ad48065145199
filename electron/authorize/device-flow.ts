import type { AuthorizationStart } from '../../shared/contract/authorize-calls.js';
import { pollDeviceToken, requestDeviceCode } from '../providers/oauth/device-grant.js';
import { settledFlow } from './authorization-outcomes.js';
import type { FlowStart } from './flow-start.js';
import { holdPage } from './pages-in-flight.js';

/** The device authorization grant (RFC 8628): a code the person enters at the issuer while Lapse polls for the grant. */
export async function startDeviceFlow(start: FlowStart): Promise<AuthorizationStart> {
  const { http, metadata, client, requested, now } = start;
  const controller = new AbortController();
  const device = await requestDeviceCode(http, metadata, client, requested, now);
  const release = [holdPage(device.verificationUri), holdPage(device.verificationUriComplete)];
  const run = settledFlow(async () =>
    start.complete(await pollDeviceToken(http, metadata, client, device, { now, signal: controller.signal })),
  ).finally(() => release.forEach((r) => r()));
  const flowId = start.flows.add(run, () => controller.abort(), device.expiresAt);
  return {
    flowId,
    method: 'device' as const,
    authorizationUrl: null,
    verificationUri: device.verificationUri,
    verificationUriComplete: device.verificationUriComplete,
    userCode: device.userCode,
    expiresAt: new Date(device.expiresAt).toISOString(),
    scopes: start.asked,
    tokenId: start.tokenId,
  };
}
