import { expect, test } from 'vitest';
import { figureSeries, indexObservations, type FigureSeries } from '@/domain/evaluation/figures';
import { observationValue, type Observation } from '@/domain/shared/observation';
import type { Metric, MetricKind, Region, RegionKind, TargetSet, Unit } from '@/domain/targets/target-set';

// ---- builders --------------------------------------------------------------

const CITY = 'city';

const region = (id: string, kind: RegionKind, parent?: string): Region => ({
  id,
  name: { zh: id, en: id },
  kind,
  aliases: [],
  ...(parent ? { parent } : {}),
});

const metric = (id: string, kind: MetricKind, unit: Unit): Metric => ({ id, name: { zh: id, en: id }, aliases: [], unit, kind });

const SHARE = metric('share', 'share', 'percent');
const GROSS = metric('gross', 'gross_rate', 'percent');
const COUNT = metric('count', 'count', 'persons');

/** A city with a town, a township and a subdistrict, plus a benchmark area that must never be rolled up. */
const SET: TargetSet = {
  id: 'set',
  title: { zh: '目标', en: 'Targets' },
  jurisdiction: CITY,
  source: { title: 'Plan', publisher: 'Office', date: '2020-02-27' },
  categories: [{ id: 'c', name: { zh: '类', en: 'Category' } }],
  regions: [
    region(CITY, 'jurisdiction'),
    region('a', 'town', CITY),
    region('b', 'township', CITY),
    region('s', 'subdistrict', CITY),
    region('benchmark', 'comparison'),
  ],
  metrics: [SHARE, GROSS, COUNT],
  targets: [],
};

type Parts = { numerator: number; denominator: number } | { value: number } | { numerator: number; denominator: number; value: number };

const obs = (metricId: string, regionId: string, year: number, parts: Parts, source: Observation['source'] = 'demo'): Observation => ({
  metric: metricId,
  region: regionId,
  year,
  ...parts,
  source,
});

const series = (m: Metric, regionId: string, observations: Observation[]): FigureSeries =>
  figureSeries(SET, m, regionId, indexObservations(observations));

// ---- roll-ups ---------------------------------------------------------------

test('the city roll-up is the sum of numerators over the sum of denominators, not the mean of percentages', () => {
  const { figures, unavailable } = series(SHARE, CITY, [
    obs('share', 'a', 2020, { numerator: 9, denominator: 10 }), // 90%
    obs('share', 'b', 2020, { numerator: 10, denominator: 100 }), // 10%
    obs('share', 's', 2020, { numerator: 1, denominator: 10 }), // 10%
  ]);
  const meanOfPercentages = (90 + 10 + 10) / 3;
  expect(unavailable).toEqual([]);
  expect(figures).toHaveLength(1);
  const [figure] = figures;
  expect(figure).toMatchObject({ year: 2020, numerator: 20, denominator: 120, basis: 'rollup', coverage: { counted: 3, missing: [] } });
  expect(figure?.value).toBeCloseTo((20 / 120) * 100, 9);
  expect(figure?.value).not.toBeCloseTo(meanOfPercentages, 0);
});

test.each([
  { sources: ['import', 'import', 'import'], expected: 'import' },
  { sources: ['import', 'demo', 'import'], expected: 'demo' },
  { sources: ['demo', 'demo', 'demo'], expected: 'demo' },
] as const)('a roll-up of $sources townships is labelled $expected (any synthetic part makes it synthetic)', ({ sources, expected }) => {
  const { figures } = series(SHARE, CITY, [
    obs('share', 'a', 2020, { numerator: 9, denominator: 10 }, sources[0]),
    obs('share', 'b', 2020, { numerator: 10, denominator: 100 }, sources[1]),
    obs('share', 's', 2020, { numerator: 1, denominator: 10 }, sources[2]),
  ]);
  expect(figures[0]?.source).toBe(expected);
});

test('a gross-rate roll-up may exceed 100%', () => {
  const [figure] = series(GROSS, CITY, [
    obs('gross', 'a', 2020, { numerator: 110, denominator: 100 }),
    obs('gross', 'b', 2020, { numerator: 95, denominator: 100 }),
    obs('gross', 's', 2020, { numerator: 102, denominator: 100 }),
  ]).figures;
  expect(figure?.value).toBeCloseTo(102.333333, 5);
});

