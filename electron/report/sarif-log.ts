import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findingCodes, type Severity } from '../../shared/model.js';
import { teamFindingCodes, teamSeverityOf } from '../../shared/report/team-model.js';
import { severityOf } from '../../shared/lifecycle.js';
import { sarifEnvelope } from '../sarif/sarif-envelope.js';

// SARIF 2.1.0 (OASIS), with the properties GitHub code scanning reads: rules with short and full
// descriptions and help, results with a level, a message, one physical location and
// partialFingerprints. Source: GitHub Docs, "SARIF support for code scanning".

export { sarifSchemaUri } from '../sarif/sarif-envelope.js';

/** Every rule Lapse reports: the lifecycle findings (revoked is history, never reported) and the team's. */
export const sarifRuleIds = [...findingCodes.filter((c) => c !== 'revoked'), ...teamFindingCodes] as const;
export type SarifRuleId = (typeof sarifRuleIds)[number];

const ruleText: Record<SarifRuleId, [short: string, full: string, help: string]> = {
  'secret-missing': [
    'Secret gone from the keychain',
    'The vault lists the token, but its value is no longer in the OS keychain: Lapse cannot verify, rotate or revoke it.',
    'Paste the value again (same token), or revoke it at the provider and remove it.',
  ],
  exposed: [
    'Token found in plaintext',
    "A plaintext copy of the token's value was found on the machine (a scan found it in a file).",
    'Rotate the token, delete the plaintext copy, and keep the new value only in the OS keychain.',
  ],
  disconnected: [
    'Token rejected or owned by someone else',
    'The provider rejected the token, or it belongs to another account than the one recorded.',
    'Rotate it if it is needed, or revoke and remove it.',
  ],
  expired: [
    'Token expired',
    'The token is past its expiry date.',
    'Rotate it, or revoke and remove it if nothing needs it.',
  ],
  'revocation-pending': [
    'Old token still live',
    'A revocation was asked for, but no verify has shown the old value dead yet.',
    'Revoke it at the provider, then confirm in Lapse (lapse revoke ID).',
  ],
  'out-of-scope': [
    'Token holds more scopes than its purpose',
    'The token is granted scopes its purpose does not declare, or scopes the policy forbids.',
    'Replace it with a token that has only the scopes its purpose needs.',
  ],
  'scope-widened': [
    "Rotation widened the token's scopes",
    'A rotation gave the new value scopes the old one did not have.',
    'Narrow the new token, or declare the scopes in its purpose if it needs them.',
  ],
  'exceeds-max-lifetime': [
    'Token lives longer than the policy allows',
    "The span from creation to expiry is beyond the policy's maximum lifetime.",
    'Rotate it to a shorter-lived token.',
  ],
  'no-expiry': [
    'Token never expires',
    'The token has no expiry: it stays standing access until someone revokes it.',
    'Replace it with one that expires.',
  ],
  'expiry-unknown': [
    'Expiry unknown',
    'Nobody told Lapse when the token expires, and the token does not say.',
    'Look the expiry up at the provider and set it (a verify fills it in where the provider reports it).',
  ],
  expiring: [
    'Token expires soon',
    "The token expires within the policy's warning window.",
    'Rotate it before it expires.',
  ],
  'refresh-blocked': [
    'Refresh not allowed now',
    'The token is due for a refresh, but the refresh policy (its days, hours or trust rule) does not allow one now.',
    'Refresh it inside its window, or verify it first if the trust rule asks for a recent verify.',
  ],
  'rotation-overdue': [
    'Rotation overdue',
    "The token was not rotated within the policy's rotation period.",
    'Rotate it.',
  ],
  unverified: [
    'Not verified with its provider',
    'The token was never verified with its provider, or not recently enough.',
    'Verify it (lapse verify ID).',
  ],
  'not-verified-yet': [
    'Not verified yet',
    'The token was never verified with its provider, so its owner, scopes and liveness are unconfirmed.',
    'Verify it (lapse verify ID).',
  ],
  unused: [
    'Unused token',
    'Its provider reports no use for longer than the policy allows.',
    'Revoke it if nothing needs it.',
  ],
  'shared-token': [
    'Same token on several machines',
    'The same fingerprint is in the reports of more than one machine: one secret, several holders.',
    'Give each machine its own token, then revoke the shared one.',
  ],
  'report-edited': [
    'Report edited after it was written',
    "The report's content does not match its integrity line.",
    'Ask its owner for a fresh report (lapse report --format json).',
  ],
  'report-unreadable': [
    'Report could not be read',
    'A report file is unreadable, not JSON, not a Lapse report, invalid, or from a newer Lapse.',
    'Replace the file with a report written by lapse report --format json.',
  ],
  'report-without-integrity': [
    'Report without an integrity line',
    'A version 1 report has no integrity line, so an edit would not show.',
    'Ask its owner for a new report.',
  ],
};

