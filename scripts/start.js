// `npm start`: set up, then open the Electron app; where its runtime or a display is missing, the
// browser shell instead, with one line saying why and the URL to open.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale, installIfNeeded } from './setup.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await installIfNeeded();
buildIfStale();

function electronRuntime() {
  const pathFile = path.join(root, 'node_modules', 'electron', 'path.txt');
  if (!fs.existsSync(pathFile))
    return { binary: null, why: 'the Electron runtime is not installed (its download was skipped or failed)' };
  const binary = path.join(root, 'node_modules', 'electron', 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  if (!fs.existsSync(binary)) return { binary: null, why: `the Electron runtime is missing at ${binary}` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { binary: null, why: 'there is no graphical display (DISPLAY / WAYLAND_DISPLAY unset)' };
  }
  return { binary, why: null };
}

const { binary, why } = electronRuntime();
// The desktop app says the same in its window; the terminal says it too, before it opens.
if (binary && process.platform === 'linux') {
  const { probeSecretService } = await import(
    new URL('../dist/electron/vault/secret-service.js', import.meta.url).href
  );
  const problem = await probeSecretService(process.env);
  if (problem)
    process.stderr.write(
      `Lapse: the OS keychain is not usable, so the app opens read-only: ${problem.message}\nRun \`npx lapse doctor\` for the exact commands.\n`,
    );
}
const child = binary
  ? spawn(binary, ['.'], { cwd: root, stdio: 'inherit' })
  : (() => {
      process.stderr.write(`Lapse: opening the browser shell because ${why}.\n`);
      return spawn(process.execPath, [path.join(root, 'bin', 'lapse.js'), 'serve', ...process.argv.slice(2)], {
        cwd: root,
        stdio: 'inherit',
      });
    })();
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
