import { startGithubEmulator } from '../emulators/github.js';
import { startGitlabEmulator } from '../emulators/gitlab.js';
import { startNpmEmulator } from '../emulators/npm.js';
import { startOidcEmulator } from '../emulators/oidc.js';
import { startSlackEmulator } from '../emulators/slack.js';
import { useEmulator } from './lifetimes.js';

/** GitHub, GitLab, Slack, npm and an OAuth issuer, each emulated with its defaults, for every test of the file. */
export function everyProviderEmulator() {
  return {
    github: useEmulator(startGithubEmulator),
    gitlab: useEmulator(startGitlabEmulator),
    slack: useEmulator(startSlackEmulator),
    npm: useEmulator(startNpmEmulator),
    oidc: useEmulator(startOidcEmulator),
  };
}
