import { expect, test } from 'vitest';
import {
  aimFor,
  bestValueIn,
  goalFields,
  goalFor,
  goalInterval,
  goalMarks,
  goalText,
  isBand,
  marginToGoal,
  meetsGoal,
  referenceScale,
  type Goal,
} from '@/domain/targets/comparator';
import type { Target } from '@/domain/targets/target-set';
import { TARGET_COMMON } from '../../fixtures/targets';

const AT_LEAST_85: Goal = { comparator: 'at_least', goal: 85 };
const AT_MOST_10: Goal = { comparator: 'at_most', goal: 10 };
const ABOUT_5: Goal = { comparator: 'approximately', goal: 5, tolerance: 1 };
const FROM_80_TO_90: Goal = { comparator: 'between', min: 80, max: 90 };

const NAMES = new Map<Goal, string>([
  [AT_LEAST_85, 'at least 85'],
  [AT_MOST_10, 'at most 10'],
  [ABOUT_5, 'approximately 5 ± 1'],
  [FROM_80_TO_90, 'between 80 and 90'],
]);
const named = <T extends { goal: Goal }>(rows: T[]) => rows.map((row) => ({ ...row, name: NAMES.get(row.goal) }));

// ---- the interval, its marks and whether it is a band -------------------------

test.each(
  named([
    { goal: AT_LEAST_85, low: 85, high: Infinity, marks: [85], band: false },
    { goal: AT_MOST_10, low: -Infinity, high: 10, marks: [10], band: false },
    { goal: ABOUT_5, low: 4, high: 6, marks: [5], band: true },
    { goal: FROM_80_TO_90, low: 80, high: 90, marks: [80, 90], band: true },
  ]),
)('$name is met from $low to $high, marked at $marks, a band: $band', ({ goal, low, high, marks, band }) => {
  expect(goalInterval(goal)).toEqual({ low, high });
  expect(goalMarks(goal)).toEqual(marks);
  expect(isBand(goal)).toBe(band);
});

// ---- margin and meeting: at, inside, outside and exactly on the bounds -------

test.each(
  named([
    { goal: AT_LEAST_85, where: 'below the floor', value: 84, margin: -1, meets: false },
    { goal: AT_LEAST_85, where: 'exactly on the floor', value: 85, margin: 0, meets: true },
    { goal: AT_LEAST_85, where: 'above the floor', value: 90, margin: 5, meets: true },
    { goal: AT_LEAST_85, where: 'far above (open side)', value: 1e6, margin: 1e6 - 85, meets: true },
    { goal: AT_MOST_10, where: 'below the cap', value: 8, margin: 2, meets: true },
    { goal: AT_MOST_10, where: 'exactly on the cap', value: 10, margin: 0, meets: true },
    { goal: AT_MOST_10, where: 'above the cap', value: 12, margin: -2, meets: false },
    { goal: AT_MOST_10, where: 'far below (open side)', value: -1e6, margin: 1e6 + 10, meets: true },
    { goal: ABOUT_5, where: 'below the band', value: 3, margin: -1, meets: false },
    { goal: ABOUT_5, where: 'exactly on the lower edge', value: 4, margin: 0, meets: true },
    { goal: ABOUT_5, where: 'at the goal', value: 5, margin: 1, meets: true },
    { goal: ABOUT_5, where: 'inside above the goal', value: 5.5, margin: 0.5, meets: true },
    { goal: ABOUT_5, where: 'exactly on the upper edge', value: 6, margin: 0, meets: true },
    { goal: ABOUT_5, where: 'above the band', value: 7.5, margin: -1.5, meets: false },
    { goal: FROM_80_TO_90, where: 'below min', value: 75, margin: -5, meets: false },
    { goal: FROM_80_TO_90, where: 'exactly on min', value: 80, margin: 0, meets: true },
    { goal: FROM_80_TO_90, where: 'inside, nearer min', value: 82, margin: 2, meets: true },
    { goal: FROM_80_TO_90, where: 'inside, nearer max', value: 89, margin: 1, meets: true },
    { goal: FROM_80_TO_90, where: 'exactly on max', value: 90, margin: 0, meets: true },
    { goal: FROM_80_TO_90, where: 'above max', value: 93, margin: -3, meets: false },
  ]),
)('$name, $where ($value), has margin $margin and meets it: $meets', ({ goal, value, margin, meets }) => {
  expect(marginToGoal(goal, value)).toBeCloseTo(margin, 9);
  expect(meetsGoal(goal, value)).toBe(meets);
});

