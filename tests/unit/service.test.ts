import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LapseApi } from '../../shared/api.js';
import type { Result } from '../../shared/result.js';
import { createLapseService } from '../../electron/service.js';
import { checkedApi } from '../../electron/transports/dispatch.js';
import { clipboardGuard, type ClipboardPort } from '../../electron/vault/clipboard-guard.js';
import { openMetadataStore, type MetadataStore } from '../../electron/vault/metadata-store.js';
import { canarySecret, fakeJwt, fakeTokens, tracesIn } from '../helpers/fake-tokens.js';
import { memoryKeychain, type MemoryKeychain } from '../helpers/memory-keychain.js';
import { allFileText, makeTempDir, removeTempDir } from '../helpers/temp-home.js';

const day = 86_400_000;
const start = Date.parse('2026-03-01T12:00:00.000Z');

let home: string;
let store: MetadataStore;
let keychain: MemoryKeychain;
let clock: number;
let service: LapseApi;

beforeEach(() => {
  home = makeTempDir('lapse-service');
  store = openMetadataStore(home);
  keychain = memoryKeychain();
  clock = start;
  service = createLapseService({ keychain, store, now: () => clock });
});

afterEach(() => removeTempDir(home));

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const recordsOnDisk = () =>
  fs.existsSync(store.path)
    ? Object.keys((JSON.parse(fs.readFileSync(store.path, 'utf8')) as { tokens: object }).tokens ?? {})
    : [];

/** Every place a secret must never be: the service's answers so far, and every file in LAPSE_HOME. */
function leaksOf(secret: string, answers: unknown[]): string[] {
  const places = [...answers.map((a, i) => ({ file: `answer #${i}`, text: JSON.stringify(a) })), ...allFileText(home)];
  return places.flatMap(({ file, text }) => tracesIn(text, secret).map((trace) => `${file}: ${trace}`));
}

