export const severities = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof severities)[number];

/** critical 0, warning 1, info 2: lower is worse. */
export const severityRank = (s: Severity): number => severities.indexOf(s);
