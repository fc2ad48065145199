import type { Tone } from '../tokens/status.js';
import { chart } from './timeline.js';

/** A timeline mark: diamond for critical, triangle for warning, circle otherwise; shape says the tone, not colour alone. */
export function MarkShape({ tone, x, y }: { tone: Tone; x: number; y: number }) {
  const r = chart.markRadius;
  if (tone === 'critical')
    return (
      <path className="mark-shape" d={`M${x} ${y - r - 1}L${x + r + 1} ${y}L${x} ${y + r + 1}L${x - r - 1} ${y}Z`} />
    );
  if (tone === 'warning')
    return (
      <path className="mark-shape" d={`M${x} ${y - r - 1}L${x + r + 1} ${y + r - 1}L${x - r - 1} ${y + r - 1}Z`} />
    );
  return <circle className="mark-shape" cx={x} cy={y} r={r} />;
}
