// End to end: the built `lapse` CLI, the real keychain (scripts/with-keychain.sh) and a real oidc-provider.
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOidcEmulator, type OidcEmulator } from '../../emulators/oidc.js';
import { testServiceName } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, clearKeychainService, inKeychainSession } from '../../helpers/keychain-session.js';
import { builtModule, envWithout, repoRoot, run } from '../../helpers/processes.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';

announceKeychainSkip();

describe.skipIf(!inKeychainSession)('lapse authorize / reauthorize in a terminal', () => {
  let home: string;
  let service: string;
  let issuer: OidcEmulator;

  beforeEach(async () => {
    builtModule('electron/cli/main.js');
    home = makeTempDir('lapse-authorize-cli');
    service = testServiceName();
    issuer = await startOidcEmulator({ device: { interval: 1 } });
  });
  afterEach(async () => {
    await issuer.close();
    await clearKeychainService(service);
    removeTempDir(home);
  });

  const env = () => ({ ...envWithout(['LAPSE_NOW', 'BROWSER']), LAPSE_HOME: home, LAPSE_KEYCHAIN_SERVICE: service });

  /** Run lapse, and hand each stderr line to `onLine` as it arrives (the person reading the terminal). */
  function lapseLive(
    args: string[],
    input: string,
    onLine: (line: string) => void,
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn('node', ['bin/lapse.js', ...args], { cwd: repoRoot, env: env() });
      let stdout = '';
      let stderr = '';
      let partial = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        partial += c.toString();
        const lines = partial.split('\n');
        partial = lines.pop() ?? '';
        lines.forEach(onLine);
      });
      const timer = setTimeout(() => child.kill(), 30_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
      child.stdin.end(input);
    });
  }

  it('the device flow: prints the address and code, waits for approval, prints the new token as show --json does', async () => {
    let approved: Promise<void> | null = null;
    const result = await lapseLive(
      [
        'authorize',
        '--provider',
        'oauth',
        '--base-url',
        issuer.issuer,
        '--client-id',
        issuer.nativeClient.id,
        '--client-secret-stdin',
        '--scopes',
        'api:read',
        '--label',
        'ci runner',
        '--device',
        '--json',
      ],
      `${issuer.nativeClient.secret}\n`,
      (line) => {
        const code = /enter the code:\s+(\S+)/.exec(line)?.[1];
        if (code) approved = issuer.approveDevice(code, 'ci-bot');
      },
    );
    await approved;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`open ${issuer.url}/device`);
    const token = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(token).toMatchObject({
      label: 'ci runner',
      provider: 'oauth2',
      baseUrl: issuer.issuer,
      scopes: ['api:read'],
      grantedScopes: ['api:read'],
      account: 'ci-bot',
    });
    expect(`${result.stdout}${result.stderr}`).not.toContain(issuer.nativeClient.secret);

    const shown = await run('node', ['bin/lapse.js', 'show', String(token['id']), '--json'], {
      env: env(),
      timeoutMs: 20_000,
    });
    // The same record; a finding's sentence counts down ("Expires in 4 min 59 s"), so it may read a second later.
    const countdownFree = (view: Record<string, unknown>) => ({
      ...view,
      findings: (view['findings'] as { message: string }[]).map(({ message: _m, ...f }) => f),
    });
    expect(countdownFree(JSON.parse(shown.stdout) as Record<string, unknown>)).toEqual(countdownFree(token));
  }, 40_000);

  it('reauthorize with a narrower scope in the browser; --no-browser prints the URL on stderr', async () => {
    const approve = (line: string, into: { done: Promise<unknown> | null }) => {
      const url = /^\s+(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)$/.exec(line)?.[1];
      if (url) into.done = issuer.approveInBrowser(url);
    };
    const first = { done: null as Promise<unknown> | null };
    const issued = await lapseLive(
      [
        'authorize',
        '--provider',
        'oauth',
        '--base-url',
        issuer.issuer,
        '--client-id',
        issuer.nativeClient.id,
        '--client-secret-stdin',
        '--scopes',
        'api:read,api:write',
        '--label',
        'agent',
        '--no-browser',
        '--json',
      ],
      `${issuer.nativeClient.secret}\n`,
      (line) => approve(line, first),
    );
    await first.done;
    expect(issued.code, issued.stderr).toBe(0);
    const id = String((JSON.parse(issued.stdout) as { id: string }).id);

    const wider = await run(
      'node',
      ['bin/lapse.js', 'reauthorize', id, '--scopes', 'api:read,api:write,openid', '--no-browser'],
      { env: env(), timeoutMs: 20_000 },
    );
    expect(wider.code).toBe(1);
    expect(wider.stderr).toContain("warning: This asks for openid, beyond the token's declared purpose");

    const second = { done: null as Promise<unknown> | null };
    const narrowed = await lapseLive(
      ['reauthorize', id.slice(0, 8), '--scopes', 'api:read', '--no-browser'],
      '',
      (line) => approve(line, second),
    );
    await second.done;
    expect(narrowed.code, narrowed.stderr).toBe(0);
    expect(narrowed.stdout).toContain('Reauthorized');
    const shown = JSON.parse(
      (await run('node', ['bin/lapse.js', 'show', id, '--json'], { env: env(), timeoutMs: 20_000 })).stdout,
    ) as Record<string, unknown>;
    expect(shown).toMatchObject({ scopes: ['api:read'], grantedScopes: ['api:read'] });
    const log = await run('node', ['bin/lapse.js', 'log', '--json'], { env: env(), timeoutMs: 20_000 });
    expect(log.stdout).toContain('old grant is revoked and confirmed dead');
  }, 60_000);
});
