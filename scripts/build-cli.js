// Bundles the `lapse` CLI the way the preload is bundled: one small entry module, and a chunk per
// command (and per heavy part: schemas, providers, the scan) loaded only when a run needs it.
// The scan worker is its own entry, beside the chunks, where the scan pool looks for it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'cli');
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['electron/cli/main.ts', 'electron/discovery/scan-worker.ts'],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  outdir,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  // The keychain binding is a native module; Electron is never part of the CLI.
  external: ['@napi-rs/keyring', 'electron'],
  // Bundled CommonJS packages (ajv, proper-lockfile) call require() for Node's own modules.
  banner: {
    js: "import { createRequire as lapseRequire } from 'node:module'; const require = lapseRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
