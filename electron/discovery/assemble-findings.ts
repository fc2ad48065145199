import type { ScanFinding } from '../../shared/contract/discovery-calls.js';
import type { TokenRecord } from '../../shared/model.js';
import type { RawScan } from './run-scan.js';
import type { Span } from './scan-records.js';

/**
 * Number the findings (file by file, in file order) and name the vault token each one is. Hashes
 * matched the tokens whose secret the keychain gave; `unread` tokens (keychain locked, entry gone)
 * are still recognised by fingerprint and masked form, as adding a twin is refused.
 */
export function assembleFindings(raw: RawScan, unread: TokenRecord[]): { findings: ScanFinding[]; spans: Span[] } {
  const findings: ScanFinding[] = [];
  const spans: Span[] = [];
  for (const file of raw.files) {
    for (const hit of file.hits) {
      const n = findings.length + 1;
      const twin = hit.tokenId
        ? null
        : unread.find((r) => r.fingerprint === hit.fingerprint && r.masked === hit.masked);
      findings.push({
        n,
        file: file.path,
        line: hit.line,
        column: hit.column,
        provider: hit.provider,
        kind: hit.kind,
        masked: hit.masked,
        fingerprint: hit.fingerprint,
        tokenId: hit.tokenId ?? twin?.id ?? null,
        source: file.source,
        checksum: hit.checksum,
        privateKey: hit.privateKey,
        commit: hit.commit ?? null,
      });
      spans.push({ n, offset: hit.offset, length: hit.length, encoding: hit.encoding });
    }
  }
  return { findings, spans };
}
