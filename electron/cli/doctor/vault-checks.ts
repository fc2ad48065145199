import fs from 'node:fs';
import type { LapseApi } from '../../../shared/api.js';
import { unfinishedJournals } from '../../lifecycle/rotation-journal.js';
import { check, type DoctorCheck } from './check.js';

/** The vault folder, the tokens whose secrets are missing from this keychain, and rotations left half-way. */
export async function vaultChecks(api: LapseApi, home: string, keychainUsable: boolean): Promise<DoctorCheck[]> {
  const folder = vaultFolderCheck(home);
  if (folder) return [folder];
  const state = await api.getVaultState({});
  if (!state.ok) return [check('vault', 'fail', `Vault: ${state.error.message}`)];
  const { tokenCount, recovery } = state.value;
  const checks: DoctorCheck[] = [
    check(
      'vault',
      recovery ? 'warn' : 'ok',
      `Vault: ${home}, ${tokenCount} token${tokenCount === 1 ? '' : 's'}`,
      recovery ? { detail: [recovery.message] } : {},
    ),
  ];
  if (tokenCount > 0) checks.push(await secretsCheck(api, keychainUsable));
  const stalled = stalledRotationsCheck(home);
  if (stalled) checks.push(stalled);
  return checks;
}

/** A failing check when the vault folder cannot be created or written; nothing when it can. */
function vaultFolderCheck(home: string): DoctorCheck | undefined {
  try {
    fs.mkdirSync(home, { recursive: true, mode: 0o700 });
    fs.accessSync(home, fs.constants.W_OK);
    return undefined;
  } catch (error) {
    return check(
      'vault',
      'fail',
      `Vault folder ${home} cannot be written: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      { fix: ["Choose another with --home DIR or LAPSE_HOME, or fix the folder's owner and permissions."] },
    );
  }
}

/** Whether this keychain holds the secret of every token the vault lists. */
async function secretsCheck(api: LapseApi, keychainUsable: boolean): Promise<DoctorCheck> {
  if (!keychainUsable) return check('secrets', 'skipped', 'Secrets: not checked (no usable keychain)');
  const found = await api.checkSecrets({});
  if (!found.ok) return check('secrets', 'fail', `Secrets: ${found.error.message}`);
  const { missing, checked } = found.value;
  if (missing.length === 0)
    return check(
      'secrets',
      'ok',
      `Secrets: the keychain holds all ${checked} token${checked === 1 ? '' : 's'}' values`,
    );
  return check('secrets', 'fail', `Secrets: ${missing.length} of ${checked} tokens have no entry in this keychain`, {
    detail: [
      missing.length === checked
        ? 'None is there: Lapse is most likely running with another keyring than the one they were stored in (e.g. a throw-away test keyring). Start it with your usual keyring.'
        : 'Their entries were removed from the keyring, or they were stored in another one.',
    ],
    fix: [
      'Put a value back: the window\'s "Restore the value" in the token\'s panel (Lapse checks it is the same value by its fingerprint).',
      'Or delete the record: lapse rm ID (restorable for 30 days).',
      `Missing: ${missing.map((id) => id.slice(0, 8)).join(', ')}`,
    ],
  });
}

/** A warning naming each rotation a crash or a quit left half-way; nothing when there is none. */
function stalledRotationsCheck(home: string): DoctorCheck | undefined {
  const stalled = unfinishedJournals(home);
  if (!stalled.length) return undefined;
  return check(
    'rotations',
    'warn',
    `${stalled.length} rotation${stalled.length === 1 ? ' was' : 's were'} left half-way`,
    {
      detail: stalled.map(
        (j) => `${j.tokenId.slice(0, 8)}: ${j.kind} rotation at step "${j.step}", started ${j.history[0]?.at ?? '?'}`,
      ),
      fix: [
        'lapse rotate ID             # carry it on (verify the new value, then replace the old one)',
        'lapse rotate ID --discard   # drop the new value; the current one stays',
      ],
    },
  );
}
