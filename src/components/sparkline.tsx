import type { Status } from '@/domain/evaluation/evaluate-target';

type SparklineProps = {
  points: readonly { year: number; value: number }[];
  /** Goal lines to draw (one for a floor or cap, two for a band). */
  goals: readonly number[];
  /** Text alternative listing every point (each figure written with `formatFigure`, as on the card). */
  label: string;
  /** The card's status: the latest point's colour (`--status-<status>`). */
  status?: Status;
};

const WIDTH = 120;
const HEIGHT = 36;
const PAD = 3;

/** A small line of recent years with the goal as a dashed line; the label carries the numbers for screen readers. */
export function Sparkline({ points, goals, label, status }: SparklineProps) {
  if (points.length === 0) return null;
  const values = [...points.map((p) => p.value), ...goals];
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low || 1;
  const first = points[0]!.year;
  const years = Math.max(1, points.at(-1)!.year - first);
  const x = (year: number) => PAD + ((year - first) / years) * (WIDTH - 2 * PAD);
  const y = (value: number) => HEIGHT - PAD - ((value - low) / span) * (HEIGHT - 2 * PAD);
  const path = points.map((p) => `${x(p.year).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const last = points.at(-1)!;
  return (
    <svg className="sparkline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      {goals.map((goal) => (
        <line key={goal} className="sparkline__goal" x1={0} x2={WIDTH} y1={y(goal)} y2={y(goal)} />
      ))}
      {points.length > 1 && <polyline className="sparkline__line" points={path} fill="none" />}
      <circle className={status ? `sparkline__dot sparkline__dot--${status}` : 'sparkline__dot'} cx={x(last.year)} cy={y(last.value)} r={2.5} />
    </svg>
  );
}
