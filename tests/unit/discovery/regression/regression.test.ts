// The regression set (documented formats in many file contexts, and look-alikes) through a real
// scan, reading every byte and again with ripgrep choosing the regions. Prints recall and false
// alarms by kind: `npx vitest run tests/unit/discovery/regression`.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { locateRipgrep } from '../../../../electron/discovery/ripgrep.js';
import type { ScanFinding } from '../../../../shared/api.js';
import { put, scan, scanRig, type ScanRig } from '../scan-rig.js';
import { regressionSet, type Expected, type RegressionCase } from './regression-set.js';

const fingerprint = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 8);

interface Row {
  positives: number;
  found: number;
  negatives: number;
  falseAlarms: number;
  reported: number;
  wrong: number;
}

const matches = (finding: ScanFinding, want: Expected) =>
  finding.provider === want.provider &&
  (want.value === undefined || finding.fingerprint === fingerprint(want.value)) &&
  (want.kindIncludes === undefined || finding.kind.includes(want.kindIncludes));

describe('regression set: formats as documented, in many file contexts', () => {
  let rig: ScanRig;
  let cases: (RegressionCase & { file: string })[];
  let findings: ScanFinding[];
  let viaRipgrep: ScanFinding[] | undefined;

  beforeAll(async () => {
    rig = scanRig();
    cases = regressionSet().map((c, i) => {
      const folder =
        c.place === 'ssh'
          ? path.join(rig.home, '.ssh')
          : path.join(rig.work, `${c.place === 'repository' ? 'repo' : 'proj'}-${i}`);
      if (c.place === 'repository') fs.mkdirSync(path.join(folder, '.git'), { recursive: true });
      const file = c.place === 'ssh' ? path.join(folder, `${path.basename(c.path)}-${i}`) : path.join(folder, c.path);
      put(file, c.text);
      return { ...c, file };
    });
    vi.stubEnv('LAPSE_SCAN_ENGINE', 'node');
    findings = (await scan(rig.api, { paths: [rig.work, path.join(rig.home, '.ssh')] })).findings;
    if (locateRipgrep()) {
      vi.stubEnv('LAPSE_SCAN_ENGINE', 'ripgrep');
      const prefiltered = await scan(rig.api, { paths: [rig.work, path.join(rig.home, '.ssh')] });
      expect(prefiltered.engine).toBe('ripgrep');
      viaRipgrep = prefiltered.findings;
    }
    vi.unstubAllEnvs();
  }, 120_000);

  afterAll(() => rig.remove());

  it.runIf(locateRipgrep() !== null)(
    'ripgrep picking the regions to read finds exactly what reading every byte finds',
    () => {
      const key = (f: ScanFinding) => `${f.file}:${f.line}:${f.column} ${f.provider} ${f.kind} ${f.fingerprint}`;
      expect(viaRipgrep?.map(key)).toEqual(findings.map(key));
    },
  );

  it('finds every documented secret and reports nothing else', () => {
    const byFile = new Map<string, ScanFinding[]>();
    for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    const rows = new Map<string, Row>();
    const misses: string[] = [];
    const alarms: string[] = [];
    for (const c of cases) {
      const row = rows.get(c.kind) ?? { positives: 0, found: 0, negatives: 0, falseAlarms: 0, reported: 0, wrong: 0 };
      rows.set(c.kind, row);
      const reported = byFile.get(c.file) ?? [];
      row.reported += reported.length;
      if (c.expected.length === 0) {
        row.negatives++;
        if (reported.length) {
          row.falseAlarms++;
          alarms.push(`${c.kind}: ${c.label} → ${reported.map((f) => `${f.provider} ${f.kind}`).join(', ')}`);
        }
      }
      for (const want of c.expected) {
        row.positives++;
        if (reported.some((f) => matches(f, want))) row.found++;
        else
          misses.push(
            `${c.kind}: ${c.label}${reported.length ? ` (reported instead: ${reported.map((f) => `${f.provider} ${f.kind}`).join(', ')})` : ''}`,
          );
      }
      row.wrong += reported.filter((f) => !c.expected.some((want) => matches(f, want))).length;
    }
    const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)} %`);
    const lines = [...rows].map(
      ([kind, r]) =>
        `  ${kind.padEnd(42)} ${String(r.positives).padStart(5)} ${pct(r.found, r.positives).padStart(8)} ${String(r.negatives).padStart(5)} ${String(r.falseAlarms).padStart(6)} ${pct(r.reported - r.wrong, r.reported).padStart(9)}`,
    );
    const total = [...rows.values()].reduce((a, r) => ({
      positives: a.positives + r.positives,
      found: a.found + r.found,
      negatives: a.negatives + r.negatives,
      falseAlarms: a.falseAlarms + r.falseAlarms,
      reported: a.reported + r.reported,
      wrong: a.wrong + r.wrong,
    }));
    console.log(
      [
        `regression set: ${cases.length} cases (${total.positives} secrets to find, ${total.negatives} look-alike files)`,
        `  ${'kind'.padEnd(42)} ${'find'.padStart(5)} ${'recall'.padStart(8)} ${'not'.padStart(5)} ${'alarms'.padStart(6)} ${'precision'.padStart(9)}`,
        ...lines,
        `  ${'all'.padEnd(42)} ${String(total.positives).padStart(5)} ${pct(total.found, total.positives).padStart(8)} ${String(total.negatives).padStart(5)} ${String(total.falseAlarms).padStart(6)} ${pct(total.reported - total.wrong, total.reported).padStart(9)}`,
        ...(misses.length ? ['missed (first 40):', ...misses.slice(0, 40).map((m) => `  ${m}`)] : []),
        ...(alarms.length ? ['false alarms (first 40):', ...alarms.slice(0, 40).map((m) => `  ${m}`)] : []),
      ].join('\n'),
    );
    expect({ misses, alarms }).toEqual({ misses: [], alarms: [] });
    expect(total.wrong).toBe(0);
  });
});
