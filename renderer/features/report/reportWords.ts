import type { Severity } from '../../../shared/model.js';

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/** "12 days", "< 1 day" for a token created within the last day. */
export const ageWords = (ageDays: number): string => (ageDays === 0 ? '< 1 day' : days(ageDays));

/** What "reaches the threshold" means, in words: `lapse check` fails on findings this bad or worse. */
export const thresholdWords: Record<Severity, string> = {
  critical: 'critical findings',
  warning: 'warnings or worse',
  info: 'any finding, notes included',
};

/** The formats the service writes, as the buttons name them. */
export const exportFormats = [
  { format: 'md', name: 'Markdown' },
  { format: 'json', name: 'JSON' },
  { format: 'html', name: 'HTML' },
  { format: 'csv', name: 'CSV' },
] as const;
