import type { Goal } from './evaluate-target';
import type { Metric } from './target-set';

/**
 * The scale of a bullet gauge: where it starts and ends, and the stretch of it
 * that meets the goal (below the cap for "at most", inside the band for
 * "approximately" and "between", above the floor for "at least").
 * Shares run 0–100; gross rates extend past 100 when a value does; counts run
 * to a little beyond the larger of goal and value.
 */
export type GaugeScale = { min: number; max: number; goodFrom: number; goodTo: number; markers: number[] };

export function gaugeScale(metric: Metric, goal: Goal, value: number | undefined): GaugeScale {
  const top = goal.comparator === 'between' ? goal.max : goal.comparator === 'approximately' ? goal.goal + goal.tolerance : goal.goal;
  const observed = value ?? 0;
  let max: number;
  if (metric.unit === 'percent') {
    max = metric.kind === 'share' ? 100 : Math.max(100, Math.ceil((observed * 1.05) / 10) * 10);
    // Small percentages (a 5% band) would be a sliver on a 0–100 scale.
    if (metric.kind === 'share' && Math.max(top, observed) < 25) max = Math.ceil((Math.max(top, observed) * 2) / 5) * 5;
  } else {
    max = niceCeiling(Math.max(top, observed) * 1.15);
  }
  const clamp = (n: number) => Math.min(max, Math.max(0, n));
  switch (goal.comparator) {
    case 'at_least':
      return { min: 0, max, goodFrom: clamp(goal.goal), goodTo: max, markers: [clamp(goal.goal)] };
    case 'at_most':
      return { min: 0, max, goodFrom: 0, goodTo: clamp(goal.goal), markers: [clamp(goal.goal)] };
    case 'approximately':
      return {
        min: 0,
        max,
        goodFrom: clamp(goal.goal - goal.tolerance),
        goodTo: clamp(goal.goal + goal.tolerance),
        markers: [clamp(goal.goal)],
      };
    case 'between':
      return { min: 0, max, goodFrom: clamp(goal.min), goodTo: clamp(goal.max), markers: [clamp(goal.min), clamp(goal.max)] };
  }
}

/** The next "round" number at or above n: 1, 2, 2.5 or 5 times a power of ten. */
export function niceCeiling(n: number): number {
  if (n <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= n) ?? 10;
  return step * power;
}
