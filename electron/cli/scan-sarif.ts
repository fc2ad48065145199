import path from 'node:path';
import type { ScanFinding, ScanResult } from '../../shared/contract/discovery-calls.js';
import { providerNames } from '../../shared/providers.js';
import { sarifEnvelope } from '../sarif/sarif-envelope.js';

// SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/) for code-scanning upload:
// one rule per kind of secret, one result per finding, locations relative to the folder scanned
// when the finding lies under it. Never a secret: the masked form and the fingerprint only.

const ruleIdOf = (f: ScanFinding) =>
  `${f.provider}/${f.kind
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
const what = (f: ScanFinding) => (f.provider === 'generic' ? f.kind : `${providerNames[f.provider]} ${f.kind}`);

function message(f: ScanFinding): string {
  const where = f.commit
    ? ` added in commit ${f.commit.id.slice(0, 12)} (${f.commit.stillInTree ? 'still in the file' : 'removed since, still in the history'})`
    : '';
  const vault = f.tokenId
    ? ' It is in the Lapse vault: rotate it, then delete this copy.'
    : ' Move it into the OS keychain (lapse import) and delete this copy, or rotate it if it was ever shared.';
  return `${what(f)} ${f.masked} in plaintext${where}.${vault}`;
}

/** The scan as a SARIF 2.1.0 log. `base` is the folder relative paths start from (absolute paths otherwise). */
export function scanSarif(result: ScanResult, base: string): object {
  const rules = new Map<string, ScanFinding>();
  for (const f of result.findings) if (!rules.has(ruleIdOf(f))) rules.set(ruleIdOf(f), f);
  const ruleIds = [...rules.keys()];
  const uriOf = (file: string) => {
    const relative = path.relative(base, file);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative)
      ? { uri: relative.split(path.sep).join('/'), uriBaseId: 'SCANROOT' }
      : { uri: `file://${file}` };
  };
  return sarifEnvelope(
    {
      rules: ruleIds.map((id) => {
        const f = rules.get(id) as ScanFinding;
        return {
          id,
          name: what(f).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')),
          shortDescription: { text: `${what(f)} in plaintext` },
          fullDescription: {
            text: `A ${what(f)} stored in plaintext where anyone who can read the file (or clone the repository) can use it.`,
          },
          defaultConfiguration: { level: 'error' },
          properties: { tags: ['security', 'secret'] },
        };
      }),
    },
    {
      originalUriBaseIds: { SCANROOT: { uri: `file://${base.endsWith('/') ? base : `${base}/`}` } },
      results: result.findings.map((f) => ({
        ruleId: ruleIdOf(f),
        ruleIndex: ruleIds.indexOf(ruleIdOf(f)),
        level: 'error',
        message: { text: message(f) },
        locations: [
          {
            physicalLocation: { artifactLocation: uriOf(f.file), region: { startLine: f.line, startColumn: f.column } },
          },
        ],
        partialFingerprints: { 'lapseSecret/v1': f.fingerprint },
        properties: {
          masked: f.masked,
          inVault: f.tokenId !== null,
          ...(f.privateKey ? { privateKey: f.privateKey } : {}),
          ...(f.commit ? { commit: f.commit.id, committedAt: f.commit.date, stillInTree: f.commit.stillInTree } : {}),
        },
      })),
    },
  );
}
