import type { FigureQualifier } from '@/domain/shared/observation';
import type { PathSegment } from './target-file-problem';
import type { Comparator, Target } from './target-set';

/**
 * What each comparator means, defined once. Everything else (margins, statuses,
 * pace, gauges, charts, sorting, the goal's text, the consistency checks) is derived
 * here from one definition per comparator, so adding a comparator to the schema
 * (`target-set.ts`) fails to compile until it is defined in `COMPARATORS` below.
 */

/** The goal's own numbers per comparator; a comparator missing here fails to compile in `Goal`. */
type GoalFields = {
  at_least: { goal: number };
  at_most: { goal: number };
  approximately: { goal: number; tolerance: number };
  between: { min: number; max: number };
};

/** A goal resolved for one region: per-region goals replace the target's goal. */
export type Goal = { [C in Comparator]: { comparator: C } & GoalFields[C] }[Comparator];

/**
 * The values that meet a goal: low ≤ value ≤ high, both bounds inclusive, in the
 * goal's unit. An open side is −Infinity (no floor) or Infinity (no cap).
 */
export type GoalInterval = { low: number; high: number };

/**
 * A piece of a goal written as a short formula ("≥ 85%", "5% ± 1", "80%–90%"):
 * a symbol written as is (language-neutral), a value with its unit, or a bare
 * amount in the unit's decimals (a tolerance). `formatGoal` joins them.
 */
export type GoalTextPiece = { kind: 'symbol'; text: string } | { kind: 'measure'; value: number } | { kind: 'amount'; value: number };

/** A number a target declares as its goal, with its path inside the target (`['goal']`, `['region_goals', id]`, `['min']`). */
export type GoalField = { path: PathSegment[]; value: number };

type TargetOf<C extends Comparator> = Extract<Target, { comparator: C }>;
type GoalOf<C extends Comparator> = Extract<Goal, { comparator: C }>;

/** What one comparator means; everything else is derived from these. */
type ComparatorDefinition<C extends Comparator> = {
  /** The goal a region is held to; without a region, the target's own goal. */
  goal: (target: TargetOf<C>, regionId: string | undefined) => GoalOf<C>;
  /** The values that meet it (inclusive; open sides infinite). */
  interval: (goal: GoalOf<C>) => GoalInterval;
  /** The numbers the plan states, in ascending order for a valid goal: drawn as gauge markers and sparkline lines. */
  marks: (goal: GoalOf<C>) => number[];
  /** From this value on, pace aims at the upper edge of the interval; below it, at the lower edge. */
  upperAimFrom: (goal: GoalOf<C>) => number;
  /** The goal as a short formula, in pieces (`formatGoal` writes the numbers). */
  text: (goal: GoalOf<C>) => GoalTextPiece[];
  /** The declared goal numbers with their paths, the lower bound first. */
  fields: (target: TargetOf<C>) => GoalField[];
};

type WithRegionGoals = { goal: number; region_goals?: Record<string, number> | undefined };

/**
 * A region's own entry in `region_goals`, else the target's goal. Own properties only: a region id
 * such as `constructor` or `toString` reads the declared goal or nothing, never `Object.prototype`'s.
 * (A `__proto__` key never gets here: the schema's record parse drops it.)
 */
const regionGoal = (target: WithRegionGoals, regionId: string | undefined): number => {
  const goals = target.region_goals;
  if (regionId === undefined || goals === undefined || !Object.hasOwn(goals, regionId)) return target.goal;
  const value: unknown = goals[regionId];
  return typeof value === 'number' ? value : target.goal;
};

const goalAndRegionGoals = (target: WithRegionGoals): GoalField[] => [
  { path: ['goal'], value: target.goal },
  ...Object.entries(target.region_goals ?? {}).map(([id, value]) => ({ path: ['region_goals', id], value })),
];

