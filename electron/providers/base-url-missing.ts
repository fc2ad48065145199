/** A token whose provider needs an address Lapse was never given: nothing was called, the user sets the base URL. */
export class BaseUrlMissing extends Error {
  readonly code = 'invalid-input';
  override name = 'BaseUrlMissing';
}
