import { detectToken } from '../formats.js';
import { checksumVerdict } from './checksums.js';
import { genericHit, isGenericSecret, valueAt } from './generic-secrets.js';
import { isPlaceholder } from './placeholders.js';
import type { SecretHit, SpanEncoding } from './secret-hit.js';
import type { SourceKind } from './sources.js';

/** The secret a span holds, read the way its encoding says. Null when it does not decode. */
export function decodeSpan(span: string, encoding: SpanEncoding): string | null {
  if (encoding === 'plain') return span;
  let text: string;
  try {
    const binary = atob(span);
    text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
  if (encoding === 'base64') return text;
  const colon = text.indexOf(':');
  return colon === -1 ? null : text.slice(colon + 1);
}

/** A hit for a secret read from an encoded span, described by its own format when it has one. */
function encodedHit(start: number, span: string, encoding: SpanEncoding, source: SourceKind): SecretHit | null {
  const value = decodeSpan(span, encoding);
  if (value === null || value.length === 0) return null;
  const detected = detectToken(value);
  if (detected) {
    if (isPlaceholder(value, detected.prefix.length)) return null;
    const { provider, kind, prefix } = detected;
    return {
      start,
      end: start + span.length,
      value,
      encoding,
      provider,
      kind,
      prefix,
      checksum: checksumVerdict(value),
    };
  }
  if (!isGenericSecret(value, source)) return null;
  return { ...genericHit(start, value, 'password'), end: start + span.length, encoding };
}

function eachMatch(
  pattern: RegExp,
  text: string,
  from: number,
  to: number,
  take: (index: number, span: string) => void,
): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const [index] = m.indices?.[1] ?? [-1];
    if (index >= from && index < to) take(index, m[1] ?? '');
  }
}

// The `d` flag gives each captured span's own position.
const dockerAuth = /"auth"\s*:\s*"([A-Za-z0-9+/=]{8,})"/dg;
const npmAuth = /(?:^|[\s:])_auth\s*=\s*"?([A-Za-z0-9+/=]{8,})/dgm;
const npmPassword = /(?:^|[\s:])_password\s*=\s*"?([A-Za-z0-9+/=]{4,})/dgm;
const netrcPassword = /(?:^|\s)(?:password|passwd)\s+([^\s"']+)/dg;

/**
 * Credentials in the syntax of the files made to hold them, which the general passes cannot read:
 * Docker's and npm's base64 `user:password`, npm's base64 `_password`, netrc's `password VALUE`.
 */
export function findInCredentialFile(
  text: string,
  from: number,
  to: number,
  source: SourceKind,
  out: SecretHit[],
): void {
  const push = (hit: SecretHit | null) => {
    if (hit) out.push(hit);
  };
  if (source === 'docker-config') {
    eachMatch(dockerAuth, text, from, to, (i, span) => push(encodedHit(i, span, 'base64-userpass', source)));
  } else if (source === 'npmrc') {
    eachMatch(npmAuth, text, from, to, (i, span) => push(encodedHit(i, span, 'base64-userpass', source)));
    eachMatch(npmPassword, text, from, to, (i, span) => push(encodedHit(i, span, 'base64', source)));
  } else if (source === 'netrc') {
    eachMatch(netrcPassword, text, from, to, (i) => {
      const value = valueAt(text, i);
      if (!detectToken(value) && isGenericSecret(value, source)) out.push(genericHit(i, value, 'password'));
    });
  }
}