const COMPARATORS: { [C in Comparator]: ComparatorDefinition<C> } = {
  at_least: {
    goal: (target, regionId) => ({ comparator: 'at_least', goal: regionGoal(target, regionId) }),
    interval: (goal) => ({ low: goal.goal, high: Infinity }),
    marks: (goal) => [goal.goal],
    // A floor always aims at the floor.
    upperAimFrom: () => Infinity,
    text: (goal) => [{ kind: 'symbol', text: '≥ ' }, { kind: 'measure', value: goal.goal }],
    fields: goalAndRegionGoals,
  },
  at_most: {
    goal: (target, regionId) => ({ comparator: 'at_most', goal: regionGoal(target, regionId) }),
    interval: (goal) => ({ low: -Infinity, high: goal.goal }),
    marks: (goal) => [goal.goal],
    // A cap always aims at the cap.
    upperAimFrom: () => -Infinity,
    text: (goal) => [{ kind: 'symbol', text: '≤ ' }, { kind: 'measure', value: goal.goal }],
    fields: goalAndRegionGoals,
  },
  approximately: {
    goal: (target, regionId) => ({ comparator: 'approximately', goal: regionGoal(target, regionId), tolerance: target.tolerance }),
    interval: (goal) => ({ low: goal.goal - goal.tolerance, high: goal.goal + goal.tolerance }),
    marks: (goal) => [goal.goal],
    // The edge on the value's side of the goal (the nearer one).
    upperAimFrom: (goal) => goal.goal,
    text: (goal) => [{ kind: 'measure', value: goal.goal }, { kind: 'symbol', text: ' ± ' }, { kind: 'amount', value: goal.tolerance }],
    fields: goalAndRegionGoals,
  },
  between: {
    goal: (target) => ({ comparator: 'between', min: target.min, max: target.max }),
    interval: (goal) => ({ low: goal.min, high: goal.max }),
    marks: (goal) => [goal.min, goal.max],
    // min below the band, max from min on (also inside the band).
    upperAimFrom: (goal) => goal.min,
    text: (goal) => [{ kind: 'measure', value: goal.min }, { kind: 'symbol', text: '–' }, { kind: 'measure', value: goal.max }],
    fields: (target) => [
      { path: ['min'], value: target.min },
      { path: ['max'], value: target.max },
    ],
  },
};

/**
 * The definition of a comparator. Callers pass a goal's (or target's) own
 * comparator and then that same goal, so each definition only ever sees goals of
 * its own kind — a link TypeScript checks inside this function (C → definition of
 * C) but not across the caller's union, where C is every comparator at once.
 */
function definitionOf<C extends Comparator>(comparator: C): ComparatorDefinition<C> {
  return COMPARATORS[comparator];
}

/** Float noise from num ÷ den: a margin this far below 0 (relative to the value, at least 1) still meets. */
const EPSILON = 1e-9;

/**
 * The goal that applies to a region: its entry in `region_goals` when it has one,
 * else the target's goal (tolerance kept for "approximately"; "between" has no
 * per-region goals). Without a region id, the target's own goal.
 */
export function goalFor(target: Target, regionId?: string): Goal {
  return definitionOf(target.comparator).goal(target, regionId);
}

/**
 * The values that meet a goal, in its unit, bounds inclusive: at least g → [g, ∞);
 * at most g → (−∞, g]; approximately g ± t → [g − t, g + t]; between → [min, max].
 * An open side is ±Infinity. Empty (low > high) only for a "between" with min > max,
 * which the consistency checks report.
 */
export function goalInterval(goal: Goal): GoalInterval {
  return definitionOf(goal.comparator).interval(goal);
}

/**
 * The numbers the goal states, in its unit and ascending for a valid goal: [goal]
 * for floors, caps and "approximately" (its centre), [min, max] for "between".
 * They are the gauge's markers and the sparkline's lines.
 */
export function goalMarks(goal: Goal): number[] {
  return definitionOf(goal.comparator).marks(goal);
}

/** True for a band, a goal closed on both sides ("approximately", "between"): its pace is linear and its chart shows a band. */
export function isBand(goal: Goal): boolean {
  const { low, high } = goalInterval(goal);
  return Number.isFinite(low) && Number.isFinite(high);
}

/**
 * Signed distance from a value to its goal in the goal's unit (percentage points
 * for percents), oriented so that ≥ 0 means the goal is met: the distance to the
 * nearer bound of `goalInterval`, min(value − low, high − value), an open side
 * never limiting it. So at least → value − goal; at most (a cap, lower is better)
 * → goal − value; approximately → tolerance − |value − goal|; between → distance to
 * the nearer of min and max. Bounds are inclusive: 85.0 meets "at least 85" with
 * margin 0. Infinity only when both sides are open.
 */
export function marginToGoal(goal: Goal, value: number): number {
  const { low, high } = goalInterval(goal);
  const aboveLow = low === -Infinity ? Infinity : value - low;
  const belowHigh = high === Infinity ? Infinity : high - value;
  return Math.min(aboveLow, belowHigh);
}

/**
 * True when the value meets the goal: its margin is ≥ 0, inclusive bounds, with
 * float noise from num ÷ den ignored (a margin down to −1e-9 × max(1, |value|) meets,
 * so 57 ÷ 100 × 100 = 57.00000000000001 meets "at most 57").
 */
export function meetsGoal(goal: Goal, value: number): boolean {
  return marginToGoal(goal, value) >= -EPSILON * Math.max(1, Math.abs(value));
}

/**
 * The value a pace calculation aims at, in the goal's unit: the goal itself for
 * floors and caps; for a band the edge a value must reach — for "approximately" the
 * edge on the value's side of the goal (the lower edge below the goal, the upper
 * from it on), for "between" min below min and max from min on. For a value outside
 * the interval that is always the nearer edge.
 */
export function aimFor(goal: Goal, value: number): number {
  const { low, high } = goalInterval(goal);
  return value < definitionOf(goal.comparator).upperAimFrom(goal) ? low : high;
}

