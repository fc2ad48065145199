import { useCallback, useState } from 'react';
import type { TeamView } from '../../../shared/api.js';
import { lapseApi } from '../../api/lapse-api.js';

export interface TeamRequest {
  folder: string;
  policyFile: string;
}

export interface TeamState {
  request: TeamRequest;
  view: TeamView | null;
  error: string | null;
  loading: boolean;
  open(request: TeamRequest): Promise<void>;
}

// What was last opened, kept for this session so coming back to the view shows it again.
let last: { request: TeamRequest; view: TeamView | null } = { request: { folder: '', policyFile: '' }, view: null };

/** The team view of a folder of reports, read through the contract (the service reads the files). */
export function useTeam(): TeamState {
  const [request, setRequest] = useState<TeamRequest>(last.request);
  const [view, setView] = useState<TeamView | null>(last.view);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const open = useCallback(async (next: TeamRequest) => {
    setRequest(next);
    setLoading(true);
    setError(null);
    const policyFile = next.policyFile.trim();
    const answer = await lapseApi.getTeamView({ paths: [next.folder.trim()], ...(policyFile ? { policyFile } : {}) });
    setLoading(false);
    if (answer.ok) {
      setView(answer.value);
      last = { request: next, view: answer.value };
    } else {
      setError(answer.error.message);
    }
  }, []);

  return { request, view, error, loading, open };
}
