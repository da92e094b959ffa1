import { expect, test } from 'vitest';
import { compareWorstFirst, evaluateTarget, statusFromRatio, type Evaluation } from '@/domain/evaluation/evaluate-target';
import { evaluateTargetSet } from '@/domain/evaluation/evaluate-target-set';
import type { Figure, Unavailable } from '@/domain/evaluation/figures';
import { observationValue, type Observation } from '@/domain/shared/observation';
import { marginToGoal, meetsGoal, type Goal } from '@/domain/targets/comparator';
import type { Metric, MetricKind, Target, TargetSet, Unit } from '@/domain/targets/target-set';
import { TARGET_COMMON } from '../../fixtures/targets';

// ---- builders --------------------------------------------------------------

const CITY = 'city';
const TOWN = 'town-a';

type Common = Omit<Extract<Target, { comparator: 'at_least' }>, 'comparator' | 'goal' | 'region_goals'>;
type Options = Partial<Common> & { region_goals?: Record<string, number> };

const common: Common = { ...TARGET_COMMON, source_text: '原文' };

const atLeast = (goal: number, options: Options = {}): Target => ({ ...common, ...options, comparator: 'at_least', goal });
const atMost = (goal: number, options: Options = {}): Target => ({ ...common, ...options, comparator: 'at_most', goal });
const approximately = (goal: number, tolerance: number, options: Options = {}): Target => ({
  ...common,
  ...options,
  comparator: 'approximately',
  goal,
  tolerance,
});
const between = (min: number, max: number, options: Partial<Common> = {}): Target => ({
  ...common,
  ...options,
  comparator: 'between',
  min,
  max,
});

const metric = (kind: MetricKind = 'share', unit: Unit = kind === 'count' ? 'persons' : 'percent'): Metric => ({
  id: 'm',
  name: { zh: '指标', en: 'Metric' },
  aliases: [],
  unit,
  kind,
});

const figure = ([year, value]: [number, number]): Figure => ({ year, value, basis: 'own', source: 'demo' });

type Scenario = {
  target: Target;
  metric?: Metric;
  figures?: [number, number][];
  unavailable?: Unavailable[];
  asOf?: number;
  regionId?: string;
};

/** As of the latest figure's year unless told (2030 without figures): pace scenarios stay before their deadline. */
function evaluate({ target, metric: m = metric(), figures = [], unavailable = [], asOf, regionId = CITY }: Scenario): Evaluation {
  return evaluateTarget({
    target,
    metric: m,
    regionId,
    jurisdictionId: CITY,
    asOf: asOf ?? (figures.length > 0 ? Math.max(...figures.map(([year]) => year)) : 2030),
    series: { figures: figures.map(figure), unavailable },
  });
}

// ---- comparators: bounds are inclusive ---------------------------------------

const AT_LEAST_85: Goal = { comparator: 'at_least', goal: 85 };
const AT_MOST_10: Goal = { comparator: 'at_most', goal: 10 };
const ABOUT_5: Goal = { comparator: 'approximately', goal: 5, tolerance: 1 };
const FROM_80_TO_90: Goal = { comparator: 'between', min: 80, max: 90 };

