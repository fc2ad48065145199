import { useId, useState } from 'react';

interface KeychainBannerProps {
  /** What is wrong and what to do, from the service. */
  message: string;
  locked: boolean;
  onRetry(): Promise<void>;
}

/** The OS keychain can't be used: say why, what still works, and offer Retry. */
export function KeychainBanner({ message, locked, onRetry }: KeychainBannerProps) {
  const id = useId();
  const [checking, setChecking] = useState(false);
  const retry = async () => {
    setChecking(true);
    await onRetry();
    setChecking(false);
  };
  return (
    <section className="banner banner-critical" role="alert" aria-labelledby={`${id}-title`}>
      <div className="banner-text">
        <h2 id={`${id}-title`}>{locked ? 'The OS keychain is locked' : 'The OS keychain is unavailable'}</h2>
        <p>{message}</p>
        <p className="banner-note">
          Your tokens&rsquo; details stay readable. Adding, revealing, copying and deleting tokens wait for the
          keychain.
        </p>
      </div>
      <button type="button" onClick={() => void retry()} disabled={checking}>
        {checking ? 'Checking…' : 'Retry'}
      </button>
    </section>
  );
}
