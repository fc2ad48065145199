import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LapseApi } from '../../../shared/api.js';
import { evaluateToken, widenedByRotation } from '../../../shared/lifecycle.js';
import { tokenRecordFrom, type TokenRecordInput } from '../../../shared/model.js';
import { createLapseService } from '../../../electron/service.js';
import { checkedApi } from '../../../electron/transports/dispatch.js';
import { parseVaultFile } from '../../../electron/vault/vault-file.js';
import { openMetadataStore } from '../../../electron/vault/metadata-store.js';
import { startGithubEmulator } from '../../emulators/github.js';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { memoryKeychain } from '../../helpers/memory-keychain.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { fastHttp, value } from '../providers/verify-harness.js';
import { useEmulator } from '../../helpers/lifetimes.js';

const now = Date.parse('2026-11-20T09:00:00Z');
const record = (fields: Partial<TokenRecordInput> = {}) =>
  tokenRecordFrom({
    id: 'widened-0001',
    label: 'ci push',
    provider: 'github',
    kind: 'classic PAT',
    account: 'octocat',
    scopes: ['repo'],
    grantedScopes: ['repo', 'admin:org'],
    purpose: 'push from CI',
    tags: [],
    baseUrl: null,
    createdAt: '2026-11-01T09:00:00Z',
    expiresAt: '2026-12-15T09:00:00Z',
    lastVerifiedAt: '2026-11-19T09:00:00Z',
    lastUsedAt: null,
    lastRotatedAt: '2026-11-19T09:00:00Z',
    masked: 'ghp_…FAKE',
    fingerprint: 'deadbeef',
    widenedScopes: ['admin:org'],
    ...fields,
  });
const codes = (r: ReturnType<typeof record>) => evaluateToken(r, now).findings.map((f) => f.code);

describe('scope-widened, as the lifecycle rules judge it', () => {
  it('a scope a rotation added, still granted and not declared, is a warning that names it and says to narrow it', () => {
    const finding = evaluateToken(record(), now).findings.find((f) => f.code === 'scope-widened');
    expect(finding).toMatchObject({ severity: 'warning', action: 'narrow-scopes' });
    expect(finding?.message).toContain('admin:org');
    expect(finding?.message).not.toContain('repo,');
  });

  it('clears once a verify shows the scope gone', () => {
    expect(codes(record({ grantedScopes: ['repo'] }))).not.toContain('scope-widened');
  });

  it('clears once the person declares the scope for its purpose', () => {
    expect(codes(record({ scopes: ['repo', 'admin:org'] }))).not.toContain('scope-widened');
  });

  it('is reported with no purpose scopes declared at all (nothing declares the widening)', () => {
    expect(codes(record({ scopes: [] }))).toContain('scope-widened');
  });

  it('a revoked token is only history', () => {
    expect(codes(record({ revokedAt: '2026-11-19T10:00:00Z' }))).toEqual(['revoked']);
  });

  it('a record from before the field, and a vault file holding one, load with nothing widened', () => {
    const old = record();
    delete (old as { widenedScopes?: string[] }).widenedScopes;
    expect(codes(old)).not.toContain('scope-widened');
    const file = parseVaultFile(JSON.stringify({ version: 1, tokens: { [old.id]: old } }));
    expect(file?.tokens[old.id]?.widenedScopes).toBeUndefined();
  });

  it('a rotation widens by what the new value holds beyond the old one, only when both are known, and keeps earlier widenings it still holds', () => {
    expect(widenedByRotation({ grantedScopes: ['repo'] }, ['repo', 'admin:org'])).toEqual(['admin:org']);
    expect(widenedByRotation({ grantedScopes: null }, ['repo', 'admin:org'])).toEqual([]);
    expect(widenedByRotation({ grantedScopes: ['repo'] }, null)).toEqual([]);
    // A second rotation to the same wide value does not launder the first widening…
    expect(
      widenedByRotation({ grantedScopes: ['repo', 'admin:org'], widenedScopes: ['admin:org'] }, ['repo', 'admin:org']),
    ).toEqual(['admin:org']);
    // …and one that drops it ends it.
    expect(widenedByRotation({ grantedScopes: ['repo', 'admin:org'], widenedScopes: ['admin:org'] }, ['repo'])).toEqual(
      [],
    );
  });
});

describe('a guided rotation through the service (GitHub emulator)', () => {
  const github = useEmulator(startGithubEmulator);
  let home: string;
  let api: LapseApi;

  beforeEach(() => {
    home = makeTempDir('lapse-widened');
    api = checkedApi(
      createLapseService(
        { keychain: memoryKeychain(), store: openMetadataStore(home), now: Date.now },
        { http: fastHttp },
      ),
    );
  });
  afterEach(() => removeTempDir(home));

  async function rotatedToWider() {
    const old = fakeTokens.githubClassic();
    const next = fakeTokens.githubClassic();
    github.addToken(old, { login: 'octocat', scopes: ['repo'] });
    github.addToken(next, { login: 'octocat', scopes: ['repo', 'admin:org'] });
    const token = value(await api.addToken({ secret: old, label: 'ci push', baseUrl: github.url, scopes: ['repo'] }));
    value(await api.verifyToken({ id: token.id }));
    const done = value(await api.completeGuidedRotation({ id: token.id, secret: next }));
    return { id: token.id, next, done };
  }

  it('the warning the rotation returns is kept: the token still shows scope-widened after the call, in the vault file too', async () => {
    const { id, done } = await rotatedToWider();
    expect(done.state).toBe('finished');
    expect(done.warnings.map((w) => w.code)).toEqual(['scope-widened']);

    const shown = value(await api.getToken({ id }));
    const widened = shown.findings.find((f) => f.code === 'scope-widened');
    expect(widened?.message).toBe(done.warnings[0]?.message);
    expect((await openMetadataStore(home).read()).tokens[id]?.widenedScopes).toEqual(['admin:org']);
  });

  it('clears when a later verify shows the extra scope gone at GitHub', async () => {
    const { id, next } = await rotatedToWider();
    github.updateToken(next, { scopes: ['repo'] });
    const verified = value(await api.verifyToken({ id }));
    expect(verified.token.findings.map((f) => f.code)).not.toContain('scope-widened');
  });

  it('clears when the person declares the scope', async () => {
    const { id } = await rotatedToWider();
    const edited = value(await api.editToken({ id, changes: { scopes: ['repo', 'admin:org'] } }));
    expect(edited.findings.map((f) => f.code)).not.toContain('scope-widened');
  });

  it('a replacement with the same scopes warns of nothing and keeps nothing', async () => {
    const old = fakeTokens.githubClassic();
    const next = fakeTokens.githubClassic();
    github.addToken(old, { login: 'octocat', scopes: ['repo'] });
    github.addToken(next, { login: 'octocat', scopes: ['repo'] });
    const token = value(await api.addToken({ secret: old, label: 'ci push', baseUrl: github.url, scopes: ['repo'] }));
    value(await api.verifyToken({ id: token.id }));
    const done = value(await api.completeGuidedRotation({ id: token.id, secret: next }));
    expect(done.warnings).toEqual([]);
    expect(done.token.findings.map((f) => f.code)).not.toContain('scope-widened');
  });
});
