import { detectToken, type Detection } from '../../../shared/formats.js';
import { secretProblem } from '../../../shared/secret-rules.js';
import { providerNames } from './providers.js';

/** What the add form can say about a pasted value before anything is stored. */
export interface ValueReading {
  detection: Detection | null;
  /** Why the value can't be stored, without quoting it. */
  problem: string | null;
  /** One sentence for the person: "Recognised: GitHub classic PAT". */
  summary: string;
}

export function readValue(value: string): ValueReading {
  if (!value) return { detection: null, problem: null, summary: '' };
  const problem = secretProblem(value);
  if (problem) return { detection: null, problem, summary: problem };
  const detection = detectToken(value);
  if (!detection) {
    return { detection, problem, summary: 'Not a format Lapse knows; choose the provider below.' };
  }
  const name = providerNames[detection.provider];
  const kind = detection.provider === 'jwt' ? detection.kind : `${name} ${detection.kind}`;
  return { detection, problem, summary: `Recognised: ${kind}` };
}
