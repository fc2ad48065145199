import type { TokenView } from '../../../shared/model.js';
import { toneOf, type Tone } from '../tokens/status.js';

const day = 86_400_000;

/** Sizes of the chart, in CSS pixels (the SVG's viewBox is its own size). */
export const chart = {
  days: 90,
  /** Room left of "today" for the expired tokens. */
  gutter: 96,
  right: 24,
  top: 34,
  laneHeight: 26,
  maxLanes: 9,
  axis: 28,
  markRadius: 7,
  /** Average width of a label character at 12 px, for packing labels without measuring text. */
  charWidth: 6.6,
  maxLabelChars: 20,
} as const;

export interface TimelineMark {
  token: TokenView;
  tone: Tone;
  x: number;
  /** 0 is the lane nearest the axis. */
  lane: number;
  /** The label drawn beside the mark, or null where there was no room (the tooltip still names it). */
  label: string | null;
}

export interface TimelineLayout {
  width: number;
  height: number;
  /** x of an instant. */
  x(at: number): number;
  /** y of a lane's centre. */
  y(lane: number): number;
  axisY: number;
  marks: TimelineMark[];
  /** Past their expiry (not revoked): counted left of "today". */
  expired: TokenView[];
  /** Expiring after the 90 days. */
  later: number;
  /** Never expiring. */
  never: number;
}

const shorten = (label: string) =>
  label.length > chart.maxLabelChars ? `${label.slice(0, chart.maxLabelChars - 1)}…` : label;

/**
 * Where each token expiring in the next 90 days sits: x by expiry, stacked into lanes so marks
 * and labels do not overlap (a label is dropped before a mark is overlapped).
 */
export function layoutTimeline(tokens: readonly TokenView[], now: number, width: number): TimelineLayout {
  const span = chart.days * day;
  const left = chart.gutter;
  const plot = Math.max(100, width - left - chart.right);
  const x = (at: number) => left + ((at - now) / span) * plot;
  const live = tokens.filter((t) => t.status !== 'revoked');
  const dated = live
    .filter((t) => t.expiresAt !== null)
    .map((t) => ({ token: t, at: Date.parse(t.expiresAt as string) }))
    .sort((a, b) => a.at - b.at);
  const upcoming = dated.filter((d) => d.at > now && d.at <= now + span);

  const occupied: number[] = [];
  const r = chart.markRadius;
  const marks = upcoming.map(({ token, at }): TimelineMark => {
    const mx = x(at);
    const label = shorten(token.label);
    const labelEnd = mx + r + 5 + label.length * chart.charWidth;
    const fits = (lane: number, from: number) => (occupied[lane] ?? -Infinity) < from;
    const lanes = Array.from({ length: chart.maxLanes }, (_, i) => i);
    const withLabel = labelEnd <= width ? lanes.find((l) => fits(l, mx - r - 4)) : undefined;
    const place = (lane: number, labelled: boolean): TimelineMark => {
      occupied[lane] = labelled ? labelEnd : Math.max(occupied[lane] ?? -Infinity, mx + r);
      return { token, tone: toneOf(token.status), x: mx, lane, label: labelled ? label : null };
    };
    if (withLabel !== undefined) return place(withLabel, true);
    const bare = lanes.find((l) => fits(l, mx - r - 1));
    if (bare !== undefined) return place(bare, false);
    // Crowded: overlap in the lane that frees up first.
    const least = lanes.reduce((best, l) => ((occupied[l] ?? 0) < (occupied[best] ?? 0) ? l : best), 0);
    return place(least, false);
  });

  const lanesUsed = Math.max(3, ...marks.map((m) => m.lane + 1));
  const axisY = chart.top + lanesUsed * chart.laneHeight + 6;
  return {
    width,
    height: axisY + chart.axis,
    x,
    y: (lane) => axisY - 6 - chart.laneHeight / 2 - lane * chart.laneHeight,
    axisY,
    marks,
    expired: dated.filter((d) => d.at <= now).map((d) => d.token),
    later: dated.filter((d) => d.at > now + span).length,
    never: live.length - dated.length,
  };
}

/** Axis ticks: today, then every week; a date label every other week. */
export function axisTicks(now: number): { at: number; days: number; labelled: boolean }[] {
  const ticks = [];
  for (let d = 0; d <= chart.days; d += 7) ticks.push({ at: now + d * day, days: d, labelled: d % 14 === 0 });
  return ticks;
}