test.each([
  { goal: AT_LEAST_85, text: 'at least 85', value: 84.9, meets: false, margin: -0.1 },
  { goal: AT_LEAST_85, text: 'at least 85', value: 84.999999, meets: false, margin: -0.000001 },
  { goal: AT_LEAST_85, text: 'at least 85', value: 85, meets: true, margin: 0 },
  { goal: AT_LEAST_85, text: 'at least 85', value: 85.1, meets: true, margin: 0.1 },
  { goal: AT_MOST_10, text: 'at most 10', value: 9.9, meets: true, margin: 0.1 },
  { goal: AT_MOST_10, text: 'at most 10', value: 10, meets: true, margin: 0 },
  { goal: AT_MOST_10, text: 'at most 10', value: 10.1, meets: false, margin: -0.1 },
  { goal: ABOUT_5, text: 'approximately 5 ± 1', value: 3.9, meets: false, margin: -0.1 },
  { goal: ABOUT_5, text: 'approximately 5 ± 1', value: 4, meets: true, margin: 0 },
  { goal: ABOUT_5, text: 'approximately 5 ± 1', value: 5, meets: true, margin: 1 },
  { goal: ABOUT_5, text: 'approximately 5 ± 1', value: 6, meets: true, margin: 0 },
  { goal: ABOUT_5, text: 'approximately 5 ± 1', value: 6.1, meets: false, margin: -0.1 },
  { goal: FROM_80_TO_90, text: 'between 80 and 90', value: 79.9, meets: false, margin: -0.1 },
  { goal: FROM_80_TO_90, text: 'between 80 and 90', value: 80, meets: true, margin: 0 },
  { goal: FROM_80_TO_90, text: 'between 80 and 90', value: 85, meets: true, margin: 5 },
  { goal: FROM_80_TO_90, text: 'between 80 and 90', value: 90, meets: true, margin: 0 },
  { goal: FROM_80_TO_90, text: 'between 80 and 90', value: 90.1, meets: false, margin: -0.1 },
])('a value of $value against "$text" meets it: $meets (margin $margin)', ({ goal, value, meets, margin }) => {
  expect(meetsGoal(goal, value)).toBe(meets);
  expect(marginToGoal(goal, value)).toBeCloseTo(margin, 9);
});

test.each([
  { numerator: 17, denominator: 20, goal: { comparator: 'at_least', goal: 85 } as Goal },
  { numerator: 57, denominator: 100, goal: { comparator: 'at_least', goal: 57 } as Goal },
  { numerator: 7, denominator: 100, goal: { comparator: 'at_most', goal: 7 } as Goal },
  { numerator: 4, denominator: 100, goal: { comparator: 'approximately', goal: 5, tolerance: 1 } as Goal },
  { numerator: 29, denominator: 100, goal: { comparator: 'between', min: 29, max: 40 } as Goal },
])('$numerator / $denominator computed as a percent lies on the bound and meets it', ({ numerator, denominator, goal }) => {
  const value = observationValue({ metric: 'm', region: CITY, year: 2020, numerator, denominator, source: 'demo' }, true);
  expect(value).toBeDefined();
  expect(meetsGoal(goal, value!)).toBe(true);
});

test('float noise from num ÷ den is real in the cases above, so the tolerance is needed', () => {
  expect((57 / 100) * 100).not.toBe(57);
  expect((7 / 100) * 100).toBeGreaterThan(7);
  expect((17 / 20) * 100).toBe(85);
});

test('a figure of 17 out of 20 at the deadline achieves "at least 85%"', () => {
  const value = (17 / 20) * 100;
  const result = evaluate({ target: atLeast(85), figures: [[2020, value]] });
  expect(result.status).toBe('achieved');
  expect(result.margin).toBeCloseTo(0, 9);
});

test.each([
  { value: 8, margin: 2 },
  { value: 10, margin: 0 },
  { value: 12, margin: -2 },
])('for a cap of 10 (lower is better) a value of $value has margin $margin', ({ value, margin }) => {
  expect(marginToGoal(AT_MOST_10, value)).toBe(margin);
  expect(evaluate({ target: atMost(10), figures: [[2020, value]] }).margin).toBe(margin);
});

// ---- achieved / missed ---------------------------------------------------------

test.each([
  { target: atLeast(85), value: 85, status: 'achieved', margin: 0 },
  { target: atLeast(85), value: 84, status: 'missed', margin: -1 },
  { target: atMost(10), value: 10, status: 'achieved', margin: 0 },
  { target: atMost(10), value: 10.5, status: 'missed', margin: -0.5 },
  { target: approximately(5, 1), value: 6, status: 'achieved', margin: 0 },
  { target: approximately(5, 1), value: 6.5, status: 'missed', margin: -0.5 },
  { target: between(80, 90), value: 80, status: 'achieved', margin: 0 },
  { target: between(80, 90), value: 91, status: 'missed', margin: -1 },
])('a $target.comparator target with a deadline-year figure of $value is $status', ({ target, value, status, margin }) => {
  const result = evaluate({ target, figures: [[2020, value]] });
  expect(result.status).toBe(status);
  expect(result.reason).toBe('deadline_figure');
  expect(result.margin).toBeCloseTo(margin, 9);
  expect(result.latest?.year).toBe(2020);
  expect(result.pace).toBeUndefined();
});

