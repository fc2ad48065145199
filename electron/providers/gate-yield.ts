import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Set while a verification runs under VerifyAdmission: an HTTP call that would sleep out a
 * rate-limit window throws GateClosed instead, so the verification gives its slot to another
 * provider's while it waits (verify-admission.ts), and asks again once the window is over.
 */
export const gateYield = new AsyncLocalStorage<true>();

/** A rate-limit window is open for this call's bucket: wait for it outside any slot. */
export class GateClosed extends Error {
  constructor(readonly openAt: number) {
    super('A rate-limit window is open: waiting for it outside the slot.');
  }
}
