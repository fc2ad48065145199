import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaText, teamJsonSchema } from '../../../shared/report/json-schemas.js';

describe('the published team view schema', () => {
  it('shared/report/team.schema.json is the schema the code generates (regenerate: node bin/lapse.js team --schema > shared/report/team.schema.json)', () => {
    expect(fs.readFileSync(new URL('../../../shared/report/team.schema.json', import.meta.url), 'utf8')).toBe(
      schemaText(teamJsonSchema()),
    );
  });
});
