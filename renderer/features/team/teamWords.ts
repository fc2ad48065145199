import type { TeamFinding } from '../../../shared/api.js';
import { statusWords } from '../tokens/status.js';

const teamCodeWords: Record<string, string> = {
  'shared-token': 'Shared token',
  'report-edited': 'Report edited',
  'report-unreadable': 'Report not read',
  'report-without-integrity': 'No integrity line',
};

/** A finding's code as the window names it. */
export const codeWords = (code: TeamFinding['code']): string =>
  teamCodeWords[code] ?? statusWords[code as keyof typeof statusWords] ?? code;

/** "2026-05-01" */
export const day = (iso: string): string => iso.slice(0, 10);

/** "+3", "−2", "0". */
export const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
