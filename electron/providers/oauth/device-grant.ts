import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { ProviderHttp } from '../provider-http.js';
import { TransientFault } from '../transient-fault.js';
import { CannotAskProvider } from './cannot-ask-provider.js';
import type { ClientCredentials } from './client-credentials.js';
import { checkBaseUrl } from '../provider-http.js';
import { endpointHttp, type IssuerMetadata } from './discovery.js';
import { endpointAuth } from './endpoint-auth.js';
import { issuedGrantOf, type IssuedGrant } from './issued-grant.js';
import { jsonObjectOf, oauthErrorCode } from './oauth-error.js';

export const deviceCodeGrantType = 'urn:ietf:params:oauth:grant-type:device_code';

/** RFC 8628 §3.2: without `interval` the client waits 5 seconds between polls. */
const defaultIntervalSeconds = 5;
/** RFC 8628 §3.5: `slow_down` adds 5 seconds to the interval, for this and every later request. */
export const slowDownSeconds = 5;

const webUrl = z
  .string()
  .max(2048)
  .refine((u) => {
    try {
      return Boolean(checkBaseUrl(u));
    } catch {
      return false;
    }
  }, 'must be https (http only to a loopback host)');

/** The device authorization response (RFC 8628 §3.2), as far as Lapse relies on it. */
const deviceAuthorizationSchema = z.object({
  device_code: z.string().min(1).max(4096),
  // A short code a person types: printable ASCII only, so nothing in it can act on a terminal.
  user_code: z.string().regex(/^[\x21-\x7e ]{1,64}$/),
  verification_uri: webUrl,
  verification_uri_complete: webUrl.optional(),
  expires_in: z.number().int().positive().max(86_400),
  interval: z.number().int().positive().max(600).optional(),
});

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string | null;
  /** When the device code expires (ms since the epoch). */
  expiresAt: number;
  intervalSeconds: number;
}

/** Ask for a device code and a user code (RFC 8628 §3.1). */
export async function requestDeviceCode(
  http: ProviderHttp,
  metadata: IssuerMetadata,
  client: ClientCredentials,
  scopes: string[],
  now: () => number,
): Promise<DeviceAuthorization> {
  if (!metadata.deviceAuthorizationEndpoint)
    throw new CannotAskProvider(
      `${new URL(metadata.issuer).host} offers no device flow (no device_authorization_endpoint in its metadata); authorize in a browser instead (without --device).`,
    );
  const auth = endpointAuth(metadata, 'token', client);
  const form = new URLSearchParams({ ...(auth.method === 'none' ? {} : { client_id: client.clientId }), ...auth.form });
  if (scopes.length) form.set('scope', scopes.join(' '));
  const answer = await endpointHttp(http, metadata.deviceAuthorizationEndpoint).request({
    method: 'POST',
    path: metadata.deviceAuthorizationEndpoint,
    headers: auth.headers,
    body: form,
    retry: true,
  });
  if (answer.status !== 200) {
    const error = oauthErrorCode(answer);
    if (error)
      throw new CannotAskProvider(
        `The issuer refused the device authorization request (${error}); check the client id and that this client may use the device flow.`,
      );
    throw new TransientFault(`The issuer's device_authorization_endpoint answered ${answer.status}; try again later.`);
  }
  const parsed = deviceAuthorizationSchema.safeParse(jsonObjectOf(answer));
  if (!parsed.success)
    throw new TransientFault(
      'The issuer answered the device authorization request with something that is not an RFC 8628 answer; try again later.',
    );
  const d = parsed.data;
  return {
    deviceCode: d.device_code,
    userCode: d.user_code,
    verificationUri: d.verification_uri,
    verificationUriComplete: d.verification_uri_complete ?? null,
    expiresAt: now() + d.expires_in * 1000,
    intervalSeconds: d.interval ?? defaultIntervalSeconds,
  };
}

export class DeviceFlowEnded extends Error {
  constructor(
    readonly reason: 'expired' | 'denied' | 'cancelled',
    message: string,
  ) {
    super(message);
    this.name = 'DeviceFlowEnded';
  }
}

export interface DevicePolling {
  now: () => number;
  signal?: AbortSignal;
  /** Told each time the issuer asks Lapse to slow down, with the new interval in seconds. */
  onSlowDown?: (intervalSeconds: number) => void;
}

/**
 * Poll the token endpoint until the person has approved (RFC 8628 §3.4–3.5): every `interval`
 * seconds, 5 more after each `slow_down`, never past `expires_in`. `authorization_pending` goes on;
 * `access_denied` and `expired_token` end it.
 */
export async function pollDeviceToken(
  http: ProviderHttp,
  metadata: IssuerMetadata,
  client: ClientCredentials,
  device: DeviceAuthorization,
  polling: DevicePolling,
): Promise<IssuedGrant> {
  if (!metadata.tokenEndpoint)
    throw new CannotAskProvider(`${new URL(metadata.issuer).host} publishes no token_endpoint.`);
  const auth = endpointAuth(metadata, 'token', client);
  let interval = device.intervalSeconds;
  const expired = () =>
    new DeviceFlowEnded(
      'expired',
      'The code expired before it was approved (RFC 8628 expires_in); run the authorization again and enter the new code in time.',
    );
  for (;;) {
    const wait = interval * 1000;
    if (polling.now() + wait >= device.expiresAt) {
      // The last poll that can still be answered before the code expires.
      const left = device.expiresAt - polling.now();
      if (left <= 0) throw expired();
      await sleep(Math.max(0, left - 50), undefined, polling.signal ? { signal: polling.signal } : undefined).catch(
        () => undefined,
      );
    } else {
      await sleep(wait, undefined, polling.signal ? { signal: polling.signal } : undefined).catch(() => undefined);
    }
    if (polling.signal?.aborted) throw new DeviceFlowEnded('cancelled', 'The authorization was cancelled.');
    const form = new URLSearchParams({
      grant_type: deviceCodeGrantType,
      device_code: device.deviceCode,
      ...(auth.method === 'none' ? {} : { client_id: client.clientId }),
      ...auth.form,
    });
    const answer = await endpointHttp(http, metadata.tokenEndpoint).request({
      method: 'POST',
      path: metadata.tokenEndpoint,
      headers: auth.headers,
      body: form,
      retry: false,
    });
    if (answer.status === 200) {
      const grant = issuedGrantOf(answer);
      if (!grant)
        throw new TransientFault('The issuer answered with no usable access token; run the authorization again.');
      return grant;
    }
    const error = oauthErrorCode(answer);
    if (error === 'authorization_pending') {
      if (polling.now() >= device.expiresAt) throw expired();
      continue;
    }
    if (error === 'slow_down') {
      interval += slowDownSeconds;
      polling.onSlowDown?.(interval);
      continue;
    }
    if (error === 'expired_token') throw expired();
    if (error === 'access_denied')
      throw new DeviceFlowEnded('denied', 'The person at the issuer denied the request; nothing was issued.');
    if (error)
      throw new CannotAskProvider(`The issuer refused the device code (${error}); run the authorization again.`);
    throw new TransientFault(
      `The issuer's token_endpoint answered ${answer.status} while Lapse waited for approval; run the authorization again.`,
    );
  }
}
