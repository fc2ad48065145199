import type { ProviderAdapter } from './provider.js';
import { oauthClientCompanions } from './oauth/companions.js';
import { verifyJwt } from './oauth/jwt-verify.js';

/**
 * A JWT on its own: its signature is checked against the JWKS of the issuer set as its base URL;
 * without one, only its claims are read, and the verification says so (jwtCheck 'claims-only').
 */
export const jwtProvider: ProviderAdapter = {
  id: 'jwt',
  defaultBaseUrl: null,
  // Without an issuer it still reads the token's own claims (and says the signature was not checked).
  worksOffline: true,
  concurrency: 4,
  verify: (ctx) => verifyJwt(ctx, ctx.record.baseUrl),
  companions: oauthClientCompanions,
  checksSignature: true,
  links: {},
};
