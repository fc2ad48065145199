// Every call of the contract, driven through the real dispatch (what IPC and HTTP call) with the
// inputs a person's session would send, over one real service, a GitLab emulator and a temporary
// Lapse folder. Each ok answer must parse against the call's own `output` schema: the schema the
// window and the CLI rely on is the one the service keeps. A call this test never gets an ok answer
// from fails the last test, so a new call comes with its realistic input here.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMethods, apiSpec, type ApiMethod, type ApiOutput, type LapseApi } from '../../../shared/api.js';
import { createLapseService } from '../../../electron/service.js';
import { dispatch } from '../../../electron/transports/dispatch.js';
import { clipboardGuard } from '../../../electron/vault/clipboard-guard.js';
import { openMetadataStore } from '../../../electron/vault/metadata-store.js';
import { startGitlabEmulator, type GitlabEmulator } from '../../emulators/gitlab.js';
import { startOidcEmulator, type OidcEmulator } from '../../emulators/oidc.js';
import { fakeTokens, randomAlnum } from '../../helpers/fake-tokens.js';
import { memoryKeychain, type MemoryKeychain } from '../../helpers/memory-keychain.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { fastHttp } from '../providers/verify-harness.js';

const dayMs = 86_400_000;
const answered = new Set<ApiMethod>();
let gitlab: GitlabEmulator;
let oidc: OidcEmulator;
let root: string;
let keychain: MemoryKeychain;
let api: LapseApi;
let clipboardText = '';

/** One call through the dispatch: it must answer ok, and the answer must parse against its output schema. */
async function call<M extends ApiMethod>(method: M, input: unknown): Promise<ApiOutput<M>> {
  const answer = await dispatch(api, method, input);
  if (!answer.ok) throw new Error(`${method} answered ${answer.error.code}: ${answer.error.message}`);
  const parsed = apiSpec[method].output.safeParse(answer.value);
  expect(parsed.success, `${method}: an ok answer outside its output schema: ${parsed.error?.message}`).toBe(true);
  answered.add(method);
  return answer.value as ApiOutput<M>;
}

const gitlabToken = (username: string, name: string) => {
  const secret = fakeTokens.gitlabRoutable();
  gitlab.addToken(secret, {
    username,
    userId: 4242,
    name,
    scopes: ['api'],
    createdAt: new Date(Date.now() - 40 * dayMs).toISOString(),
  });
  return secret;
};
const addGitlab = async (label: string, secret: string, tags: string[] = []) =>
  (await call('addToken', { secret, label, baseUrl: gitlab.url, scopes: ['api'], tags })).id;

beforeAll(async () => {
  gitlab = await startGitlabEmulator();
  oidc = await startOidcEmulator({ device: { interval: 1 } });
  root = makeTempDir('lapse-contract');
  fs.mkdirSync(path.join(root, 'reports'));
  keychain = memoryKeychain();
  const clipboard = clipboardGuard({
    readText: () => clipboardText,
    writeText: (text) => void (clipboardText = text),
    clear: () => void (clipboardText = ''),
  });
  api = createLapseService(
    {
      keychain,
      store: openMetadataStore(path.join(root, 'lapse')),
      now: Date.now,
      userHome: path.join(root, 'home'),
      clipboard,
      folderPicker: async () => path.join(root, 'reports'),
    },
    { http: fastHttp },
  );
});
afterAll(async () => {
  await gitlab.close();
  await oidc.close();
  removeTempDir(root);
});

