import fs from 'node:fs';
import path from 'node:path';
import { check, type DoctorCheck } from './check.js';

const needed = [20, 19] as const;

/** Node.js, the built window, and which window `npm start` opens. */
export function machineChecks(
  root: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): DoctorCheck[] {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const nodeOk = major > needed[0] || (major === needed[0] && minor >= needed[1]);
  const checks = [
    nodeOk
      ? check('node', 'ok', `Node.js ${process.versions.node} (Lapse needs ${needed.join('.')} or later)`)
      : check('node', 'fail', `Node.js ${process.versions.node} is too old: Lapse needs ${needed.join('.')} or later`, {
          fix: ['Install a current Node.js LTS (https://nodejs.org), then run npm start again.'],
        }),
  ];
  const built = fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'));
  checks.push(
    built
      ? check('window-built', 'ok', 'The window is built (dist/renderer)')
      : check('window-built', 'fail', 'The window is not built: the browser shell has nothing to serve', {
          fix: [`cd ${root} && npm run build     # or npm start, which builds when sources changed`],
        }),
  );
  const pathFile = path.join(root, 'node_modules', 'electron', 'path.txt');
  const binary = fs.existsSync(pathFile)
    ? path.join(root, 'node_modules', 'electron', 'dist', fs.readFileSync(pathFile, 'utf8').trim())
    : null;
  const display = platform !== 'linux' || Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
  if (binary && fs.existsSync(binary) && display) {
    checks.push(check('window', 'info', 'npm start opens the desktop app (the Electron runtime is installed)'));
  } else {
    const why =
      !binary || !fs.existsSync(binary)
        ? 'the Electron runtime is not installed (its download was skipped or failed)'
        : 'there is no graphical display (DISPLAY / WAYLAND_DISPLAY unset)';
    checks.push(
      check('window', 'info', `npm start opens the browser shell: ${why}`, {
        detail: [
          'The same window, served on 127.0.0.1: open the URL it prints (it carries a per-launch key). This is fine on a server, WSL or a container.',
        ],
      }),
    );
  }
  return checks;
}
