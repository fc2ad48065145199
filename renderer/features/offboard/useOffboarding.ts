import { useCallback, useRef, useState } from 'react';
import type { OffboardReceipt, OffboardSelector, ReceiptEntry, RevokeResult } from '../../../shared/api.js';
import type { TokenView } from '../../../shared/model.js';
import { offboardReceipt, receiptEntryFor } from '../../../shared/offboard-receipt.js';
import { fail, type Result } from '../../../shared/result.js';
import { lapseApi } from '../../api/lapse-api.js';
import { announceVaultChange } from '../../lib/vaultChanges.js';
import { noChoice, type SelectorChoice } from './selection.js';

/** Where one token of a run stands: not asked yet, being revoked, or its receipt line. */
export type RowState = { step: 'waiting' } | { step: 'revoking' } | { step: 'done'; entry: ReceiptEntry };

export interface OffboardRow {
  token: TokenView;
  state: RowState;
}

/** A run: the tokens as they were when confirmed, each row's progress, and the receipt once all are done. */
export interface OffboardRun {
  selector: OffboardSelector;
  rows: OffboardRow[];
  receipt: OffboardReceipt | null;
}

export interface Offboarding {
  choice: SelectorChoice;
  choose(choice: SelectorChoice): void;
  run: OffboardRun | null;
  /** Revoke `tokens` one after another; each row's state lands as its answer does. */
  start(selector: OffboardSelector, tokens: readonly TokenView[]): void;
  /** Back to choosing (after a run has finished). */
  reset(): void;
}

/** The chosen tokens (with their row) by provider, providers in the order they first appear. */
function byProvider(tokens: readonly TokenView[]): { token: TokenView; index: number }[][] {
  const groups = new Map<string, { token: TokenView; index: number }[]>();
  tokens.forEach((token, index) =>
    groups.set(token.provider, [...(groups.get(token.provider) ?? []), { token, index }]),
  );
  return [...groups.values()];
}

const transportProblem =
  'Lapse is not answering, so this token was not revoked. Start Lapse again and offboard it again.';

/** The offboarding in progress: kept above the views so leaving the page mid-run loses nothing. */
export function useOffboarding(): Offboarding {
  const [choice, setChoice] = useState<SelectorChoice>(noChoice);
  const [run, setRun] = useState<OffboardRun | null>(null);
  const running = useRef(false);

  const start = useCallback((selector: OffboardSelector, tokens: readonly TokenView[]) => {
    if (running.current) return;
    running.current = true;
    const chosen = [...tokens];
    const land = (index: number, state: RowState) =>
      setRun((r) => (r ? { ...r, rows: r.rows.map((row, i) => (i === index ? { ...row, state } : row)) } : r));
    setRun({ selector, rows: chosen.map((token) => ({ token, state: { step: 'waiting' } })), receipt: null });

    void (async () => {
      const startedAt = new Date().toISOString();
      const entries = new Map<string, ReceiptEntry>();
      // One provider at a time, as the CLI does: the service sends a provider's tokens in one request
      // where it takes a list (GitHub), else one by one; each line is final when it lands.
      for (const group of byProvider(chosen)) {
        for (const { index } of group) land(index, { step: 'revoking' });
        const done = await lapseApi
          .revokeTokens({ ids: group.map(({ token }) => token.id) })
          .catch(() => fail('transport', transportProblem));
        for (const { token, index } of group) {
          const item = done.ok ? done.value.results.find((r) => r.id === token.id) : undefined;
          const answer: Result<RevokeResult> = !done.ok
            ? done
            : item?.result
              ? { ok: true, value: item.result }
              : fail('internal', item?.error?.message ?? 'No answer for this token.');
          const entry = receiptEntryFor(token, answer);
          entries.set(token.id, entry);
          land(index, { step: 'done', entry });
        }
        announceVaultChange();
      }
      const receipt = offboardReceipt(
        selector,
        startedAt,
        new Date().toISOString(),
        chosen.map((t) => entries.get(t.id)).filter((e): e is ReceiptEntry => e !== undefined),
      );
      setRun((r) => (r ? { ...r, receipt } : r));
      running.current = false;
    })();
  }, []);

  const reset = useCallback(() => {
    if (running.current) return;
    setRun(null);
  }, []);

  return { choice, choose: setChoice, run, start, reset };
}
