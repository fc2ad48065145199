/** A vault folder or file Lapse must not use as it is: nothing was changed, and the message says what to do. */
export class VaultRefused extends Error {
  readonly code = 'store-unavailable';
  override name = 'VaultRefused';
}
