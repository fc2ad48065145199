import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { lapseInProcess } from '../../helpers/in-process-cli.js';
import { ownVaultEachTest } from '../../helpers/own-vault.js';
import { put } from './scan-rig.js';

const vault = ownVaultEachTest('lapse-git-scan');
const repo = () => path.join(vault.home, 'repo');

const git = (...args: string[]) =>
  execFileSync(
    'git',
    [
      '-C',
      repo(),
      '-c',
      'user.name=Lapse test',
      '-c',
      'user.email=test@lapse.invalid',
      '-c',
      'commit.gpgsign=false',
      ...args,
    ],
    { encoding: 'utf8' },
  ).trim();

beforeEach(() => {
  fs.mkdirSync(path.join(vault.home, 'home'));
  fs.mkdirSync(repo());
  git('init', '-q', '-b', 'main');
});

/** `lapse ARGS` in-process, with a person's HOME and the Lapse folder side by side in this test's folder. */
const lapse = (args: string[]) =>
  lapseInProcess(args, vault.env({ HOME: path.join(vault.home, 'home'), LAPSE_HOME: path.join(vault.home, 'lapse') }));

interface JsonFinding {
  file: string;
  line: number;
  provider: string;
  kind: string;
  privateKey: unknown;
  commit: { id: string; stillInTree: boolean; summary: string } | null;
}

describe("lapse scan --git: every commit's added lines", () => {
  it('a token removed in a later commit is still reported, naming the commit and file; one still there says so', async () => {
    const removed = fakeTokens.githubClassic();
    const kept = fakeTokens.slackBot();
    put(path.join(repo(), 'config/.env'), `PORT=8080\nGITHUB_TOKEN=${removed}\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'Add config');
    const added = git('rev-parse', 'HEAD');
    put(path.join(repo(), 'config/.env'), 'PORT=8080\nGITHUB_TOKEN=${GITHUB_TOKEN}\n');
    put(path.join(repo(), 'src/slack.ts'), `export const token = "${kept}";\n`);
    put(
      path.join(repo(), 'deploy/key.pem'),
      generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    );
    git('add', '.');
    git('commit', '-q', '-m', 'Read the token from the environment');
    const second = git('rev-parse', 'HEAD');

    const { code, stdout } = await lapse(['scan', '--git', repo(), '--json']);
    expect(code).toBe(1);
    const findings = (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
    const byFile = (file: string) => findings.find((f) => f.file === path.join(fs.realpathSync(repo()), file));
    expect(byFile('config/.env')).toMatchObject({
      line: 2,
      provider: 'github',
      commit: { id: added, stillInTree: false, summary: 'Add config' },
    });
    expect(byFile('src/slack.ts')).toMatchObject({
      line: 1,
      provider: 'slack',
      commit: { id: second, stillInTree: true },
    });
    expect(byFile('deploy/key.pem')).toMatchObject({ kind: 'Ed25519 private key (PKCS#8)', commit: { id: second } });
    expect(findings).toHaveLength(3);

    const text = await lapse(['scan', '--git', repo()]);
    expect(text.stdout).toContain(`@${added.slice(0, 12)} (removed since; still in history)`);
    expect(text.stdout).toMatch(/stay exposed to anyone with a clone/);
  });

  it('a history finding cannot be imported (no file holds it); the answer says to rotate it', async () => {
    put(path.join(repo(), 'a.txt'), `npm token ${fakeTokens.npm()}\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'oops');
    const scanId = (JSON.parse((await lapse(['scan', '--git', repo(), '--json'])).stdout) as { scanId: string }).scanId;
    const imported = await lapse(['import', '--scan-id', scanId, '--finding', '1']);
    expect(imported.code).toBe(1);
    expect(imported.stdout).toMatch(/git history .*rotate the token/);
  });
});

describe('lapse scan --staged: what the next commit would add (a pre-commit hook)', () => {
  it('exits 1 on a staged secret and 0 once it is unstaged; committed history is not its business', async () => {
    put(path.join(repo(), 'old.txt'), `legacy ${fakeTokens.npm()}\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'old');
    put(path.join(repo(), 'settings.py'), `STRIPE_KEY = "${fakeTokens.stripeLive()}"\n`);
    git('add', 'settings.py');
    const staged = await lapse(['scan', '--staged', repo(), '--json']);
    expect(staged.code).toBe(1);
    expect((JSON.parse(staged.stdout) as { findings: JsonFinding[] }).findings).toMatchObject([
      { provider: 'stripe', line: 1, commit: null },
    ]);
    git('reset', '-q', 'settings.py');
    expect((await lapse(['scan', '--staged', repo()])).code).toBe(0);
  });
});

describe('lapse scan --format sarif', () => {
  it('is a SARIF 2.1.0 log that validates against the OASIS schema, with masked values only', async () => {
    const token = fakeTokens.githubClassic();
    put(path.join(repo(), 'app/.env'), `GITHUB_TOKEN=${token}\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'add');
    for (const args of [
      ['scan', path.join(repo(), 'app')],
      ['scan', '--git', repo()],
    ]) {
      const { code, stdout } = await lapse([...args, '--format', 'sarif']);
      expect(code).toBe(1);
      expect(stdout).not.toContain(token);
      const log = JSON.parse(stdout) as {
        version: string;
        runs: {
          results: {
            ruleId: string;
            locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
          }[];
        }[];
      };
      // The published schema is draft-04, with one pattern that is invalid as a Unicode regex.
      const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
      addFormats.default(ajv);
      // The schema as published (2.1.0 RTM 5), shipped by the @microsoft/jest-sarif package.
      const schema = JSON.parse(
        fs.readFileSync(
          path.join('node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'),
          'utf8',
        ),
      ) as object;
      const validate = ajv.compile(schema);
      expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      expect(log.runs[0]?.results).toMatchObject([
        {
          ruleId: 'github/classic-pat',
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: args.includes('--git') ? 'app/.env' : '.env' },
                region: { startLine: 1 },
              },
            },
          ],
        },
      ]);
    }
  });
});
