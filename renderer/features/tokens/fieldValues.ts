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
  expiresAt: string | null;
  baseUrl: string | null;
  provider?: ProviderId;
}

export const emptyFields: FieldValues = {
  label: '',
  purpose: '',
  scopes: '',
  expiresOn: '',
  neverExpires: false,
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
    neverExpires: token.expiresAt === null,
    tags: token.tags.join(', '),
    provider: token.provider,
    baseUrl: token.baseUrl ?? '',
  };
}

const list = (text: string) => [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];

/** Why the fields can't be saved yet, with the field to fix, or null. The service checks the rest. */
export function fieldProblem(values: FieldValues): { field: keyof FieldValues; message: string } | null {
  if (!values.label.trim()) return { field: 'label', message: 'Give the token a label, e.g. "laptop push".' };
  if (!values.neverExpires && !values.expiresOn) {
    return { field: 'expiresOn', message: 'Choose the expiry date, or tick "Never expires".' };
  }
  return null;
}

/**
 * The fields as the contract takes them. `knownExpiry` is an exact instant already known for the
 * token (read from a JWT, or stored): kept as is while the date input still shows its day.
 */
export function toTokenFields(values: FieldValues, knownExpiry: string | null): TokenFields {
  const expiresAt = values.neverExpires
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
