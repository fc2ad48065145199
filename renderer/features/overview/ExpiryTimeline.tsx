import { useId, useMemo, useRef } from 'react';
import type { TokenView } from '../../../shared/model.js';
import { describeExpiry } from '../../../shared/countdown.js';
import { exactDate } from '../tokens/dates.js';
import { providerNames } from '../tokens/providers.js';
import { statusWords } from '../tokens/status.js';
import { MarkShape } from './MarkShape.js';
import { axisTicks, chart, layoutTimeline } from './timeline.js';
import { useWidth } from './useWidth.js';

const tickDate = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const day = 86_400_000;

interface ExpiryTimelineProps {
  tokens: readonly TokenView[];
  now: number;
  warningDays: number;
}

/** Tokens as marks on the next 90 days, coloured and shaped by status, labelled where there is room. */
export function ExpiryTimeline({ tokens, now, warningDays }: ExpiryTimelineProps) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box, 900);
  const layout = useMemo(() => layoutTimeline(tokens, now, width), [tokens, now, width]);
  const { x, y, axisY, marks, expired } = layout;
  const warnEnd = x(now + Math.min(warningDays, chart.days) * day);
  const inWindow = marks.filter((m) => Date.parse(m.token.expiresAt as string) - now <= warningDays * day).length;

  const summary =
    `${marks.length} token${marks.length === 1 ? '' : 's'} expire${marks.length === 1 ? 's' : ''} in the next ${chart.days} days, ` +
    `${inWindow} of them within the ${warningDays}-day warning window; ${expired.length} already expired.`;

  return (
    <div ref={box} className="timeline-box">
      <svg
        className="timeline"
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
      >
        <title id={`${id}-title`}>Expiry timeline, next {chart.days} days</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <rect
          className="warning-band"
          x={x(now)}
          y={chart.top - 8}
          width={warnEnd - x(now)}
          height={axisY - chart.top + 8}
        />
        <text className="band-label" x={x(now) + 6} y={chart.top - 14}>
          warning window · {warningDays} days
        </text>
        {axisTicks(now).map((tick) => (
          <g key={tick.days}>
            <line
              className={tick.days === 0 ? 'today-line' : 'grid-line'}
              x1={x(tick.at)}
              x2={x(tick.at)}
              y1={chart.top - 8}
              y2={axisY + 5}
            />
            {tick.labelled && (
              <text className="tick-label" x={x(tick.at)} y={axisY + 20} textAnchor="middle">
                {tick.days === 0 ? 'Today' : tickDate.format(tick.at)}
              </text>
            )}
          </g>
        ))}
        <line className="axis" x1={chart.gutter - 8} x2={layout.width - chart.right} y1={axisY} y2={axisY} />
        {expired.length > 0 && (
          <g className="mark mark-critical expired-stack">
            <title>{`Expired: ${expired.map((t) => t.label).join(', ')}`}</title>
            <MarkShape tone="critical" x={chart.gutter / 2 - 4} y={y(0)} />
            <text className="expired-count" x={chart.gutter / 2 - 4} y={y(1) + 4} textAnchor="middle">
              {expired.length} expired
            </text>
          </g>
        )}
        {marks.map((m) => (
          <g key={m.token.id} className={`mark mark-${m.tone}`} data-token={m.token.label}>
            <title>{`${m.token.label} · ${providerNames[m.token.provider]} · ${statusWords[m.token.status]} · ${describeExpiry(m.token.expiresAt, now)} (${exactDate(m.token.expiresAt as string)})`}</title>
            <line className="stem" x1={m.x} x2={m.x} y1={y(m.lane) + chart.markRadius} y2={axisY} />
            <MarkShape tone={m.tone} x={m.x} y={y(m.lane)} />
            {m.label && (
              <text className="mark-label" x={m.x + chart.markRadius + 5} y={y(m.lane) + 4}>
                {m.label}
              </text>
            )}
          </g>
        ))}
      </svg>
      <p className="timeline-note">
        {summary}
        {layout.later > 0 && ` ${layout.later} expire${layout.later === 1 ? 's' : ''} later.`}
        {layout.never > 0 && ` ${layout.never} never expire${layout.never === 1 ? 's' : ''}.`}
      </p>
    </div>
  );
}
