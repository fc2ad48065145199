import { useId, useRef, useState, type FormEvent } from 'react';
import type { OAuthCredentialState, TokenCapabilities } from '../../../shared/api.js';
import type { TokenView } from '../../../shared/model.js';
import { useOAuthState } from './useOAuthState.js';
import { FormProblem } from '../../lib/FormProblem.js';

/** "client stored (id ci-runner, with secret) · refresh token stored" */
function storedWords(state: OAuthCredentialState): string {
  const client = state.hasClient
    ? `client stored (id ${state.clientId ?? 'unknown'}${state.hasClientSecret ? ', with secret' : ', public: no secret'})`
    : 'no client stored';
  return `${client} · ${state.hasRefreshToken ? 'refresh token stored' : 'no refresh token stored'}`;
}

type Companions = NonNullable<TokenCapabilities['companions']>;

/**
 * The secrets its provider keeps beside a token, where the service says it has any: an OAuth
 * client (introspection, revocation, refresh) and its refresh token, a Slack app's credentials and
 * refresh token (Rotate refreshes or exchanges it). Kept in the keychain.
 */
export function OAuthClientSection({
  token,
  capabilities,
}: {
  token: TokenView;
  capabilities: TokenCapabilities | null;
}) {
  if (!capabilities?.companions || token.revokedAt) return null;
  return <OAuthClientForm tokenId={token.id} companions={capabilities.companions} />;
}

function OAuthClientForm({ tokenId, companions }: { tokenId: string; companions: Companions }) {
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
      <h3 id={`${id}-title`}>{companions.title}</h3>
      <p className="muted oauth-purpose">{companions.purpose}</p>
      <p className="oauth-stored" role="status">
        {oauth.state ? storedWords(oauth.state) : ''}
        {saved && ' — saved to the OS keychain'}
      </p>
      <form className="oauth-form" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} autoComplete="off">
        <div className="field">
          <label htmlFor={`${id}-client-id`}>Client id</label>
          <input
            id={`${id}-client-id`}
            value={clientId}
            onChange={(e) => setClientId(e.target.value)}
            spellCheck={false}
          />
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
        <p className="hint">
          Kept in the OS keychain beside this token and never shown again.
          {companions.needsClientSecret ? ' The client id needs its secret.' : ' A secret needs its client id.'}
        </p>
        <FormProblem text={oauth.problem} />
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
