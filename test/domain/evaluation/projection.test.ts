import { expect, test } from 'vitest';
import type { Goal } from '@/domain/targets/comparator';
import { projectionGap, projectLinear, tCritical, type Projection, type YearPoint } from '@/domain/evaluation/projection';

// ---- builders --------------------------------------------------------------

/** Points for consecutive years from `from`. */
const series = (from: number, values: number[]): YearPoint[] => values.map((value, i) => ({ year: from + i, value }));

function projected(projection: Projection) {
  if (projection.kind !== 'projection') throw new Error(`expected a projection, got ${projection.reason}`);
  return projection;
}

/**
 * A noisy rising line, worked by hand. Years 2016–2020 centred: −2 … 2, Sxx = 10.
 * ȳ = 323 / 5 = 64.6; Sxy = 9.2 + 2.6 + 0 + 1.4 + 10.8 = 24; slope = 2.4.
 * Fitted 59.8, 62.2, 64.6, 67.0, 69.4; residuals 0.2, −0.2, 0.4, −1.0, 0.6; SSE = 1.6.
 * s = √(1.6 / 3) = 0.730297; at 2022: ŷ = 64.6 + 2.4 · 4 = 74.2;
 * √(1 + 1/5 + 16/10) = √2.8 = 1.673320; s · √2.8 = 1.222020.
 * 80%: t(3) = 1.6377 → ± 2.001302 → 72.198698 … 76.201302.
 * 95%: t(3) = 3.1824 → ± 3.888957 → 70.311043 … 78.088957.
 */
const NOISY = series(2016, [60, 62, 65, 66, 70]);

/**
 * A large-class share falling towards a cap, worked by hand. ȳ = 112 / 5 = 22.4;
 * Sxy = −15.2 − 3.6 + 0 − 4.4 − 14.8 = −38; slope = −3.8; at 2020: ŷ = 22.4 − 3.8 · 3 = 11.0.
 * Residuals 0, −0.2, 0.6, −0.6, 0.2; SSE = 0.8; s = √(0.8 / 3) = 0.516398;
 * √(1 + 1/5 + 9/10) = √2.1 = 1.449138; 80%: ± 1.6377 · 0.748331 = ± 1.225542 → 9.774458 … 12.225542.
 */
const FALLING = series(2015, [30, 26, 23, 18, 15]);

const atLeast = (goal: number): Goal => ({ comparator: 'at_least', goal });
const atMost = (goal: number): Goal => ({ comparator: 'at_most', goal });

// ---- the t table -----------------------------------------------------------------

test.each([
  { confidence: 0.8, df: 1, t: 3.0777 },
  { confidence: 0.8, df: 2, t: 1.8856 },
  { confidence: 0.8, df: 10, t: 1.3722 },
  { confidence: 0.8, df: 30, t: 1.3104 },
  { confidence: 0.8, df: 31, t: 1.2816 },
  { confidence: 0.8, df: 1000, t: 1.2816 },
  { confidence: 0.9, df: 1, t: 6.3138 },
  { confidence: 0.9, df: 2, t: 2.92 },
  { confidence: 0.9, df: 10, t: 1.8125 },
  { confidence: 0.9, df: 30, t: 1.6973 },
  { confidence: 0.9, df: 31, t: 1.6449 },
  { confidence: 0.95, df: 1, t: 12.7062 },
  { confidence: 0.95, df: 2, t: 4.3027 },
  { confidence: 0.95, df: 10, t: 2.2281 },
  { confidence: 0.95, df: 30, t: 2.0423 },
  { confidence: 0.95, df: 31, t: 1.96 },
] as const)('the two-sided $confidence t value at df $df is $t', ({ confidence, df, t }) => {
  expect(tCritical(confidence, df)).toBe(t);
});

test.each([0, -1, 2.5])('a t value for df %s is refused', (df) => {
  expect(() => tCritical(0.8, df)).toThrow(RangeError);
});

test('the t values shrink towards the normal value as df grows', () => {
  for (const confidence of [0.8, 0.9, 0.95] as const) {
    for (let df = 1; df < 31; df += 1) expect(tCritical(confidence, df)).toBeGreaterThan(tCritical(confidence, df + 1));
  }
});

