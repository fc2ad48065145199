import { useEffect, useRef, useState } from 'react';
import { lapseApi } from '../api/lapse-api.js';

/** How long after the list first paints the keychain is asked which entries are missing. */
export const secretCheckDelayMs = 1500;

/**
 * After the first paint (which reads no keychain entry), ask the keychain once which tokens'
 * entries are missing; the service marks them `secret-missing`, and the list is read again if
 * anything changed. Again whenever the keychain becomes usable (after Retry, an unlock).
 */
export function useSecretCheck(
  listed: boolean,
  keychainUsable: boolean,
  reload: () => Promise<void>,
): { missing: number | null } {
  const [missing, setMissing] = useState<number | null>(null);
  const latest = useRef(reload);
  useEffect(() => {
    latest.current = reload;
  });
  useEffect(() => {
    if (!listed || !keychainUsable) return;
    let live = true;
    const timer = setTimeout(() => {
      void lapseApi.checkSecrets({}).then((answer) => {
        if (!live || !answer.ok) return;
        setMissing(answer.value.missing.length);
        if (answer.value.changed) void latest.current();
      });
    }, secretCheckDelayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [listed, keychainUsable]);
  return { missing };
}
