import type { RotationGuide } from '../../shared/contract/rotation-calls.js';
import type { TokenRecord } from '../../shared/model.js';
import type { ProviderSession } from '../providers/provider-session.js';
import { byHandHint, tokensOf } from './confirm-hints.js';

/** The steps of a rotation by hand: create the replacement with the same scopes, give it to Lapse. */
export function rotationGuide(record: TokenRecord, session: ProviderSession): RotationGuide {
  const createLink = session.createLink(record);
  const manageLink = session.manageLink(record);
  const scopes = record.grantedScopes ?? record.scopes;
  return {
    createLink,
    manageLink,
    scopes,
    steps: [
      `Create a replacement ${createLink ? `at ${createLink}` : "in the provider's settings"}${record.account ? `, signed in as ${record.account}` : ''}.`,
      scopes.length
        ? `Give it the same scopes: ${scopes.join(', ')} (no more).`
        : 'Give it only the access its purpose needs.',
      session.adapterOf(record)
        ? 'Paste the new value into Lapse: it verifies it, stores it, and only then revokes the old one.'
        : `Check the new value works, then paste it into Lapse (it cannot verify ${tokensOf(record.provider)}); revoke the old one by hand, then ${byHandHint(record.id)}.`,
    ],
  };
}
