import { providerIds, providerNames, type ProviderId } from '../../../shared/providers.js';

// shared/providers.ts is free of zod, so the window's bundle stays free of the schemas.
export { providerNames };

/** Providers in the order the select lists them: by name, "Other API key" last. */
export const providerChoices: readonly ProviderId[] = [
  ...providerIds.filter((id) => id !== 'generic').sort((a, b) => providerNames[a].localeCompare(providerNames[b])),
  'generic',
];

/** A token's provider inside a sentence: "GitHub", or "its provider" for any other API key. */
export const providerInSentence = (id: ProviderId): string => (id === 'generic' ? 'its provider' : providerNames[id]);