test('a township that reports both a value and its parts is rolled up from the parts', () => {
  const [figure] = series(SHARE, CITY, [
    obs('share', 'a', 2020, { numerator: 1, denominator: 4, value: 99 }),
    obs('share', 'b', 2020, { numerator: 3, denominator: 4 }),
  ]).figures;
  expect(figure?.value).toBe(50);
});

test('areas outside the jurisdiction (comparison areas) are never rolled up into it', () => {
  const [figure] = series(SHARE, CITY, [
    obs('share', 'a', 2020, { numerator: 1, denominator: 2 }),
    obs('share', 'benchmark', 2020, { numerator: 1000, denominator: 1000 }),
  ]).figures;
  expect(figure).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
});

test("the city's own figure takes precedence and carries the roll-up alongside", () => {
  const { figures } = series(SHARE, CITY, [
    obs('share', CITY, 2020, { value: 60 }),
    obs('share', 'a', 2020, { numerator: 9, denominator: 10 }),
    obs('share', 'b', 2020, { numerator: 10, denominator: 100 }),
  ]);
  expect(figures).toHaveLength(1);
  const [figure] = figures;
  expect(figure).toMatchObject({ year: 2020, value: 60, basis: 'own' });
  expect(figure?.coverage).toBeUndefined();
  expect(figure?.rollup).toMatchObject({ numerator: 19, denominator: 110 });
  expect(figure?.rollup?.value).toBeCloseTo((19 / 110) * 100, 9);
});

test("the city's own figure stands alone when no roll-up can be made", () => {
  const { figures, unavailable } = series(SHARE, CITY, [obs('share', CITY, 2020, { value: 60 }), obs('share', 'a', 2020, { value: 70 })]);
  expect(figures).toHaveLength(1);
  expect(figures[0]).toMatchObject({ value: 60, basis: 'own' });
  expect(figures[0]?.rollup).toBeUndefined();
  expect(unavailable).toEqual([]);
});

test('a roll-up from part of the townships lists those missing, including one with a zero denominator', () => {
  const [figure] = series(SHARE, CITY, [
    obs('share', 'a', 2020, { numerator: 3, denominator: 4 }),
    obs('share', 's', 2020, { numerator: 0, denominator: 0 }),
  ]).figures;
  expect(figure).toMatchObject({ value: 75, basis: 'rollup', coverage: { counted: 1, missing: ['b', 's'] } });
});

test('townships reporting only rates make the roll-up unavailable (rates_only), naming them', () => {
  const { figures, unavailable } = series(SHARE, CITY, [
    obs('share', 'a', 2020, { value: 90 }),
    obs('share', 'b', 2020, { numerator: 1, denominator: 10 }),
    obs('share', 's', 2020, { value: 50 }),
  ]);
  expect(figures).toEqual([]);
  expect(unavailable).toEqual([{ year: 2020, reason: 'rates_only', regions: ['a', 's'] }]);
});

test('a year that cannot be rolled up does not stop other years from being rolled up', () => {
  const { figures, unavailable } = series(SHARE, CITY, [
    obs('share', 'a', 2019, { numerator: 1, denominator: 2 }),
    obs('share', 'a', 2020, { value: 90 }),
    obs('share', 'a', 2021, { numerator: 3, denominator: 4 }),
  ]);
  expect(figures.map((f) => [f.year, f.value])).toEqual([
    [2019, 50],
    [2021, 75],
  ]);
  expect(unavailable.map((u) => u.year)).toEqual([2020]);
});

test('counts sum when every township reports', () => {
  const [figure] = series(COUNT, CITY, [
    obs('count', 'a', 2020, { value: 12 }),
    obs('count', 'b', 2020, { value: 5 }),
    obs('count', 's', 2020, { value: 0 }),
  ]).figures;
  expect(figure).toMatchObject({ year: 2020, value: 17, basis: 'rollup', coverage: { counted: 3, missing: [] } });
});

test('counts do not sum when a township is missing (counts_incomplete), naming it', () => {
  const { figures, unavailable } = series(COUNT, CITY, [obs('count', 'a', 2020, { value: 12 }), obs('count', 's', 2020, { value: 3 })]);
  expect(figures).toEqual([]);
  expect(unavailable).toEqual([{ year: 2020, reason: 'counts_incomplete', regions: ['b'] }]);
});

