import type { AuthorizeGuide } from '../../shared/contract/authorize-calls.js';
import type { TokenRecord } from '../../shared/model.js';
import type { ProviderSession } from '../providers/provider-session.js';

/** What the guide needs of a token: an existing one, or the one about to be created. */
export type GuideSubject = Pick<TokenRecord, 'provider' | 'baseUrl' | 'kind' | 'label' | 'account'>;

/** A query value, with the commas between scopes kept as the providers' own examples write them. */
const scopeList = (scopes: string[]) => scopes.map(encodeURIComponent).join(',');

/**
 * The create page with the scopes filled in, where the provider's URL takes them:
 * - GitHub classic tokens: `/settings/tokens/new?description=…&scopes=repo,delete:packages`
 *   (the form GitHub's own links use; fine-grained tokens take no parameters since GitHub removed
 *   that prefill from its docs, github/docs#44419).
 * - GitLab: `…/personal_access_tokens?name=…&scopes=api,read_user` (docs.gitlab.com, "Prefill
 *   personal access token name and scopes"; gitlab-org/gitlab!64897).
 * - npm: no parameters; the person picks them on the page.
 */
export function prefilled(link: string, record: GuideSubject, scopes: string[]): string {
  const url = new URL(link);
  const params: string[] = [];
  if (record.provider === 'github' && url.pathname.endsWith('/settings/tokens/new'))
    params.push(`description=${encodeURIComponent(record.label)}`);
  else if (record.provider === 'gitlab') params.push(`name=${encodeURIComponent(record.label)}`);
  else return url.href;
  if (scopes.length) params.push(`scopes=${scopeList(scopes)}`);
  url.search = params.join('&');
  return url.href;
}

/** Authorize, for a provider with no OAuth for personal tokens: the guided steps, scopes = the declared purpose. */
export function guideToAuthorize(
  record: GuideSubject,
  session: ProviderSession,
  scopes: string[],
  replacing: boolean,
): AuthorizeGuide {
  // createLink reads only the provider, base URL and kind.
  const link = session.createLink(record as TokenRecord);
  const createLink = link ? prefilled(link, record, scopes) : null;
  return {
    createLink,
    scopes,
    steps: [
      `Create a new token ${createLink ? `at ${createLink}` : "in the provider's settings"}${record.account ? `, signed in as ${record.account}` : ''}.`,
      scopes.length
        ? `Give it exactly these scopes: ${scopes.join(', ')} (its declared purpose; no more).`
        : 'Give it only the access its purpose needs.',
      replacing
        ? 'Give the new value to Lapse (on stdin to lapse reauthorize, or in the window): it verifies it, stores it, and only then revokes the old one.'
        : 'Give it to Lapse (on stdin to lapse authorize, or Add token in the window): it goes to the OS keychain, and lapse verify checks it.',
    ],
  };
}
