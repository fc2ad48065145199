import type { Severity, TokenStatus } from '../../shared/model.js';
import { severityOf } from '../../shared/lifecycle.js';

/** Colour for a terminal, or plain text: every face says the status in words too. */
export interface Paint {
  readonly on: boolean;
  status(status: TokenStatus, text: string): string;
  severity(severity: Severity, text: string): string;
  ok(text: string): string;
  bad(text: string): string;
  warn(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const sgr = (code: string) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
const red = sgr('31');
const yellow = sgr('33');
const blue = sgr('34');
const green = sgr('32');
const grey = sgr('90');

const bySeverity: Record<Severity, (text: string) => string> = { critical: red, warning: yellow, info: blue };

const plain: Paint = {
  on: false,
  status: (_s, text) => text,
  severity: (_s, text) => text,
  ok: (text) => text,
  bad: (text) => text,
  warn: (text) => text,
  dim: (text) => text,
  bold: (text) => text,
};

const coloured: Paint = {
  on: true,
  status: (status, text) =>
    status === 'healthy' ? green(text) : status === 'revoked' ? grey(text) : bySeverity[severityOf[status]](text),
  severity: (severity, text) => bySeverity[severity](text),
  ok: green,
  bad: red,
  warn: yellow,
  dim: grey,
  bold: sgr('1'),
};

/**
 * Colour only for a person at a terminal: never with `--no-color`, NO_COLOR (any value,
 * no-color.org) or TERM=dumb; FORCE_COLOR turns it on for pipes.
 */
export function paintFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, noColor: boolean): Paint {
  if (noColor || env['NO_COLOR']) return plain;
  if (env['FORCE_COLOR'] && env['FORCE_COLOR'] !== '0') return coloured;
  return stream.isTTY === true && env['TERM'] !== 'dumb' ? coloured : plain;
}

export const noPaint = plain;
