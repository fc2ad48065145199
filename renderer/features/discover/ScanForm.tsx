import { useId, useState, type FormEvent } from 'react';
import type { StartScanInput } from '../../../shared/api.js';
import { foldersFrom, relativeFolder } from './scanWords.js';

interface ScanFormProps {
  /** A scan is starting or running: the form waits. */
  busy: boolean;
  onScan(input: StartScanInput): void;
}

/** What to scan: the known locations (on by default) and any folders, one per line. */
export function ScanForm({ busy, onScan }: ScanFormProps) {
  const id = useId();
  const [knownLocations, setKnownLocations] = useState(true);
  const [history, setHistory] = useState(false);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const folders = foldersFrom(text);
  const nothingChosen = !knownLocations && folders.length === 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const relative = relativeFolder(folders);
    if (relative !== undefined) {
      setProblem(`“${relative}” is not a full path: start it with / or ~/ (for example ~/code/app).`);
      document.getElementById(`${id}-folders`)?.focus();
      return;
    }
    if (history && folders.length === 0) {
      setProblem('Name the repositories whose git history to read, one per line.');
      document.getElementById(`${id}-folders`)?.focus();
      return;
    }
    setProblem(null);
    onScan({ knownLocations, paths: folders, gitHistory: history ? folders : [] });
  };

  return (
    <form className="panel-form scan-form" aria-labelledby={`${id}-title`} onSubmit={submit} noValidate>
      <h3 id={`${id}-title`}>Where to look</h3>
      <div className="field checkbox">
        <input
          id={`${id}-known`}
          type="checkbox"
          checked={knownLocations}
          onChange={(e) => setKnownLocations(e.target.checked)}
          aria-describedby={`${id}-known-hint`}
        />
        <label htmlFor={`${id}-known`}>Known locations (~/.npmrc, gh, .netrc, …)</label>
      </div>
      <p className="hint scan-known-hint" id={`${id}-known-hint`}>
        ~/.npmrc, gh&rsquo;s hosts.yml, ~/.netrc, ~/.git-credentials, Docker&rsquo;s config.json, ~/.pypirc,
        ~/.aws/credentials, glab&rsquo;s config.yml, and your shell&rsquo;s startup and history files.
      </p>
      <div className="field">
        <label htmlFor={`${id}-folders`}>Folders to scan too</label>
        <textarea
          id={`${id}-folders`}
          className="scan-folders"
          rows={3}
          value={text}
          placeholder={'~/code/my-app\n/srv/deploy'}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={`${id}-folders-hint`}
          aria-invalid={problem !== null}
          spellCheck={false}
          autoComplete="off"
        />
        <p className="hint" id={`${id}-folders-hint`}>
          One per line, as a full path or under ~/. Folders are read recursively, every .env file and text file in them;
          node_modules, .git and binary files are skipped.
        </p>
      </div>
      <div className="field checkbox">
        <input
          id={`${id}-history`}
          type="checkbox"
          checked={history}
          onChange={(e) => setHistory(e.target.checked)}
          aria-describedby={`${id}-history-hint`}
        />
        <label htmlFor={`${id}-history`}>Their git history too</label>
      </div>
      <p className="hint scan-known-hint" id={`${id}-history-hint`}>
        Every commit&rsquo;s added lines, on every branch: a token removed later is still in the history, so still
        exposed to anyone with a clone. Each folder must be a git repository.
      </p>
      <p className="form-problem" role="alert">
        {problem}
      </p>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || nothingChosen}>
          Scan
        </button>
        {nothingChosen && <p className="hint scan-nothing">Tick the known locations or name a folder.</p>}
      </div>
    </form>
  );
}
