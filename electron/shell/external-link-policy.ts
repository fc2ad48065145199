/** Hosts of the providers Lapse knows, where their token settings and docs live. Exact hosts only. */
export const providerLinkHosts: readonly string[] = [
  'github.com',
  'docs.github.com',
  'gitlab.com',
  'docs.gitlab.com',
  'slack.com',
  'api.slack.com',
  'npmjs.com',
  'www.npmjs.com',
  'docs.npmjs.com',
];

/**
 * Whether a link may leave the app for the system browser: https only, no credentials in the
 * URL, and a host (with its port, if any) that is a provider's or one the user configured.
 */
export function isAllowedExternalUrl(url: string, extraHosts: readonly string[] = []): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  const host = parsed.host;
  return providerLinkHosts.includes(host) || extraHosts.some((extra) => extra.toLowerCase() === host);
}

/** The hosts of the base URLs a user configured on tokens (self-managed GitLab, GitHub Enterprise …). */
export function hostsOfBaseUrls(baseUrls: readonly (string | null)[]): string[] {
  const hosts = new Set<string>();
  for (const baseUrl of baseUrls) {
    if (!baseUrl) continue;
    try {
      const parsed = new URL(baseUrl);
      if (parsed.protocol === 'https:') hosts.add(parsed.host);
    } catch {
      // A malformed base URL simply allows nothing.
    }
  }
  return [...hosts];
}