test.each([
  { parts: { numerator: 0, denominator: 0 } },
  { parts: { numerator: 5, denominator: 0 } },
  { parts: { numerator: 5, denominator: -2 } },
])('a zero or negative denominator ($parts.numerator / $parts.denominator) is not a value', ({ parts }) => {
  const observation = obs('share', 'a', 2020, parts);
  expect(observationValue(observation, true)).toBeUndefined();
  expect(series(SHARE, 'a', [observation]).figures).toEqual([]);
  expect(series(SHARE, CITY, [observation])).toEqual({ figures: [], unavailable: [] });
});

test('a stated value of 0 is a value, unlike a missing one', () => {
  expect(series(SHARE, 'a', [obs('share', 'a', 2020, { value: 0 })]).figures).toMatchObject([{ year: 2020, value: 0 }]);
  expect(series(SHARE, 'a', []).figures).toEqual([]);
});

test('a township series holds its own figures by year ascending, with parts as a percent', () => {
  const { figures, unavailable } = series(SHARE, 'a', [
    obs('share', 'a', 2021, { numerator: 1, denominator: 4 }),
    obs('share', 'a', 2019, { value: 40 }),
    obs('share', 'b', 2020, { value: 99 }),
  ]);
  expect(figures).toEqual([
    { year: 2019, value: 40, basis: 'own', source: 'demo' },
    { year: 2021, value: 25, numerator: 1, denominator: 4, basis: 'own', source: 'demo' },
  ]);
  expect(unavailable).toEqual([]);
});

test('a later observation for the same metric, region and year replaces an earlier one', () => {
  const { figures } = series(SHARE, 'a', [obs('share', 'a', 2020, { value: 40 }), obs('share', 'a', 2020, { value: 45 }, 'import')]);
  expect(figures).toMatchObject([{ value: 45, source: 'import' }]);
});

// ---- bounds and citations ----------------------------------------------------------------------

test('an own figure carries its qualifier and citation', () => {
  const { figures } = series(SHARE, 'a', [{ ...obs('share', 'a', 2020, { value: 95 }), qualifier: 'at_least', citation: '教育部 2020-12-10' }]);
  expect(figures).toEqual([expect.objectContaining({ year: 2020, value: 95, qualifier: 'at_least', citation: '教育部 2020-12-10', basis: 'own' })]);
});

test('an exact figure has no qualifier and no citation', () => {
  const [figure] = series(SHARE, 'a', [obs('share', 'a', 2020, { numerator: 9, denominator: 10 })]).figures;
  expect(figure).not.toHaveProperty('qualifier');
  expect(figure).not.toHaveProperty('citation');
});

test('the city is not rolled up from a township count that is a bound: the total would not be exact', () => {
  const { figures, unavailable } = series(COUNT, CITY, [
    obs('count', 'a', 2020, { value: 10 }),
    { ...obs('count', 'b', 2020, { value: 12 }), qualifier: 'at_least' },
    obs('count', 's', 2020, { value: 5 }),
  ]);
  expect(figures).toEqual([]);
  expect(unavailable).toEqual([{ year: 2020, reason: 'bounds', regions: ['b'] }]);
});

test('a rolled-up city figure carries no qualifier or citation of its townships', () => {
  const { figures } = series(SHARE, CITY, [
    { ...obs('share', 'a', 2020, { numerator: 9, denominator: 10 }), citation: '乡镇报表' },
    obs('share', 'b', 2020, { numerator: 8, denominator: 10 }),
  ]);
  expect(figures[0]).toMatchObject({ basis: 'rollup', value: 85 });
  expect(figures[0]).not.toHaveProperty('citation');
  expect(figures[0]).not.toHaveProperty('qualifier');
});

test("the city's own bounded figure is kept as a bound, with no roll-up beside it from bounded townships", () => {
  const { figures } = series(SHARE, CITY, [
    { ...obs('share', CITY, 2020, { value: 95 }), qualifier: 'at_least' },
    { ...obs('share', 'a', 2020, { numerator: 19, denominator: 20 }), qualifier: 'at_least' },
  ]);
  expect(figures[0]).toMatchObject({ basis: 'own', value: 95, qualifier: 'at_least' });
  expect(figures[0]).not.toHaveProperty('rollup');
});
