/**
 * The provider could not give an answer (timeout, outage, rate limit, unreadable body). Says
 * nothing about the token: never a reason to mark it revoked or disconnected.
 */
export class TransientFault extends Error {
  constructor(
    message: string,
    /** When trying again makes sense (ms since epoch), if the provider said. */
    readonly retryAt: number | null = null,
  ) {
    super(message);
    this.name = 'TransientFault';
  }
}
