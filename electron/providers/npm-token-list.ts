import type { ProviderHttp } from './provider-http.js';
import { jsonObject, text, type JsonObject } from './provider-answer.js';
import { TransientFault } from './transient-fault.js';

/** At most this many pages of the token list (npm pages on `urls.next`). */
const maxPages = 10;

export type TokenListing = { kind: 'listed'; tokens: JsonObject[] } | { kind: 'refused'; status: number } | { kind: 'unavailable'; why: string };

/** Every token npm lists for the token's user, or why it can't be read; never throws for a fault. */
export async function npmTokenList(http: ProviderHttp, authorization: string): Promise<TokenListing> {
  const tokens: JsonObject[] = [];
  let path: string | null = '/-/npm/v1/tokens';
  try {
    for (let page = 0; path && page < maxPages; page++) {
      const answer = await http.request({ method: 'GET', path, headers: { authorization }, retry: true });
      if (answer.status === 401 || answer.status === 403) return { kind: 'refused', status: answer.status };
      if (answer.status !== 200) return { kind: 'unavailable', why: `HTTP ${answer.status}` };
      const body = jsonObject(answer, 'npm');
      const objects = Array.isArray(body['objects']) ? body['objects'] : [];
      tokens.push(...objects.filter((o): o is JsonObject => typeof o === 'object' && o !== null && !Array.isArray(o)));
      const urls = body['urls'];
      path = typeof urls === 'object' && urls !== null ? text((urls as JsonObject)['next']) : null;
    }
  } catch (error) {
    // A next page on another origin is refused by the client with a plain Error: report it, don't follow it.
    return { kind: 'unavailable', why: error instanceof TransientFault ? error.message : (error as Error).message };
  }
  return { kind: 'listed', tokens };
}

/** The visible beginning and end of a listed token (`npm_1f…`, `npm_1f…a9c2`, or just the beginning). */
function visibleParts(shown: string): { head: string; tail: string } {
  const [head = '', tail = ''] = shown.split(/…|\.\.\./);
  return { head, tail };
}

/** The listed tokens whose visible characters fit this secret; only 6 or more visible characters count. */
export function listedMatches(secret: string, tokens: JsonObject[]): JsonObject[] {
  return tokens.filter((token) => {
    const shown = text(token['token']);
    if (!shown) return false;
    const { head, tail } = visibleParts(shown);
    return head.length + tail.length >= 6 && secret.startsWith(head) && secret.endsWith(tail) && head.length + tail.length < secret.length;
  });
}
