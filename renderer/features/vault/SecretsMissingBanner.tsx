import { useId } from 'react';

interface SecretsMissingBannerProps {
  missing: number;
  total: number;
  onShow(): void;
}

/** Tokens whose secrets the keychain does not hold: most likely another keyring than usual. */
export function SecretsMissingBanner({ missing, total, onShow }: SecretsMissingBannerProps) {
  const id = useId();
  const all = missing === total;
  return (
    <section className="banner banner-critical" aria-labelledby={`${id}-title`}>
      <div className="banner-text">
        <h2 id={`${id}-title`}>
          {all
            ? `The OS keychain holds none of your ${total} tokens' secrets`
            : `${missing} of ${total} tokens have no secret in the OS keychain`}
        </h2>
        <p>
          {all
            ? 'Lapse is most likely running with another keyring than the one they were stored in (a throw-away test keyring, another user, a new machine). Start Lapse with your usual keyring; `npx lapse doctor` checks which one this is.'
            : 'Their entries were removed from the keyring, or stored in another one. Open each to restore its value, or delete the record.'}
        </p>
      </div>
      <button type="button" onClick={onShow}>
        Show them
      </button>
    </section>
  );
}
