import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/api.js';
import { auditFileOf } from '../../../electron/audit/audit-log.js';
import { fakeTokens, randomAlnum, tracesIn } from '../../helpers/fake-tokens.js';
import { builtModule, repoRoot, run } from '../../helpers/processes.js';
import { put, scan, scanRig, value, type ScanRig } from './scan-rig.js';

let rig: ScanRig;
beforeAll(() => builtModule('electron/cli/main.js'));
beforeEach(() => (rig = scanRig()));
afterEach(() => rig.remove());

const ownKey = () => `${randomAlnum(10)}.${randomAlnum(22)}`;
const exposed = async (id: string): Promise<AuditEntry[]> =>
  value(await rig.api.getHistory({ id })).entries.filter((e) => e.event === 'exposed');
const auditText = () => (fs.existsSync(auditFileOf(rig.store)) ? fs.readFileSync(auditFileOf(rig.store), 'utf8') : '');

describe('exposures in the audit log', () => {
  it('a scan that finds a vault token in plaintext logs one `exposed` entry naming every file and line, and never the value', async () => {
    const secret = ownKey();
    const token = value(await rig.api.addToken({ label: 'billing API', secret }));
    const a = put(path.join(rig.work, 'a.txt'), `${secret}\n`);
    const b = put(path.join(rig.work, 'notes/b.txt'), `x\ny\n${secret}\n`);

    await scan(rig.api, { paths: [rig.work] });

    const entries = await exposed(token.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      tokenId: token.id,
      label: 'billing API',
      at: new Date(rig.now.at).toISOString(),
    });
    expect(entries[0]?.detail).toContain(`${a}:1`);
    expect(entries[0]?.detail).toContain(`${b}:3`);
    expect(entries[0]?.detail).toContain(token.masked);
    expect(tracesIn(auditText(), secret)).toEqual([]);
  });

  it('scanning the same files again adds nothing; a new copy adds one entry naming only the new place', async () => {
    const secret = ownKey();
    const token = value(await rig.api.addToken({ label: 'billing API', secret }));
    put(path.join(rig.work, 'a.txt'), `${secret}\n`);
    await scan(rig.api, { paths: [rig.work] });
    rig.now.at += 86_400_000;
    await scan(rig.api, { paths: [rig.work] });
    await scan(rig.api, { paths: [rig.work] });
    expect(await exposed(token.id)).toHaveLength(1);

    const c = put(path.join(rig.work, 'c.txt'), `${secret}\n`);
    await scan(rig.api, { paths: [rig.work] });
    const entries = await exposed(token.id);
    expect(entries).toHaveLength(2);
    expect(entries[1]?.detail).toContain(`${c}:1`);
    expect(entries[1]?.detail).not.toContain('a.txt');
  });

  it('many copies at once are one entry that names the first few and counts the rest', async () => {
    const secret = ownKey();
    const token = value(await rig.api.addToken({ label: 'billing API', secret }));
    for (let i = 0; i < 6; i++) put(path.join(rig.work, `f${i}.txt`), `${secret}\n`);
    await scan(rig.api, { paths: [rig.work] });
    const entries = await exposed(token.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.detail).toMatch(/and 3 more places/);
  });

  it('an import from a plaintext file is logged as exposed at that file and line; a later scan of the same copy adds nothing', async () => {
    const secret = fakeTokens.githubClassic();
    const file = put(path.join(rig.work, '.env'), `A=1\nGITHUB_TOKEN=${secret}\n`);
    const first = await scan(rig.api, { paths: [rig.work] });
    const imported = value(await rig.api.importFindings({ scanId: first.scanId, all: true }));
    const tokenId = imported.results[0]?.tokenId ?? '';

    const history = value(await rig.api.getHistory({ id: tokenId })).entries;
    expect(history.map((e) => e.event)).toEqual(['added', 'exposed']);
    expect(history[1]?.detail).toContain(`${file}:2`);
    // The same verdict the log gives: exposed at once, not only after a later scan; and its expiry unknown, not "never".
    const token = value(await rig.api.getToken({ id: tokenId }));
    expect(token.status).toBe('exposed');
    expect(token.findings[0]?.message).toContain(`${file}:2`);
    expect(token).toMatchObject({ expiresAt: null, expiryUnknown: true });

    rig.now.at += 60_000;
    await scan(rig.api, { paths: [rig.work] });
    expect(await exposed(tokenId)).toHaveLength(1);
    expect(tracesIn(auditText(), secret)).toEqual([]);
  });

  it('`lapse log ID --json` shows the exposure', async () => {
    const secret = ownKey();
    const token = value(await rig.api.addToken({ label: 'billing API', secret }));
    const file = put(path.join(rig.work, 'ops.txt'), `\n${secret}\n`);
    await scan(rig.api, { paths: [rig.work] });

    const env = {
      ...process.env,
      LAPSE_HOME: rig.lapseHome,
      LAPSE_KEYCHAIN_SERVICE: `lapse-test-${randomAlnum(8).toLowerCase()}`,
    };
    const log = await run(process.execPath, [path.join(repoRoot, 'bin/lapse.js'), 'log', token.id, '--json'], {
      env,
      timeoutMs: 20_000,
    });
    expect(log.code).toBe(0);
    const { entries } = JSON.parse(log.stdout) as { entries: AuditEntry[] };
    expect(entries.map((e) => e.event)).toEqual(['added', 'exposed']);
    expect(entries[1]?.detail).toContain(`${file}:2`);
  });
});
