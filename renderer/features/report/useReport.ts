import { useCallback, useState } from 'react';
import type { HygieneReport, PolicyCheck } from '../../../shared/api.js';
import { lapseApi } from '../../api/lapse-api.js';
import { useAnswerEffect } from '../../lib/useAnswerEffect.js';

export interface ReportState {
  /** Null until the first answer. */
  report: HygieneReport | null;
  /** What `lapse check` says under the vault's policy: the failing findings by name. */
  check: PolicyCheck | null;
  /** The service's message when either could not be read. */
  error: string | null;
  loading: boolean;
  reload(): Promise<void>;
}

const ask = () => Promise.all([lapseApi.getReportData({}), lapseApi.checkPolicy({})]);

/** The hygiene report and the policy check, read together on mount and on demand. */
export function useReport(): ReportState {
  const [report, setReport] = useState<HygieneReport | null>(null);
  const [check, setCheck] = useState<PolicyCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const apply = useCallback(([data, policy]: Awaited<ReturnType<typeof ask>>) => {
    if (data.ok) setReport(data.value);
    if (policy.ok) setCheck(policy.value);
    const failed = [data, policy].find((r) => !r.ok);
    setError(failed && !failed.ok ? failed.error.message : null);
    setLoading(false);
  }, []);

  const reload = useCallback(async () => {
    setLoading(true);
    apply(await ask());
  }, [apply]);

  useAnswerEffect(ask, [], apply);

  return { report, check, error, loading, reload };
}
