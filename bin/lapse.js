#!/usr/bin/env node
// The `lapse` command: runs the bundled CLI (npm run build makes it, in dist/cli).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    'lapse: not built yet. Run `npm run build` in the Lapse folder (or `npm start`, which sets everything up).\n',
  );
  process.exit(2);
}
const { runCli } = await import(entry.href);
const code = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
process.exitCode = code;
