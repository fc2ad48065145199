import type { TokenView } from '../../../shared/model.js';
import { useVerifySupport } from '../verify/useVerifySupport.js';
import { shortDate } from './dates.js';
import { providerNames } from './providers.js';
import { FactList, type Fact } from '../../lib/FactList.js';

const none = <span className="muted">—</span>;
const listed = (items: readonly string[]) => (items.length ? items.join(', ') : none);

/** A token's metadata as the person entered it (what its provider reports is in the Provider section). */
export function TokenFacts({ token }: { token: TokenView }) {
  const support = useVerifySupport();
  // The person's word settled it (recorded so), or Lapse cannot verify this provider at all.
  const byYourWord = token.revocation?.byPerson === true || (support !== null && !support.has(token.provider));
  const facts: Fact[] = [
    ['Provider', providerNames[token.provider]],
    ['Kind', token.kind || none],
    ['Purpose', token.purpose || none],
    ['Declared scopes', listed(token.scopes)],
    ['Tags', listed(token.tags)],
    ['Base URL', token.baseUrl ?? none],
    ['Expires', token.expiresAt ? shortDate(token.expiresAt) : token.expiryUnknown ? 'unknown' : 'never'],
    ['Added', shortDate(token.addedAt ?? token.createdAt)],
    // A JWT says when it was issued: its age counts from then, the wait for a verify from when it was added.
    ...(token.addedAt && token.addedAt !== token.createdAt ? [['Issued', shortDate(token.createdAt)] as Fact] : []),
    ['Last rotated', token.lastRotatedAt ? shortDate(token.lastRotatedAt) : 'never'],
    ...(token.revokedAt
      ? [
          [
            'Revoked',
            byYourWord ? `${shortDate(token.revokedAt)} · confirmed by you, not verified` : shortDate(token.revokedAt),
          ] as Fact,
        ]
      : []),
    ['Id', <code key="id">{token.id}</code>],
  ];
  return <FactList facts={facts} />;
}