describe('adding a token', () => {
  it('shows it in the list, masked and fingerprinted, with the secret in the keychain and nowhere else', async () => {
    const secret = fakeTokens.githubClassic();
    const added = value(
      await service.addToken({ label: 'CI deploys', secret, purpose: 'push tags', tags: ['ci', 'ci'] }),
    );
    const listed = value(await service.listTokens({}));
    const shown = value(await service.getToken({ id: added.id }));

    expect(listed.tokens).toHaveLength(1);
    expect(listed.tokens[0]).toEqual(added);
    expect(shown).toEqual(added);
    expect(added).toMatchObject({
      label: 'CI deploys',
      provider: 'github',
      kind: 'classic PAT',
      purpose: 'push tags',
      tags: ['ci'],
      masked: `ghp_…${secret.slice(-4)}`,
      fingerprint: createHash('sha256').update(secret).digest('hex').slice(0, 8),
      createdAt: new Date(start).toISOString(),
      expiresAt: null,
    });
    expect(keychain.entries.get(added.id)).toBe(secret);
    expect(recordsOnDisk()).toEqual([added.id]);
    expect(leaksOf(secret, [added, listed, shown])).toEqual([]);
  });

  it("takes a JWT's expiry, issue time and granted scopes from the token itself", async () => {
    const iat = Math.floor(start / 1000) - 3600;
    const exp = Math.floor(start / 1000) + 7 * 86_400;
    const secret = await fakeJwt({ iat, exp, scope: 'read:reports write:reports' });
    const added = value(await service.addToken({ label: 'reports API', secret }));
    expect(added).toMatchObject({
      provider: 'jwt',
      expiresAt: new Date(exp * 1000).toISOString(),
      createdAt: new Date(iat * 1000).toISOString(),
      expirySource: 'jwt',
      // What the JWT was granted, not what its purpose needs (the user declares that).
      grantedScopes: ['read:reports', 'write:reports'],
      scopes: [],
      status: 'expiring',
    });
    expect(leaksOf(secret, [added])).toEqual([]);
  });

  it('an expiry the user gives wins over the one in the JWT', async () => {
    const secret = await fakeJwt({ exp: Math.floor(start / 1000) + 3600 });
    const added = value(await service.addToken({ label: 'jwt', secret, expiresAt: null }));
    expect(added.expiresAt).toBeNull();
  });

  it('the same token added twice is refused the second time, naming the first, and stored once', async () => {
    const secret = fakeTokens.gitlabRoutable();
    const first = value(await service.addToken({ label: 'GitLab CI', secret }));
    const second = await service.addToken({ label: 'again', secret });
    expect(second).toEqual({
      ok: false,
      error: { code: 'already-exists', message: 'This token is already in Lapse as "GitLab CI".' },
    });
    expect([...keychain.entries.keys()]).toEqual([first.id]);
    expect(recordsOnDisk()).toEqual([first.id]);
  });

  it('a token added while no keychain is reachable fails with keychain-unavailable and leaves nothing behind', async () => {
    keychain.mode = 'unavailable';
    const secret = fakeTokens.slackBot();
    const answer = await service.addToken({ label: 'slack bot', secret });
    expect(answer).toMatchObject({ ok: false, error: { code: 'keychain-unavailable' } });
    expect(keychain.entries.size).toBe(0);
    expect(recordsOnDisk()).toEqual([]);
    expect(leaksOf(secret, [answer])).toEqual([]);
  });

  it('a token added while the keychain is locked fails with keychain-locked and leaves no metadata behind', async () => {
    keychain.mode = 'locked';
    const answer = await service.addToken({ label: 'npm publish', secret: fakeTokens.npm() });
    expect(answer).toMatchObject({ ok: false, error: { code: 'keychain-locked' } });
    expect(recordsOnDisk()).toEqual([]);
    expect(keychain.calls.filter((c) => c.op === 'set')).toEqual([]);
  });

  it('a keychain that fails while storing leaves no metadata behind, and its error never quotes the secret', async () => {
    const secret = canarySecret();
    keychain.failNext('set', new Error(`org.freedesktop.Secret.Error: could not store "${secret}"`));
    const answer = await service.addToken({ label: 'canary', secret });
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(recordsOnDisk()).toEqual([]);
    expect(leaksOf(secret, [answer])).toEqual([]);
  });

  it('metadata that cannot be written leaves no orphan keychain entry behind', async () => {
    const failing: MetadataStore = {
      path: store.path,
      recovery: null,
      read: () => store.read(),
      update: async () => {
        throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
      },
    };
    const broken = createLapseService({ keychain, store: failing, now: () => clock });
    const answer = await broken.addToken({ label: 'x', secret: fakeTokens.openaiProject() });
    expect(answer).toMatchObject({ ok: false, error: { code: 'store-unavailable' } });
    expect(keychain.entries.size).toBe(0);
    expect(keychain.calls.map((c) => c.op)).toEqual(['probe', 'set', 'delete']);
  });

  it('while the keychain hangs, an add writes nothing; when it answers, the token is saved once', async () => {
    keychain.mode = 'hanging';
    const pending = service.addToken({ label: 'slow keyring', secret: fakeTokens.huggingface() });
    await new Promise((r) => setTimeout(r, 50));
    expect(keychain.hungCalls).toBe(1);
    expect(recordsOnDisk()).toEqual([]);
    // The list (metadata only) still answers while the keychain is stuck.
    expect(value(await service.listTokens({})).tokens).toEqual([]);
    keychain.mode = 'ok';
    keychain.unhang();
    const added = value(await pending);
    expect(recordsOnDisk()).toEqual([added.id]);
  });

  it('through the contract, a malformed secret is refused before the keychain is asked', async () => {
    const checked = checkedApi(service);
    const answer = await checked.addToken({ label: 'bad paste', secret: `${fakeTokens.githubClassic()}\n` });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(keychain.calls).toEqual([]);
    expect(recordsOnDisk()).toEqual([]);
  });
});

