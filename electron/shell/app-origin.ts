/** The renderer is served from a privileged custom scheme, never file://, so its origin is its own. */
export const appScheme = 'app';
export const appHost = 'lapse';
export const appEntryUrl = `${appScheme}://${appHost}/index.html`;

/** True for any URL on Lapse's own origin (`app://lapse/…`), whatever its path. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}
