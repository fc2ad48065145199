import { teamViewSchema, type TeamView } from '../../shared/report/team-model.js';
import { renderTeamHtml } from './team-render-html.js';
import { renderTeamMarkdown } from './team-render-markdown.js';
import { teamSarif } from './team-sarif.js';

/** The formats `lapse team` writes. */
export const teamFormats = ['md', 'html', 'json', 'sarif'] as const;
export type TeamFormat = (typeof teamFormats)[number];

/** The team view as JSON, checked against its schema on the way out. */
export const renderTeamJson = (view: TeamView): string => `${JSON.stringify(teamViewSchema.parse(view), null, 2)}\n`;

export const teamWriters: Record<TeamFormat, (view: TeamView) => string> = {
  md: renderTeamMarkdown,
  html: renderTeamHtml,
  json: renderTeamJson,
  // Paths in SARIF are relative to where `lapse team` runs: the repository root, in CI.
  sarif: (view) => teamSarif(view, process.cwd()),
};
