import type { AuthorizeGuide } from '../../shared/contract/authorize-calls.js';
import type { TokenRecord } from '../../shared/model.js';
import type { ProviderSession } from '../lifecycle/provider-session.js';

/**
 * The create page with the scopes filled in, where the provider's URL takes them:
 * - GitHub classic tokens: `/settings/tokens/new?scopes=repo,gist&description=…` ("Creating a
 *   personal access token (classic)" — GitHub's docs on prefilling; fine-grained tokens take none).
 * - GitLab: `…/personal_access_tokens?name=…&scopes=api,read_user` ("Personal access tokens —
 *   Prefill personal access token name and scopes", GitLab 15.5+).
 * - npm: no parameters; the person picks them on the page.
 */
/** What the guide needs of a token: an existing one, or the one about to be created. */
export type GuideSubject = Pick<TokenRecord, 'provider' | 'baseUrl' | 'kind' | 'label' | 'account'>;

function prefilled(link: string, record: GuideSubject, scopes: string[]): string {
  const url = new URL(link);
  if (record.provider === 'github' && url.pathname.endsWith('/settings/tokens/new')) {
    if (scopes.length) url.searchParams.set('scopes', scopes.join(','));
    url.searchParams.set('description', record.label);
  } else if (record.provider === 'gitlab') {
    url.searchParams.set('name', record.label);
    if (scopes.length) url.searchParams.set('scopes', scopes.join(','));
  }
  return url.href;
}

/** Authorize, for a provider with no OAuth for personal tokens: the guided steps, scopes = the declared purpose. */
export function guideToAuthorize(record: GuideSubject, session: ProviderSession, scopes: string[]): AuthorizeGuide {
  // createLink reads only the provider, base URL and kind.
  const link = session.createLink(record as TokenRecord);
  const createLink = link ? prefilled(link, record, scopes) : null;
  return {
    createLink,
    scopes,
    steps: [
      `Create a new token ${createLink ? `at ${createLink}` : "in the provider's settings"}${record.account ? `, signed in as ${record.account}` : ''}.`,
      scopes.length ? `Give it exactly these scopes: ${scopes.join(', ')} (its declared purpose; no more).` : 'Give it only the access its purpose needs.',
      'Give the new value to Lapse (on stdin to lapse reauthorize, or in the window): it verifies it, stores it, and only then revokes the old one.',
    ],
  };
}
