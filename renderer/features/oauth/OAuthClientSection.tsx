import { useId, useRef, useState, type FormEvent } from 'react';
import type { OAuthCredentialState } from '../../../shared/api.js';
import type { TokenView } from '../../../shared/model.js';
import { useOAuthState } from './useOAuthState.js';
import './oauth.css';

const oauthProviders: readonly TokenView['provider'][] = ['oauth2', 'jwt'];

/** A Slack access token from an app with token rotation on (`xoxe.xoxb-`/`xoxe.xoxp-`): refreshed with the app's credentials. */
const isRotatingSlack = (token: TokenView) => token.provider === 'slack' && /^rotating /.test(token.kind);

/** "client stored (id ci-runner, with secret) · refresh token stored" */
function storedWords(state: OAuthCredentialState): string {
  const client = state.hasClient
    ? `client stored (id ${state.clientId ?? 'unknown'}${state.hasClientSecret ? ', with secret' : ', public: no secret'})`
    : 'no client stored';
  return `${client} · ${state.hasRefreshToken ? 'refresh token stored' : 'no refresh token stored'}`;
}

/**
 * For OAuth2/OIDC and JWT tokens: the client that may introspect it and its refresh token; for a
 * rotating Slack token: the app's credentials and refresh token that Rotate refreshes it with. Kept in the keychain.
 */
export function OAuthClientSection({ token }: { token: TokenView }) {
  const slack = isRotatingSlack(token);
  if ((!oauthProviders.includes(token.provider) && !slack) || token.revokedAt) return null;
  return <OAuthClientForm tokenId={token.id} slack={slack} />;
}

function OAuthClientForm({ tokenId, slack }: { tokenId: string; slack: boolean }) {
  const id = useId();
  const oauth = useOAuthState(tokenId);
  const [clientId, setClientId] = useState('');
  // The secrets stay in their password inputs (never in React state, so never in an attribute of
  // the page, where a CSS selector or a DOM dump would find them); only whether each is filled is state.
  const clientSecretRef = useRef<HTMLInputElement>(null);
  const refreshTokenRef = useRef<HTMLInputElement>(null);
  const [filled, setFilled] = useState({ clientSecret: false, refreshToken: false });
  const [saved, setSaved] = useState(false);
  const empty = !clientId.trim() && !filled.clientSecret && !filled.refreshToken;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const clientSecret = clientSecretRef.current?.value ?? '';
    const refreshToken = refreshTokenRef.current?.value ?? '';
    const ok = await oauth.change({
      ...(clientId.trim() ? { clientId: clientId.trim() } : {}),
      ...(clientSecret ? { clientSecret } : {}),
      ...(refreshToken ? { refreshToken } : {}),
    });
    // The secrets leave the page as soon as the keychain holds them.
    if (ok) {
      setClientId('');
      if (clientSecretRef.current) clientSecretRef.current.value = '';
      if (refreshTokenRef.current) refreshTokenRef.current.value = '';
      setFilled({ clientSecret: false, refreshToken: false });
      setSaved(true);
    }
  };
  const forget = async (what: 'client' | 'refresh') => {
    setSaved(false);
    await oauth.change({ forget: [what] });
  };

  return (
    <section className="oauth-client" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{slack ? 'Slack app (token rotation)' : 'OAuth client'}</h3>
      <p className="oauth-stored" role="status">
        {oauth.state ? storedWords(oauth.state) : ''}
        {saved && ' — saved to the OS keychain'}
      </p>
      <form className="oauth-form" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} autoComplete="off">
        <div className="field">
          <label htmlFor={`${id}-client-id`}>Client id</label>
          <input id={`${id}-client-id`} value={clientId} onChange={(e) => setClientId(e.target.value)} spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-client-secret`}>Client secret</label>
          <input
            id={`${id}-client-secret`}
            type="password"
            autoComplete="new-password"
            ref={clientSecretRef}
            onChange={(e) => setFilled((f) => ({ ...f, clientSecret: e.target.value !== '' }))}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-refresh`}>Refresh token</label>
          <input
            id={`${id}-refresh`}
            type="password"
            autoComplete="new-password"
            ref={refreshTokenRef}
            onChange={(e) => setFilled((f) => ({ ...f, refreshToken: e.target.value !== '' }))}
          />
        </div>
        {slack ? (
          <p className="hint">
            The app&apos;s client id and secret (App Credentials on its settings page) and the refresh token (xoxe-1-…)
            Slack gave with this token. Kept in the OS keychain beside it and never shown again. With them, Rotate
            refreshes the token and revokes the old access token.
          </p>
        ) : (
          <p className="hint">
            Kept in the OS keychain beside this token and never shown again. With the client, Verify asks the issuer
            about the token (introspection); a secret needs its client id.
          </p>
        )}
        {oauth.problem && (
          <p className="form-problem" role="alert">
            {oauth.problem}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" disabled={empty || oauth.busy}>
            {oauth.busy ? 'Saving…' : 'Save to keychain'}
          </button>
          {oauth.state?.hasClient && (
            <button type="button" className="danger" onClick={() => void forget('client')} disabled={oauth.busy}>
              Forget client
            </button>
          )}
          {oauth.state?.hasRefreshToken && (
            <button type="button" className="danger" onClick={() => void forget('refresh')} disabled={oauth.busy}>
              Forget refresh token
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
