import { isoDay } from '../../shared/countdown.js';
import { providerNames, type TokenRecord } from '../../shared/model.js';

/** Step by step, for a token the person must revoke in the provider's own settings. */
export function revokeInstructions(record: TokenRecord, link: string | null, canVerify: boolean): string[] {
  const name = providerNames[record.provider];
  return [
    `Open ${link ?? `${name}'s token settings`} and sign in as ${record.account ?? "the token's owner"}.`,
    `Find the token "${record.label}" (${record.masked}, added ${isoDay(record.createdAt)}) and revoke or delete it there.`,
    canVerify
      ? `Then confirm in Lapse (\`lapse revoke ${record.id}\` again): Lapse marks it revoked only once a verify shows it dead.`
      : `Lapse cannot verify ${name} tokens, so it keeps this one as revocation-pending; once it is revoked there, remove it with \`lapse rm ${record.id}\`.`,
  ];
}
