import fs from 'node:fs';
import type { z } from 'zod';
import { providerIds } from '../../shared/model.js';
import type { PolicyOverride } from '../../shared/policy.js';
import { policyFileSchema, policyOverrideOf } from '../../shared/report/policy-file.js';
import { fail, ok, type Result } from '../../shared/result.js';

/** A policy file is a few lines; anything bigger is the wrong file. */
export const maxPolicyFileBytes = 64 * 1024;

const settings = Object.keys(policyFileSchema.shape).filter((k) => k !== '$schema');

// Which field and why, never the value given (the wrong file could hold anything).
function describe(issue: z.core.$ZodIssue): string {
  const field = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((k) => `"${k}"`).join(', ');
    return field === 'forbiddenScopes'
      ? `forbiddenScopes: ${names} ${issue.keys.length === 1 ? 'is not a provider' : 'are not providers'} Lapse knows (${providerIds.join(', ')})`
      : `${names} ${issue.keys.length === 1 ? 'is not a policy setting' : 'are not policy settings'} (settings: ${settings.join(', ')})`;
  }
  if (!field) return `the file must hold one JSON object of settings (${settings.join(', ')})`;
  return `${field} ${issue.message.replace(/^Invalid input: /, 'has the wrong type: ')}`;
}

/** Parses a policy file's text: the overrides it makes, or which fields are wrong and why. */
export function parsePolicyFile(text: string, name: string): Result<PolicyOverride> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const where = /position \d+(?: \(line \d+ column \d+\))?/.exec((error as Error).message)?.[0];
    return fail('invalid-input', `Policy file ${name} is not valid JSON${where ? ` (at ${where})` : ''}.`);
  }
  const parsed = policyFileSchema.safeParse(raw);
  if (!parsed.success)
    return fail('invalid-input', `Policy file ${name}: ${parsed.error.issues.slice(0, 5).map(describe).join('; ')}.`);
  return ok(policyOverrideOf(parsed.data));
}

/** Reads and parses a policy file from disk; a missing or unreadable file is an error, never "no policy". */
export function readPolicyFile(file: string): Result<PolicyOverride> {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return fail('invalid-input', `Policy file ${file} is not a file.`);
    if (stat.size > maxPolicyFileBytes)
      return fail(
        'invalid-input',
        `Policy file ${file} is larger than ${maxPolicyFileBytes / 1024} KiB: is it the right file?`,
      );
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(
      'invalid-input',
      code === 'ENOENT'
        ? `Policy file ${file} does not exist.`
        : `Policy file ${file} could not be read (${code ?? 'unknown error'}).`,
    );
  }
  return parsePolicyFile(text, file);
}
