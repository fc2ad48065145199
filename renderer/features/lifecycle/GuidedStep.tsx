import { useId, useRef, useState } from 'react';
import type { RotationGuide } from '../../../shared/api.js';

interface GuidedStepProps {
  guide: RotationGuide;
  busy: boolean;
  onSubmit(secret: string): void;
}

/** Create the replacement at the provider with the old scopes, then paste it here to be checked. */
export function GuidedStep({ guide, busy, onSubmit }: GuidedStepProps) {
  const id = useId();
  // The new value stays in its password input (never in React state, so never in an attribute of the page).
  const secretRef = useRef<HTMLInputElement>(null);
  const [filled, setFilled] = useState(false);
  // The scopes are listed above: the step that says them again is left out here (the CLI prints it).
  const steps =
    guide.scopes.length > 0 ? guide.steps.filter((step) => !step.startsWith('Give it the same scopes')) : guide.steps;
  return (
    <form
      className="rotate-guided"
      aria-label="Create the replacement"
      onSubmit={(e) => {
        e.preventDefault();
        const secret = secretRef.current?.value ?? '';
        if (!busy && secret) onSubmit(secret);
      }}
    >
      {guide.createLink && (
        <p>
          <a href={guide.createLink} target="_blank" rel="noopener noreferrer">
            Create the new token at the provider
          </a>
        </p>
      )}
      <div>
        <p id={`${id}-scopes`}>Give it the scopes the old one has:</p>
        {guide.scopes.length > 0 ? (
          <ul className="rotate-scopes" aria-labelledby={`${id}-scopes`}>
            {guide.scopes.map((scope) => (
              <li key={scope}>{scope}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">none recorded — give it only what its purpose needs</p>
        )}
      </div>
      {steps.length > 0 && (
        <ol className="rotate-steps" aria-label="Steps">
          {steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      )}
      <label htmlFor={`${id}-secret`}>New token value</label>
      <input
        id={`${id}-secret`}
        type="password"
        autoComplete="off"
        spellCheck={false}
        ref={secretRef}
        onChange={(e) => setFilled(e.target.value !== '')}
      />
      <div className="form-actions">
        <button type="submit" aria-disabled={busy || !filled || undefined}>
          {busy ? 'Checking…' : 'Check and save'}
        </button>
      </div>
    </form>
  );
}
