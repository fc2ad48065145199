import { useId, useState, type FormEvent } from 'react';
import { inElectron, lapseApi } from '../../api/lapse-api.js';
import type { TeamRequest } from './useTeam.js';

interface TeamFolderFormProps {
  request: TeamRequest;
  loading: boolean;
  onOpen(request: TeamRequest): void;
}

/** Where the reports are: a folder (picked in the desktop app, typed anywhere) and an optional team policy file. */
export function TeamFolderForm({ request, loading, onOpen }: TeamFolderFormProps) {
  const [folder, setFolder] = useState(request.folder);
  const [policyFile, setPolicyFile] = useState(request.policyFile);
  const [pickProblem, setPickProblem] = useState<string | null>(null);
  const folderId = useId();
  const policyId = useId();
  const hintId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (folder.trim()) onOpen({ folder, policyFile });
  };
  const choose = async () => {
    setPickProblem(null);
    const answer = await lapseApi.chooseReportFolder({});
    if (!answer.ok) return setPickProblem(answer.error.message);
    if (answer.value.folder) {
      setFolder(answer.value.folder);
      onOpen({ folder: answer.value.folder, policyFile });
    }
  };

  return (
    <form className="team-form" onSubmit={submit} aria-label="Reports to merge">
      <div className="team-field">
        <label htmlFor={folderId}>Folder of reports</label>
        <div className="team-field-row">
          <input
            id={folderId}
            type="text"
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
            placeholder="/path/to/team-hygiene/reports"
            aria-describedby={hintId}
            spellCheck={false}
            autoComplete="off"
            required
          />
          {inElectron && (
            <button type="button" onClick={() => void choose()} disabled={loading}>
              Choose folder…
            </button>
          )}
        </div>
        <p id={hintId} className="hint">
          The <code>.json</code> files written by <code>lapse report --format json</code>, sub-folders too.
        </p>
      </div>
      <div className="team-field">
        <label htmlFor={policyId}>
          Team policy file <span className="muted">(optional)</span>
        </label>
        <input
          id={policyId}
          type="text"
          value={policyFile}
          onChange={(e) => setPolicyFile(e.target.value)}
          placeholder="each machine's own policy"
          spellCheck={false}
          autoComplete="off"
        />
      </div>
      <div className="team-actions">
        <button type="submit" className="primary" disabled={loading || !folder.trim()}>
          {loading ? 'Reading…' : 'Open reports'}
        </button>
      </div>
      {pickProblem && (
        <p className="form-error" role="alert">
          {pickProblem}
        </p>
      )}
    </form>
  );
}
