import type { LapseApi } from '../../shared/api.js';
import { UsageError } from './exit-codes.js';
import { CallFailed, unwrap } from './output.js';

/** A full id, or a unique prefix of one (the list shows the first 8 characters). */
export async function resolveId(api: LapseApi, given: string | undefined): Promise<string> {
  if (!given) throw new UsageError('Name the token by its id (see `lapse list`).');
  const { tokens } = unwrap(await api.listTokens({}));
  const exact = tokens.find((t) => t.id === given);
  if (exact) return exact.id;
  const matches = given.length >= 4 ? tokens.filter((t) => t.id.startsWith(given.toLowerCase())) : [];
  if (matches.length === 1 && matches[0]) return matches[0].id;
  if (matches.length > 1) throw new UsageError(`"${given}" matches ${matches.length} tokens; give more of the id.`);
  throw new CallFailed({ code: 'not-found', message: `No token with id ${given}. See \`lapse list\`.` });
}
