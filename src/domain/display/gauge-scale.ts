import type { Goal } from '@/domain/evaluation/evaluate-target';
import type { Metric } from '@/domain/targets/target-set';

/**
 * The scale of a bullet gauge: where it starts and ends, and the stretch of it
 * that meets the goal (below the cap for "at most", inside the band for
 * "approximately" and "between", above the floor for "at least").
 * Shares run 0–100; gross rates extend past 100 when a value or goal does; counts run
 * to a little beyond the larger of goal and value.
 */
export type GaugeScale = { min: number; max: number; goodFrom: number; goodTo: number; markers: number[] };

export function gaugeScale(metric: Metric, goal: Goal, value: number | undefined): GaugeScale {
  const top = goal.comparator === 'between' ? goal.max : goal.comparator === 'approximately' ? goal.goal + goal.tolerance : goal.goal;
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
