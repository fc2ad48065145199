import type { ProviderId } from '../../../shared/model.js';

/**
 * Human names for providers. A copy of `providerNames` in shared/model.ts, kept here because that
 * module builds zod schemas at load time and would pull zod into the window's bundle; the
 * `Record<ProviderId, …>` type makes a missing or unknown provider a compile error.
 */
export const providerNames: Record<ProviderId, string> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  slack: 'Slack',
  npm: 'npm',
  oauth2: 'OAuth2 / OIDC',
  jwt: 'JWT',
  aws: 'AWS',
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  stripe: 'Stripe',
  huggingface: 'Hugging Face',
  digitalocean: 'DigitalOcean',
  cloudflare: 'Cloudflare',
  docker: 'Docker Hub',
  pypi: 'PyPI',
  sentry: 'Sentry',
  linear: 'Linear',
  vercel: 'Vercel',
  atlassian: 'Atlassian',
  google: 'Google',
  generic: 'Other API key',
};

/** Providers in the order the select lists them: by name, "Other API key" last. */
export const providerChoices: readonly ProviderId[] = [
  ...(Object.keys(providerNames) as ProviderId[])
    .filter((id) => id !== 'generic')
    .sort((a, b) => providerNames[a].localeCompare(providerNames[b])),
  'generic',
];
