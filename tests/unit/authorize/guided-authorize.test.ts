import { describe, expect, it } from 'vitest';
import { prefilled, type GuideSubject } from '../../../electron/authorize/guided-authorize.js';

// Providers with no OAuth for personal tokens: the create page, with the declared scopes filled in
// where its URL takes them (GitHub classic tokens; GitLab), as their own links write them.

const subject = (over: Partial<GuideSubject>): GuideSubject => ({
  provider: 'github',
  baseUrl: null,
  kind: 'personal access token (classic)',
  label: 'laptop push',
  account: null,
  ...over,
});

describe('the create page, scopes filled in', () => {
  it("GitHub classic: description and comma-separated scopes, as GitHub's own links have them", () => {
    expect(prefilled('https://github.com/settings/tokens/new', subject({}), ['repo', 'delete:packages'])).toBe(
      'https://github.com/settings/tokens/new?description=laptop%20push&scopes=repo,delete%3Apackages',
    );
  });
  it('GitHub fine-grained tokens take no parameters: the page is left as it is', () => {
    expect(
      prefilled(
        'https://github.com/settings/personal-access-tokens/new',
        subject({ kind: 'fine-grained personal access token' }),
        ['contents:read'],
      ),
    ).toBe('https://github.com/settings/personal-access-tokens/new');
  });
  it('GitLab: name and scopes', () => {
    expect(
      prefilled(
        'https://gitlab.example.com/-/user_settings/personal_access_tokens',
        subject({ provider: 'gitlab', label: 'ci read' }),
        ['read_api', 'read_repository'],
      ),
    ).toBe(
      'https://gitlab.example.com/-/user_settings/personal_access_tokens?name=ci%20read&scopes=read_api,read_repository',
    );
  });
  it('npm: nothing to fill in', () => {
    expect(prefilled('https://www.npmjs.com/settings/~/tokens', subject({ provider: 'npm' }), ['publish'])).toBe(
      'https://www.npmjs.com/settings/~/tokens',
    );
  });
});
