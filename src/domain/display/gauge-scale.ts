import { goalInterval, goalMarks, type Goal } from '@/domain/targets/comparator';
import type { Metric } from '@/domain/targets/target-set';

/**
 * The scale of a bullet gauge: where it starts and ends, and the stretch of it
 * that meets the goal (below the cap for "at most", inside the band for
 * "approximately" and "between", above the floor for "at least").
 * Shares run 0–100; gross rates extend past 100 when a value or goal does; counts run
 * to a little beyond the larger of goal and value.
 */
export type GaugeScale = { min: number; max: number; goodFrom: number; goodTo: number; markers: number[] };

/**
 * The gauge for a goal and a value (absent with no data), in the metric's unit:
 * the good stretch is the goal's interval (`goalInterval`) clamped to the scale (an
 * open side runs to the scale's end), the markers are its marks (`goalMarks`), and
 * the scale reaches past the interval's highest finite bound.
 */
export function gaugeScale(metric: Metric, goal: Goal, value: number | undefined): GaugeScale {
  const { low, high } = goalInterval(goal);
  const top = Number.isFinite(high) ? high : low;
  const observed = value ?? 0;
  let max: number;
  if (metric.unit === 'percent') {
    // A gross rate's scale reaches past 100 for a value, or a goal, above 100.
    const reach = top > 100 ? Math.max(top, observed) : observed;
    max = metric.kind === 'share' ? 100 : Math.max(100, Math.ceil((reach * 1.05) / 10) * 10);
    // Small percentages (a 5% band) would be a sliver on a 0–100 scale; a cap of 0% still needs a scale.
    if (metric.kind === 'share' && Math.max(top, observed) < 25) max = Math.max(5, Math.ceil((Math.max(top, observed) * 2) / 5) * 5);
  } else {
    max = niceCeiling(Math.max(top, observed) * 1.15);
  }
  const clamp = (n: number) => Math.min(max, Math.max(0, n));
  return { min: 0, max, goodFrom: clamp(low), goodTo: clamp(high), markers: goalMarks(goal).map(clamp) };
}

/** The next "round" number at or above n: 1, 2, 2.5 or 5 times a power of ten. */
export function niceCeiling(n: number): number {
  if (n <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= n) ?? 10;
  return step * power;
}
