/**
 * The keychain service Lapse files its entries under: LAPSE_KEYCHAIN_SERVICE where it is set and not
 * empty, else `lapse`. Every face reads it here, so the app, the browser shell and the CLI never open
 * different services (an empty variable means the default in all of them).
 */
export const keychainServiceName = (env: NodeJS.ProcessEnv): string => env['LAPSE_KEYCHAIN_SERVICE'] || 'lapse';