describe('every ok answer parses against its output schema', () => {
  let deploys = '';
  let laptop = '';

  it('the vault: state, add, list, show, edit, reveal, copy, secret checks', async () => {
    await call('getVaultState', {});
    deploys = await addGitlab('CI deploys', gitlabToken('alice', 'lapse-ci'), ['ci']);
    laptop = (
      await call('addToken', {
        secret: `FAKE${randomAlnum(32)}`,
        label: 'laptop key',
        purpose: 'local scripts',
        expiresAt: new Date(Date.now() + 3 * dayMs).toISOString(),
        tags: ['laptop'],
      })
    ).id;
    expect((await call('listTokens', {})).tokens).toHaveLength(2);
    await call('getToken', { id: deploys });
    await call('editToken', { id: laptop, changes: { purpose: 'local scripts only' } });
    const secret = (await call('revealSecret', { id: laptop })).secret;
    await call('copySecret', { id: laptop });
    expect(clipboardText).toBe(secret);
    await keychain.delete(laptop);
    await call('checkSecrets', {});
    await call('restoreSecret', { id: laptop, secret });
  });

  it('policy, history, OAuth client state', async () => {
    await call('getPolicy', {});
    await call('setPolicy', { changes: { warningDays: 10 } });
    await call('getHistory', { id: deploys });
    await call('getHistory', {});
    const oauth = (
      await call('addToken', {
        secret: `FAKE${randomAlnum(32)}`,
        label: 'issuer access',
        provider: 'oauth2',
        baseUrl: 'https://issuer.example',
      })
    ).id;
    await call('setOAuthCredentials', { id: oauth, clientId: 'lapse-client', clientSecret: `FAKE${randomAlnum(20)}` });
    await call('getOAuthCredentialState', { id: oauth });
  });

  it('the provider: capabilities, verify, inventory', async () => {
    await call('getVerifySupport', {});
    await call('getTokenCapabilities', { id: deploys });
    await call('verifyToken', { id: deploys });
    // An answer the provider could not give carries its reason as a field of its own.
    const { id: elsewhere } = await call('addToken', {
      secret: fakeTokens.gitlabRoutable(),
      label: 'on a GitLab that does not answer',
      baseUrl: 'http://127.0.0.1:9',
    });
    const outage = await call('verifyToken', { id: elsewhere });
    expect(outage.outcome).toBe('unreachable');
    expect(outage.unreachableReason).toMatch(/\S/);
    await call('deleteToken', { id: elsewhere });
    gitlabToken('alice', 'forgotten');
    const { accounts } = await call('listInventory', { provider: 'gitlab' });
    const forgotten = accounts[0]?.entries.find((e) => e.name === 'forgotten');
    if (!accounts[0] || !forgotten) throw new Error('the inventory does not show the forgotten token');
    await call('revokeInventoryToken', { group: accounts[0].group, ref: forgotten.ref });
  });

  it('rotation: plan, automatic, guided, pending, discard', async () => {
    await call('planRotation', { id: deploys });
    await call('rotateToken', { id: deploys });
    await call('startGuidedRotation', { id: laptop });
    await call('completeGuidedRotation', { id: laptop, secret: `FAKE${randomAlnum(32)}` });
    await call('confirmRevocation', { id: laptop, byHand: true });
    // A guided rotation that pauses (the new value cannot be checked now) can be discarded.
    const paused = await addGitlab('paused', gitlabToken('alice', 'paused'));
    gitlab.inject('GET /api/v4/personal_access_tokens/self', { kind: 'server-error', status: 503 }, { times: 3 });
    expect(
      (await call('completeGuidedRotation', { id: paused, secret: gitlabToken('alice', 'paused-next') })).state,
    ).toBe('pending');
    expect((await call('listPendingRotations', {})).rotations).toHaveLength(1);
    await call('discardRotation', { id: paused });
  });

  it('reminders', async () => {
    const { reminders } = await call('listReminders', {});
    const due = reminders.find((r) => r.tokenId === laptop);
    if (!due) throw new Error('no reminder for the token that expires in 3 days');
    await call('listReminders', { due: true });
    await call('collectDueReminders', {});
    await call('snoozeReminder', { id: due.id, for: '1d' });
    await call('unsnoozeReminder', { id: due.id });
    await call('getReminderSettings', {});
    await call('setReminderSettings', { tokenId: laptop, tiers: ['7d', '1d'] });
    await call('setDesktopSettings', { keepInTray: false });
    await call('getCalendar', {});
  });

  it('discovery: scan, follow, list, import, cancel', async () => {
    const project = path.join(root, 'work', 'project');
    fs.mkdirSync(project, { recursive: true });
    fs.writeFileSync(path.join(project, '.env'), `GITLAB_TOKEN=${gitlabToken('alice', 'in-a-file')}\n`);
    const { scanId } = await call('startScan', { paths: [project] });
    let state = await call('getScan', { scanId, waitMs: 5000 });
    while (state.state === 'running') state = await call('getScan', { scanId, waitMs: 5000 });
    expect(state.state).toBe('done');
    await call('listScans', {});
    await call('importFindings', { scanId, all: true });
    const another = await call('startScan', { paths: [project] });
    await call('cancelScan', { scanId: another.scanId });
  });

  it('reports and the team view', async () => {
    await call('getReportData', {});
    await call('getReportLabel', {});
    await call('setReportLabel', { machine: 'build-box', person: 'alice' });
    await call('checkPolicy', {});
    for (const format of ['md', 'html', 'csv'] as const) await call('getReport', { format });
    const json = await call('getReport', { format: 'json' });
    const folder = (await call('chooseReportFolder', {})).folder;
    if (!folder) throw new Error('the folder picker gave no folder');
    fs.writeFileSync(path.join(folder, 'build-box.json'), json.content);
    await call('getTeamView', { paths: [folder] });
  });

  it('revocation, offboarding, Recently deleted', async () => {
    await call('revokeToken', { id: deploys });
    await call('forgetToken', { id: deploys });
    const one = await addGitlab('one of two', gitlabToken('bob', 'one'));
    await call('revokeTokens', { ids: [one] });
    await addGitlab('contractor', gitlabToken('carol', 'contract'), ['contractor']);
    await call('offboard', { selector: { tag: 'contractor' } });
    await call('deleteToken', { id: laptop });
    expect((await call('listDeleted', {})).tokens.map((t) => t.token.id)).toContain(laptop);
    await call('restoreToken', { id: laptop });
    await call('deleteToken', { id: laptop });
    await call('purgeDeleted', { id: laptop });
  });

  it('authorize: a browser flow and a device flow started at a real issuer, one waited on, both cancelled; a guided create page', async () => {
    const loopback = await call('startAuthorization', {
      issuer: oidc.issuer,
      clientId: oidc.nativeClient.id,
      clientSecret: oidc.nativeClient.secret,
      scopes: ['api:read'],
      label: 'agent tool',
      method: 'loopback',
    });
    expect((await call('finishAuthorization', { flowId: loopback.flowId, waitMs: 0 })).state).toBe('waiting');
    expect((await call('cancelAuthorization', { flowId: loopback.flowId })).cancelled).toBe(true);
    const device = await call('startAuthorization', {
      issuer: oidc.issuer,
      clientId: oidc.nativeClient.id,
      clientSecret: oidc.nativeClient.secret,
      scopes: ['api:read'],
      label: 'ci box',
      method: 'device',
    });
    await call('cancelAuthorization', { flowId: device.flowId });
    expect(
      (await call('authorizeGuide', { provider: 'github', label: 'laptop push', scopes: ['repo'] })).createLink,
    ).toContain('scopes=repo');
  });

  it('every call of the contract was answered ok at least once', () => {
    expect(apiMethods.filter((m) => !answered.has(m))).toEqual([]);
  });
});
