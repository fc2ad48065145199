import fs from 'node:fs';
import path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { renderTeamJson } from '../../../electron/report/team-formats.js';
import { teamSarif } from '../../../electron/report/team-sarif.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { sampleTeam } from '../team/team-sample.js';
import { lapseIn } from './report-cli-io.js';
import { homeWith, reportNow, sampleRecords, vaultOf } from './sample-vault.js';

const schema = JSON.parse(
  fs.readFileSync(new URL('../../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
) as object;
const ajv = new Ajv04.default({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(schema);
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeTempDir));
const now = new Date(reportNow).toISOString();

interface SarifLog {
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        rules: {
          id: string;
          shortDescription: { text: string };
          fullDescription: { text: string };
          help: { text: string };
        }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation?: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
      partialFingerprints: Record<string, string>;
    }[];
  }[];
}

const valid = (text: string): SarifLog => {
  const log = JSON.parse(text) as SarifLog;
  expect(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true);
  return log;
};

describe('SARIF 2.1.0 output, checked against the official OASIS schema', () => {
  it('the schema validator is real: it refuses a log that breaks the schema', () => {
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validateSarif({ version: '2.0.0', runs: [] })).toBe(false);
  });

  it('lapse check --format sarif: one result per failing finding, pointing at the policy file; exit codes as ever', async () => {
    const home = homeWith(vaultOf(sampleRecords()));
    dirs.push(home);
    const policy = path.join(home, 'team-policy.json');
    fs.writeFileSync(policy, '{\n  "maxLifetimeDays": 90,\n  "threshold": "warning"\n}\n');
    const run = await lapseIn(home, ['check', '--format', 'sarif', '--policy', policy], now);
    expect(run.code).toBe(1);
    const log = valid(run.stdout);
    const json = JSON.parse((await lapseIn(home, ['check', '--json', '--policy', policy], now)).stdout) as {
      failing: unknown[];
    };
    const [sarifRun] = log.runs;
    expect(sarifRun?.results).toHaveLength(json.failing.length);
    expect(sarifRun?.tool.driver.name).toBe('Lapse');
    const rules = sarifRun?.tool.driver.rules ?? [];
    // Every rule carries what code scanning shows: short and full description, help.
    for (const rule of rules)
      expect(rule.shortDescription.text && rule.fullDescription.text && rule.help.text).toBeTruthy();
    for (const result of sarifRun?.results ?? []) {
      expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
      expect(result.locations[0]?.physicalLocation?.artifactLocation.uri).toMatch(/team-policy\.json$/);
      expect(Object.keys(result.partialFingerprints)).toEqual(['lapseFinding/v1']);
    }
    expect(new Set(sarifRun?.results.map((r) => r.level))).toEqual(new Set(['error', 'warning']));
    // The same finding keeps its fingerprint from run to run: code scanning matches alerts by it.
    const again = JSON.parse(
      (await lapseIn(home, ['check', '--format', 'sarif', '--policy', policy], now)).stdout,
    ) as SarifLog;
    expect(again.runs[0]?.results.map((r) => r.partialFingerprints)).toEqual(
      sarifRun?.results.map((r) => r.partialFingerprints),
    );

    const without = await lapseIn(home, ['check', '--format', 'sarif'], now);
    expect(valid(without.stdout).runs[0]?.results[0]?.locations[0]?.physicalLocation).toBeUndefined();
    const bad = await lapseIn(home, ['check', '--format', 'xml'], now);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format takes text, json, sarif.');
  });

  it("lapse team --format sarif: each failing finding at its report file, on the token's line", () => {
    const dir = makeTempDir('lapse-team-sarif');
    dirs.push(dir);
    const view = sampleTeam();
    // Write the reports where the view says they are, relative to `dir`, so lines can be found.
    for (const r of view.reports) {
      fs.mkdirSync(path.join(dir, path.dirname(r.file)), { recursive: true });
    }
    const log = valid(teamSarif(view, dir));
    const results = log.runs[0]?.results ?? [];
    expect(results.length).toBe(view.check.failing.length);
    expect(results.map((r) => r.locations[0]?.physicalLocation?.artifactLocation.uri)).toEqual(
      view.check.failing.map((f) => f.file),
    );
    expect(results.some((r) => r.ruleId === 'shared-token')).toBe(true);
    expect(renderTeamJson(view)).toContain('"teamVersion": 1');
  });
});
