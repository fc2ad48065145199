// How a token's provider and kind read in a sentence, the same in the window, the CLI and the log.
import { providerNames, type ProviderId } from './providers.js';

/**
 * "GitHub classic PAT", "npm access token", "JWT" (not "JWT JWT"), "API key": the provider's name
 * and the kind, without saying a word twice.
 */
export function kindPhrase(provider: ProviderId, kind: string): string {
  const name = provider === 'generic' ? '' : providerNames[provider];
  const what = kind.trim();
  if (!name) return what || 'API key';
  if (!what || what.toLowerCase() === name.toLowerCase()) return name;
  if (what.toLowerCase().startsWith(name.toLowerCase())) return what;
  return `${name} ${what}`;
}

/** The provider and the kind for a subtitle: "GitHub · classic PAT", or "JWT" alone. */
export function kindSubtitle(provider: ProviderId, kind: string): string[] {
  const name = providerNames[provider];
  const what = kind.trim();
  return !what || what.toLowerCase() === name.toLowerCase() ? [name] : [name, what];
}

// Initialisms read letter by letter whose first letter sounds like a vowel ("an npm token", "an SSH key").
const vowelSoundInitialism = /^(npm|ssh|smtp|sso|rsa|mcp|html|hmac|fido|x\.?509|llm|lfs|ftp)\b/i;

/** "a GitHub classic PAT", "an npm access token", "an API key", "an OAuth2 token". */
export function withArticle(phrase: string): string {
  const article = /^[aeiou]/i.test(phrase) || vowelSoundInitialism.test(phrase) ? 'an' : 'a';
  return `${article} ${phrase}`;
}
