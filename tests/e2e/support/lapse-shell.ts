import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { detectToken } from '../../../shared/formats.js';
import { registerPlace, registerSecret } from './canary-registry.js';

const root = path.resolve(import.meta.dirname, '../../..');
const cli = path.join(root, 'bin', 'lapse.js');

/** A vault folder and a keychain service name of this test's own. */
export interface Vault {
  home: string;
  service: string;
}

export async function freshVault(): Promise<Vault> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'lapse-e2e-'));
  // Kept until the canary sweep after the whole run has read it; the sweep deletes it.
  registerPlace(home, "a test's LAPSE_HOME", true);
  return { home, service: `lapse-e2e-${randomBytes(6).toString('hex')}` };
}

const envFor = (vault: Vault, keychain: boolean): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, LAPSE_HOME: vault.home, LAPSE_KEYCHAIN_SERVICE: vault.service };
  // Without a session bus address there is no Secret Service to reach: the "no keychain" case.
  if (!keychain) delete env['DBUS_SESSION_BUS_ADDRESS'];
  return env;
};

/** A running `lapse serve`: the URL it printed, and everything it wrote. */
export interface Shell {
  url: string;
  /** stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/** `env` adds to the environment (e.g. `HOME` for a planted home folder). */
export async function startShell(
  vault: Vault,
  { keychain = true, env = {} }: { keychain?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<Shell> {
  const child: ChildProcess = spawn(process.execPath, [cli, 'serve', '--port', '0'], {
    cwd: root,
    env: { ...envFor(vault, keychain), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`lapse serve printed no URL in 15 s:\n${output}`)), 15_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`lapse serve exited (${code}) before printing its URL:\n${output}`)));
  });
  if (!/^http:\/\/127\.0\.0\.1:\d+\/\?key=/.test(url))
    throw new Error(`Unexpected first line from lapse serve: ${url}`);

  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** `echo SECRET | lapse add ARGS…` in this vault; resolves to the CLI's stdout. */
export function cliAdd(vault: Vault, secret: string, args: string[]): Promise<string> {
  registerSecret(secret, detectToken(secret)?.prefix ?? '');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'add', ...args], { cwd: root, env: envFor(vault, true) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(stdout.trim()) : reject(new Error(`lapse add failed (${code}): ${stderr}`)),
    );
    child.stdin.end(`${secret}\n`);
  });
}

/** `lapse ARGS…` in this vault; resolves to its stdout, rejects on a non-zero exit. */
export function cliRun(vault: Vault, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: root,
      env: envFor(vault, true),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`lapse ${args[0]} failed (${code}): ${stderr}`)),
    );
  });
}

/** Every file under a folder, with its contents. */
export async function filesUnder(dir: string): Promise<{ file: string; text: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  return Promise.all(files.map(async (file) => ({ file, text: (await readFile(file)).toString('latin1') })));
}

export const removeVault = (vault: Vault) => rm(vault.home, { recursive: true, force: true });

const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An obviously fake GitHub classic PAT, new each run: `ghp_CANARY…`, 36 characters after the prefix. */
export function canaryToken(): string {
  const bytes = randomBytes(30);
  const secret = `ghp_CANARY${[...bytes].map((b) => alnum[b % alnum.length]).join('')}`;
  registerSecret(secret, 'ghp_CANARY');
  return secret;
}

/** A fake token of another provider, for filling the list. Registered for the canary sweep. */
export function fakeToken(prefix: string, length = 36): string {
  const bytes = randomBytes(length);
  const secret = `${prefix}${[...bytes].map((b) => alnum[b % alnum.length]).join('')}`;
  registerSecret(secret, prefix);
  return secret;
}

/** YYYY-MM-DD, `days` from now (negative: in the past). */
export const dayFromNow = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