// ---- too few points, deadline passed -------------------------------------------------

test.each([
  { name: 'no points', points: [] },
  { name: 'one point', points: series(2019, [80]) },
  { name: 'two points', points: series(2018, [80, 82]) },
])('$name cannot be projected: too few points, 3 needed', ({ points }) => {
  const result = projectLinear(points, 2022);
  expect(result).toEqual({ kind: 'insufficient', reason: 'too_few_points', points, needed: 3 });
});

test.each([
  { targetYear: 2020, name: 'the last point’s year' },
  { targetYear: 2018, name: 'an earlier year' },
])('a target year at $name is not projected: the deadline has passed', ({ targetYear }) => {
  const result = projectLinear(series(2016, [60, 62, 65, 66, 70]), targetYear);
  expect(result).toMatchObject({ kind: 'insufficient', reason: 'deadline_passed', needed: 3 });
});

test('a passed deadline is reported even when there are too few points to project', () => {
  expect(projectLinear(series(2020, [80]), 2020)).toMatchObject({ reason: 'deadline_passed' });
});

test('missing (non-finite) values are dropped, never read as 0', () => {
  const result = projectLinear([...series(2018, [80, 82]), { year: 2020, value: Number.NaN }], 2022);
  expect(result).toMatchObject({ kind: 'insufficient', reason: 'too_few_points', points: series(2018, [80, 82]) });
});

// ---- zero-width bands ----------------------------------------------------------------

test('a flat series projects flat with a zero-width band', () => {
  const result = projected(projectLinear(series(2016, [85.3, 85.3, 85.3, 85.3]), 2020));
  expect(result).toMatchObject({ value: 85.3, low: 85.3, high: 85.3, slope: 0, residualSd: 0 });
});

test('a perfect line has zero residuals: the band has zero width and the value lies on the line', () => {
  const result = projected(projectLinear(series(2017, [50.1, 52.3, 54.5]), 2020));
  expect(result.slope).toBeCloseTo(2.2, 12);
  expect(result.value).toBeCloseTo(56.7, 10);
  expect(result.residualSd).toBe(0);
  expect(result.low).toBe(result.value);
  expect(result.high).toBe(result.value);
});

// ---- the prediction interval, against hand-worked numbers -------------------------------------

test('a noisy line projects to 74.2 with an 80% band of 72.199 to 76.201 (worked by hand)', () => {
  const result = projected(projectLinear(NOISY, 2022));
  expect(result.confidence).toBe(0.8);
  expect(result.slope).toBeCloseTo(2.4, 12);
  expect(result.intercept).toBeCloseTo(64.6 - 2.4 * 2018, 8);
  expect(result.value).toBeCloseTo(74.2, 10);
  expect(result.residualSd).toBeCloseTo(0.730297, 6);
  expect(result.low).toBeCloseTo(72.198698, 5);
  expect(result.high).toBeCloseTo(76.201302, 5);
  expect(result.points).toEqual(NOISY);
  expect(result.window).toBe(5);
});

test('the same line at 95% has a wider band of 70.311 to 78.089', () => {
  const result = projected(projectLinear(NOISY, 2022, { confidence: 0.95 }));
  expect(result.confidence).toBe(0.95);
  expect(result.low).toBeCloseTo(70.311043, 5);
  expect(result.high).toBeCloseTo(78.088957, 5);
});

test('the band widens the farther the target year lies from the data', () => {
  const near = projected(projectLinear(NOISY, 2021));
  const far = projected(projectLinear(NOISY, 2025));
  expect(far.high - far.low).toBeGreaterThan(near.high - near.low);
});

test('only the most recent points of the window are fitted: an old outlier does not count', () => {
  const points = [{ year: 2014, value: 0 }, { year: 2015, value: 99 }, ...NOISY];
  const result = projected(projectLinear(points, 2022));
  expect(result.points).toEqual(NOISY);
  expect(result.value).toBeCloseTo(74.2, 10);
  expect(projected(projectLinear(points, 2022, { window: 7 })).points).toHaveLength(7);
});

test('points out of order are sorted by year before fitting', () => {
  const shuffled = [NOISY[3]!, NOISY[0]!, NOISY[4]!, NOISY[1]!, NOISY[2]!];
  expect(projected(projectLinear(shuffled, 2022)).value).toBeCloseTo(74.2, 10);
});

