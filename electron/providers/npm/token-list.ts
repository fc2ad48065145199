import { createHash } from 'node:crypto';
import type { ProviderHttp } from '../provider-http.js';
import { jsonObject, text, type JsonObject } from '../provider-answer.js';
import { GateClosed } from '../gate-yield.js';
import { TransientFault } from '../transient-fault.js';
import { npmAuthHeaders, npmUnauthorized, type NpmUnauthorized } from './answers.js';

/** At most this many pages of the token list (npm pages on `urls.next`). */
const maxPages = 10;
/** The registry takes `perPage` 1–9999 (npm/registry docs/user/authentication.md, "Token List"): one page in practice. */
const perPage = 9999;

/** One token as the list shows it (the Token object of npm/registry docs/user/authentication.md). */
export interface ListedNpmToken {
  /** The hexadecimal sha512 of the token: what a delete names. */
  key: string;
  /** The first characters npm shows, e.g. `npm_1f` (never the token). */
  shown: string | null;
  created: string | null;
  updated: string | null;
  readonly: boolean;
  cidr: string[];
}

export type TokenListing =
  | { kind: 'listed'; tokens: ListedNpmToken[] }
  | { kind: 'refused'; status: number; why: NpmUnauthorized | null }
  | { kind: 'unavailable'; why: string };

/** The list's `key` for a token: the hexadecimal sha512 of the token itself, matched exactly. */
export const npmKeyOf = (secret: string): string => createHash('sha512').update(secret).digest('hex');

const listed = (o: JsonObject): ListedNpmToken | null => {
  const key = text(o['key']);
  if (!key || !/^[0-9a-f]{128}$/i.test(key)) return null;
  const date = (v: unknown) =>
    text(v) && !Number.isNaN(Date.parse(text(v) as string)) ? new Date(text(v) as string).toISOString() : null;
  return {
    key: key.toLowerCase(),
    shown: text(o['token']),
    created: date(o['created']),
    updated: date(o['updated']),
    readonly: o['readonly'] === true,
    cidr: Array.isArray(o['cidr_whitelist'])
      ? o['cidr_whitelist'].filter((c): c is string => typeof c === 'string')
      : [],
  };
};

/** Every token npm lists for the token's user, or why it can't be read; never throws for a fault. */
export async function npmTokenList(http: ProviderHttp, secret: string): Promise<TokenListing> {
  const tokens: ListedNpmToken[] = [];
  let path: string | null = `/-/npm/v1/tokens?perPage=${perPage}`;
  try {
    for (let page = 0; path && page < maxPages; page++) {
      const answer = await http.request({ method: 'GET', path, headers: npmAuthHeaders(secret), retry: true });
      if (answer.status === 401 || answer.status === 403)
        return { kind: 'refused', status: answer.status, why: answer.status === 401 ? npmUnauthorized(answer) : null };
      if (answer.status !== 200) return { kind: 'unavailable', why: `HTTP ${answer.status}` };
      const body = jsonObject(answer, 'npm');
      const objects = Array.isArray(body['objects']) ? body['objects'] : [];
      for (const o of objects) {
        const token = typeof o === 'object' && o !== null && !Array.isArray(o) ? listed(o as JsonObject) : null;
        if (token) tokens.push(token);
      }
      const urls = body['urls'];
      path = typeof urls === 'object' && urls !== null ? text((urls as JsonObject)['next']) : null;
    }
  } catch (error) {
    // Under verify admission a rate-limit window is waited out outside the slot (gate-yield.ts): pass it on.
    if (error instanceof GateClosed) throw error;
    // A next page on another origin is refused by the client with a plain Error: report it, don't follow it.
    return { kind: 'unavailable', why: error instanceof TransientFault ? error.message : (error as Error).message };
  }
  return { kind: 'listed', tokens };
}

/** This token's own entry in the list, by its sha512 key; null when npm does not list it (a session token from `npm login`). */
export const ownEntry = (secret: string, tokens: ListedNpmToken[]): ListedNpmToken | null =>
  tokens.find((t) => t.key === npmKeyOf(secret)) ?? null;
