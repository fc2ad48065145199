// A locked keychain. Locking gnome-keyring locks it for the whole session and it can't be
// unlocked again without a prompt, so this runs in a session of its own: a child process under
// scripts/with-keychain.sh (a fresh private bus and keyring), which locks its keyring and reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keychainMessages } from '../../electron/vault/keychain-error.js';
import { keychainTimeoutMs } from '../../electron/vault/keychain.js';
import { canarySecret, fakeTokens, testServiceName, tracesIn } from '../helpers/fake-tokens.js';
import { announceKeychainSkip, inKeychainSession } from '../helpers/keychain-session.js';
import { builtModule, envWithout, repoRoot, run, type RunResult } from '../helpers/processes.js';
import { makeTempDir, removeTempDir } from '../helpers/temp-home.js';

announceKeychainSkip();

interface Attempt {
  ok: boolean;
  value?: unknown;
  code?: string;
  message?: string;
  ms: number;
}

interface LockedReport {
  lockedBefore: boolean;
  added: boolean;
  probe: Attempt;
  get: Attempt;
  getNeverStored: Attempt;
  set: Attempt;
  delete: Attempt;
  reveal: { ok: boolean; error?: { code: string; message: string } };
  deleteToken: { ok: boolean; error?: { code: string; message: string } };
  purgeWhileLocked: { ok: boolean; error?: { code: string; message: string } };
  deletedIds: string[];
  addWhileLocked: { ok: boolean; error?: { code: string; message: string } };
  listedIds: string[];
  tokenId: string;
  vaultText: string;
}

