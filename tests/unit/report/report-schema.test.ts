import fs from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { collectReport } from '../../../electron/report/collect-report.js';
import { renderJson } from '../../../electron/report/render-json.js';
import { policyFileJsonSchema, reportJsonSchema, schemaText } from '../../../shared/report/json-schemas.js';
import { reportNow, sampleRecords, vaultOf } from './sample-vault.js';

const checkedIn = (name: string) => fs.readFileSync(new URL(`../../../shared/report/${name}`, import.meta.url), 'utf8');
const validatorOf = (schema: object) => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(schema);
};

// Compiling the report schema takes a few hundred ms (its date-time patterns): once per file.
let reportValidator: ReturnType<typeof validatorOf> | undefined;
const reportValidate = () => (reportValidator ??= validatorOf(JSON.parse(checkedIn('report.schema.json'))));

describe('the published JSON Schemas', () => {
  it('shared/report/report.schema.json is the schema the code generates (regenerate: node bin/lapse.js report --schema > shared/report/report.schema.json)', () => {
    expect(checkedIn('report.schema.json')).toBe(schemaText(reportJsonSchema()));
  });

  it('shared/report/policy-file.schema.json is the schema the code generates (regenerate: node bin/lapse.js check --schema > shared/report/policy-file.schema.json)', () => {
    expect(checkedIn('policy-file.schema.json')).toBe(schemaText(policyFileJsonSchema()));
  });

  it('the JSON report validates against the checked-in schema with a real JSON Schema validator', () => {
    const validate = reportValidate();
    const report = JSON.parse(
      renderJson(collectReport(vaultOf(sampleRecords()), reportNow, {}, { machine: 'build-host' })),
    ) as Record<string, unknown>;
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    // The schema is strict enough to catch a field no report may carry.
    const leaky = structuredClone(report) as { tokens: Record<string, unknown>[] };
    if (leaky.tokens[0]) leaky.tokens[0]['masked'] = 'ghp_…a1b2';
    expect(validate(leaky)).toBe(false);
  });

  it('an empty vault gives a valid report too', () => {
    const validate = reportValidate();
    expect(validate(JSON.parse(renderJson(collectReport(vaultOf([]), reportNow))))).toBe(true);
  });

  it('a policy file editors check against the schema is one Lapse accepts', () => {
    const validate = validatorOf(JSON.parse(checkedIn('policy-file.schema.json')));
    expect(
      validate({
        $schema: './policy-file.schema.json',
        maxLifetimeDays: 90,
        requireExpiry: true,
        forbiddenScopes: { github: ['admin:org'] },
        threshold: 'warning',
      }),
    ).toBe(true);
    expect(validate({ maxLifetime: 90 })).toBe(false);
    expect(validate({ forbiddenScopes: { githib: ['admin:org'] } })).toBe(false);
  });
});