test('a deadline-year figure decides the status even when the trend before it was good', () => {
  const result = evaluate({ target: atLeast(85), figures: [[2018, 70], [2019, 84], [2020, 84.5]] });
  expect(result.status).toBe('missed');
  expect(result.latest?.value).toBe(84.5);
});

// ---- pace ------------------------------------------------------------------------

test.each([
  { latest: 79, ratio: 0.95, status: 'on_track' },
  { latest: 78.9, ratio: 18.9 / 20.1, status: 'at_risk' },
  { latest: 73, ratio: 0.5, status: 'at_risk' },
  { latest: 72.9, ratio: 12.9 / 26.1, status: 'off_track' },
  { latest: 55, ratio: -5 / 44, status: 'off_track' },
])('a share aiming at 99% paced linearly from 60 to $latest is $status', ({ latest, ratio, status }) => {
  const result = evaluate({ target: atLeast(99, { deadline: '2022-12-31' }), figures: [[2020, 60], [2021, latest]] });
  expect(result.status).toBe(status);
  expect(result.reason).toBe('pace');
  expect(result.pace?.method).toBe('linear');
  expect(result.pace?.ratio).toBeCloseTo(ratio, 9);
  expect(result.pace?.base).toEqual({ year: 2020, value: 60, fromBaseline: false });
  expect(result.pace?.aim).toBe(99);
});

test('the on-track threshold is inclusive: observed 19 a year against 20 required is exactly 0.95', () => {
  const pace = evaluate({ target: atLeast(99, { deadline: '2022-12-31' }), figures: [[2020, 60], [2021, 79]] }).pace;
  expect(pace?.observed).toBe(19);
  expect(pace?.required).toBe(20);
  expect(pace?.ratio).toBe(0.95);
  expect(statusFromRatio(0.95)).toBe('on_track');
  expect(statusFromRatio(0.5)).toBe('at_risk');
  expect(statusFromRatio(0.4999)).toBe('off_track');
});

test.each([
  { latest: 63, status: 'on_track' },
  { latest: 62.8, status: 'at_risk' },
  { latest: 59, status: 'at_risk' },
  { latest: 58.9, status: 'off_track' },
  { latest: 56, status: 'off_track' },
])('a gross rate aiming at 80% paced by compound growth from 50 to $latest is $status', ({ latest, status }) => {
  const result = evaluate({
    target: atLeast(80, { deadline: '2022-12-31' }),
    metric: metric('gross_rate'),
    figures: [[2020, 50], [2021, latest]],
  });
  const observed = latest / 50 - 1;
  const required = 80 / latest - 1;
  expect(result.status).toBe(status);
  expect(result.pace?.method).toBe('compound');
  expect(result.pace?.observed).toBeCloseTo(observed, 12);
  expect(result.pace?.required).toBeCloseTo(required, 12);
  expect(result.pace?.ratio).toBeCloseTo(observed / required, 12);
  expect(result.pace?.projected).toBeCloseTo(latest * (1 + observed), 9);
});

test('compound pace can be on track where linear pace would only be at risk', () => {
  // 50 → 63 in a year: linear 13 of 17 needed (0.76); compound 26% of 27% needed (0.96).
  const result = evaluate({ target: atLeast(80, { deadline: '2022-12-31' }), figures: [[2020, 50], [2021, 63]] });
  expect(result.pace?.method).toBe('compound');
  expect(result.status).toBe('on_track');
  expect(13 / 17).toBeLessThan(0.95);
});