describe.skipIf(!inKeychainSession)('a locked keychain (its own private session, locked on purpose)', () => {
  let home: string;
  let result: RunResult;
  let report: LockedReport;
  const secrets = { direct: canarySecret(), viaService: fakeTokens.githubClassic(), whileLocked: fakeTokens.npm() };

  beforeAll(async () => {
    home = makeTempDir('lapse-locked');
    const mod = (p: string) => JSON.stringify(builtModule(p));
    const script = `
      import { execFileSync } from 'node:child_process';
      import fs from 'node:fs';
      import { osKeychain } from ${mod('electron/vault/keychain.js')};
      import { probeSecretService } from ${mod('electron/vault/secret-service.js')};
      import { openMetadataStore } from ${mod('electron/vault/metadata-store.js')};
      import { createLapseService } from ${mod('electron/service.js')};
      const secrets = JSON.parse(process.env.LAPSE_TEST_SECRETS);
      const keychain = osKeychain(process.env.LAPSE_TEST_SERVICE);
      const store = openMetadataStore(process.env.LAPSE_TEST_HOME);
      const api = createLapseService({ keychain, store, now: Date.now });
      const dbus = (...args) => execFileSync('dbus-send', ['--session', '--print-reply', ...args], { encoding: 'utf8' });
      const locked = () => /boolean true/.test(dbus('--dest=org.freedesktop.secrets', '/org/freedesktop/secrets/aliases/default',
        'org.freedesktop.DBus.Properties.Get', 'string:org.freedesktop.Secret.Collection', 'string:Locked'));
      const attempt = async (work) => {
        const started = Date.now();
        try {
          return { ok: true, value: await work(), ms: Date.now() - started };
        } catch (error) {
          return { ok: false, code: error.code, message: error.message, ms: Date.now() - started };
        }
      };
      const out = {};
      await keychain.set('direct-entry', secrets.direct);
      const added = await api.addToken({ label: 'added before the lock', secret: secrets.viaService });
      out.added = added.ok;
      out.tokenId = added.ok ? added.value.id : '';
      out.lockedBefore = locked();
      dbus('--dest=org.freedesktop.secrets', '/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.Lock',
        'array:objpath:/org/freedesktop/secrets/aliases/default');
      if (!locked()) throw new Error('the collection did not lock');
      out.probe = await attempt(async () => { const p = await probeSecretService(); if (p) throw p; return null; });
      out.get = await attempt(() => keychain.get('direct-entry'));
      out.getNeverStored = await attempt(() => keychain.get('never-stored'));
      out.set = await attempt(() => keychain.set('new-entry', 'FAKE-new-value'));
      out.delete = await attempt(() => keychain.delete('direct-entry'));
      out.reveal = await api.revealSecret({ id: out.tokenId });
      out.deleteToken = await api.deleteToken({ id: out.tokenId });
      out.purgeWhileLocked = await api.purgeDeleted({});
      const bin = await api.listDeleted({});
      out.deletedIds = bin.ok ? bin.value.tokens.map((t) => t.token.id) : [];
      out.addWhileLocked = await api.addToken({ label: 'added while locked', secret: secrets.whileLocked });
      const listed = await api.listTokens({});
      out.listedIds = listed.ok ? listed.value.tokens.map((t) => t.id) : [];
      out.vaultText = fs.readFileSync(store.path, 'utf8');
      console.log(JSON.stringify(out));`;
    const env = {
      // A fresh session of its own: not the one these tests may be running in, and no desktop to prompt on.
      ...envWithout(['LAPSE_IN_KEYCHAIN_SESSION', 'DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY']),
      LAPSE_TEST_SECRETS: JSON.stringify(secrets),
      LAPSE_TEST_SERVICE: testServiceName(),
      LAPSE_TEST_HOME: home,
    };
    result = await run(
      `${repoRoot}/scripts/with-keychain.sh`,
      [process.execPath, '--input-type=module', '-e', script],
      {
        env,
        timeoutMs: 90_000,
      },
    );
    const line = result.stdout.trim().split('\n').pop() ?? '';
    try {
      report = JSON.parse(line) as LockedReport;
    } catch {
      throw new Error(`the locked-keychain child failed (exit ${result.code}):\n${result.stderr}`);
    }
  }, 100_000);

  afterAll(() => removeTempDir(home));

  it('starts unlocked and usable, then locks', () => {
    expect(report.lockedBefore).toBe(false);
    expect(report.added).toBe(true);
  });

  it('the probe says keychain-locked', () => {
    expect(report.probe).toMatchObject({ ok: false, code: 'keychain-locked', message: keychainMessages.locked });
  });

  it('reading a stored entry throws keychain-locked instead of answering null', () => {
    expect(report.get).toMatchObject({ ok: false, code: 'keychain-locked' });
  });

  it('reading any entry throws keychain-locked: a locked keyring never looks like "no such entry"', () => {
    expect(report.getNeverStored).toMatchObject({ ok: false, code: 'keychain-locked' });
  });

  it('setting and deleting throw keychain-locked', () => {
    expect(report.set).toMatchObject({ ok: false, code: 'keychain-locked' });
    expect(report.delete).toMatchObject({ ok: false, code: 'keychain-locked' });
  });

  it('no call hangs: each answers before the keychain timeout', () => {
    for (const attempt of [report.probe, report.get, report.getNeverStored, report.set, report.delete]) {
      expect(attempt.ms).toBeLessThan(keychainTimeoutMs);
    }
  });

  it('reveal says keychain-locked, not secret-missing; deleting moves it to Recently deleted, and deleting for good waits for the keychain', () => {
    expect(report.reveal).toMatchObject({ ok: false, error: { code: 'keychain-locked' } });
    expect(report.deleteToken).toMatchObject({ ok: true });
    expect(report.listedIds).toEqual([]);
    expect(report.purgeWhileLocked).toMatchObject({ ok: false, error: { code: 'keychain-locked' } });
    expect(report.deletedIds).toEqual([report.tokenId]);
  });

  it('a token added while the keychain is locked leaves no metadata behind', () => {
    expect(report.addWhileLocked).toMatchObject({ ok: false, error: { code: 'keychain-locked' } });
    expect(report.vaultText).not.toContain('added while locked');
  });

  it('no secret shows up in any answer or in the metadata file', () => {
    for (const secret of Object.values(secrets)) expect(tracesIn(result.stdout, secret)).toEqual([]);
    expect(result.stderr).not.toContain(secrets.direct);
  });
});
