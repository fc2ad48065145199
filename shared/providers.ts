// Provider names without zod, so the window can use them without bundling the schemas.

/** Providers Lapse knows by name. `generic` is any other API key. */
export const providerIds = [
  'github',
  'gitlab',
  'slack',
  'npm',
  'oauth2',
  'jwt',
  'aws',
  'openai',
  'anthropic',
  'stripe',
  'huggingface',
  'digitalocean',
  'cloudflare',
  'docker',
  'pypi',
  'sentry',
  'linear',
  'vercel',
  'atlassian',
  'google',
  'generic',
] as const;
export type ProviderId = (typeof providerIds)[number];

/** Human names for providers, for lists and the add form. */
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
