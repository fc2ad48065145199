import type { ProviderId } from '../../shared/model.js';
import { githubProvider } from './github/adapter.js';
import { gitlabProvider } from './gitlab/adapter.js';
import { jwtProvider } from './jwt.js';
import { npmProvider } from './npm/adapter.js';
import { oauth2Provider } from './oauth2.js';
import type { ProviderAdapter } from './provider.js';
import { slackProvider } from './slack/adapter.js';

/** Every provider Lapse can ask about a token: one line each. */
export const providerAdapters: Partial<Record<ProviderId, ProviderAdapter>> = {
  github: githubProvider,
  gitlab: gitlabProvider,
  slack: slackProvider,
  npm: npmProvider,
  oauth2: oauth2Provider,
  jwt: jwtProvider,
};
