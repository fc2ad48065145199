import { describe, expect, it } from 'vitest';
import { kindPhrase, kindSubtitle, withArticle } from '../../shared/token-words.js';

describe('how a token reads in a sentence', () => {
  it('names the provider and the kind without saying a word twice', () => {
    expect(kindPhrase('github', 'classic PAT')).toBe('GitHub classic PAT');
    expect(kindPhrase('jwt', 'JWT')).toBe('JWT');
    expect(kindPhrase('npm', 'access token')).toBe('npm access token');
    expect(kindPhrase('gitlab', 'GitLab personal access token')).toBe('GitLab personal access token');
    expect(kindPhrase('generic', 'API key')).toBe('API key');
    expect(kindSubtitle('jwt', 'JWT')).toEqual(['JWT']);
    expect(kindSubtitle('github', 'classic PAT')).toEqual(['GitHub', 'classic PAT']);
  });

  it('takes "an" before a vowel sound, initialisms included', () => {
    expect(withArticle('npm access token')).toBe('an npm access token');
    expect(withArticle('GitHub classic PAT')).toBe('a GitHub classic PAT');
    expect(withArticle('API key')).toBe('an API key');
    expect(withArticle('OAuth2 / OIDC token')).toBe('an OAuth2 / OIDC token');
    expect(withArticle('JWT')).toBe('a JWT');
    expect(withArticle('SSH key')).toBe('an SSH key');
    expect(withArticle('Slack bot token')).toBe('a Slack bot token');
  });
});
