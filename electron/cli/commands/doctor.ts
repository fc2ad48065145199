import fs from 'node:fs';
import path from 'node:path';
import { osKeychain } from '../../vault/keychain.js';
import { keychainServiceName } from '../../vault/keychain-service.js';
import type { Paint } from '../colour.js';
import type { Command } from '../command.js';
import type { DoctorCheck } from '../doctor/check.js';
import { keychainChecks } from '../doctor/keychain-checks.js';
import { machineChecks } from '../doctor/machine-checks.js';
import { vaultChecks } from '../doctor/vault-checks.js';
import { printLine } from '../io.js';
import { packageRoot } from '../version.js';

const marks: Record<DoctorCheck['state'], string> = { ok: '✓', fail: '✗', warn: '!', info: '•', skipped: '–' };

function markOf(state: DoctorCheck['state'], paint: Paint): string {
  const mark = marks[state];
  return state === 'ok'
    ? paint.ok(mark)
    : state === 'fail'
      ? paint.bad(mark)
      : state === 'warn'
        ? paint.warn(mark)
        : paint.dim(mark);
}

/** The headless recipe as this person would type it: relative to where they are when that is shorter. */
function recipeFrom(root: string, cwd: string): string | null {
  const script = path.join(root, 'scripts', 'headless-keyring.sh');
  if (!fs.existsSync(script)) return null;
  const relative = path.relative(cwd, script);
  return relative.startsWith('..') || path.isAbsolute(relative) ? script : relative;
}

export const doctorCommand: Command = {
  name: 'doctor',
  summary:
    'check what Lapse needs on this machine (keychain, vault, window) and print the commands that fix what is missing',
  usage: 'lapse doctor [--json]',
  details: [
    'Looks at Node.js, the built window, the OS keychain (session bus, Secret Service, unlocked, persistent,',
    'a test entry stored and read back), the vault folder, tokens whose secrets are missing, and rotations left half-way.',
    'Exit code 0 when Lapse can work fully, 1 when something must be fixed first.',
  ],
  options: {},
  async run(ctx) {
    const root = packageRoot();
    const keychain = osKeychain(keychainServiceName(ctx.io.env), process.platform, ctx.io.env);
    const keychainResults = await keychainChecks({
      env: ctx.io.env,
      keychain,
      recipe: recipeFrom(root, process.cwd()),
    });
    const usable = keychainResults.every((c) => c.state !== 'fail');
    const checks = [
      ...machineChecks(root, ctx.io.env),
      ...keychainResults,
      ...(await vaultChecks(ctx.api(), ctx.home, usable)),
    ];
    const failed = checks.filter((c) => c.state === 'fail').length;
    if (ctx.json) {
      printLine(ctx.io.stdout, JSON.stringify({ ok: failed === 0, checks }, null, 2));
      return failed ? 1 : 0;
    }
    const { paint } = ctx;
    printLine(ctx.io.stdout, paint.bold('Lapse doctor: what Lapse needs on this machine'));
    printLine(ctx.io.stdout);
    for (const c of checks) {
      printLine(ctx.io.stdout, `${markOf(c.state, paint)} ${c.summary}`);
      for (const line of c.detail) printLine(ctx.io.stdout, `    ${line}`);
      for (const line of c.fix) printLine(ctx.io.stdout, `      ${paint.bold(line)}`);
    }
    printLine(ctx.io.stdout);
    printLine(
      ctx.io.stdout,
      failed
        ? paint.bad(
            `${failed} problem${failed === 1 ? '' : 's'}: fix ${failed === 1 ? 'it' : 'them'} with the commands above, then run lapse doctor again.`,
          )
        : paint.ok('Lapse can work fully here.'),
    );
    return failed ? 1 : 0;
  },
};
