import { useState } from 'react';
import { fieldProblems, pastExpiry, type FieldProblem, type FieldValues } from './fieldValues.js';
import { utcDay } from './dates.js';

/** What the add and edit forms say before anything is sent: every problem at once, and a past date once. */
export function useFormProblems(idPrefix: string) {
  const [shown, setShown] = useState<FieldProblem[]>([]);
  const [pastAccepted, setPastAccepted] = useState<string | null>(null);
  const [pastWarned, setPastWarned] = useState<string | null>(null);

  /** True when the form may be sent; otherwise the problems show and focus goes to the first. */
  const check = (values: FieldValues, extra: FieldProblem[] = []): boolean => {
    const problems = [...extra, ...fieldProblems(values)];
    setShown(problems);
    const first = problems[0];
    if (first) {
      document.getElementById(`${idPrefix}-${first.field}`)?.focus();
      return false;
    }
    // A date already past: said once; Save again keeps it (it may be a token kept for the record).
    if (pastExpiry(values, utcDay(new Date().toISOString())) && pastAccepted !== values.expiresOn) {
      setPastWarned(values.expiresOn);
      setPastAccepted(values.expiresOn);
      document.getElementById(`${idPrefix}-expiresOn`)?.focus();
      return false;
    }
    setPastWarned(null);
    return true;
  };

  const byField = Object.fromEntries(shown.map((p) => [p.field, p.message])) as Partial<
    Record<keyof FieldValues, string>
  >;
  const summary =
    shown.length > 1
      ? `${shown.length} things to fix: ${shown.map((p) => p.message).join(' ')}`
      : (shown[0]?.message ?? null);
  const expiryWarning = (values: FieldValues) =>
    pastWarned !== null && pastWarned === values.expiresOn
      ? 'That date is past: the token will show as expired at once. Save again to keep it.'
      : null;
  return { check, byField, summary, expiryWarning, clear: () => setShown([]) };
}
