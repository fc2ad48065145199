// Benchmark (README.md, 'Benchmarks'): judging 100,000 tokens must cost no more than twice reading them (JSON.parse).
import { evaluateToken } from '../shared/lifecycle.js';
import type { TokenRecord } from '../shared/model.js';
import { medianMs, report } from './measure.js';
import { syntheticRecords } from './synthetic-records.js';

const count = 100_000;
const now = Date.parse('2026-11-27T12:00:00Z');
const records = syntheticRecords(count, now);
const text = JSON.stringify(records);

let sink = 0;
const parseMs = medianMs(() => {
  sink += (JSON.parse(text) as TokenRecord[]).length;
});
const evaluateMs = medianMs(() => {
  for (const record of records) sink += evaluateToken(record, now).findings.length;
});

console.log(`bench evaluate: ${count} records, ${(text.length / 1e6).toFixed(1)} MB of JSON (checksum ${sink % 997})`);
console.log(report('evaluate 100k records', evaluateMs, 'JSON.parse of the same records', parseMs, 2));
