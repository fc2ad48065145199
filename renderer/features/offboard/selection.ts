import type { OffboardSelector } from '../../../shared/api.js';
import type { ProviderId, TokenView } from '../../../shared/model.js';

/** The form's choice: each field empty ("any") or one value; an offboarding needs at least one. */
export interface SelectorChoice {
  tag: string;
  provider: ProviderId | '';
  account: string;
}

export const noChoice: SelectorChoice = { tag: '', provider: '', account: '' };

/** The service's selector for a choice, or null while nothing is chosen. */
export function selectorOf(choice: SelectorChoice): OffboardSelector | null {
  const selector: OffboardSelector = {
    ...(choice.tag ? { tag: choice.tag } : {}),
    ...(choice.provider ? { provider: choice.provider } : {}),
    ...(choice.account ? { account: choice.account } : {}),
  };
  return Object.keys(selector).length > 0 ? selector : null;
}

/** What the choices offer: the tags, providers and accounts of live tokens, sorted. */
export function choicesOf(tokens: readonly TokenView[]) {
  const live = tokens.filter((t) => t.revokedAt === null);
  const sorted = <T extends string>(values: Iterable<T>) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
  return {
    tags: sorted(live.flatMap((t) => t.tags)),
    providers: sorted(live.map((t) => t.provider)),
    accounts: sorted(live.flatMap((t) => (t.account ? [t.account] : []))),
  };
}
