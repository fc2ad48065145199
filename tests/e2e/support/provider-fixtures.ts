import { startGithubEmulator, type GithubEmulator } from '../../emulators/github.js';
import { startGitlabEmulator, type GitlabEmulator } from '../../emulators/gitlab.js';
import { startNpmEmulator, type NpmEmulator } from '../../emulators/npm.js';
import { test as shellTest } from './fixtures.js';

/**
 * The shell fixtures plus a GitHub, a GitLab and an npm registry of the test's own on 127.0.0.1, in this process,
 * so a test can ask the providers what still works, or break them between two clicks.
 */
export const test = shellTest.extend<{ github: GithubEmulator; gitlab: GitlabEmulator; npm: NpmEmulator }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern
  github: async ({}, use) => {
    const github = await startGithubEmulator();
    await use(github);
    await github.close();
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern
  gitlab: async ({}, use) => {
    const gitlab = await startGitlabEmulator();
    await use(gitlab);
    await gitlab.close();
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern
  npm: async ({}, use) => {
    const npm = await startNpmEmulator();
    await use(npm);
    await npm.close();
  },
});
