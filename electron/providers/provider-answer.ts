import { oneLineText } from '../../shared/terminal-text.js';
import type { ProviderAnswer } from './provider-http.js';
import { TransientFault } from './transient-fault.js';

export type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The body as a JSON object; anything else is unreadable, which says nothing about the token. */
export function jsonObject(answer: ProviderAnswer, provider: string): JsonObject {
  const body = answer.json();
  if (isObject(body)) return body;
  throw new TransientFault(`${provider} answered HTTP ${answer.status} with a body that is not the JSON it documents.`);
}

/** The body as a JSON object, or an empty one (error bodies are optional detail). */
export const jsonDetail = (answer: ProviderAnswer): JsonObject => {
  const body = answer.json();
  return isObject(body) ? body : {};
};

/** A status the provider's contract does not give for this call: not an answer about the token. */
export const unexpectedAnswer = (answer: ProviderAnswer, provider: string): TransientFault =>
  new TransientFault(`${provider} answered HTTP ${answer.status}, which its documented contract does not give here.`);

export const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

/**
 * A provider's own words, fit to quote: one line, terminal-safe (escape sequences and bidi
 * characters shown escaped), bounded. Redaction happens where messages are stored.
 */
export const quoted = (value: unknown, max = 160): string | null => {
  const words = text(value);
  return words ? oneLineText(words, max) || null : null;
};

/** A list of scopes from a header such as `repo, read:org` or `chat:write,users:read`. */
export const scopeHeader = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
