import type { ScanFinding } from './discovery-calls.js';

// Without zod, so `lapse scan` can print its JSON without loading the schemas.

/** The fields of a finding in `lapse scan --json`, in order. */
export const scanFindingFields = [
  'n',
  'file',
  'line',
  'column',
  'provider',
  'kind',
  'masked',
  'fingerprint',
  'tokenId',
  'privateKey',
  'commit',
] as const satisfies readonly (keyof ScanFinding)[];
