// Benchmark (README.md, 'Benchmarks'): what reminders cost on 100,000 tokens, against judging them (evaluateToken, what `lapse list` does)
// and writing them out (JSON.stringify). A look runs once a minute; the first look and the calendar are one-offs.
import { collectDue } from '../electron/reminders/collect-due.js';
import { expiryCalendar } from '../electron/reminders/ics.js';
import { anythingToSend, remindersAt } from '../electron/reminders/reminders-now.js';
import { reminderStateSchema } from '../electron/vault/reminder-state.js';
import type { VaultFile } from '../electron/vault/vault-file.js';
import { evaluateToken } from '../shared/lifecycle.js';
import { medianMs, report } from './measure.js';
import { syntheticRecords } from './synthetic-records.js';

const count = 100_000;
const now = Date.parse('2026-11-27T12:00:00Z');
const records = syntheticRecords(count, now);
const vault = (): VaultFile => ({
  version: 1,
  tokens: Object.fromEntries(records.map((r) => [r.id, r])),
  policy: {},
  reminders: reminderStateSchema.parse({}),
  deleted: {},
});
const quiet = vault();
// After the first look everything due is marked sent: later looks find nothing, like most minutes.
collectDue(quiet, now);

let sink = 0;
const evaluateMs = medianMs(() => {
  for (const record of records) sink += evaluateToken(record, now).findings.length;
});
const lookMs = medianMs(() => {
  sink += anythingToSend(quiet, now + 60_000) ? 1 : 0;
});
const listMs = medianMs(() => {
  sink += remindersAt(quiet, now).length;
}, 3);
const firstLookMs = medianMs(() => {
  sink += collectDue(vault(), now)?.reminderIds.length ?? 0;
}, 3);
const calendarMs = medianMs(() => {
  sink += expiryCalendar(quiet, now).events;
}, 3);
const stringifyMs = medianMs(() => {
  sink += JSON.stringify(records).length;
}, 3);

console.log(
  `bench reminders: ${count} records, ${Object.keys(quiet.reminders.fired).length} reminders already sent (checksum ${sink % 997})`,
);
console.log(
  report('a notifier look that finds nothing due', lookMs, 'evaluateToken over the same records', evaluateMs, 4),
);
console.log(
  report(
    'listing every due and upcoming reminder (lapse reminders)',
    listMs,
    'evaluateToken over the same records',
    evaluateMs,
    8,
  ),
);
console.log(
  report(
    'the first look (164k reminders due, sent as one summary)',
    firstLookMs,
    'evaluateToken over the same records',
    evaluateMs,
    40,
  ),
);
console.log(
  report('the ICS calendar of every expiry', calendarMs, 'JSON.stringify of the same records', stringifyMs, 25),
);