describe('editing a token', () => {
  it('changes only the fields it names', async () => {
    const secret = fakeTokens.stripeRestricted();
    const added = value(
      await service.addToken({
        label: 'billing',
        secret,
        purpose: 'refunds',
        tags: ['pay'],
        scopes: ['refunds:write'],
      }),
    );
    const edited = value(await service.editToken({ id: added.id, changes: { label: 'billing (EU)' } }));
    expect(edited).toEqual({ ...added, label: 'billing (EU)' });
    expect(value(await service.getToken({ id: added.id }))).toEqual(edited);
    expect(keychain.entries.get(added.id)).toBe(secret);
  });

  it('can clear an expiry and replace tags (deduplicated)', async () => {
    const added = value(
      await service.addToken({
        label: 'x',
        secret: fakeTokens.docker(),
        expiresAt: '2026-04-01T00:00:00.000Z',
        tags: ['a'],
      }),
    );
    const edited = value(
      await service.editToken({ id: added.id, changes: { expiresAt: null, tags: ['b', 'b', 'c'] } }),
    );
    expect(edited.expiresAt).toBeNull();
    expect(edited.tags).toEqual(['b', 'c']);
    expect(edited.status).toBe('no-expiry');
  });

  it('an unknown id is not-found and nothing is created', async () => {
    const answer = await service.editToken({ id: '00000000-0000-4000-8000-000000000000', changes: { label: 'ghost' } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(recordsOnDisk()).toEqual([]);
  });
});

describe('deleting a token', () => {
  it('moves it to Recently deleted: gone from the list, its secret kept, restorable as it was', async () => {
    const secret = fakeTokens.linear();
    const added = value(await service.addToken({ label: 'x', secret }));
    expect(value(await service.deleteToken({ id: added.id }))).toEqual({ id: added.id });
    expect(recordsOnDisk()).toEqual([]);
    expect(await service.getToken({ id: added.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(keychain.entries.get(added.id)).toBe(secret);
    const { tokens } = value(await service.listDeleted({}));
    expect(tokens.map((t) => [t.token.id, t.deletedAt, t.purgeAt])).toEqual([
      [added.id, new Date(start).toISOString(), new Date(start + 30 * day).toISOString()],
    ]);
    const restored = value(await service.restoreToken({ id: added.id }));
    expect(restored).toEqual(added);
    expect(value(await service.revealSecret({ id: added.id })).secret).toBe(secret);
    expect(value(await service.listDeleted({})).tokens).toEqual([]);
    const events = fs.readFileSync(`${home}/audit.jsonl`, 'utf8');
    expect(events).toContain('still works at Linear until it is revoked there');
    expect(events).toContain('"event":"restored"');
  });

  it('purging removes the keychain entry and the record for good; after 30 days that happens by itself', async () => {
    const first = value(await service.addToken({ label: 'a', secret: fakeTokens.linear() }));
    const second = value(await service.addToken({ label: 'b', secret: fakeTokens.npm() }));
    value(await service.deleteToken({ id: first.id }));
    value(await service.deleteToken({ id: second.id }));
    expect(value(await service.purgeDeleted({ id: first.id }))).toEqual({ purged: [first.id] });
    expect(keychain.entries.has(first.id)).toBe(false);
    expect(await service.restoreToken({ id: first.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    clock = start + 30 * day;
    expect(value(await service.listDeleted({})).tokens).toEqual([]);
    expect(keychain.entries.size).toBe(0);
  });

  it.each(['unavailable', 'locked'] as const)(
    'works while the keychain is %s (the secret stays where it is); purging then waits for it',
    async (mode) => {
      const secret = fakeTokens.cloudflareUser();
      const added = value(await service.addToken({ label: 'dns', secret }));
      keychain.mode = mode;
      value(await service.deleteToken({ id: added.id }));
      expect(await service.purgeDeleted({})).toMatchObject({ ok: false, error: { code: `keychain-${mode}` } });
      expect(value(await service.listDeleted({})).tokens).toHaveLength(1);
      keychain.mode = 'ok';
      expect(keychain.entries.get(added.id)).toBe(secret);
    },
  );

  it('an unknown id is not-found and the keychain is not touched', async () => {
    const answer = await service.deleteToken({ id: '00000000-0000-4000-8000-000000000000' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(keychain.calls).toEqual([]);
  });
});

describe('secrets missing from the keychain', () => {
  it('checkSecrets marks tokens whose entry is gone secret-missing, and clears the mark once the value is restored', async () => {
    const secret = fakeTokens.digitaloceanPat();
    const gone = value(await service.addToken({ label: 'gone', secret }));
    const kept = value(await service.addToken({ label: 'kept', secret: fakeTokens.npm() }));
    keychain.entries.delete(gone.id);
    expect(value(await service.checkSecrets({}))).toEqual({ missing: [gone.id], checked: 2, changed: true });
    expect(value(await service.checkSecrets({})).changed).toBe(false);
    const listed = value(await service.listTokens({})).tokens;
    expect(listed.map((t) => [t.id, t.status])).toEqual([
      [gone.id, 'secret-missing'],
      [kept.id, 'expiry-unknown'],
    ]);
    expect(await service.restoreSecret({ id: gone.id, secret: fakeTokens.npm() })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    const restored = value(await service.restoreSecret({ id: gone.id, secret }));
    expect(restored.status).not.toBe('secret-missing');
    expect(keychain.entries.get(gone.id)).toBe(secret);
    expect(value(await service.checkSecrets({})).missing).toEqual([]);
  });

  it('a reveal that finds no entry marks the token too; a locked keychain marks nothing', async () => {
    const added = value(await service.addToken({ label: 'x', secret: fakeTokens.npm() }));
    keychain.mode = 'locked';
    expect(await service.checkSecrets({})).toMatchObject({ ok: false, error: { code: 'keychain-locked' } });
    keychain.mode = 'ok';
    keychain.entries.delete(added.id);
    await service.revealSecret({ id: added.id });
    expect(value(await service.getToken({ id: added.id })).status).toBe('secret-missing');
  });
});

describe('expiry and when a token was added', () => {
  it('a token added without an expiry has an unknown one (not "never"); "never" and "unknown" can be said and changed', async () => {
    const unknown = value(await service.addToken({ label: 'u', secret: fakeTokens.npm() }));
    expect(unknown).toMatchObject({ expiresAt: null, expiryUnknown: true, status: 'expiry-unknown' });
    const never = value(await service.addToken({ label: 'n', secret: fakeTokens.linear(), expiresAt: null }));
    expect(never.expiryUnknown).toBeUndefined();
    expect(never.status).toBe('no-expiry');
    const said = value(await service.editToken({ id: unknown.id, changes: { expiresAt: '2026-03-20T00:00:00.000Z' } }));
    expect(said.expiryUnknown).toBeUndefined();
    expect(value(await service.editToken({ id: said.id, changes: { expiresAt: 'unknown' } }))).toMatchObject({
      expiresAt: null,
      expiryUnknown: true,
    });
  });

  it("a JWT's issue time is its creation, addedAt is when Lapse got it, and its exp passed back by the form still counts as from the JWT", async () => {
    const issued = Math.floor((start - 40 * day) / 1000);
    const exp = Math.floor((start + 5 * day) / 1000);
    const jwt = await fakeJwt({ iat: issued, exp });
    const added = value(
      await service.addToken({
        label: 'jwt',
        secret: jwt,
        provider: 'jwt',
        expiresAt: new Date(exp * 1000).toISOString(),
      }),
    );
    expect(added).toMatchObject({
      createdAt: new Date(issued * 1000).toISOString(),
      addedAt: new Date(start).toISOString(),
      expirySource: 'jwt',
    });
    expect(added.findings.map((f) => f.code)).not.toContain('unverified');
  });
});

describe('revealing and copying a secret', () => {
  it('reveal gives the exact secret and says when to hide it', async () => {
    const secret = fakeTokens.anthropicApi();
    const added = value(await service.addToken({ label: 'claude', secret }));
    expect(value(await service.revealSecret({ id: added.id }))).toEqual({ secret, hideAfterMs: 30_000 });
  });

  it('a token whose keychain entry was removed by hand is secret-missing, and its metadata is kept', async () => {
    const added = value(await service.addToken({ label: 'x', secret: fakeTokens.digitaloceanPat() }));
    keychain.entries.delete(added.id);
    const answer = await service.revealSecret({ id: added.id });
    expect(answer).toMatchObject({ ok: false, error: { code: 'secret-missing' } });
    expect(recordsOnDisk()).toEqual([added.id]);
    expect(value(await service.getToken({ id: added.id })).id).toBe(added.id);
  });

  it('a locked keychain is keychain-locked, never "missing", and the metadata stays', async () => {
    const added = value(await service.addToken({ label: 'x', secret: fakeTokens.npm() }));
    keychain.mode = 'locked';
    expect(await service.revealSecret({ id: added.id })).toMatchObject({
      ok: false,
      error: { code: 'keychain-locked' },
    });
    expect(recordsOnDisk()).toEqual([added.id]);
  });

  it('copy puts the secret on the clipboard (Node side) and says it clears after 30 s', async () => {
    let board = '';
    const port: ClipboardPort = { writeText: (t) => (board = t), readText: () => board, clear: () => (board = '') };
    const guard = clipboardGuard(port);
    const withClipboard = createLapseService({ keychain, store, now: () => clock, clipboard: guard });
    const secret = fakeTokens.pypi();
    const added = value(await withClipboard.addToken({ label: 'pypi', secret }));
    const answer = value(await withClipboard.copySecret({ id: added.id }));
    expect(answer).toEqual({ clearsAfterMs: 30_000 });
    expect(board).toBe(secret);
    guard.clearNow();
    expect(board).toBe('');
  });

  it('copy where there is no OS clipboard says clipboard-unavailable and reads no secret', async () => {
    const added = value(await service.addToken({ label: 'x', secret: fakeTokens.google() }));
    keychain.calls.length = 0;
    expect(await service.copySecret({ id: added.id })).toMatchObject({
      ok: false,
      error: { code: 'clipboard-unavailable' },
    });
    expect(keychain.calls).toEqual([]);
  });
});

describe('reading metadata without the keychain', () => {
  it.each(['unavailable', 'locked', 'hanging'] as const)(
    'list and show work while the keychain is %s',
    async (mode) => {
      const added = value(await service.addToken({ label: 'x', secret: fakeTokens.awsAccessKeyId() }));
      keychain.mode = mode;
      keychain.calls.length = 0;
      expect(value(await service.listTokens({})).tokens.map((t) => t.id)).toEqual([added.id]);
      expect(value(await service.getToken({ id: added.id })).id).toBe(added.id);
      expect(keychain.calls).toEqual([]);
      keychain.unhang();
    },
  );

  it('the vault state names the keychain problem and still counts the tokens', async () => {
    value(await service.addToken({ label: 'x', secret: fakeTokens.vercel() }));
    keychain.mode = 'unavailable';
    const state = value(await service.getVaultState({}));
    expect(state).toMatchObject({
      keychain: { available: false, problem: { code: 'keychain-unavailable' } },
      tokenCount: 1,
    });
    expect(state.keychain.problem?.message).toMatch(/Secret Service/);
    keychain.mode = 'ok';
    expect(value(await service.getVaultState({})).keychain).toEqual({
      available: true,
      backend: keychain.backend,
      problem: null,
    });
  });

  it('the list is most urgent first, judged at the service clock', async () => {
    const a = value(
      await service.addToken({
        label: 'later',
        secret: fakeTokens.npm(),
        expiresAt: new Date(start + 60 * day).toISOString(),
      }),
    );
    const b = value(
      await service.addToken({
        label: 'soon',
        secret: fakeTokens.npm(),
        expiresAt: new Date(start + 3 * day).toISOString(),
      }),
    );
    const c = value(
      await service.addToken({
        label: 'gone',
        secret: fakeTokens.npm(),
        expiresAt: new Date(start + 1 * day).toISOString(),
      }),
    );
    clock = start + 2 * day;
    const listed = value(await service.listTokens({}));
    expect(listed.tokens.map((t) => [t.id, t.status])).toEqual([
      [c.id, 'expired'],
      [b.id, 'expiring'],
      [a.id, 'not-verified-yet'],
    ]);
    expect(listed.evaluatedAt).toBe(new Date(clock).toISOString());
  });
});

describe('error messages', () => {
  it('never contain the secret, whatever went wrong', async () => {
    const secret = fakeTokens.githubFineGrained();
    const answers: unknown[] = [];
    keychain.mode = 'unavailable';
    answers.push(await service.addToken({ label: 'a', secret }));
    keychain.mode = 'locked';
    answers.push(await service.addToken({ label: 'a', secret }));
    keychain.mode = 'ok';
    keychain.failNext('probe', new Error(`dbus said no to ${secret}`));
    answers.push(await service.addToken({ label: 'a', secret }));
    const added = value(await service.addToken({ label: 'a', secret }));
    answers.push(await service.addToken({ label: 'twin', secret }));
    keychain.failNext('get', new Error(`GDBus.Error: item ${secret} unreadable`));
    answers.push(await service.revealSecret({ id: added.id }));
    keychain.failNext('delete', new Error(`cannot delete ${secret}`));
    answers.push(await service.deleteToken({ id: added.id }));
    expect(answers.every((a) => (a as Result<unknown>).ok === false)).toBe(true);
    expect(leaksOf(secret, answers)).toEqual([]);
  });
});