test.each([
  { latest: 14, status: 'on_track', ratio: -0.3 / (10 / 14 - 1) },
  { latest: 16, status: 'at_risk', ratio: -0.2 / (10 / 16 - 1) },
  { latest: 18, status: 'off_track', ratio: -0.1 / (10 / 18 - 1) },
  { latest: 22, status: 'off_track', ratio: 0.1 / (10 / 22 - 1) },
])('a cap of 10% moving down from 20 to $latest is $status', ({ latest, status, ratio }) => {
  const result = evaluate({ target: atMost(10, { deadline: '2022-12-31' }), figures: [[2020, 20], [2021, latest]] });
  expect(result.status).toBe(status);
  expect(result.pace?.method).toBe('compound');
  expect(result.pace?.ratio).toBeCloseTo(ratio, 12);
  expect(result.margin).toBe(10 - latest);
});

test('a cap moving up (away from its goal) has a negative pace ratio', () => {
  const result = evaluate({ target: atMost(10, { deadline: '2022-12-31' }), figures: [[2020, 20], [2021, 22]] });
  expect(result.pace?.ratio).toBeLessThan(0);
  expect(result.pace?.projected).toBeGreaterThan(22);
});

test('a share cap whose latest value is 90% or more is paced linearly', () => {
  const result = evaluate({ target: atMost(92, { deadline: '2022-12-31' }), figures: [[2020, 98], [2021, 95]] });
  expect(result.pace).toMatchObject({ method: 'linear', observed: -3, required: -3, ratio: 1, projected: 92 });
  expect(result.status).toBe('on_track');
});

test.each([
  { latest: 20, status: 'on_track', ratio: 1 },
  { latest: 15, status: 'at_risk', ratio: 45 / 70 },
  { latest: 10, status: 'off_track', ratio: 30 / 80 },
])('a count starting at 0 (baseline 2019) with $latest by 2021 against 50 by 2024 is $status', ({ latest, status, ratio }) => {
  const target = atLeast(50, { deadline: '2024-12-31', baseline: { value: 0, year: 2019 } });
  const result = evaluate({ target, metric: metric('count'), figures: [[2021, latest]], asOf: 2021 });
  expect(result.status).toBe(status);
  expect(result.pace?.method).toBe('linear');
  expect(result.pace?.base).toEqual({ year: 2019, value: 0, fromBaseline: true });
  expect(result.pace?.observed).toBe(latest / 2);
  expect(result.pace?.required).toBe((50 - latest) / 3);
  expect(result.pace?.ratio).toBeCloseTo(ratio, 12);
  expect(result.pace?.projected).toBe(latest + (latest / 2) * 3);
});

test('a count that does not start at 0 is paced by compound growth', () => {
  const result = evaluate({
    target: atLeast(50, { deadline: '2024-12-31' }),
    metric: metric('count'),
    figures: [[2020, 10], [2021, 20]],
  });
  expect(result.pace?.method).toBe('compound');
  expect(result.pace?.observed).toBe(1);
  expect(result.pace?.required).toBeCloseTo(2.5 ** (1 / 3) - 1, 12);
  expect(result.status).toBe('on_track');
});

test('the declared baseline, not the earliest figure, is the base of the pace', () => {
  const target = atLeast(99, { deadline: '2022-12-31', baseline: { value: 40, year: 2018 } });
  const result = evaluate({ target, figures: [[2019, 75], [2021, 79]] });
  expect(result.pace?.base).toEqual({ year: 2018, value: 40, fromBaseline: true });
  expect(result.pace?.observed).toBe(13);
  expect(result.status).toBe('at_risk');
});

test('a baseline in the same year as the latest figure is passed over for the earliest figure', () => {
  const target = atLeast(99, { deadline: '2022-12-31', baseline: { value: 40, year: 2021 } });
  const result = evaluate({ target, figures: [[2020, 60], [2021, 79]] });
  expect(result.pace?.base).toEqual({ year: 2020, value: 60, fromBaseline: false });
  expect(result.status).toBe('on_track');
});

