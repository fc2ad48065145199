import { rmSync } from 'node:fs';
import { sweepRoot } from './canary-registry.js';

/** Before the run: no registry or kept page from an earlier run is swept (or blamed) again. */
// eslint-disable-next-line no-restricted-syntax -- Playwright loads a global setup/teardown by its default export
export default function canarySetup(): void {
  rmSync(sweepRoot, { recursive: true, force: true });
}
