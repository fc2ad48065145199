import { TeamFindings } from './TeamFindings.js';
import { TeamFolderForm } from './TeamFolderForm.js';
import { TeamMachines, TeamProviders } from './TeamMachines.js';
import { TeamSummary } from './TeamSummary.js';
import { TeamTrend } from './TeamTrend.js';
import { useTeam } from './useTeam.js';

/** The team view: many machines' reports, from a folder on this computer, merged as `lapse team` does. */
export function TeamView() {
  const { request, view, error, loading, open } = useTeam();
  return (
    <section className="report team" aria-labelledby="team-title" aria-busy={loading}>
      <div className="report-heading">
        <h2 id="team-title">Team</h2>
        <p className="hint">
          The hygiene of every machine, from the reports your team shares (a git repository, a shared folder, CI
          artifacts). Lapse reads them here; nothing is uploaded, and no report holds a secret.
        </p>
      </div>
      <TeamFolderForm request={request} loading={loading} onOpen={(next) => void open(next)} />
      {error && (
        <div className="banner banner-critical" role="alert">
          <div className="banner-text">
            <h3>The reports could not be read</h3>
            <p>{error}</p>
          </div>
        </div>
      )}
      {view && (
        <div className="team-body">
          <TeamSummary view={view} />
          {view.machines.length > 0 && <TeamMachines view={view} />}
          {view.trend && <TeamTrend trend={view.trend} />}
          {view.providers.length > 0 && <TeamProviders view={view} />}
          <TeamFindings view={view} />
        </div>
      )}
    </section>
  );
}
