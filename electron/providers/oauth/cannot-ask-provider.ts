import { TransientFault } from '../transient-fault.js';

/**
 * Lapse could not put the question to the provider: no client credentials, an issuer whose
 * metadata it refuses, a base URL that is not the token's issuer. Like a transient fault it says
 * nothing about the token, so it never marks a token rejected; the message says what to fix.
 */
export class CannotAskProvider extends TransientFault {
  constructor(message: string) {
    super(message);
    this.name = 'CannotAskProvider';
  }
}