test.each([
  { from: 2, to: 3, aim: 4, status: 'on_track' },
  { from: 9, to: 8, aim: 6, status: 'at_risk' },
])('an "about 5 ± 1" target moving from $from to $to aims at the near edge $aim and is $status', ({ from, to, aim, status }) => {
  const result = evaluate({ target: approximately(5, 1, { deadline: '2022-12-31' }), figures: [[2020, from], [2021, to]] });
  expect(result.pace?.method).toBe('linear');
  expect(result.pace?.aim).toBe(aim);
  expect(result.status).toBe(status);
});

test('a "between 80 and 90" target below its band aims at 80', () => {
  const result = evaluate({ target: between(80, 90, { deadline: '2022-12-31' }), figures: [[2020, 70], [2021, 75]] });
  expect(result.pace).toMatchObject({ method: 'linear', aim: 80, observed: 5, required: 5, ratio: 1 });
  expect(result.status).toBe('on_track');
});

// ---- already met, single point, no data ------------------------------------------

test.each([
  { target: atLeast(85), value: 90, margin: 5 },
  { target: atMost(10), value: 8, margin: 2 },
  { target: approximately(5, 1), value: 4.5, margin: 0.5 },
  { target: between(80, 90), value: 88, margin: 2 },
])('a $target.comparator target already met before its deadline ($value) is on track', ({ target, value, margin }) => {
  const result = evaluate({ target, figures: [[2019, value]], asOf: 2019 });
  expect(result.status).toBe('on_track');
  expect(result.reason).toBe('already_met');
  expect(result.margin).toBeCloseTo(margin, 9);
  expect(result.pace).toBeUndefined();
});

test('a single figure before the deadline without a baseline is undetermined: no pace can be observed', () => {
  const result = evaluate({ target: atLeast(85), figures: [[2019, 80]], asOf: 2019 });
  expect(result.status).toBe('undetermined');
  expect(result.reason).toBe('no_pace');
  expect(result.margin).toBe(-5);
  expect(result.pace).toBeUndefined();
  expect(result.required).toEqual({ perYear: 5, years: 1 });
});

test.each([
  { name: 'a floor, 65.3 against 80 in one year', target: atLeast(80), value: 65.3, year: 2019, perYear: 14.7, years: 1 },
  { name: 'a floor, 60 against 80 in four years', target: atLeast(80), value: 60, year: 2016, perYear: 5, years: 4 },
  { name: 'a cap, 19.39 against 10 in one year', target: atMost(10), value: 19.39, year: 2019, perYear: -9.39, years: 1 },
  { name: 'a band, 2 against 5 ± 1 in two years (to the near edge 4)', target: approximately(5, 1), value: 2, year: 2018, perYear: 1, years: 2 },
])('with one figure, $name: undetermined, needing $perYear a year over $years years', ({ target, value, year, perYear, years }) => {
  const result = evaluate({ target, figures: [[year, value]] });
  expect(result).toMatchObject({ status: 'undetermined', reason: 'no_pace' });
  expect(result.required?.perYear).toBeCloseTo(perYear, 9);
  expect(result.required?.years).toBe(years);
});

test('a single figure that already meets the goal is on track, not undetermined', () => {
  const result = evaluate({ target: atLeast(85), figures: [[2019, 90]] });
  expect(result).toMatchObject({ status: 'on_track', reason: 'already_met' });
  expect(result.required).toBeUndefined();
});

test('a single figure with a baseline before it is judged by pace', () => {
  const result = evaluate({ target: atLeast(95, { baseline: { value: 75, year: 2017 } }), figures: [[2019, 85]] });
  expect(result.reason).toBe('pace');
  expect(result.pace?.base).toEqual({ year: 2017, value: 75, fromBaseline: true });
  expect(result.pace?.observed).toBe(5);
  expect(result.pace?.required).toBe(10);
  expect(result.status).toBe('at_risk');
});

test.each([
  { target: atLeast(85), name: 'floor' },
  { target: atMost(10), name: 'cap' },
  { target: approximately(0, 1), name: 'band around 0' },
])('a $name target with no figures has no data and is never treated as 0', ({ target }) => {
  const result = evaluate({ target, figures: [] });
  expect(result.status).toBe('no_data');
  expect(result.reason).toBe('no_figure');
  expect(result.latest).toBeUndefined();
  expect(result.margin).toBeUndefined();
  expect(result.figures).toEqual([]);
});