test('a window below 3 is raised to 3', () => {
  const result = projected(projectLinear(NOISY, 2022, { window: 2 }));
  expect(result.window).toBe(3);
  expect(result.points).toEqual(NOISY.slice(-3));
});

test('a cap target falling towards 10 projects downwards: 11.0 in 2020, band 9.774 to 12.226 (worked by hand)', () => {
  const result = projected(projectLinear(FALLING, 2020));
  expect(result.slope).toBeCloseTo(-3.8, 12);
  expect(result.value).toBeCloseTo(11, 10);
  expect(result.low).toBeCloseTo(9.774458, 5);
  expect(result.high).toBeCloseTo(12.225542, 5);
});

// ---- gap to the goal ---------------------------------------------------------------------

test.each([
  { goal: 72, likelihood: 'likely', meetsAtValue: true },
  { goal: 75, likelihood: 'possible', meetsAtValue: false },
  { goal: 77, likelihood: 'unlikely', meetsAtValue: false },
])('a floor of $goal against the band 72.2–76.2 (value 74.2) is $likelihood', ({ goal, likelihood, meetsAtValue }) => {
  const gap = projectionGap(projectLinear(NOISY, 2022), atLeast(goal));
  expect(gap?.likelihood).toBe(likelihood);
  expect(gap?.meetsAtValue).toBe(meetsAtValue);
  expect(gap?.margin).toBeCloseTo(74.2 - goal, 9);
  expect(gap?.low).toBeCloseTo(72.198698 - goal, 5);
  expect(gap?.high).toBeCloseTo(76.201302 - goal, 5);
  expect(gap?.pessimistic).toBe(gap?.low);
  expect(gap?.optimistic).toBe(gap?.high);
});

test.each([
  { goal: 13, likelihood: 'likely', meetsAtValue: true },
  { goal: 10, likelihood: 'possible', meetsAtValue: false },
  { goal: 9, likelihood: 'unlikely', meetsAtValue: false },
])('a cap of $goal against the band 9.77–12.23 (value 11.0) is $likelihood', ({ goal, likelihood, meetsAtValue }) => {
  const gap = projectionGap(projectLinear(FALLING, 2020), atMost(goal));
  expect(gap?.likelihood).toBe(likelihood);
  expect(gap?.meetsAtValue).toBe(meetsAtValue);
  expect(gap?.margin).toBeCloseTo(goal - 11, 9);
  // For a cap the pessimistic end is the high end.
  expect(gap?.pessimistic).toBe(gap?.high);
  expect(gap?.high).toBeCloseTo(goal - 12.225542, 5);
  expect(gap?.optimistic).toBeCloseTo(goal - 9.774458, 5);
});

test('a floor exactly at the projected value is only possible: the pessimistic end falls short', () => {
  const gap = projectionGap(projectLinear(NOISY, 2022), atLeast(74.2));
  expect(gap?.meetsAtValue).toBe(true);
  expect(gap?.likelihood).toBe('possible');
});

test('a band goal narrower than the projection band is possible though neither end meets it', () => {
  const gap = projectionGap(projectLinear(NOISY, 2022), { comparator: 'approximately', goal: 74, tolerance: 1 });
  expect(gap?.low).toBeLessThan(0);
  expect(gap?.high).toBeLessThan(0);
  expect(gap?.optimistic).toBe(1);
  expect(gap?.likelihood).toBe('possible');
});

test.each([
  { goal: atLeast(85), likelihood: 'likely' },
  { goal: atLeast(85.4), likelihood: 'unlikely' },
  { goal: atMost(85.3), likelihood: 'likely' },
])('a flat series (zero-width band) is never just possible: $goal.comparator $goal.goal is $likelihood', ({ goal, likelihood }) => {
  expect(projectionGap(projectLinear(series(2016, [85.3, 85.3, 85.3]), 2020), goal)?.likelihood).toBe(likelihood);
});

test('an insufficient projection has no gap', () => {
  expect(projectionGap(projectLinear(series(2019, [80]), 2022), atLeast(85))).toBeUndefined();
});
