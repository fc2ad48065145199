import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { browserNavigate, startOidcEmulator } from '../../emulators/oidc.js';
import { value } from '../providers/verify-harness.js';
import { authorizeRig } from './authorize-rig.js';
import { freshEachTest, useEmulator } from '../../helpers/lifetimes.js';

// Authorization code + PKCE through a loopback listener (RFC 8252, RFC 7636) and the device
// authorization grant (RFC 8628), against the real oidc-provider with its dev login and consent pages.

const oidc = useEmulator(() => startOidcEmulator({ device: { interval: 1 } }));
const rig = freshEachTest(authorizeRig);

const startLoopback = async (scopes = ['api:read']) =>
  value(
    await rig.api.startAuthorization({
      issuer: oidc.issuer,
      clientId: oidc.nativeClient.id,
      clientSecret: oidc.nativeClient.secret,
      scopes,
      label: 'agent tool',
      method: 'loopback',
    }),
  );

describe('authorize in a browser (loopback, PKCE S256, state)', () => {
  it('issues a new token with exactly the declared scopes, its refresh token and client in the keychain', async () => {
    const start = await startLoopback(['api:read']);
    const url = new URL(start.authorizationUrl ?? '');
    expect(url.origin + url.pathname).toBe(`${oidc.url}/auth`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')?.length).toBeGreaterThanOrEqual(32);
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(url.searchParams.get('scope')).toBe('api:read offline_access');

    const pending = value(await rig.api.finishAuthorization({ flowId: start.flowId, waitMs: 0 }));
    expect(pending.state).toBe('waiting');
    expect((await oidc.approveInBrowser(start.authorizationUrl ?? '')).status).toBe(200);
    const outcome = value(await rig.api.finishAuthorization({ flowId: start.flowId, waitMs: 10_000 }));
    expect(outcome.state, outcome.message).toBe('issued');
    const token = outcome.token!;
    expect(token).toMatchObject({
      provider: 'oauth2',
      baseUrl: oidc.issuer,
      scopes: ['api:read'],
      grantedScopes: ['api:read'],
      account: 'alice',
    });
    expect(Date.parse(token.expiresAt ?? '')).toBeGreaterThan(Date.now());
    const access = rig.keychain.entries.get(token.id) ?? '';
    expect(await oidc.introspect(access)).toMatchObject({
      active: true,
      scope: 'api:read',
      client_id: oidc.nativeClient.id,
    });
    expect(rig.keychain.entries.get(`${token.id}#client`)).toBe(`${oidc.nativeClient.id}:${oidc.nativeClient.secret}`);
    expect(await oidc.introspect(rig.keychain.entries.get(`${token.id}#refresh`) ?? '')).toMatchObject({
      active: true,
      client_id: oidc.nativeClient.id,
    });
    // Nothing secret in the vault file or the audit log.
    const stored = JSON.stringify(await rig.store.read());
    expect(stored).not.toContain(access);
    expect(rig.auditText()).toContain('Authorized at');
    expect(rig.auditText()).not.toContain(access);
  });

  it('refuses an answer with a wrong state and keeps waiting for the right one', async () => {
    const start = await startLoopback();
    const { redirect } = await oidc.approveInBrowser(start.authorizationUrl ?? '', 'alice', { deliver: false });
    const forged = new URL(redirect);
    forged.searchParams.set('state', 'not-the-state-lapse-sent');
    const refused = await browserNavigate(forged.href);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('does not carry the state');
    expect(value(await rig.api.finishAuthorization({ flowId: start.flowId, waitMs: 0 })).state).toBe('waiting');
    // The real redirect still completes it.
    await browserNavigate(redirect);
    expect(value(await rig.api.finishAuthorization({ flowId: start.flowId, waitMs: 10_000 })).state).toBe('issued');
  });

  it('refuses requests a web page could make to the listener: from another origin, not a GET, not a navigation', async () => {
    const start = await startLoopback();
    const { redirect } = await oidc.approveInBrowser(start.authorizationUrl ?? '', 'alice', { deliver: false });
    const fromPage = await browserNavigate(redirect, { origin: 'https://evil.example' });
    expect(fromPage.status).toBe(403);
    const posted = await fetch(new URL(redirect).origin + '/callback', {
      method: 'POST',
      body: new URL(redirect).search.slice(1),
    });
    expect(posted.status).toBe(405);
    // What a page's fetch() or <img> sends (Fetch standard: mode cors / no-cors).
    const script = await fetch(redirect, { redirect: 'manual' });
    expect(script.status).toBe(403);
    // None of them used the code: the browser's own redirect still completes the authorization.
    expect(value(await rig.api.finishAuthorization({ flowId: start.flowId, waitMs: 0 })).state).toBe('waiting');
    expect((await browserNavigate(redirect)).status).toBe(200);
    expect(value(await rig.api.finishAuthorization({ flowId: start.flowId, waitMs: 10_000 })).state).toBe('issued');
  });

  it('a code taken without the PKCE verifier is worthless at the issuer', async () => {
    const start = await startLoopback();
    const { redirect } = await oidc.approveInBrowser(start.authorizationUrl ?? '', 'alice', { deliver: false });
    const code = new URL(redirect).searchParams.get('code') ?? '';
    const basic = `Basic ${Buffer.from(`${oidc.nativeClient.id}:${oidc.nativeClient.secret}`).toString('base64')}`;
    const stolen = await fetch(`${oidc.url}/token`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: new URL(redirect).origin + '/callback',
      }).toString(),
    });
    expect(stolen.status).toBe(400);
    expect(((await stolen.json()) as { error: string }).error).toBe('invalid_grant');
    value(await rig.api.cancelAuthorization({ flowId: start.flowId }));
    const outcome = value(await rig.api.finishAuthorization({ flowId: start.flowId, waitMs: 5_000 }));
    expect(outcome).toMatchObject({ state: 'failed', message: 'The authorization was cancelled.' });
    expect(Object.keys((await rig.store.read()).tokens)).toEqual([]);
  });

  it('the issuer denying the request issues nothing', async () => {
    const start = await startLoopback();
    const { redirect } = await oidc.approveInBrowser(start.authorizationUrl ?? '', 'alice', { deliver: false });
    const state = new URL(redirect).searchParams.get('state') ?? '';
    const denied = new URL('/callback', redirect);
    denied.searchParams.set('error', 'access_denied');
    denied.searchParams.set('state', state);
    await browserNavigate(denied.href);
    const outcome = value(await rig.api.finishAuthorization({ flowId: start.flowId, waitMs: 5_000 }));
    expect(outcome.state).toBe('failed');
    expect(outcome.message).toContain('access_denied');
  });
});

