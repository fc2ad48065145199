/**
 * The provider could not give an answer (timeout, outage, rate limit, unreadable body). Says
 * nothing about the token: never a reason to mark it revoked or disconnected.
 */
export class TransientFault extends Error {
  constructor(
    message: string,
    /** When trying again makes sense (ms since epoch), if the provider said. */
    readonly retryAt: number | null = null,
    /** The provider turned the request away for its rate limit (429, or not sent inside a window): it did not act on it. */
    readonly rateLimited = false,
  ) {
    super(message);
    this.name = 'TransientFault';
  }
}

/** A fault's words for inside parentheses or mid-sentence: without its own closing full stop. */
export const faultClause = (message: string): string => message.trim().replace(/\.$/, '');
