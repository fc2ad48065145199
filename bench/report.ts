// Benchmark (README.md, 'Benchmarks'): writing the hygiene report of a 1,000-token vault, in each format, against
// what `lapse list --json` does with the same vault (judge every token, print it as JSON).
import { collectReport } from '../electron/report/collect-report.js';
import { reportFile } from '../electron/report/report-formats.js';
import { viewToken } from '../electron/vault/token-view.js';
import { vaultFileSchema } from '../electron/vault/vault-file.js';
import { reportFormats } from '../shared/contract/report-calls.js';
import { medianMs, report } from './measure.js';
import { syntheticRecords } from './synthetic-records.js';

const count = 1_000;
const now = Date.parse('2026-11-27T12:00:00Z');
const records = syntheticRecords(count, now);
const vault = vaultFileSchema.parse({
  version: 1,
  tokens: Object.fromEntries(records.map((r) => [r.id, r])),
  policy: {},
});

let sink = 0;
const listMs = medianMs(() => {
  sink += JSON.stringify(
    records.map((r) => viewToken(r, now, vault.policy)),
    null,
    2,
  ).length;
});
console.log(`bench report: ${count} tokens (checksum ${sink % 997})`);
for (const format of reportFormats) {
  let size = 0;
  const ms = medianMs(() => {
    size = reportFile(collectReport(vault, now, {}, { machine: 'bench-host' }), format).content.length;
  });
  console.log(
    `${report(`report --format ${format} (${(size / 1024).toFixed(0)} KiB)`, ms, 'list --json of the same vault', listMs, 5)}`,
  );
}
