import { expect } from 'vitest';

export interface CalendarComponent {
  name: string;
  props: { name: string; params: string; value: string }[];
  children: CalendarComponent[];
}

const encoder = new TextEncoder();

/** A strict little RFC 5545 reader: CRLF only, physical lines ≤ 75 octets, unfold, nest BEGIN/END. */
export function readCalendar(ics: string): CalendarComponent {
  expect(ics.endsWith('\r\n')).toBe(true);
  const physical = ics.slice(0, -2).split('\r\n');
  for (const line of physical) {
    expect(line).not.toMatch(/[\r\n]/);
    expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
  }
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ')) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  const root: CalendarComponent = { name: '', props: [], children: [] };
  const stack = [root];
  for (const line of logical) {
    const match = /^([A-Z-]+)((?:;[^:]*)?):(.*)$/.exec(line);
    if (!match) throw new Error(`not a content line: ${line}`);
    const [, name = '', params = '', value = ''] = match;
    const top = stack.at(-1) as CalendarComponent;
    if (name === 'BEGIN') {
      const child: CalendarComponent = { name: value, props: [], children: [] };
      top.children.push(child);
      stack.push(child);
    } else if (name === 'END') {
      expect(top.name).toBe(value);
      stack.pop();
    } else top.props.push({ name, params, value });
  }
  expect(stack).toHaveLength(1);
  expect(root.children).toHaveLength(1);
  return root.children[0] as CalendarComponent;
}

export const prop = (c: CalendarComponent, name: string): string | undefined =>
  c.props.find((p) => p.name === name)?.value;

/** A TEXT value as written before escaping. */
export const unescapeText = (v: string | undefined): string | undefined =>
  v?.replace(/\\n/g, '\n').replace(/\\([\\;,])/g, '$1');