describe('reauthorize with a narrower scope', () => {
  it('the new grant holds exactly the declared scopes; the old grant is dead by introspection', async () => {
    const id = await rig.issue(oidc, ['api:read', 'api:write']);
    const oldAccess = rig.keychain.entries.get(id) ?? '';
    const oldRefresh = rig.keychain.entries.get(`${id}#refresh`) ?? '';
    expect(await oidc.introspect(oldAccess)).toMatchObject({ active: true, scope: 'api:read api:write' });

    const start = value(await rig.api.startAuthorization({ tokenId: id, scopes: ['api:read'], method: 'loopback' }));
    expect(start.scopes).toEqual(['api:read']);
    await oidc.approveInBrowser(start.authorizationUrl ?? '');
    const outcome = value(await rig.api.finishAuthorization({ flowId: start.flowId, waitMs: 15_000 }));
    expect(outcome.state, outcome.message).toBe('reauthorized');
    expect(outcome.token).toMatchObject({ id, scopes: ['api:read'], grantedScopes: ['api:read'] });
    expect(outcome.token?.findings.map((f) => f.code)).not.toContain('out-of-scope');

    const newAccess = rig.keychain.entries.get(id) ?? '';
    expect(newAccess).not.toBe(oldAccess);
    expect(await oidc.introspect(newAccess)).toMatchObject({ active: true, scope: 'api:read' });
    expect(await oidc.introspect(oldAccess)).toEqual({ active: false });
    expect(await oidc.introspect(oldRefresh)).toEqual({ active: false });
    expect(rig.keychain.entries.get(`${id}#refresh`)).not.toBe(oldRefresh);
    expect(rig.keychain.entries.has(`${id}#pending`)).toBe(false);
    expect(rig.keychain.entries.has(`${id}#previous`)).toBe(false);
    const record = (await rig.store.read()).tokens[id];
    expect(record?.revocation).toMatchObject({ target: 'previous', method: 'api' });
    expect(record?.revocation?.confirmedAt).not.toBeNull();
    const history = value(await rig.api.getHistory({ id }))
      .entries.map((e) => e.detail)
      .join('\n');
    expect(history).toContain('old grant is revoked and confirmed dead');
    expect(history).toContain('Reauthorized with api:read');
  });

  it('asking for more than the purpose is refused with a warning until the person confirms it', async () => {
    const id = await rig.issue(oidc, ['api:read']);
    const wider = await rig.api.startAuthorization({
      tokenId: id,
      scopes: ['api:read', 'api:write'],
      method: 'loopback',
    });
    expect(wider.ok).toBe(false);
    if (!wider.ok) expect(wider.error.message).toContain("api:write, beyond the token's declared purpose (api:read)");
    const confirmed = value(
      await rig.api.startAuthorization({
        tokenId: id,
        scopes: ['api:read', 'api:write'],
        method: 'loopback',
        widerThanPurpose: true,
      }),
    );
    expect(confirmed.scopes).toEqual(['api:read', 'api:write']);
    value(await rig.api.cancelAuthorization({ flowId: confirmed.flowId }));
  });
});