test.each([
  { value: 3.9, expected: 1 - Math.abs(3.9 - 5) },
  { value: 4.3, expected: 1 - Math.abs(4.3 - 5) },
  { value: 5.7, expected: 1 - Math.abs(5.7 - 5) },
  { value: 6.2, expected: 1 - Math.abs(6.2 - 5) },
])('the margin of "approximately 5 ± 1" at $value is tolerance − |value − goal|', ({ value, expected }) => {
  expect(marginToGoal(ABOUT_5, value)).toBeCloseTo(expected, 12);
});

test.each(
  named([
    { goal: { comparator: 'at_least', goal: 57 } as Goal, value: (57 / 100) * 100 },
    { goal: { comparator: 'at_most', goal: 7 } as Goal, value: (7 / 100) * 100 },
    { goal: { comparator: 'approximately', goal: 0.3, tolerance: 0.1 } as Goal, value: 0.2 },
    { goal: { comparator: 'between', min: 29, max: 40 } as Goal, value: (29 / 100) * 100 },
  ]),
)('a $goal.comparator value on its bound up to float noise ($value) meets it', ({ goal, value }) => {
  expect(meetsGoal(goal, value)).toBe(true);
});

test('a value a millionth short of "at least 85" does not meet it: the float slack is far smaller', () => {
  expect(meetsGoal(AT_LEAST_85, 84.999999)).toBe(false);
});

// ---- the aim of pace -------------------------------------------------------------

test.each(
  named([
    { goal: AT_LEAST_85, where: 'below the floor', value: 70, aim: 85 },
    { goal: AT_LEAST_85, where: 'above the floor', value: 90, aim: 85 },
    { goal: AT_MOST_10, where: 'above the cap', value: 15, aim: 10 },
    { goal: AT_MOST_10, where: 'below the cap', value: 5, aim: 10 },
    { goal: ABOUT_5, where: 'below the band', value: 2, aim: 4 },
    { goal: ABOUT_5, where: 'inside below the goal', value: 4.5, aim: 4 },
    { goal: ABOUT_5, where: 'exactly at the goal', value: 5, aim: 6 },
    { goal: ABOUT_5, where: 'above the band', value: 9, aim: 6 },
    { goal: FROM_80_TO_90, where: 'below min', value: 70, aim: 80 },
    { goal: FROM_80_TO_90, where: 'exactly on min', value: 80, aim: 90 },
    { goal: FROM_80_TO_90, where: 'inside', value: 82, aim: 90 },
    { goal: FROM_80_TO_90, where: 'above max', value: 95, aim: 90 },
  ]),
)('pace towards $name from $where ($value) aims at $aim', ({ goal, value, aim }) => {
  expect(aimFor(goal, value)).toBe(aim);
});

// ---- the best value of a projection band -------------------------------------------

test.each(
  named([
    { goal: AT_LEAST_85, from: 80, to: 88, best: 88 },
    { goal: AT_MOST_10, from: 8, to: 14, best: 8 },
    { goal: ABOUT_5, from: 3, to: 7, best: 5 },
    { goal: ABOUT_5, from: 5.5, to: 8, best: 5.5 },
    { goal: FROM_80_TO_90, from: 70, to: 100, best: 85 },
    { goal: FROM_80_TO_90, from: 60, to: 75, best: 75 },
  ]),
)('in a projection band $from–$to the value best for $name is $best', ({ goal, from, to, best }) => {
  expect(bestValueIn(goal, from, to)).toBe(best);
});

// ---- the size used by worst-first sorting ----------------------------------------------

test.each([
  { name: 'at least 85', goal: AT_LEAST_85, scale: 85 },
  { name: 'at most 10', goal: AT_MOST_10, scale: 10 },
  { name: 'approximately 5 ± 1 (its goal)', goal: ABOUT_5, scale: 5 },
  { name: 'between 80 and 90 (its max)', goal: FROM_80_TO_90, scale: 90 },
  { name: 'at most 0 (never 0)', goal: { comparator: 'at_most', goal: 0 } as Goal, scale: 1 },
  { name: 'at least −20 (its size)', goal: { comparator: 'at_least', goal: -20 } as Goal, scale: 20 },
])('worst-first sorting compares margins to $name relative to $scale', ({ goal, scale }) => {
  expect(referenceScale(goal)).toBe(scale);
});

