import type { CompanionCapability } from '../provider.js';

/** An OAuth client's credentials (introspection, revocation, refresh) and the token's refresh token. */
export const oauthClientCompanions: CompanionCapability = {
  title: 'OAuth client',
  purpose:
    'The client this token was issued to lets Lapse ask the issuer about it (introspection) and revoke it; its refresh token lets Rotate refresh it.',
  appliesTo: () => true,
  needsClientSecret: false,
};