describe('reauthorize as a public client (RFC 8252: a native app with no secret)', () => {
  const issuePublic = async (scopes: string[]) => {
    const start = value(
      await rig.api.startAuthorization({
        issuer: oidc.issuer,
        clientId: oidc.publicClient.id,
        scopes,
        label: 'desktop app',
        method: 'loopback',
      }),
    );
    await oidc.approveInBrowser(start.authorizationUrl ?? '');
    const issued = value(await rig.api.finishAuthorization({ flowId: start.flowId, waitMs: 10_000 }));
    expect(issued.state, issued.message).toBe('issued');
    return issued.token?.id ?? '';
  };

  it('JWT access tokens: the new grant is confirmed by its signature; the old grant is revoked, and its access token kept as the previous value (a JWT lives until it expires, and no public client can see it end)', async () => {
    const id = await issuePublic(['api:read', 'api:write']);
    const oldAccess = rig.keychain.entries.get(id) ?? '';
    const oldRefresh = rig.keychain.entries.get(`${id}#refresh`) ?? '';
    expect(oldAccess.split('.')).toHaveLength(3);

    const start = value(await rig.api.startAuthorization({ tokenId: id, scopes: ['api:read'], method: 'loopback' }));
    await oidc.approveInBrowser(start.authorizationUrl ?? '');
    const outcome = value(await rig.api.finishAuthorization({ flowId: start.flowId, waitMs: 15_000 }));

    expect(outcome.state, outcome.message).toBe('reauthorized');
    expect(outcome.token).toMatchObject({ id, scopes: ['api:read'], grantedScopes: ['api:read'] });
    const newAccess = rig.keychain.entries.get(id) ?? '';
    expect(newAccess).not.toBe(oldAccess);
    // oidc-provider does not introspect JWT access tokens (unsupported_token_type): read its claims.
    expect(decodeJwt(newAccess)).toMatchObject({ scope: 'api:read', client_id: oidc.publicClient.id });
    // The old grant ends with its refresh token (RFC 7009 §2.1), asked as a public client.
    expect(await oidc.introspect(oldRefresh)).toEqual({ active: false });
    // Its JWT access token cannot be seen dead from here: it stays in the keychain, to be confirmed.
    expect(rig.keychain.entries.get(`${id}#previous`)).toBe(oldAccess);
    expect(rig.keychain.entries.has(`${id}#pending`)).toBe(false);
    const record = (await rig.store.read()).tokens[id];
    expect(record?.revocation).toMatchObject({ target: 'previous', confirmedAt: null });
    expect(outcome.notes.join(' ')).toMatch(
      /may still be live \(the refresh token is revoked, which ends the grant.*lives until it expires\)/,
    );
  });

  it('opaque access tokens: refused before the browser opens, since only introspection (a confidential client) could confirm a new grant', async () => {
    const id = await rig.issue(oidc, ['api:read']);
    value(await rig.api.setOAuthCredentials({ id, clientId: oidc.publicClient.id, clientSecret: '' }));

    const refused = await rig.api.startAuthorization({ tokenId: id, method: 'loopback' });

    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('opaque');
  });
});

