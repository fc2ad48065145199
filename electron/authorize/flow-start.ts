import type { AuthorizationOutcome } from '../../shared/contract/authorize-calls.js';
import type { ClientCredentials } from '../providers/oauth/client-credentials.js';
import type { IssuerMetadata } from '../providers/oauth/discovery.js';
import type { IssuedGrant } from '../providers/oauth/issued-grant.js';
import type { ProviderHttp } from '../providers/provider-http.js';
import type { authorizationFlows } from './authorize-flows.js';

/** What a browser or device flow starts from: the issuer found, the client, the scopes, and where its grant goes. */
export interface FlowStart {
  http: ProviderHttp;
  metadata: IssuerMetadata;
  client: ClientCredentials;
  /** The scopes of the purpose (what the answer shows). */
  asked: string[];
  /** The scopes sent to the issuer (the purpose's, with offline_access where the issuer lists it). */
  requested: string[];
  /** The token being reauthorized, or null for a new one. */
  tokenId: string | null;
  flows: ReturnType<typeof authorizationFlows>;
  now: () => number;
  /** Keeps the grant the flow obtained. */
  complete(grant: IssuedGrant): Promise<AuthorizationOutcome>;
}
