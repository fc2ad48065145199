import { genericHit } from './generic-secrets.js';
import { isPlaceholder } from './placeholders.js';
import { looksRandom } from './randomness.js';
import type { SecretHit } from './secret-hit.js';

// An AWS access key is a pair: the key id and a 40-character secret access key (IAM user guide,
// "Manage access keys"). Files that hold both often name neither: the CSV the console downloads,
// `aws configure` transcripts, scripts. A 40-character base64 run shortly after a key id is its secret.

const secretRun = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const reach = 400;

/** Secret access keys within a few lines after each AWS key id among `hits`. */
export function findAwsSecretsNear(text: string, hits: readonly SecretHit[], out: SecretHit[]): void {
  for (const id of hits) {
    if (id.provider !== 'aws' || id.kind.includes('secret')) continue;
    let stop = Math.min(text.length, id.end + reach);
    let lines = 0;
    for (let i = id.end; i < stop; i++) {
      if (text.charCodeAt(i) === 10 && ++lines > 3) stop = i;
    }
    secretRun.lastIndex = id.end;
    for (let m = secretRun.exec(text); m && m.index < stop; m = secretRun.exec(text)) {
      const value = m[0];
      if (!looksRandom(value) || isPlaceholder(value)) continue;
      out.push(genericHit(m.index, value, 'secret access key', 'aws'));
      break;
    }
  }
}
