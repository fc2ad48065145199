import { describe, expect, it } from 'vitest';
import { hostsOfBaseUrls, isAllowedExternalUrl } from '../../../electron/shell/external-link-policy.js';

describe('which links may open in the system browser', () => {
  it('opens https links to the providers Lapse knows', () => {
    expect(isAllowedExternalUrl('https://github.com/settings/tokens')).toBe(true);
    expect(isAllowedExternalUrl('https://docs.github.com/en/authentication')).toBe(true);
    expect(isAllowedExternalUrl('https://gitlab.com/-/user_settings/personal_access_tokens')).toBe(true);
    expect(isAllowedExternalUrl('https://api.slack.com/apps')).toBe(true);
    expect(isAllowedExternalUrl('https://www.npmjs.com/settings/me/tokens')).toBe(true);
  });

  it('treats host names case-insensitively, as browsers do', () => {
    expect(isAllowedExternalUrl('https://GitHub.COM/settings/tokens')).toBe(true);
  });

  it('refuses anything that is not https', () => {
    expect(isAllowedExternalUrl('http://github.com/settings/tokens')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('data:text/html,<script>alert(1)</script>')).toBe(false);
    expect(isAllowedExternalUrl('smb://github.com/share')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
    expect(isAllowedExternalUrl('')).toBe(false);
  });

  it('refuses hosts that merely look like a provider', () => {
    expect(isAllowedExternalUrl('https://github.com.evil.com/login')).toBe(false);
    expect(isAllowedExternalUrl('https://evilgithub.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://gist.github.com.attacker.io/')).toBe(false);
    expect(isAllowedExternalUrl('https://github.com@evil.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://github.com./')).toBe(false);
    expect(isAllowedExternalUrl('https://xn--github-7ya.com/')).toBe(false);
  });

  it('refuses subdomains that are not listed themselves', () => {
    expect(isAllowedExternalUrl('https://evil.github.com/')).toBe(false);
  });

  it('refuses credentials in the URL and unexpected ports', () => {
    expect(isAllowedExternalUrl('https://user:pass@github.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://github.com:8443/')).toBe(false);
  });

  it('opens the hosts the user configured as token base URLs, and only those', () => {
    const configured = ['gitlab.example.org', 'ghe.corp.example:8443'];
    expect(isAllowedExternalUrl('https://gitlab.example.org/-/profile', configured)).toBe(true);
    expect(isAllowedExternalUrl('https://ghe.corp.example:8443/settings', configured)).toBe(true);
    expect(isAllowedExternalUrl('https://ghe.corp.example/settings', configured)).toBe(false);
    expect(isAllowedExternalUrl('http://gitlab.example.org/-/profile', configured)).toBe(false);
    expect(isAllowedExternalUrl('https://other.example.org/', configured)).toBe(false);
  });
});

describe('hosts taken from configured base URLs', () => {
  it('keeps the host (with any port) of each https base URL, once', () => {
    expect(
      hostsOfBaseUrls([
        'https://gitlab.example.org/api/v4',
        'https://GitLab.example.org',
        'https://ghe.corp:8443',
        null,
      ]),
    ).toEqual(['gitlab.example.org', 'ghe.corp:8443']);
  });

  it('ignores plain-http and malformed base URLs, so they never widen the allowlist', () => {
    expect(hostsOfBaseUrls(['http://127.0.0.1:8080', 'nonsense', ''])).toEqual([]);
  });
});
