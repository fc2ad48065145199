import path from 'node:path';
import type { DiscoveryApi } from '../../shared/contract/discovery-calls.js';
import type { ServiceParts } from '../service-parts.js';
import { ScanBook } from './scan-book.js';
import { scanCalls } from './scan-calls.js';
import { scansFolder } from './scan-records.js';

/** The discovery calls: scan for plaintext tokens, import them. Scans are kept in `<LAPSE_HOME>/scans/`. */
export function discoveryCalls(parts: ServiceParts): DiscoveryApi {
  const folder = scansFolder(path.dirname(parts.store.path));
  const book = new ScanBook(folder);
  // Importing needs the vault's token calls; a scan alone does not load them.
  return {
    ...scanCalls(parts, book, folder),
    importFindings: async (input) =>
      (await import('./import-calls.js')).importCalls(parts, book, folder).importFindings(input),
  };
}
