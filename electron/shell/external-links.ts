import { shell } from 'electron';
import type { LapseApi } from '../../shared/api.js';
import { isAuthorizationPage } from '../authorize/pages-in-flight.js';
import { hostsOfBaseUrls, isAllowedExternalUrl } from './external-link-policy.js';

/** Hosts the user configured (token base URLs), read fresh each time so edits apply at once. */
export type ConfiguredHosts = () => Promise<readonly string[]>;

/** The base-URL hosts of the tokens in the vault; none when the vault can't be read. */
export function configuredLinkHosts(api: LapseApi): ConfiguredHosts {
  return async () => {
    const listed = await api.listTokens({});
    return listed.ok ? hostsOfBaseUrls(listed.value.tokens.map((token) => token.baseUrl)) : [];
  };
}

/**
 * Opens an allowed link in the system browser and drops any other; resolves whether it opened, never
 * rejects. Allowed: a provider's or configured host's https page, or exactly the issuer page of an
 * authorization this process is waiting on (Authorize, Reauthorize: RFC 8252 §6, the system browser).
 */
export async function openExternalLink(url: string, configuredHosts: ConfiguredHosts): Promise<boolean> {
  try {
    if (!isAuthorizationPage(url) && !isAllowedExternalUrl(url, await configuredHosts())) return false;
    await shell.openExternal(new URL(url).href);
    return true;
  } catch {
    return false;
  }
}

/** A fire-and-forget link handler for window.open and navigation attempts. */
export function linkOpener(configuredHosts: ConfiguredHosts): (url: string) => void {
  return (url) => void openExternalLink(url, configuredHosts);
}
