// Sets up a checkout: installs packages (surviving a failed Electron download) and builds if stale.
// Plain Node with no dependencies, so it runs on a fresh clone before `npm ci`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (text) => process.stderr.write(`lapse setup: ${text}\n`);

function run(command, args, env = {}) {
  // Setup talks on stderr, so the first line on stdout stays the URL the browser shell prints.
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 2, 2], env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

// The Electron runtime comes from a download host; where it is out of reach, skip it up front
// (the package and its types still install) rather than fail the whole install.
async function electronDownloadReachable() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return false;
  const mirror = process.env.ELECTRON_MIRROR ?? 'https://github.com/electron/electron/releases/';
  try {
    await fetch(mirror, { method: 'HEAD', signal: AbortSignal.timeout(4000), redirect: 'manual' });
    return true;
  } catch {
    return false;
  }
}

export async function installIfNeeded() {
  const lock = path.join(root, 'package-lock.json');
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  const reachable = await electronDownloadReachable();
  if (!reachable)
    say(
      'the Electron runtime download is out of reach from here; installing without it (the browser shell still works).',
    );
  const env = { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', ...(reachable ? {} : { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }) };
  say('installing packages (npm ci)…');
  if (run('npm', ['ci', '--no-audit', '--no-fund'], env) === 0) return;
  if (reachable) {
    say('npm ci failed, most likely at the Electron runtime download; retrying without the runtime.');
    if (run('npm', ['ci', '--no-audit', '--no-fund'], { ...env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }) === 0) return;
  }
  say('npm ci failed; see the messages above.');
  process.exit(1);
}

export function buildIfStale() {
  const stamp = path.join(root, 'dist', '.built');
  const sources = Math.max(
    ...['shared', 'electron', 'renderer'].map((d) => newestMtime(path.join(root, d))),
    ...['package.json', 'tsconfig.node.json', 'vite.config.ts'].map((f) => fs.statSync(path.join(root, f)).mtimeMs),
  );
  if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= sources) return;
  say('building…');
  if (run('npm', ['run', '--silent', 'build']) !== 0) {
    say('the build failed; see the messages above.');
    process.exit(1);
  }
  fs.writeFileSync(stamp, new Date().toISOString());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await installIfNeeded();
  buildIfStale();
}
