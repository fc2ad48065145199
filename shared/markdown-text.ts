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
