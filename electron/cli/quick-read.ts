import fs from 'node:fs';
import path from 'node:path';
import { ok, type Result } from '../../shared/result.js';
import { byUrgency } from '../../shared/urgency.js';
import { viewToken } from '../vault/token-view.js';
import { addIntentFolder } from '../vault/add-intents.js';
import { reauthorizeFolder } from '../authorize/reauthorize-folder.js';
import { ensurePrivateHome } from '../vault/private-home.js';
import { vouchedVault } from '../vault/vouched-vault.js';

/** Any rotation journal not at its last step: the full service must carry it forward first. */
function rotationsPending(home: string): boolean {
  let names: string[];
  try {
    names = fs.readdirSync(path.join(home, 'journal')).filter((n) => n.endsWith('.json'));
  } catch {
    return false;
  }
  return names.some((name) => {
    try {
      return (
        (JSON.parse(fs.readFileSync(path.join(home, 'journal', name), 'utf8')) as { step?: unknown }).step !==
        'finished'
      );
    } catch {
      return true;
    }
  });
}

/** An add or a reauthorization that may have died half-way: the full service settles it first. */
function unsettledWork(home: string): boolean {
  for (const folder of [addIntentFolder(home), reauthorizeFolder(home)]) {
    try {
      if (fs.readdirSync(folder).length > 0) return true;
    } catch {
      // no such folder: nothing waits there
    }
  }
  return false;
}

/** A folder the full service would refuse (others can write it): let it say so, with the fix. */
function homeRefused(home: string): boolean {
  try {
    ensurePrivateHome(home);
    return false;
  } catch {
    return true;
  }
}

/**
 * `listTokens` and `getToken` without loading the service or its schemas, when that gives the same
 * answer: the vault file is exactly the content the store last validated (vault-stamp.ts) and no
 * rotation or add is waiting to be carried forward, and the folder is private. Null otherwise: the caller then asks the full service.
 */
export function quickRead(
  home: string,
  now: number,
  call: 'listTokens' | 'getToken',
  input: { id?: string },
): Result<unknown> | null {
  if (homeRefused(home) || rotationsPending(home) || unsettledWork(home)) return null;
  const vault = vouchedVault(home);
  if (!vault) return null;
  const policy = vault.policy ?? {};
  if (call === 'getToken') {
    const record = input.id !== undefined && Object.hasOwn(vault.tokens, input.id) ? vault.tokens[input.id] : undefined;
    return record ? ok(viewToken(record, now, policy)) : null;
  }
  const tokens = Object.values(vault.tokens)
    .map((record) => viewToken(record, now, policy))
    .sort(byUrgency);
  return ok({ tokens, evaluatedAt: new Date(now).toISOString() });
}

/** Whether rotations wait to be carried forward: then every call goes through the full service. */
export { rotationsPending };
