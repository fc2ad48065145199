import { providerNames, type ProviderId } from '../../shared/model.js';

/**
 * Service messages reach the window and the terminal alike: where the person must act in Lapse,
 * name both ways in one phrase instead of a command only a terminal user can run.
 */
export const byHandHint = (id: string) =>
  `confirm it in Lapse ("I revoked it at the provider" in the window, or \`lapse revoke ${id} --by-hand\`)`;

/** "Check again" in the window, `lapse revoke ID` in a terminal. */
export const checkAgainHint = (id: string) =>
  `check again in Lapse ("Check again" in the window, or \`lapse revoke ${id}\`)`;

/** "GitHub tokens"; a plain API key has no provider name worth repeating. */
export const tokensOf = (provider: ProviderId) =>
  provider === 'generic' ? "this provider's tokens" : `${providerNames[provider]} tokens`;
