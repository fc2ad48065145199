import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeTokens, randomAlnum } from '../../helpers/fake-tokens.js';
import { put, scan, scanRig, type ScanRig } from './scan-rig.js';

let rig: ScanRig;
beforeEach(() => (rig = scanRig()));
afterEach(() => rig.remove());

/** Each known location, in the syntax its tool writes, with the token on a known line. */
function knownFiles(home: string) {
  const npm = fakeTokens.npm();
  const gh = fakeTokens.githubOAuth();
  const netrc = fakeTokens.githubClassic();
  const gitCredentials = fakeTokens.githubFineGrained();
  const docker = fakeTokens.docker();
  const pypi = fakeTokens.pypi();
  const awsSecret = `FAKE${randomAlnum(36)}`;
  const glab = fakeTokens.gitlabLegacy();
  const bashrc = fakeTokens.openaiProject();
  const zshrc = fakeTokens.anthropicApi();
  const profile = fakeTokens.huggingface();
  const bashHistory = fakeTokens.slackBot();
  const zshHistory = fakeTokens.stripeLive();
  const fishHistory = fakeTokens.linear();
  const at = (rel: string) => path.join(home, rel);
  return [
    {
      file: at('.npmrc'),
      text: `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${npm}\n`,
      secret: npm,
      line: 2,
      provider: 'npm',
    },
    {
      file: at('.config/gh/hosts.yml'),
      text: `github.com:\n    user: octo\n    oauth_token: ${gh}\n    git_protocol: https\n`,
      secret: gh,
      line: 3,
      provider: 'github',
    },
    {
      file: at('.netrc'),
      text: `machine api.github.com\n  login octo\n  password ${netrc}\n`,
      secret: netrc,
      line: 3,
      provider: 'github',
    },
    {
      file: at('.git-credentials'),
      text: `https://octo:${gitCredentials}@github.com\n`,
      secret: gitCredentials,
      line: 1,
      provider: 'github',
    },
    {
      file: at('.docker/config.json'),
      text: `{\n  "auths": {\n    "https://index.docker.io/v1/": {\n      "auth": "${Buffer.from(`octo:${docker}`).toString('base64')}"\n    }\n  }\n}\n`,
      secret: docker,
      line: 4,
      provider: 'docker',
    },
    {
      file: at('.pypirc'),
      text: `[pypi]\n  username = __token__\n  password = ${pypi}\n`,
      secret: pypi,
      line: 3,
      provider: 'pypi',
    },
    {
      file: at('.aws/credentials'),
      text: `[default]\naws_access_key_id = ${fakeTokens.awsAccessKeyId()}\naws_secret_access_key = ${awsSecret}\n`,
      secret: awsSecret,
      line: 3,
      provider: 'aws',
    },
    {
      file: at('.config/glab-cli/config.yml'),
      text: `hosts:\n    gitlab.com:\n        token: ${glab}\n        api_host: gitlab.com\n`,
      secret: glab,
      line: 3,
      provider: 'gitlab',
    },
    {
      file: at('.bashrc'),
      text: `alias ll='ls -l'\nexport OPENAI_API_KEY=${bashrc}\n`,
      secret: bashrc,
      line: 2,
      provider: 'openai',
    },
    {
      file: at('.zshrc'),
      text: `export ANTHROPIC_API_KEY="${zshrc}"\n`,
      secret: zshrc,
      line: 1,
      provider: 'anthropic',
    },
    {
      file: at('.profile'),
      text: `PATH="$HOME/bin:$PATH"\nexport HF_TOKEN=${profile}\n`,
      secret: profile,
      line: 2,
      provider: 'huggingface',
    },
    {
      file: at('.bash_history'),
      text: `ls\ncurl -H "Authorization: Bearer ${bashHistory}" https://slack.com/api/auth.test\n`,
      secret: bashHistory,
      line: 2,
      provider: 'slack',
    },
    {
      file: at('.zsh_history'),
      text: `: 1700000000:0;git status\n: 1700000010:0;export STRIPE_KEY=${zshHistory}\n`,
      secret: zshHistory,
      line: 2,
      provider: 'stripe',
    },
    {
      file: at('.local/share/fish/fish_history'),
      text: `- cmd: ls\n  when: 1700000000\n- cmd: set -x LINEAR_KEY ${fishHistory}\n  when: 1700000001\n`,
      secret: fishHistory,
      line: 3,
      provider: 'linear',
    },
  ];
}

describe('the known locations', () => {
  it('every known location is read in its own syntax, each token found at its file and line', async () => {
    const files = knownFiles(rig.home);
    for (const f of files) put(f.file, f.text);
    const result = await scan(rig.api, { knownLocations: true });
    expect(result.findings.map((f) => [f.file, f.line, f.provider])).toEqual(
      expect.arrayContaining(files.map((f) => [f.file, f.line, f.provider])),
    );
    expect(result.findings).toHaveLength(files.length + 1); // + the AWS access key id beside its secret
    expect(result.skipped.files).toBe(0);
  });

  it('each finding says what kind of place it sits in, which decides the advice', async () => {
    for (const f of knownFiles(rig.home)) put(f.file, f.text);
    const result = await scan(rig.api, { knownLocations: true });
    const sourceOf = (end: string) => result.findings.find((f) => f.file.endsWith(end))?.source;
    expect(sourceOf('.npmrc')).toBe('npmrc');
    expect(sourceOf('hosts.yml')).toBe('gh-hosts');
    expect(sourceOf('.docker/config.json')).toBe('docker-config');
    expect(sourceOf('.zsh_history')).toBe('shell-history');
    expect(sourceOf('.bashrc')).toBe('shell-rc');
  });

  it('known locations that do not exist are not counted as skipped', async () => {
    put(path.join(rig.home, '.npmrc'), `//registry.npmjs.org/:_authToken=${fakeTokens.npm()}\n`);
    const result = await scan(rig.api, { knownLocations: true });
    expect(result.findings).toHaveLength(1);
    expect(result.skipped).toEqual({ files: 0, reasons: {} });
  });

  it('a folder under the home folder can be named as ~/…', async () => {
    const token = fakeTokens.githubClassic();
    const file = put(path.join(rig.home, 'projects/app/.env.local'), `GITHUB_TOKEN=${token}\n`);
    const result = await scan(rig.api, { paths: ['~/projects'] });
    expect(result.findings).toMatchObject([
      { file, line: 1, column: 14, provider: 'github', source: 'env-file', tokenId: null },
    ]);
  });
});
