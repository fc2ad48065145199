import { useId } from 'react';
import type { ProviderId } from '../../../shared/model.js';
import { providerNames } from '../tokens/providers.js';
import type { choicesOf, SelectorChoice } from './selection.js';

interface SelectorFormProps {
  choice: SelectorChoice;
  choices: ReturnType<typeof choicesOf>;
  disabled: boolean;
  onChoose(choice: SelectorChoice): void;
}

/** Tag, provider and account: the tokens covered match every one chosen. */
export function SelectorForm({ choice, choices, disabled, onChoose }: SelectorFormProps) {
  const id = useId();
  return (
    <fieldset className="offboard-selector" disabled={disabled}>
      <legend>Which tokens</legend>
      <div className="field">
        <label htmlFor={`${id}-tag`}>Tag</label>
        <select id={`${id}-tag`} value={choice.tag} onChange={(e) => onChoose({ ...choice, tag: e.target.value })}>
          <option value="">Any tag</option>
          {choices.tags.map((tag) => (
            <option key={tag} value={tag}>
              #{tag}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-provider`}>Provider</label>
        <select
          id={`${id}-provider`}
          value={choice.provider}
          onChange={(e) => onChoose({ ...choice, provider: e.target.value as ProviderId | '' })}
        >
          <option value="">Any provider</option>
          {choices.providers.map((provider) => (
            <option key={provider} value={provider}>
              {providerNames[provider]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-account`}>Account</label>
        <select
          id={`${id}-account`}
          value={choice.account}
          onChange={(e) => onChoose({ ...choice, account: e.target.value })}
        >
          <option value="">Any account</option>
          {choices.accounts.map((account) => (
            <option key={account} value={account}>
              {account}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
