import { terminalSafe } from './terminal-text.js';

/**
 * User or provider text made inert in Markdown: no emphasis, links, images, code, table breaks or
 * raw HTML — and terminal-safe first, since a Markdown file is as often `cat` as rendered.
 */
export const markdownText = (text: string): string =>
  terminalSafe(text)
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

/** One Markdown table cell: inert text on one line. */
export const markdownCell = (text: string): string => markdownText(text.replace(/\s+/g, ' ').trim());

/**
 * A code span (for a masked value, an id): inert and readable in the raw file and rendered. Table
 * pipes are escaped (GFM splits cells even inside code), the fence is longer than any backtick run.
 */
export function markdownCode(text: string): string {
  const inner = terminalSafe(text).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...inner.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = inner.startsWith('`') || inner.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${inner}${pad}${fence}`;
}
