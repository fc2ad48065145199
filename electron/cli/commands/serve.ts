import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { terminalSafe } from '../../../shared/terminal-text.js';
import { watchVaultFolder } from '../../transports/change-feed.js';
import { startHttpHost } from '../../transports/http-host.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { printLine } from '../io.js';

// The built window: dist/renderer, seen from the bundled CLI (dist/cli) or the compiled one
// (dist/electron/cli/commands).
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir =
  [path.resolve(here, '../renderer'), path.resolve(here, '../../../renderer')].find((dir) =>
    fs.existsSync(path.join(dir, 'index.html')),
  ) ?? path.resolve(here, '../renderer');

export const serveCommand: Command = {
  name: 'serve',
  summary: 'the browser shell: the Lapse window in your browser, on 127.0.0.1',
  usage: 'lapse serve [--port N]',
  details: [
    'The first line on stdout is the URL to open. Its key works once: the page trades it for a session of its',
    'own (kept in that tab only), so a copy of the URL in history or scrollback opens nothing. Another tab or a',
    'closed one: press Enter here for a new URL. Runs until Ctrl+C.',
    '--port 0 or none picks a free port.',
  ],
  options: { port: { type: 'string' } },
  async run(ctx, values) {
    const port = Number(values['port'] ?? 0);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError('--port takes a number from 0 to 65535.');
    const api = ctx.api();
    // What the CLI or another window changes in this vault reaches the open page at once.
    const changes = watchVaultFolder(ctx.home);
    const host = await startHttpHost({
      api,
      staticDir: process.env['LAPSE_RENDERER_DIR'] ?? rendererDir,
      port,
      changes,
    });
    printLine(ctx.io.stdout, host.url);
    const interactive = ctx.io.stdin.isTTY === true;
    const once = `it works once${interactive ? '; Enter prints a new one' : ''}`;
    // Say at once what the window would say: without a keychain it lists tokens but cannot add or reveal any.
    const state = await api.getVaultState({});
    const problem =
      state.ok && !state.value.keychain.available
        ? (state.value.keychain.problem?.message ?? 'The OS keychain cannot be reached.')
        : null;
    if (problem) {
      printLine(ctx.io.stderr, `Lapse is running READ-ONLY: ${terminalSafe(problem)}`);
      printLine(
        ctx.io.stderr,
        'Run `npx lapse doctor` in the Lapse folder for the exact commands. The window lists your tokens meanwhile, but cannot add, reveal or rotate any.',
      );
      printLine(
        ctx.io.stderr,
        `Open the URL above in your browser (${once}). Vault: ${terminalSafe(ctx.home)}. Ctrl+C stops it.`,
      );
    } else {
      printLine(
        ctx.io.stderr,
        `Lapse is running: open the URL above in your browser (${once}). Vault: ${terminalSafe(ctx.home)}. Ctrl+C stops it.`,
      );
    }
    // At a terminal, each Enter gives a fresh single-use URL (a second tab, or the first one closed).
    const onLine = () => printLine(ctx.io.stdout, host.newLaunchUrl());
    const lines = interactive ? createInterface({ input: ctx.io.stdin }) : null;
    lines?.on('line', onLine);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    lines?.close();
    await host.close();
    return 0;
  },
};
