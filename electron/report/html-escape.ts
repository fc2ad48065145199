const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in HTML and SVG content and in quoted attributes: labels can hold `<script>`. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => entities[ch] ?? ch);

/** A label cut to `max` characters for a chart, with an ellipsis; the full text goes in a tooltip. */
export const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
