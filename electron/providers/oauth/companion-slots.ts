import type { CompanionSlot } from '../provider.js';

/** Every companion slot a token may have in the keychain. */
export const companionSlots: readonly CompanionSlot[] = ['client', 'refresh'];

/** The keychain account of a token's companion secret: `<id>#client`, `<id>#refresh`. */
export const companionAccount = (id: string, slot: CompanionSlot): string => `${id}#${slot}`;
