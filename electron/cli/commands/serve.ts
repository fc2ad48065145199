import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHttpHost } from '../../transports/http-host.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { printLine } from '../io.js';

// The built window: dist/renderer, seen from the bundled CLI (dist/cli) or the compiled one
// (dist/electron/cli/commands).
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = [path.resolve(here, '../renderer'), path.resolve(here, '../../../renderer')].find((dir) => fs.existsSync(path.join(dir, 'index.html'))) ?? path.resolve(here, '../renderer');

export const serveCommand: Command = {
  name: 'serve',
  summary: 'the browser shell: the Lapse window in your browser, on 127.0.0.1',
  usage: 'lapse serve [--port N]',
  details: [
    'The first line on stdout is the URL to open; it carries a per-launch key. Runs until Ctrl+C.',
    '--port 0 or none picks a free port.',
  ],
  options: { port: { type: 'string' } },
  async run(ctx, values) {
    const port = Number(values['port'] ?? 0);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes a number from 0 to 65535.');
    const host = await startHttpHost({ api: ctx.api(), staticDir: process.env['LAPSE_RENDERER_DIR'] ?? rendererDir, port });
    printLine(ctx.io.stdout, host.url);
    printLine(ctx.io.stderr, `Lapse is running: open the URL above in your browser. Vault: ${ctx.home}. Ctrl+C stops it.`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await host.close();
    return 0;
  },
};