describe('an issuer that keeps one grant per client and account', () => {
  it('revoking the old grant ends the new one too: Lapse sees it, says so, and the next reauthorize stands', async () => {
    const person = oidc.personBrowser();
    const start = await startLoopback(['api:read']);
    await person.approve(start.authorizationUrl ?? '');
    const id = value(await rig.api.finishAuthorization({ flowId: start.flowId, waitMs: 10_000 })).token?.id ?? '';
    const first = rig.keychain.entries.get(id) ?? '';

    // Signed in still: the issuer widens nothing and reuses the session's grant for the new tokens.
    const again = value(await rig.api.startAuthorization({ tokenId: id, method: 'loopback' }));
    await person.approve(again.authorizationUrl ?? '');
    const shared = value(await rig.api.finishAuthorization({ flowId: again.flowId, waitMs: 15_000 }));
    expect(shared.state).toBe('failed');
    expect(shared.message).toContain('Revoking the old grant ended the new one too');
    expect(await oidc.introspect(first)).toEqual({ active: false });
    expect(rig.keychain.entries.has(`${id}#pending`)).toBe(false);
    expect(rig.auditText()).toContain('ended the new one too');

    // The grant is gone now, so the issuer makes a new one: this time it stands.
    const third = value(await rig.api.startAuthorization({ tokenId: id, method: 'loopback' }));
    await person.approve(third.authorizationUrl ?? '');
    const stands = value(await rig.api.finishAuthorization({ flowId: third.flowId, waitMs: 15_000 }));
    expect(stands.state, stands.message).toBe('reauthorized');
    expect(await oidc.introspect(rig.keychain.entries.get(id) ?? '')).toMatchObject({
      active: true,
      scope: 'api:read',
    });
  });
});

