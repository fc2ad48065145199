// Benchmark (README.md, 'Benchmarks'): `lapse team` over 1,000 machines' JSON reports (reading, validating, checking
// each integrity line, merging, judging, shared tokens, trend-free) against reading and
// JSON.parse of the same files — the least any merge must do. Goal: under 2 s.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectReport } from '../electron/report/collect-report.js';
import { renderJson } from '../electron/report/render-json.js';
import { buildTeamView } from '../electron/report/team-build.js';
import { vaultFileSchema } from '../electron/vault/vault-file.js';
import { medianMs } from './measure.js';
import { syntheticRecords } from './synthetic-records.js';

const machines = 1_000;
const tokensPerMachine = 20;
const now = Date.parse('2026-11-27T12:00:00Z');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lapse-bench-team-'));
const fingerprint = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);

try {
  const base = syntheticRecords(tokensPerMachine, now);
  let bytes = 0;
  const files: string[] = [];
  for (let m = 0; m < machines; m += 1) {
    // Each machine its own secrets (fingerprints); one in fifty also holds the team's shared deploy key.
    const records = base.map((r, i) => ({
      ...r,
      id: `${r.id.slice(0, 24)}${(m * 100 + i).toString(16).padStart(12, '0')}`,
      fingerprint: m % 50 === 0 && i === 0 ? 'deadbeef' : fingerprint(`${m}/${i}`),
    }));
    const vault = vaultFileSchema.parse({
      version: 1,
      tokens: Object.fromEntries(records.map((r) => [r.id, r])),
      policy: {},
    });
    const text = renderJson(collectReport(vault, now, {}, { machine: `box-${m}`, person: `dev-${m % 97}` }));
    const file = path.join(dir, `box-${m}`, '2026-11-27.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    files.push(file);
    bytes += text.length;
  }

  let sink = 0;
  const parseMs = medianMs(() => {
    for (const file of files)
      sink += (JSON.parse(fs.readFileSync(file, 'utf8')) as { tokens: unknown[] }).tokens.length;
  }, 3);
  let machinesSeen = 0;
  const mergeMs = medianMs(() => {
    const view = buildTeamView({ paths: [dir], now });
    machinesSeen = view.totals.machines;
    sink += view.check.failing.length;
  }, 3);
  console.log(
    `bench team: ${machines} reports, ${machines * tokensPerMachine} tokens, ${(bytes / 1024 / 1024).toFixed(1)} MB (checksum ${sink % 997}, ${machinesSeen} machines merged)`,
  );
  const verdict = mergeMs < 2000 ? 'meets' : 'MISSES';
  console.log(
    `lapse team merge of ${machines} reports: ${mergeMs.toFixed(0)} ms vs read + JSON.parse of the same files ${parseMs.toFixed(0)} ms = ${(mergeMs / parseMs).toFixed(2)}× (goal < 2000 ms: ${verdict})`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