test('a city series with no figures but an unavailable roll-up has no data because the city figure is unavailable', () => {
  const unavailable: Unavailable = { year: 2020, reason: 'rates_only', regions: [TOWN] };
  const result = evaluate({ target: atLeast(85), unavailable: [unavailable] });
  expect(result).toMatchObject({ status: 'no_data', reason: 'city_unavailable', unavailable });
});

test('an unavailable roll-up after the as-of year does not explain missing data', () => {
  const result = evaluate({ target: atLeast(85), unavailable: [{ year: 2020, reason: 'rates_only', regions: [TOWN] }], asOf: 2019 });
  expect(result.reason).toBe('no_figure');
  expect(result.unavailable).toBeUndefined();
});

test('a city target whose townships report only rates has no data, with reason city_unavailable', () => {
  const set: TargetSet = {
    id: 'set',
    title: { zh: '目标', en: 'Targets' },
    jurisdiction: CITY,
    source: { title: 'Plan', publisher: 'Office', date: '2020-02-27' },
    categories: [{ id: 'c', name: { zh: '类', en: 'Category' } }],
    regions: [
      { id: CITY, name: { zh: '市', en: 'City' }, kind: 'jurisdiction', aliases: [] },
      { id: TOWN, name: { zh: '甲镇', en: 'Town A' }, kind: 'town', parent: CITY, aliases: [] },
      { id: 'town-b', name: { zh: '乙镇', en: 'Town B' }, kind: 'town', parent: CITY, aliases: [] },
    ],
    metrics: [metric()],
    targets: [atLeast(85)],
  };
  const observations: Observation[] = [
    { metric: 'm', region: TOWN, year: 2020, value: 90, source: 'demo' },
    { metric: 'm', region: 'town-b', year: 2020, value: 80, source: 'demo' },
  ];
  const [city] = evaluateTargetSet(set, observations, CITY, 2020);
  expect(city).toMatchObject({
    status: 'no_data',
    reason: 'city_unavailable',
    unavailable: { year: 2020, reason: 'rates_only', regions: [TOWN, 'town-b'] },
  });
  const [town] = evaluateTargetSet(set, observations, TOWN, 2020);
  expect(town?.status).toBe('achieved');
});

test('reference figures (published benchmarks) never count towards a status', () => {
  const set: TargetSet = {
    id: 'set',
    title: { zh: '目标', en: 'Targets' },
    jurisdiction: CITY,
    source: { title: 'Plan', publisher: 'Office', date: '2020-02-27' },
    categories: [{ id: 'c', name: { zh: '类', en: 'Category' } }],
    regions: [{ id: CITY, name: { zh: '市', en: 'City' }, kind: 'jurisdiction', aliases: [] }],
    metrics: [metric()],
    targets: [atLeast(85)],
  };
  const [result] = evaluateTargetSet(set, [{ metric: 'm', region: CITY, year: 2020, value: 90, source: 'reference' }], CITY, 2020);
  expect(result?.status).toBe('no_data');
});

// ---- scope, as-of year, region goals -----------------------------------------------

test('a city-wide target (applies_to: jurisdiction) is not applicable to a township', () => {
  const target = atLeast(50, { applies_to: 'jurisdiction' });
  const result = evaluate({ target, regionId: TOWN, figures: [[2020, 10]] });
  expect(result.status).toBe('not_applicable');
  expect(result.reason).toBe('jurisdiction_only');
  expect(result.figures).toEqual([]);
  expect(result.margin).toBeUndefined();
});

test('a city-wide target is still judged for the city itself', () => {
  const result = evaluate({ target: atLeast(50, { applies_to: 'jurisdiction' }), regionId: CITY, figures: [[2020, 60]] });
  expect(result.status).toBe('achieved');
});