// ---- the goal's text pieces ---------------------------------------------------------

test.each(
  named([
    { goal: AT_LEAST_85, reads: '"≥ " and 85 in its unit', pieces: [{ kind: 'symbol', text: '≥ ' }, { kind: 'measure', value: 85 }] },
    { goal: AT_MOST_10, reads: '"≤ " and 10 in its unit', pieces: [{ kind: 'symbol', text: '≤ ' }, { kind: 'measure', value: 10 }] },
    {
      goal: ABOUT_5,
      reads: '5 in its unit, " ± " and the bare amount 1',
      pieces: [{ kind: 'measure', value: 5 }, { kind: 'symbol', text: ' ± ' }, { kind: 'amount', value: 1 }],
    },
    {
      goal: FROM_80_TO_90,
      reads: '80 in its unit, "–" and 90 in its unit',
      pieces: [{ kind: 'measure', value: 80 }, { kind: 'symbol', text: '–' }, { kind: 'measure', value: 90 }],
    },
  ]),
)('$name is written as $reads', ({ goal, pieces }) => {
  expect(goalText(goal)).toEqual(pieces);
});

// ---- resolving a target's goal for a region, and its declared numbers ------------------------

const common = { ...TARGET_COMMON, source_text: '……' } as const;
const TARGETS: Record<string, Target> = {
  atLeast: { ...common, comparator: 'at_least', goal: 85, region_goals: { town: 80 } },
  atMost: { ...common, comparator: 'at_most', goal: 10 },
  approximately: { ...common, comparator: 'approximately', goal: 5, tolerance: 1, region_goals: { town: 8 } },
  between: { ...common, comparator: 'between', min: 80, max: 90 },
};

test.each([
  { target: 'atLeast', region: 'town', holds: 'its region goal, at least 80', goal: { comparator: 'at_least', goal: 80 } },
  { target: 'atLeast', region: 'city', holds: 'the target goal, at least 85', goal: { comparator: 'at_least', goal: 85 } },
  { target: 'atLeast', region: undefined, holds: 'the target goal, at least 85', goal: { comparator: 'at_least', goal: 85 } },
  { target: 'atMost', region: 'town', holds: 'the target goal, at most 10', goal: { comparator: 'at_most', goal: 10 } },
  { target: 'approximately', region: 'town', holds: 'its region goal with the tolerance, 8 ± 1', goal: { comparator: 'approximately', goal: 8, tolerance: 1 } },
  { target: 'between', region: 'town', holds: 'min and max', goal: { comparator: 'between', min: 80, max: 90 } },
])('the $target target holds region $region to $holds', ({ target, region, goal }) => {
  expect(goalFor(TARGETS[target]!, region)).toEqual(goal);
});

test('a region goal of 0 replaces the target goal (0 is a goal, not a gap)', () => {
  expect(goalFor({ ...common, comparator: 'at_most', goal: 10, region_goals: { town: 0 } }, 'town')).toEqual({ comparator: 'at_most', goal: 0 });
});

test.each([
  { target: 'atLeast', declares: 'goal 85, region_goals.town 80', fields: [{ path: ['goal'], value: 85 }, { path: ['region_goals', 'town'], value: 80 }] },
  { target: 'atMost', declares: 'goal 10', fields: [{ path: ['goal'], value: 10 }] },
  { target: 'approximately', declares: 'goal 5, region_goals.town 8 (not the tolerance)', fields: [{ path: ['goal'], value: 5 }, { path: ['region_goals', 'town'], value: 8 }] },
  { target: 'between', declares: 'min 80, then max 90', fields: [{ path: ['min'], value: 80 }, { path: ['max'], value: 90 }] },
])('the $target target declares the goal numbers $declares', ({ target, fields }) => {
  expect(goalFields(TARGETS[target]!)).toEqual(fields);
});

test('a "between" written the wrong way round has an empty interval', () => {
  const { low, high } = goalInterval({ comparator: 'between', min: 90, max: 80 });
  expect(low).toBeGreaterThan(high);
});
