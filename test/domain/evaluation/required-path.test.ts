import { expect, test } from 'vitest';
import { evaluateTarget, type Evaluation } from '@/domain/evaluation/evaluate-target';
import type { Goal } from '@/domain/targets/comparator';
import { observedTrend, requiredPath } from '@/domain/evaluation/required-path';
import type { Metric, MetricKind, Target } from '@/domain/targets/target-set';

// ---- builders --------------------------------------------------------------

const metric = (kind: MetricKind): Metric => ({
  id: 'm',
  name: { zh: '指标', en: 'Metric' },
  aliases: [],
  unit: kind === 'count' ? 'persons' : 'percent',
  kind,
});
const SHARE = metric('share');
const GROSS = metric('gross_rate');
const COUNT = metric('count');

const atLeast = (goal: number): Goal => ({ comparator: 'at_least', goal });
const atMost = (goal: number): Goal => ({ comparator: 'at_most', goal });

const values = (path: { value: number }[]) => path.map((p) => p.value);
const years = (path: { year: number }[]) => path.map((p) => p.year);

/** An "at least" target due in 2022 unless told. */
const floor = (goal: number, options: Partial<Pick<Target, 'deadline' | 'baseline'>> = {}): Target => ({
  id: 't',
  metric: 'm',
  deadline: '2022-12-31',
  binding: true,
  applies_to: 'all',
  category: 'c',
  source_text: '原文',
  ...options,
  comparator: 'at_least',
  goal,
});

/** As of the latest figure's year unless told: pace exists only before the deadline year. */
function evaluate(target: Target, m: Metric, figures: [number, number][], asOf = Math.max(...figures.map(([year]) => year))): Evaluation {
  return evaluateTarget({
    target,
    metric: m,
    regionId: 'city',
    jurisdictionId: 'city',
    asOf,
    series: { figures: figures.map(([year, value]) => ({ year, value, basis: 'own', source: 'demo' })), unavailable: [] },
  });
}

// ---- required path ------------------------------------------------------------------

test('a gross rate aiming at 80 from 50 follows compound growth and ends exactly on the goal', () => {
  const path = requiredPath(GROSS, atLeast(80), { year: 2016, value: 50 }, 2020);
  expect(years(path)).toEqual([2016, 2017, 2018, 2019, 2020]);
  expect(path[0]?.value).toBe(50);
  expect(path[2]?.value).toBeCloseTo(50 * Math.sqrt(1.6), 12); // 63.2456: halfway in growth, not in points
  expect(path[4]?.value).toBe(80);
  // Constant growth rate: every year is 1.6^(1/4) times the one before.
  for (let i = 1; i < path.length; i += 1) expect(path[i]!.value / path[i - 1]!.value).toBeCloseTo(1.6 ** 0.25, 12);
});

test('a cap falling from 20 to 10 follows compound decline and ends exactly on the cap', () => {
  const path = requiredPath(SHARE, atMost(10), { year: 2016, value: 20 }, 2020);
  expect(path[0]?.value).toBe(20);
  expect(path[2]?.value).toBeCloseTo(20 * Math.SQRT1_2, 12);
  expect(path.at(-1)?.value).toBe(10);
});

test('a share aiming at 95% (near full) follows a straight line', () => {
  expect(values(requiredPath(SHARE, atLeast(95), { year: 2018, value: 80 }, 2020))).toEqual([80, 87.5, 95]);
});

test('a count starting at 0 follows a straight line to its goal (no growth rate exists from 0)', () => {
  const path = requiredPath(COUNT, atLeast(50), { year: 2019, value: 0 }, 2024);
  expect(path).toEqual([
    { year: 2019, value: 0 },
    { year: 2020, value: 10 },
    { year: 2021, value: 20 },
    { year: 2022, value: 30 },
    { year: 2023, value: 40 },
    { year: 2024, value: 50 },
  ]);
});

test.each([
  { base: 2, aim: 4, expected: [2, 3, 4] },
  { base: 9, aim: 6, expected: [9, 7.5, 6] },
])('an "about 5 ± 1" target from $base follows a straight line to the near edge $aim', ({ base, expected }) => {
  const path = requiredPath(SHARE, { comparator: 'approximately', goal: 5, tolerance: 1 }, { year: 2018, value: base }, 2020);
  expect(values(path)).toEqual(expected);
});