test('figures after the as-of year are ignored', () => {
  const result = evaluate({ target: atLeast(85), figures: [[2019, 80], [2020, 90]], asOf: 2019 });
  expect(result.latest?.year).toBe(2019);
  expect(result.figures.map((f) => f.year)).toEqual([2019]);
  expect(result.status).toBe('undetermined');
  expect(result.asOf).toBe(2019);
});

test('a figure after the deadline does not change the status but is reported as afterDeadline', () => {
  const result = evaluate({ target: atLeast(85), figures: [[2020, 80], [2021, 95]], asOf: 2022 });
  expect(result.latest?.year).toBe(2020);
  expect(result.status).toBe('missed');
  expect(result.afterDeadline).toEqual({ figure: expect.objectContaining({ year: 2021, value: 95 }), met: true });
  expect(result.figures.map((f) => f.year)).toEqual([2020, 2021]);
});

test.each([
  { regionId: TOWN, goal: 90, status: 'missed', margin: -2 },
  { regionId: CITY, goal: 85, status: 'achieved', margin: 3 },
])('with a per-region goal, $regionId is held to $goal and a figure of 88 is $status', ({ regionId, goal, status, margin }) => {
  const target = atLeast(85, { region_goals: { [TOWN]: 90 } });
  const result = evaluate({ target, regionId, figures: [[2020, 88]] });
  expect(result.goal).toEqual({ comparator: 'at_least', goal });
  expect(result.status).toBe(status);
  expect(result.margin).toBe(margin);
});

test('a per-region goal of an "approximately" target keeps the tolerance', () => {
  const target = approximately(5, 1, { region_goals: { [TOWN]: 8 } });
  const result = evaluate({ target, regionId: TOWN, figures: [[2020, 7]] });
  expect(result.goal).toEqual({ comparator: 'approximately', goal: 8, tolerance: 1 });
  expect(result.status).toBe('achieved');
});

// ---- worst first ---------------------------------------------------------------------

test('compareWorstFirst orders by status from missed to not applicable, then by relative shortfall', () => {
  const named = (id: string, scenario: Scenario) => evaluate({ ...scenario, target: { ...scenario.target, id } });
  const evaluations = [
    named('achieved', { target: atLeast(85), figures: [[2020, 90]] }),
    named('not-applicable', { target: atLeast(85, { applies_to: 'jurisdiction' }), regionId: TOWN }),
    named('on-track', { target: atLeast(85), figures: [[2019, 90]], asOf: 2019 }),
    named('missed-slightly', { target: atLeast(85), figures: [[2020, 84]] }),
    named('no-data', { target: atLeast(85) }),
    named('at-risk', { target: atLeast(99, { deadline: '2022-12-31' }), figures: [[2020, 60], [2021, 73]] }),
    named('undetermined', { target: atLeast(85), figures: [[2019, 80]], asOf: 2019 }),
    named('missed-badly', { target: atMost(10), figures: [[2020, 15]] }),
    named('off-track', { target: atLeast(99, { deadline: '2022-12-31' }), figures: [[2020, 60], [2021, 55]] }),
  ];
  const sorted = [...evaluations].sort(compareWorstFirst);
  expect(sorted.map((e) => e.target.id)).toEqual([
    'missed-badly',
    'missed-slightly',
    'off-track',
    'at-risk',
    'undetermined',
    'no-data',
    'on-track',
    'achieved',
    'not-applicable',
  ]);
  expect(sorted.map((e) => e.status)).toEqual(['missed', 'missed', 'off_track', 'at_risk', 'undetermined', 'no_data', 'on_track', 'achieved', 'not_applicable']);
});

test('compareWorstFirst ranks a bigger relative shortfall first even when the absolute one is smaller', () => {
  // 5 points short of 85 is 5.9% of the goal; 1 point over a cap of 10 is 10%.
  const floor = evaluate({ target: atLeast(85), figures: [[2020, 80]] });
  const cap = evaluate({ target: atMost(10), figures: [[2020, 11]] });
  expect(compareWorstFirst(cap, floor)).toBeLessThan(0);
  expect(compareWorstFirst(floor, cap)).toBeGreaterThan(0);
  expect(compareWorstFirst(floor, floor)).toBe(0);
});