/**
 * The value in from..to (a projection band, from ≤ to, in the goal's unit) with the
 * largest margin to the goal: `to` for a floor, `from` for a cap, and for a band its
 * midpoint (the goal of "approximately") clamped into from..to.
 */
export function bestValueIn(goal: Goal, from: number, to: number): number {
  const { low, high } = goalInterval(goal);
  const ideal = low === -Infinity ? -Infinity : high === Infinity ? Infinity : (low + high) / 2;
  return Math.min(to, Math.max(from, ideal));
}

/**
 * The size of a goal, for comparing margins of different targets (worst-first
 * sorting divides a margin by it): |the last mark| — the goal, or max for
 * "between" — and 1 when that is 0. In the goal's unit, always > 0.
 */
export function referenceScale(goal: Goal): number {
  return Math.abs(goalMarks(goal).at(-1) ?? 0) || 1;
}

/** The goal as formula pieces ("≥ ", 85%), for `formatGoal` to put into words and units. */
export function goalText(goal: Goal): GoalTextPiece[] {
  return definitionOf(goal.comparator).text(goal);
}

/**
 * The numbers a target declares as its goal, with their paths inside the target,
 * the lower bound first: goal and each region goal, or min and max. The tolerance
 * of "approximately" is not one of them.
 */
export function goalFields(target: Target): GoalField[] {
  return definitionOf(target.comparator).fields(target);
}

/**
 * What a figure proves against a goal. An exact figure meets the goal or not (`meetsGoal`). A bound
 * ("95%以上" = `at_least` 95: the true value is 95 or more, inclusive) stands for every value on its
 * side, so it proves the goal met only when all of them meet it, missed only when none does, and is
 * undecided otherwise: `at_least` 95 meets "≥ 95"; `at_least` 93 against "≥ 95" is undecided (the true
 * value may be 95); `at_most` 3 meets "≤ 5"; `at_least` 12 against "≤ 10" is missed; against a band
 * ("5 ± 1") a lower bound of 3 is undecided and one of 7 missed, and no bound ever proves a band met.
 */
export type BoundProof = 'met' | 'missed' | 'undecided';

/**
 * Where a bound's value lies among the values it allows, judged by the margin to a goal:
 * `worst` — every allowed value has a margin at least the bound's (a lower bound against a floor,
 * an upper bound against a cap); `best` — every allowed value has a margin at most the bound's
 * (a lower bound against a cap, or above a band's centre); `neither` — the allowed values include
 * better and worse ones (a lower bound below a band's centre). Exact figures are `exact`.
 */
export type BoundSide = 'exact' | 'worst' | 'best' | 'neither';

/** See `BoundSide`. The margin is concave in the value (it rises to the interval's centre, then falls). */
export function boundSide(goal: Goal, value: number, qualifier: FigureQualifier | undefined): BoundSide {
  if (qualifier === undefined) return 'exact';
  const { low, high } = goalInterval(goal);
  const centre = low === -Infinity ? -Infinity : high === Infinity ? Infinity : (low + high) / 2;
  // The margin rises towards `centre` (±Infinity for a floor or a cap) and falls beyond it.
  if (qualifier === 'at_least') return value >= centre ? 'best' : centre === Infinity ? 'worst' : 'neither';
  return value <= centre ? 'best' : centre === -Infinity ? 'worst' : 'neither';
}

/** What a figure, exact or a bound, proves against a goal (see `BoundProof`). */
export function proveAgainstGoal(goal: Goal, value: number, qualifier?: FigureQualifier): BoundProof {
  const meets = meetsGoal(goal, value);
  switch (boundSide(goal, value, qualifier)) {
    case 'exact':
      return meets ? 'met' : 'missed';
    case 'worst':
      // Every allowed value is at least this good; the best of them lies deep inside the interval.
      return meets ? 'met' : 'undecided';
    case 'best':
      return meets ? 'undecided' : 'missed';
    case 'neither':
      // The allowed values reach the interval's centre (which meets) and run off to infinity (which does not).
      return 'undecided';
  }
}

/**
 * What is known of a bounded figure's margin to a goal (`marginToGoal` at the bound): the true margin is
 * `at_least` that (the bound is the worst value it allows: "short by at most 2"), `at_most` that (the bound
 * is the best: "short by at least 2"), or `exact` for an exact figure. Undefined when the bound allows
 * both better and worse values (`neither`): nothing useful is known of the margin.
 */
export function boundMargin(
  goal: Goal,
  value: number,
  qualifier: FigureQualifier | undefined,
): { margin: number; known: 'exact' | 'at_least' | 'at_most' } | undefined {
  const margin = marginToGoal(goal, value);
  switch (boundSide(goal, value, qualifier)) {
    case 'exact':
      return { margin, known: 'exact' };
    case 'worst':
      return { margin, known: 'at_least' };
    case 'best':
      return { margin, known: 'at_most' };
    case 'neither':
      return undefined;
  }
}
