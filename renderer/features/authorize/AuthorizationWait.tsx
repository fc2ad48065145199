import type { AuthorizationStart } from '../../../shared/api.js';

/** Where the person approves: the issuer's page (opened already; the link opens it again) or the device code. */
export function AuthorizationWait({ start }: { start: AuthorizationStart }) {
  if (start.method === 'device') {
    return (
      <div className="authorize-wait" role="status">
        <p>
          On any device, open{' '}
          <a
            href={start.verificationUriComplete ?? start.verificationUri ?? '#'}
            target="_blank"
            rel="noopener noreferrer"
          >
            {start.verificationUri}
          </a>{' '}
          and enter the code
        </p>
        <p className="authorize-code">
          <code>{start.userCode}</code>
        </p>
        <p className="muted">Lapse waits for the approval until {new Date(start.expiresAt).toUTCString()}.</p>
      </div>
    );
  }
  return (
    <div className="authorize-wait" role="status">
      <p>
        Sign in and approve Lapse on the issuer&apos;s page, opened in a new tab.{' '}
        <a href={start.authorizationUrl ?? '#'} target="_blank" rel="noopener noreferrer">
          Open it again
        </a>
      </p>
      <p className="muted">
        Waiting for the issuer&apos;s answer on 127.0.0.1 (it asks for {start.scopes.join(', ') || 'its default scopes'}
        )…
      </p>
    </div>
  );
}
