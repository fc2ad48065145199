import { z } from 'zod';

/** The longest machine or person label: a name, not a description. */
export const reportLabelMax = 80;

// One line of plain text: no control, bidi-override or line-separator characters.
// eslint-disable-next-line no-control-regex -- rejecting control characters is the point
const unsafeText = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]/;

/** A label as a person types it: trimmed, one line, at most 80 characters; empty clears it. */
export const reportLabelText = z
  .string()
  .trim()
  .max(reportLabelMax, `must be at most ${reportLabelMax} characters`)
  .refine((s) => !unsafeText.test(s), 'must be one line of plain text')
  .transform((s) => (s === '' ? null : s));

/**
 * How a report names where it came from: labels the person chooses, never the host or user name
 * unless they type it. Null when not given.
 */
export const reportLabelSchema = z.object({
  machine: z.string().max(reportLabelMax).nullable().default(null),
  person: z.string().max(reportLabelMax).nullable().default(null),
});
export type ReportLabel = z.infer<typeof reportLabelSchema>;

export const noReportLabel: ReportLabel = { machine: null, person: null };

/** A label change: each given field replaces the stored one (empty or null clears it). */
export const reportLabelChangeSchema = z
  .object({
    machine: reportLabelText.nullable().optional(),
    person: reportLabelText.nullable().optional(),
  })
  .strict();
export type ReportLabelChange = z.infer<typeof reportLabelChangeSchema>;

/** The stored label with a change applied. */
export function withLabelChange(label: ReportLabel, change: ReportLabelChange): ReportLabel {
  return {
    machine: change.machine === undefined ? label.machine : change.machine,
    person: change.person === undefined ? label.person : change.person,
  };
}
