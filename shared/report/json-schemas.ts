import { z } from 'zod';
import { policyFileSchema } from './policy-file.js';
import { hygieneReportSchema } from './report-model.js';
import { teamViewSchema } from './team-model.js';

/** The published JSON Schema of `lapse report --format json` (checked in as report.schema.json). */
export const reportJsonSchema = (): Record<string, unknown> => z.toJSONSchema(hygieneReportSchema, { io: 'output' });

/** The published JSON Schema of a policy file (checked in as policy-file.schema.json). */
export const policyFileJsonSchema = (): Record<string, unknown> => z.toJSONSchema(policyFileSchema, { io: 'input' });

/** The published JSON Schema of `lapse team --format json` (checked in as team.schema.json). */
export const teamJsonSchema = (): Record<string, unknown> => z.toJSONSchema(teamViewSchema, { io: 'output' });

/** A schema as the checked-in file holds it: two-space JSON and a final newline. */
export const schemaText = (schema: Record<string, unknown>): string => `${JSON.stringify(schema, null, 2)}\n`;
