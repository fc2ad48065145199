import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LapseApi } from '../../../shared/api.js';
import { providerSession, type ProviderSession } from '../../../electron/providers/provider-session.js';
import { openLapse } from '../../../electron/open-lapse.js';
import { createLapseService, type ServiceParts } from '../../../electron/service.js';
import { checkedApi } from '../../../electron/transports/dispatch.js';
import { openMetadataStore } from '../../../electron/vault/metadata-store.js';
import { startGitlabEmulator } from '../../emulators/gitlab.js';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { memoryKeychain } from '../../helpers/memory-keychain.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { value } from '../providers/verify-harness.js';
import { useEmulator } from '../../helpers/lifetimes.js';

// GitLab counts its limits per user and per address on one host; one gate for its host is right for it.
// (GitHub's belong to each user and, for unauthenticated calls, the address: tests/unit/providers/verify-all.test.ts.)
const github = useEmulator(startGitlabEmulator);
let home: string;
let parts: ServiceParts;
let session: ProviderSession;
// The service with one provider session for all its calls, default HTTP limits.
let api: LapseApi;

beforeEach(() => {
  home = makeTempDir('lapse-gate');
  parts = { keychain: memoryKeychain(), store: openMetadataStore(home), now: Date.now };
  session = providerSession(parts);
  api = checkedApi(createLapseService(parts, session));
});
afterEach(() => {
  github.clearFaults();
  removeTempDir(home);
});

async function liveToken(scopes = ['api']) {
  const secret = fakeTokens.gitlabLegacy();
  github.addToken(secret, { username: 'octocat', scopes });
  const token = value(await api.addToken({ secret, label: 'ci push', baseUrl: github.url, scopes }));
  return { secret, id: token.id };
}

/** Start a verify that meets a 429 (Retry-After 1 s) and return once it has seen the answer, with the verify still waiting the window out. */
async function verifyMeetsRateLimit(id: string) {
  const windowsBefore = github.windows.length;
  github.inject('GET /api/v4/personal_access_tokens/self', { kind: 'rate-limit', retryAfterSeconds: 1 });
  const verifying = api.verifyToken({ id });
  const origin = new URL(github.url).origin;
  // Seen by Lapse, not only sent by GitHub: the verify has read the 429 and its Retry-After.
  while (github.windows.length === windowsBefore || !session.options.gate.openAt(origin, Date.now())) await delay(5);
  const window = github.windows[github.windows.length - 1];
  if (!window) throw new Error('no rate-limit window announced');
  return { verifying, window };
}

describe('one rate gate per service: what a verify learns, revoke and rotate honour', () => {
  it('a revoke right after a verify met a 429 waits out the window: nothing reaches GitLab inside it, and the revocation is confirmed', async () => {
    const { secret, id } = await liveToken();
    const inside = github.requestsInsideWindow;
    const { verifying, window } = await verifyMeetsRateLimit(id);
    const sentBefore = github.requests.length;

    const revoked = value(await api.revokeToken({ id }));

    // The verify retries after the window too: before or after the revocation, whichever GitHub sees first.
    expect(['valid', 'rejected']).toContain(value(await verifying).outcome);
    expect(revoked.state).toBe('revoked');
    expect(github.tokenState(secret)?.revoked).toBe(true);
    expect(github.requestsInsideWindow - inside).toBe(0);
    const revokeCall = github.requests
      .slice(sentBefore)
      .find((r) => r.method === 'DELETE' && r.path === '/api/v4/personal_access_tokens/self');
    expect(revokeCall?.at).toBeGreaterThanOrEqual(window.until);
  });

  it('a guided rotation right after a verify met a 429 checks the new value only after the window: nothing inside it, the rotation finishes', async () => {
    const { secret, id } = await liveToken();
    const next = fakeTokens.gitlabLegacy();
    github.addToken(next, { username: 'octocat', scopes: ['api'] });
    const inside = github.requestsInsideWindow;
    const { verifying, window } = await verifyMeetsRateLimit(id);
    const sentBefore = github.requests.length;

    const done = value(await api.completeGuidedRotation({ id, secret: next }));

    await verifying;
    expect(done.state).toBe('finished');
    expect(github.tokenState(next)?.revoked).toBeFalsy();
    expect(github.tokenState(secret)?.revoked).toBe(true);
    expect(github.requestsInsideWindow - inside).toBe(0);
    expect(github.requests.slice(sentBefore).every((r) => r.at >= window.until)).toBe(true);
  });

  it('a window longer than Lapse waits: the verify reports it, and a revoke straight after sends nothing and stays pending', async () => {
    const { secret, id } = await liveToken();
    const inside = github.requestsInsideWindow;
    github.inject('GET /api/v4/personal_access_tokens/self', { kind: 'rate-limit', retryAfterSeconds: 120 });

    const verified = value(await api.verifyToken({ id }));
    const sentBefore = github.requests.length;
    const revoked = value(await api.revokeToken({ id }));

    expect(verified.outcome).toBe('unreachable');
    expect(verified.retryAt).not.toBeNull();
    expect(revoked.state).toBe('pending');
    expect(revoked.message).toMatch(/slow down; try again after/);
    expect(github.requests.length - sentBefore).toBe(0);
    expect(github.requestsInsideWindow - inside).toBe(0);
    expect(github.tokenState(secret)?.revoked).toBeFalsy();
  });

  it('openLapse: a window the start-up resume learns holds the calls after it — a verify straight after sends nothing inside it', async () => {
    const { id } = await liveToken();
    const next = fakeTokens.gitlabLegacy();
    github.addToken(next, { username: 'octocat', scopes: ['api'] });
    // The new value's check meets only server errors: the guided rotation pauses at pending-stored.
    github.inject('GET /api/v4/personal_access_tokens/self', { kind: 'server-error', status: 503 }, { times: 3 });
    expect(value(await api.completeGuidedRotation({ id, secret: next })).state).toBe('pending');

    // The next start: its resume meets another long window, then a verify asks about the same host.
    github.inject('GET /api/v4/personal_access_tokens/self', { kind: 'rate-limit', retryAfterSeconds: 120 });
    const inside = github.requestsInsideWindow;
    const sentBefore = github.requests.length;
    const reopened = checkedApi(openLapse(parts));
    const verified = value(await reopened.verifyToken({ id }));

    // Only the resume's check of the new value reached GitLab; the verify of the current one, inside the window it met, sent nothing.
    const sent = github.requests.slice(sentBefore);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((r) => r.credential === next)).toBe(true);
    expect(verified.outcome).toBe('unreachable');
    expect(verified.retryAt).not.toBeNull();
    expect(github.requestsInsideWindow - inside).toBe(0);
    expect(value(await reopened.listPendingRotations({ id })).rotations).toHaveLength(1);
  });
});
