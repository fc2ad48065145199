import type { z } from 'zod';
import type { reminderCalls } from '../../shared/contract/reminder-calls.js';
import { defaultReminderTiers, normaliseTiers, type ReminderTier } from '../../shared/reminders.js';
import type { MetadataStore } from '../vault/metadata-store.js';
import { tiersOf } from './schedule.js';

type Output<M extends keyof typeof reminderCalls> = z.output<(typeof reminderCalls)[M]['output']>;
/** A token's reminder settings as the contract shows them. */
export type TokenSettings = Output<'setReminderSettings'>;
/** The desktop app's settings: keep running in the tray, start at login. */
export type DesktopSettings = Output<'setDesktopSettings'>;

/** A token's reminder settings as the contract shows them (its own lead times, or the defaults). */
const tokenSettings = (
  tokenId: string,
  state: { tiers?: ReminderTier[] | undefined; muted: boolean } | undefined,
): TokenSettings => ({
  tokenId,
  tiers: tiersOf(state),
  customTiers: state?.tiers !== undefined,
  muted: state?.muted ?? false,
});

/** Change a token's lead times (null: back to the defaults) or mute it; null when there is no such token. */
export const setTokenSettings = (
  store: MetadataStore,
  tokenId: string,
  { tiers, muted }: { tiers?: ReminderTier[] | null; muted?: boolean },
): Promise<TokenSettings | null> =>
  store.update((vault) => {
    if (!vault.tokens[tokenId]) return null;
    const next = { ...(vault.reminders.tokens[tokenId] ?? { muted: false }) };
    if (tiers === null) delete next.tiers;
    else if (tiers !== undefined) next.tiers = normaliseTiers(tiers);
    if (muted !== undefined) next.muted = muted;
    vault.reminders.tokens[tokenId] = next;
    return tokenSettings(tokenId, next);
  });

/** The default lead times, every token's own settings, and the desktop settings. */
export async function reminderSettings(store: MetadataStore): Promise<Output<'getReminderSettings'>> {
  const { reminders } = await store.read();
  return {
    defaultTiers: [...defaultReminderTiers],
    tokens: Object.entries(reminders.tokens).map(([tokenId, state]) => tokenSettings(tokenId, state)),
    desktop: { keepInTray: reminders.keepInTray, startAtLogin: reminders.startAtLogin },
  };
}

/** Change the desktop settings given (an undefined one stays as it is); answers them all. */
export const setDesktopSettings = (store: MetadataStore, change: Partial<DesktopSettings>): Promise<DesktopSettings> =>
  store.update((vault) => {
    Object.assign(vault.reminders, Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)));
    return { keepInTray: vault.reminders.keepInTray, startAtLogin: vault.reminders.startAtLogin };
  });
