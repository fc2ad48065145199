import { useCallback, useState } from 'react';
import type { PendingRotation } from '../../../shared/api.js';
import { lapseApi } from '../../api/lapse-api.js';
import { useLiveChanges } from '../../app/liveChanges.js';
import { useVaultChanges } from '../../lib/vaultChanges.js';
import { useAnswerEffect } from '../../lib/useAnswerEffect.js';

const none: ReadonlyMap<string, PendingRotation> = new Map();

/** Rotations left half-way, by token: read from the journal (no keychain), again whenever a journal or the vault changes. */
export function usePendingRotations(): ReadonlyMap<string, PendingRotation> {
  const [pending, setPending] = useState<ReadonlyMap<string, PendingRotation>>(none);
  const read = useCallback(async () => {
    const answer = await lapseApi.listPendingRotations({});
    if (answer.ok)
      setPending(answer.value.rotations.length ? new Map(answer.value.rotations.map((r) => [r.tokenId, r])) : none);
  }, []);
  useAnswerEffect(
    () => lapseApi.listPendingRotations({}),
    [],
    (answer) => {
      if (answer.ok && answer.value.rotations.length)
        setPending(new Map(answer.value.rotations.map((r) => [r.tokenId, r])));
    },
  );
  useLiveChanges(['journal'], read);
  useVaultChanges(read);
  return pending;
}
