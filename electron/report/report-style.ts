import { statuses } from '../../shared/model.js';
import { severityTone, statusColor } from './report-palette.js';

const tones = Object.entries(severityTone)
  .map(([tone, [fg, bg, border]]) => `.tone-${tone}{color:${fg};background:${bg};border-color:${border}}`)
  .join('\n');
const swatches = statuses.map((s) => `.sw-${s}{background:${statusColor[s]}}`).join('\n');

/** The report's one stylesheet: readable on screen, printable on A4/Letter, no external fonts. */
export const reportStyle = `
:root{color-scheme:light;--ink:#101828;--muted:#475467;--line:#eaecf0;--soft:#f9fafb}
*{box-sizing:border-box}
body{margin:0;background:#f2f4f7;color:var(--ink);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1100px;margin:0 auto;padding:32px 24px 48px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:18px;margin:0 0 12px}
h3{font-size:15px;margin:0}
section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:20px 24px;margin:0 0 20px}
.muted{color:var(--muted)}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.meta{color:var(--muted);margin:0 0 16px}
.verdict{border:1px solid;border-radius:8px;padding:10px 14px;font-weight:600;margin:0 0 20px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:12px;margin:0 0 20px}
.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 16px}
.card .n{display:block;font-size:26px;font-weight:700;line-height:1.2}
.card .k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.card .sub{display:block;color:var(--muted);font-size:12px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.breakdown{display:grid;grid-template-columns:3fr 2fr;gap:32px}
.status-bar{width:100%;height:28px;display:block;border-radius:6px;margin:4px 0 12px}
.legend{list-style:none;margin:0;padding:0;columns:2;column-gap:24px}
.legend li{display:flex;align-items:center;gap:8px;padding:2px 0;break-inside:avoid}
.legend-name{flex:1}
.legend-count{font-weight:600;font-variant-numeric:tabular-nums}
.swatch{display:inline-block;width:12px;height:12px;border-radius:3px;flex:none}
${swatches}
table{width:100%;border-collapse:collapse}
th,td{text-align:left;vertical-align:top;padding:8px 10px;border-bottom:1px solid var(--line)}
th{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.nowrap{white-space:nowrap}
.col-token{min-width:230px}
.col-scopes{min-width:150px}
.activity{font-size:12.5px}
.activity span{display:inline-block;width:58px;color:var(--muted)}
.compact td,.compact th{padding:4px 10px}
tbody tr:nth-child(even){background:var(--soft)}
.token-name{font-weight:600;overflow-wrap:anywhere}
.token-sub{color:var(--muted);font-size:12px;overflow-wrap:anywhere}
.badge{display:inline-block;border:1px solid;border-radius:999px;padding:0 8px;font-size:12px;font-weight:600;white-space:nowrap}
${tones}
.excess{color:#b42318;font-weight:600}
.timeline{width:100%;height:auto;display:block}
.timeline text{font-size:12px;fill:var(--ink)}
.timeline .axis{fill:var(--muted);font-size:11px}
.timeline .today{fill:var(--ink);font-weight:600}
.timeline .mark{font-size:11px;fill:var(--muted)}
.key{display:flex;flex-wrap:wrap;gap:16px;color:var(--muted);font-size:12px;margin:8px 0 0}
.finding-card{border-top:1px solid var(--line);padding:12px 0}
.finding-card:first-of-type{border-top:0;padding-top:0}
.finding-card ul{margin:6px 0 0;padding:0;list-style:none}
.finding-card li{display:grid;grid-template-columns:90px 170px 1fr;gap:10px;padding:3px 0}
.policy{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:8px 24px;margin:0}
.policy div{display:flex;justify-content:space-between;gap:12px;border-bottom:1px dashed var(--line);padding:4px 0}
.policy dt{color:var(--muted)}
.policy dd{margin:0;font-weight:600;text-align:right;overflow-wrap:anywhere}
footer{color:var(--muted);font-size:12px;text-align:center}
@media (max-width:800px){.breakdown{grid-template-columns:1fr}.finding-card li{grid-template-columns:1fr}}
@media print{
  @page{margin:14mm}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  body{background:#fff;font-size:10.5pt}
  main{max-width:none;padding:0}
  section,.card{border-color:#d0d5dd;box-shadow:none}
  section{break-inside:avoid-page;padding:12px 0;border:0;border-radius:0;border-top:1px solid #d0d5dd}
  .tokens,.findings{break-inside:auto}
  tr,.finding-card{break-inside:avoid}
  thead{display:table-header-group}
}
`;
