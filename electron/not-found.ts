import { fail } from '../shared/result.js';

/** The answer for a token id the vault does not hold: what happened and what to do. */
export const tokenNotFound = (id: string) => fail('not-found', `No token with id ${id}. List tokens to see the ids.`);