const levelOf: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', warning: 'warning', info: 'note' };
// GitHub: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low.
const securitySeverityOf: Record<Severity, string> = { critical: '9.1', warning: '5.0', info: '2.0' };
const severityOfRule = (id: SarifRuleId): Severity =>
  id in teamSeverityOf ? teamSeverityOf[id as keyof typeof teamSeverityOf] : severityOf[id as keyof typeof severityOf];

function rules() {
  return sarifRuleIds.map((id) => {
    const [short, full, help] = ruleText[id];
    const severity = severityOfRule(id);
    return {
      id,
      name: id.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase()),
      shortDescription: { text: short },
      fullDescription: { text: full },
      help: { text: help, markdown: help },
      defaultConfiguration: { level: levelOf[severity] },
      properties: {
        tags: ['security', 'secrets', 'token-hygiene'],
        precision: 'very-high',
        'problem.severity': levelOf[severity] === 'note' ? 'recommendation' : levelOf[severity],
        'security-severity': securitySeverityOf[severity],
      },
    };
  });
}

/** Where a result points: a file and a line in it, or only a logical place (a token in a vault). */
export interface SarifPlace {
  file: string | null;
  /** A text to find in the file: the result points at the first line holding it (line 1 if none does). */
  find?: string;
  logical: string;
}

/** One result before it is placed: its rule, severity, message, place and what identifies it across runs. */
export interface SarifFinding {
  ruleId: SarifRuleId;
  severity: Severity;
  message: string;
  place: SarifPlace;
  identity: string;
  properties: Record<string, string | null>;
}

// A path under the working directory as a repository-relative URI; elsewhere a file: URI.
function artifactUri(file: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, file));
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative))
    return relative.split(path.sep).map(encodeURIComponent).join('/');
  return pathToFileURL(path.resolve(cwd, file)).href;
}

/** Reads each file once; a file that cannot be read has no lines (results then point at line 1). */
function lineFinder(): (file: string, needle: string | undefined) => { line: number; length: number } {
  const cache = new Map<string, string[]>();
  return (file, needle) => {
    let lines = cache.get(file);
    if (!lines) {
      try {
        lines = fs.readFileSync(file, 'utf8').split('\n');
      } catch {
        lines = [];
      }
      cache.set(file, lines);
    }
    const index = needle ? lines.findIndex((l) => l.includes(needle)) : -1;
    const at = index >= 0 ? index : 0;
    return { line: at + 1, length: lines[at]?.length ?? 0 };
  };
}

/** A SARIF 2.1.0 log of one Lapse run: every rule, and one result per finding. */
export function sarifLog(
  findings: readonly SarifFinding[],
  run: { category: string; version: string; cwd: string; properties?: Record<string, unknown> },
) {
  const ids: readonly string[] = sarifRuleIds;
  const find = lineFinder();
  const results = findings.map((f) => {
    const location = f.place.file
      ? (() => {
          const { line, length } = find(f.place.file, f.place.find);
          return {
            physicalLocation: {
              artifactLocation: { uri: artifactUri(f.place.file, run.cwd) },
              region: { startLine: line, startColumn: 1, endLine: line, endColumn: Math.max(2, length + 1) },
            },
            logicalLocations: [{ fullyQualifiedName: f.place.logical, kind: 'object' }],
          };
        })()
      : { logicalLocations: [{ fullyQualifiedName: f.place.logical, kind: 'object' }] };
    return {
      ruleId: f.ruleId,
      ruleIndex: ids.indexOf(f.ruleId),
      level: levelOf[f.severity],
      message: { text: f.message },
      locations: [location],
      partialFingerprints: {
        'lapseFinding/v1': createHash('sha256').update(f.identity, 'utf8').digest('hex').slice(0, 32),
      },
      properties: f.properties,
    };
  });
  return sarifEnvelope(
    { semanticVersion: run.version, rules: rules() },
    {
      automationDetails: { id: `${run.category}/` },
      results,
      ...(run.properties ? { properties: run.properties } : {}),
    },
  );
}

/** The log as the file Lapse writes: two-space JSON and a final newline. */
export const sarifText = (log: ReturnType<typeof sarifLog>): string => `${JSON.stringify(log, null, 2)}\n`;
