import type { Keychain } from './keychain.js';

/** Secrets kept beside a token in the keychain: its OAuth (or Slack app) client, its refresh token. */
export type CompanionSlot = 'client' | 'refresh';

/** Every companion slot a token may have in the keychain. */
export const companionSlots: readonly CompanionSlot[] = ['client', 'refresh'];

/**
 * Every keychain entry a token may have, all under the one keychain service, each named here only:
 * `<id>` its current value; `<id>#client` and `<id>#refresh` its companions; `<id>#pending` and
 * `<id>#pending-refresh` a rotation's new value (and refresh token) until it is promoted;
 * `<id>#previous` the value a rotation replaced, until it is confirmed dead.
 */
export const slotOf = {
  current: (id: string) => id,
  companion: (id: string, slot: CompanionSlot) => `${id}#${slot}`,
  pending: (id: string) => `${id}#pending`,
  pendingRefresh: (id: string) => `${id}#pending-refresh`,
  previous: (id: string) => `${id}#previous`,
};

/** The keychain account of a token's companion secret: `<id>#client`, `<id>#refresh`. */
export const companionAccount = slotOf.companion;

/** A rotation's new value and its refresh token, before promotion. */
export const pendingSlotsOf = (id: string): string[] => [slotOf.pending(id), slotOf.pendingRefresh(id)];

/** The slots of a rotation in flight: the new value, its refresh token, the replaced value. */
export const rotationSlotsOf = (id: string): string[] => [...pendingSlotsOf(id), slotOf.previous(id)];

/** The token's own value and its companions: what a confirmed revocation leaves no reason to keep. */
export const ownSlotsOf = (id: string): string[] => [
  slotOf.current(id),
  ...companionSlots.map((slot) => slotOf.companion(id, slot)),
];

/** Delete every keychain entry this token may have (a token gone for good). */
export async function deleteEverySlot(keychain: Keychain, id: string): Promise<void> {
  for (const account of [...ownSlotsOf(id), ...rotationSlotsOf(id)]) await keychain.delete(account);
}
