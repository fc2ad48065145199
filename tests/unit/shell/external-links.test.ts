import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiMethods, type LapseApi } from '../../../shared/api.js';
import { fail, ok } from '../../../shared/result.js';
import { configuredLinkHosts, linkOpener, openExternalLink } from '../../../electron/shell/external-links.js';
import { resetFakeElectron, shell } from '../../fakes/electron.js';
import { holdPage } from '../../../electron/authorize/pages-in-flight.js';

vi.mock('electron', () => import('../../fakes/electron.js'));

const noHosts = async () => [];

/** A vault holding tokens with these base URLs; every other call is unused here. */
function vaultWithBaseUrls(baseUrls: (string | null)[]): LapseApi {
  const unused = Object.fromEntries(apiMethods.map((method) => [method, async () => fail('internal', 'unused')]));
  return {
    ...unused,
    listTokens: async () =>
      ok({ tokens: baseUrls.map((baseUrl) => ({ baseUrl })), evaluatedAt: '2026-01-01T00:00:00Z' }),
  } as unknown as LapseApi;
}

describe('opening links in the system browser', () => {
  beforeEach(resetFakeElectron);

  it("opens a provider's https page", async () => {
    await expect(openExternalLink('https://github.com/settings/tokens', noHosts)).resolves.toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://github.com/settings/tokens');
  });

  it('drops anything else without asking the OS', async () => {
    for (const url of [
      'http://github.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://github.com.evil.com/',
    ]) {
      await expect(openExternalLink(url, noHosts)).resolves.toBe(false);
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('opens exactly the issuer page of an authorization under way, only while it waits', async () => {
    const page =
      'https://login.example.test/authorize?client_id=lapse&state=s1&code_challenge=c&code_challenge_method=S256';
    const release = holdPage(page);
    await expect(openExternalLink(page, noHosts)).resolves.toBe(true);
    await expect(openExternalLink(page.replace('state=s1', 'state=s2'), noHosts)).resolves.toBe(false);
    await expect(openExternalLink('https://login.example.test/', noHosts)).resolves.toBe(false);
    release();
    await expect(openExternalLink(page, noHosts)).resolves.toBe(false);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('opens the self-managed hosts configured on tokens in the vault', async () => {
    const hosts = configuredLinkHosts(vaultWithBaseUrls(['https://gitlab.corp.example/api/v4', null]));
    await expect(openExternalLink('https://gitlab.corp.example/-/profile/personal_access_tokens', hosts)).resolves.toBe(
      true,
    );
    await expect(openExternalLink('https://gitlab.other.example/', hosts)).resolves.toBe(false);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('falls back to the provider allowlist when the vault cannot be read', async () => {
    const broken: LapseApi = { ...vaultWithBaseUrls([]), listTokens: async () => fail('store-unavailable', 'locked') };
    const hosts = configuredLinkHosts(broken);
    await expect(openExternalLink('https://gitlab.com/', hosts)).resolves.toBe(true);
    await expect(openExternalLink('https://gitlab.corp.example/', hosts)).resolves.toBe(false);
  });

  it('never rejects, even when the OS refuses to open the link', async () => {
    shell.openExternal.mockRejectedValueOnce(new Error('no handler for https'));
    await expect(openExternalLink('https://github.com/', noHosts)).resolves.toBe(false);
    await expect(openExternalLink('https://github.com/', () => Promise.reject(new Error('boom')))).resolves.toBe(false);
  });

  it('gives window handlers a fire-and-forget opener', async () => {
    linkOpener(noHosts)('https://www.npmjs.com/settings/me/tokens');
    await vi.waitFor(() => expect(shell.openExternal).toHaveBeenCalledWith('https://www.npmjs.com/settings/me/tokens'));
  });
});
