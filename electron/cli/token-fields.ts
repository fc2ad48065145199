import { instantProblemText, instantRule, readInstant } from '../../shared/calendar-instant.js';
import { providerIds, type ProviderId } from '../../shared/model.js';
import type { OptionSpec, OptionValues } from './command.js';
import { UsageError } from './exit-codes.js';

/** The metadata options `add` and `edit` share. */
export const tokenFieldOptions: OptionSpec = {
  label: { type: 'string' },
  provider: { type: 'string' },
  kind: { type: 'string' },
  expires: { type: 'string' },
  purpose: { type: 'string' },
  scopes: { type: 'string' },
  tag: { type: 'string', multiple: true },
  'base-url': { type: 'string' },
};

export const tokenFieldHelp = [
  '  --label TEXT         what the token is for, in a few words',
  `  --provider P         ${providerIds.join(', ')} (default: detected from the value)`,
  '  --kind TEXT          e.g. "classic PAT" (default: detected)',
  '  --expires DATE       YYYY-MM-DD (expires at 00:00 UTC that day), a date-time with Z or an offset',
  '                       (2026-12-01T09:00:00Z, 2026-12-01T11:00:00+02:00; a time without a zone is refused),',
  '                       "never" or "unknown" (add without it: a JWT\'s own expiry, else unknown — not the same as never)',
  '  --purpose TEXT       why this token exists',
  '  --scopes a,b         scopes its purpose needs',
  '  --tag T              a tag; repeat for more (on edit: replaces all tags)',
  '  --base-url URL       API base for GitHub Enterprise, self-managed GitLab, an OAuth issuer ("none" clears)',
];

/** "2026-12-01" → midnight UTC; a date-time with a zone as given; "never" → null; "unknown" as is. Impossible dates and zone-less times are refused. */
export function parseExpiry(text: string): string | null | 'unknown' {
  if (text === 'never') return null;
  if (text === 'unknown') return 'unknown';
  const read = readInstant(text);
  if (!read.ok)
    throw new UsageError(
      read.problem === 'format'
        ? `--expires takes ${instantRule}, "never" or "unknown".`
        : instantProblemText('--expires', text, read.problem),
    );
  const date = new Date(read.ms);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--expires "${text}" is out of range.`);
  return date.toISOString();
}

const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The fields the options name; absent options are left out (edit keeps those fields). */
export function tokenFieldsFrom(values: OptionValues) {
  const fields: {
    label?: string;
    provider?: ProviderId;
    kind?: string;
    expiresAt?: string | null | 'unknown';
    purpose?: string;
    scopes?: string[];
    tags?: string[];
    baseUrl?: string | null;
  } = {};
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  if (text('label') !== undefined) fields.label = text('label');
  const provider = text('provider');
  if (provider !== undefined) {
    if (!(providerIds as readonly string[]).includes(provider)) {
      throw new UsageError(`--provider must be one of: ${providerIds.join(', ')}.`);
    }
    fields.provider = provider as ProviderId;
  }
  if (text('kind') !== undefined) fields.kind = text('kind');
  if (text('expires') !== undefined) fields.expiresAt = parseExpiry(text('expires') as string);
  if (text('purpose') !== undefined) fields.purpose = text('purpose');
  if (text('scopes') !== undefined) fields.scopes = splitList(text('scopes') as string);
  if (Array.isArray(values['tag'])) fields.tags = values['tag'].map(String);
  const baseUrl = text('base-url');
  if (baseUrl !== undefined) fields.baseUrl = baseUrl === 'none' ? null : baseUrl;
  return fields;
}

/** What a person should know about the expiry they just stored (or did not). */
export function addNotes(view: {
  expiresAt: string | null;
  expiryUnknown?: true | undefined;
  findings: { code: string }[];
}): string[] {
  if (view.findings.some((f) => f.code === 'expired'))
    return [
      'Note: that expiry is already past, so the token shows as expired. Fix it with `lapse edit ID --expires DATE` if that was a typo.',
    ];
  if (view.expiryUnknown)
    return [
      'Note: its expiry is unknown (no --expires, and the token does not say). Set it with `lapse edit ID --expires YYYY-MM-DD` (or "never").',
    ];
  return [];
}