test('a "between 80 and 90" target from below follows a straight line to 80', () => {
  expect(values(requiredPath(SHARE, { comparator: 'between', min: 80, max: 90 }, { year: 2018, value: 70 }, 2020))).toEqual([70, 75, 80]);
});

test('the endpoint is the goal exactly even where the formula drifts in floating point', () => {
  const path = requiredPath(GROSS, atLeast(85), { year: 2013, value: 33.3 }, 2020);
  expect(path.at(-1)?.value).toBe(85);
  expect(path[0]?.value).toBe(33.3);
});

test('with the latest figure given, the method follows the status: a share now at 92% is paced linearly', () => {
  const compound = requiredPath(SHARE, atLeast(80), { year: 2018, value: 60 }, 2020);
  const linear = requiredPath(SHARE, atLeast(80), { year: 2018, value: 60 }, 2020, 92);
  expect(compound[1]?.value).toBeCloseTo(60 * Math.sqrt(80 / 60), 12);
  expect(linear[1]?.value).toBe(70);
});

test.each([
  { name: 'compound', m: GROSS, figures: [[2020, 50], [2021, 63]] as [number, number][] },
  { name: 'linear', m: SHARE, figures: [[2020, 60], [2021, 79]] as [number, number][] },
])('the first step of a required path from the latest figure is the required pace of the status ($name)', ({ m, figures }) => {
  const goal = m === GROSS ? 80 : 99;
  const pace = evaluate(floor(goal), m, figures).pace!;
  const [first, second] = requiredPath(m, atLeast(goal), { year: 2021, value: figures[1]![1] }, 2022);
  const step = pace.method === 'linear' ? second!.value - first!.value : second!.value / first!.value - 1;
  expect(step).toBeCloseTo(pace.required, 12);
});

test.each([2020, 2019])('there is no required path when the deadline (%i) is not after the base year', (deadline) => {
  expect(requiredPath(SHARE, atLeast(85), { year: 2020, value: 80 }, deadline)).toEqual([]);
});

// ---- observed trend -------------------------------------------------------------------

test('the observed compound trend passes through base and latest and reaches the projected value at the deadline', () => {
  const evaluation = evaluate(floor(80), GROSS, [[2020, 50], [2021, 63]]);
  expect(evaluation.pace?.method).toBe('compound');
  const trend = observedTrend(evaluation);
  expect(years(trend)).toEqual([2020, 2021, 2022]);
  expect(values(trend)).toEqual([50, 63, evaluation.pace!.projected]);
  expect(trend[2]?.value).toBeCloseTo(63 * 1.26, 10);
});

test('the observed linear trend of a count from a 0 baseline rises by the observed pace each year', () => {
  const evaluation = evaluate(floor(50, { deadline: '2024-12-31', baseline: { value: 0, year: 2019 } }), COUNT, [[2021, 20]], 2021);
  expect(observedTrend(evaluation)).toEqual([
    { year: 2019, value: 0 },
    { year: 2020, value: 10 },
    { year: 2021, value: 20 },
    { year: 2022, value: 30 },
    { year: 2023, value: 40 },
    { year: 2024, value: 50 },
  ]);
});

test('the observed trend can be drawn to another year on the same line', () => {
  const evaluation = evaluate(floor(99), SHARE, [[2020, 60], [2021, 79]]);
  expect(values(observedTrend(evaluation, 2023))).toEqual([60, 79, 98, 117]);
});

test.each([
  { name: 'no data', figures: [] as [number, number][] },
  { name: 'a goal already met', figures: [[2021, 90]] as [number, number][] },
  { name: 'a single figure', figures: [[2021, 70]] as [number, number][] },
  { name: 'a deadline-year figure', figures: [[2020, 60], [2022, 70]] as [number, number][] },
])('an evaluation without a pace ($name) has no observed trend', ({ figures }) => {
  const evaluation = evaluate(floor(85), SHARE, figures);
  expect(evaluation.pace).toBeUndefined();
  expect(observedTrend(evaluation)).toEqual([]);
});
