import type { ProviderId, TokenView } from '../../../shared/model.js';
import { startOfUtcDay, utcDay } from './dates.js';

/** What the metadata fields of the add and edit forms hold, as typed. */
export interface FieldValues {
  label: string;
  purpose: string;
  /** Comma-separated. */
  scopes: string;
  /** A date input's value ("2025-12-02") or empty. */
  expiresOn: string;
  neverExpires: boolean;
  /** Nobody knows yet: not the same as never. */
  unknownExpiry: boolean;
  /** Comma-separated. */
  tags: string;
  /** Empty: as detected from the value. */
  provider: ProviderId | '';
  baseUrl: string;
}

/** The metadata as the contract takes it. */
export interface TokenFields {
  label: string;
  purpose: string;
  scopes: string[];
  tags: string[];
  /** An instant, null for "never", or "unknown". */
  expiresAt: string | null | 'unknown';
  baseUrl: string | null;
  provider?: ProviderId;
}

export const emptyFields: FieldValues = {
  label: '',
  purpose: '',
  scopes: '',
  expiresOn: '',
  neverExpires: false,
  unknownExpiry: false,
  tags: '',
  provider: '',
  baseUrl: '',
};

export function fieldsOf(token: TokenView): FieldValues {
  return {
    label: token.label,
    purpose: token.purpose,
    scopes: token.scopes.join(', '),
    expiresOn: token.expiresAt ? utcDay(token.expiresAt) : '',
    neverExpires: token.expiresAt === null && !token.expiryUnknown,
    unknownExpiry: token.expiresAt === null && token.expiryUnknown === true,
    tags: token.tags.join(', '),
    provider: token.provider,
    baseUrl: token.baseUrl ?? '',
  };
}

const list = (text: string) => [
  ...new Set(
    text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];

export interface FieldProblem {
  field: keyof FieldValues;
  message: string;
}

/** Every reason the fields can't be saved yet, each with its field, in form order. The service checks the rest. */
export function fieldProblems(values: FieldValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!values.label.trim()) problems.push({ field: 'label', message: 'Give the token a label, e.g. "laptop push".' });
  if (!values.neverExpires && !values.unknownExpiry && !values.expiresOn) {
    problems.push({
      field: 'expiresOn',
      message: 'Choose the expiry date, or tick "Never expires" or "Not known yet".',
    });
  }
  return problems;
}

/** The first of them, or null. */
export const fieldProblem = (values: FieldValues): FieldProblem | null => fieldProblems(values)[0] ?? null;

/** A date that is already past (UTC day before `today`): the token would show as expired at once. */
export const pastExpiry = (values: FieldValues, today: string): boolean =>
  !values.neverExpires && !values.unknownExpiry && values.expiresOn !== '' && values.expiresOn < today;

/**
 * The fields as the contract takes them. `knownExpiry` is an exact instant already known for the
 * token (read from a JWT, or stored): kept as is while the date input still shows its day.
 */
export function toTokenFields(values: FieldValues, knownExpiry: string | null): TokenFields {
  const expiresAt = values.unknownExpiry
    ? 'unknown'
    : values.neverExpires
      ? null
      : knownExpiry && utcDay(knownExpiry) === values.expiresOn
        ? knownExpiry
        : startOfUtcDay(values.expiresOn);
  const fields: TokenFields = {
    label: values.label.trim(),
    purpose: values.purpose.trim(),
    scopes: list(values.scopes),
    tags: list(values.tags),
    expiresAt,
    baseUrl: values.baseUrl.trim() || null,
  };
  if (values.provider) fields.provider = values.provider;
  return fields;
}
