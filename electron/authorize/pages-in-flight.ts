/**
 * The issuer pages this process handed out for authorizations still waiting (the authorization
 * request with its state and PKCE challenge, a device flow's verification page). The desktop app
 * opens exactly these in the system browser even when the issuer's host is on no token yet (a first
 * authorization): Lapse built each URL itself, from the issuer's own metadata.
 */
const pages = new Set<string>();

export function holdPage(url: string | null): () => void {
  if (!url) return () => undefined;
  const href = new URL(url).href;
  pages.add(href);
  return () => pages.delete(href);
}

/** Whether `url` is, character for character, a page of an authorization this process is waiting on. */
export function isAuthorizationPage(url: string): boolean {
  try {
    return pages.has(new URL(url).href);
  } catch {
    return false;
  }
}
