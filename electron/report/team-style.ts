import { reportStyle } from './report-style.js';

/** The team view's stylesheet: the hygiene report's, and what the team view adds (chart, wide tables). */
export const teamStyle = `${reportStyle}
.trend-chart{width:100%;max-width:760px;height:auto;display:block;margin:4px 0 8px}
.trend-chart text{font-size:12px;fill:var(--ink)}
.trend-chart .axis{fill:var(--muted);font-size:11px}
.trend-chart .count{font-size:11px;font-variant-numeric:tabular-nums;fill:var(--muted)}
.trend-chart .zero{stroke:#98a2b3;stroke-width:1}
main{max-width:1280px}
.wide{overflow-x:auto}
.wide table{font-size:13px}
.wide th{white-space:normal}
.better{color:#067647;font-weight:600}
.worse{color:#b42318;font-weight:600}
.problems li{margin:2px 0;overflow-wrap:anywhere}
.refs{color:var(--muted);font-size:11.5px;font-weight:400;line-height:1.3;min-width:90px}
.machine-cell{white-space:nowrap;min-width:150px}
.team-cards{grid-template-columns:repeat(auto-fit,minmax(118px,1fr))}
@media print{.wide{overflow:visible}}
`;