describe('device authorization grant (RFC 8628)', () => {
  it('polls until the person approves on another device, then issues the token', async () => {
    const start = value(
      await rig.api.startAuthorization({
        issuer: oidc.issuer,
        clientId: oidc.nativeClient.id,
        clientSecret: oidc.nativeClient.secret,
        scopes: ['api:read'],
        label: 'ci runner',
        method: 'device',
      }),
    );
    expect(start.verificationUri).toBe(`${oidc.url}/device`);
    expect(start.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    await new Promise((r) => setTimeout(r, 1_500));
    await oidc.approveDevice(start.userCode ?? '');
    const outcome = value(await rig.api.finishAuthorization({ flowId: start.flowId, waitMs: 10_000 }));
    expect(outcome.state, outcome.message).toBe('issued');
    expect(outcome.token).toMatchObject({
      label: 'ci runner',
      scopes: ['api:read'],
      grantedScopes: ['api:read'],
      account: 'alice',
    });
    expect(oidc.devicePolls.some((p) => p.error === 'authorization_pending')).toBe(true);
  });
});

describe('device grant: the server sets the pace', () => {
  it('slow_down adds 5 seconds to the interval for every later poll (RFC 8628 §3.5)', async () => {
    const slow = await startOidcEmulator({ device: { interval: 1, enforcedInterval: 3 } });
    try {
      const start = value(
        await rig.api.startAuthorization({
          issuer: slow.issuer,
          clientId: slow.nativeClient.id,
          clientSecret: slow.nativeClient.secret,
          scopes: ['api:read'],
          label: 'slow',
          method: 'device',
        }),
      );
      // Approve once the server has asked Lapse to slow down.
      for (let i = 0; i < 40 && !slow.devicePolls.some((p) => p.error === 'slow_down'); i++)
        await new Promise((r) => setTimeout(r, 100));
      await slow.approveDevice(start.userCode ?? '');
      const outcome = value(await rig.api.finishAuthorization({ flowId: start.flowId, waitMs: 15_000 }));
      expect(outcome.state, outcome.message).toBe('issued');
      const polls = slow.devicePolls;
      const at = polls.findIndex((p) => p.error === 'slow_down');
      expect(at).toBeGreaterThan(0);
      // Every poll after the slow_down came at least 1 + 5 seconds after the one before it.
      for (let i = at + 1; i < polls.length; i++) expect(polls[i]!.at - polls[i - 1]!.at).toBeGreaterThanOrEqual(5_900);
      expect(polls.filter((p) => p.error === 'slow_down')).toHaveLength(1);
    } finally {
      await slow.close();
    }
  }, 20_000);

  it('stops at expires_in when nobody approves, and says to start again', async () => {
    const brief = await startOidcEmulator({ device: { interval: 1, codeTtl: 3 } });
    try {
      const started = Date.now();
      const start = value(
        await rig.api.startAuthorization({
          issuer: brief.issuer,
          clientId: brief.nativeClient.id,
          clientSecret: brief.nativeClient.secret,
          scopes: ['api:read'],
          label: 'never approved',
          method: 'device',
        }),
      );
      expect(Date.parse(start.expiresAt) - started).toBeLessThanOrEqual(3_500);
      const outcome = value(await rig.api.finishAuthorization({ flowId: start.flowId, waitMs: 10_000 }));
      expect(outcome.state).toBe('failed');
      expect(outcome.message).toContain('expired before it was approved');
      expect(brief.devicePolls.length).toBeGreaterThanOrEqual(1);
      // No poll after the code's expiry.
      for (const poll of brief.devicePolls) expect(poll.at).toBeLessThanOrEqual(Date.parse(start.expiresAt) + 200);
      expect(Object.keys((await rig.store.read()).tokens)).toEqual([]);
    } finally {
      await brief.close();
    }
  }, 15_000);
});

describe('an issuer that keeps every scope granted before (incremental authorization)', () => {
  const widening = useEmulator(() => startOidcEmulator({ keepsEarlierScopes: true }));

  it('a reauthorization meant to narrow comes back as wide: not kept, the old value stays, the person told how', async () => {
    const id = await rig.issue(widening, ['api:read', 'api:write']);
    const oldAccess = rig.keychain.entries.get(id) ?? '';
    const start = value(await rig.api.startAuthorization({ tokenId: id, scopes: ['api:read'], method: 'loopback' }));
    await widening.approveInBrowser(start.authorizationUrl ?? '');
    const outcome = value(await rig.api.finishAuthorization({ flowId: start.flowId, waitMs: 15_000 }));
    expect(outcome.state).toBe('failed');
    expect(outcome.message).toContain('api:write, which was not asked for');
    expect(outcome.message).toContain("revoke the app's authorization at the issuer");
    expect(rig.keychain.entries.get(id)).toBe(oldAccess);
    expect(await widening.introspect(oldAccess)).toMatchObject({ active: true });
    const refused = widening.issued.at(-1)?.access_token ?? '';
    expect(refused).not.toBe(oldAccess);
    expect(await widening.introspect(refused)).toEqual({ active: false });
    expect(rig.keychain.entries.has(`${id}#pending`)).toBe(false);
    expect((await rig.store.read()).tokens[id]?.scopes).toEqual(['api:read', 'api:write']);
  });
});
