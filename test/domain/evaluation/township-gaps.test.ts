import { expect, test } from 'vitest';
import { meetsGoal } from '@/domain/targets/comparator';
import type { Observation } from '@/domain/shared/observation';
import type { Metric, MetricKind, Target, TargetSet } from '@/domain/targets/target-set';
import { isSubUnit } from '@/domain/targets/target-helpers';
import { subUnitStatusCounts, townshipGaps, townshipGapsIn, type TownshipGap } from '@/domain/evaluation/township-gaps';
import { countStatuses, selectableYears } from '@/domain/evaluation/evaluate-target-set';
import { evaluateRegion, indexFigures } from '@/domain/evaluation/figure-index';
import { demoSeed } from '@/backend/seed/seed';
import { ruzhouSet } from '../../fixtures/ruzhou';

// ---- the real target file ---------------------------------------------------------

const SET = ruzhouSet();

const CITY = '410482';
const MEISHAN = '410482001';
const FENGXUELU = '410482002';
const ZHONGLOU = '410482003';
const XIERHE = '410482004';
const SUB_UNITS = SET.regions.filter((r) => isSubUnit(r) && r.parent === CITY).map((r) => r.id);

const targetOf = (id: string): Target => SET.targets.find((t) => t.id === id)!;
const metricOf = (target: Target): Metric => SET.metrics.find((m) => m.id === target.metric)!;

const GER = targetOf('preschool-ger-2020'); // at least 85%
const LARGE_CLASSES = targetOf('large-class-cap-2020'); // at most 10%
const WALK_CLASS = targetOf('walk-class-teachers-2020'); // about 5 ± 1%
const MASTERS = targetOf('provincial-master-teachers-2024'); // city-wide count

// ---- builders ----------------------------------------------------------------------

const parts = (target: Target, region: string, numerator: number, denominator: number, year = 2020): Observation => ({
  metric: target.metric,
  region,
  year,
  numerator,
  denominator,
  source: 'demo',
});
const valued = (target: Target, region: string, value: number, year = 2020, source: Observation['source'] = 'demo'): Observation => ({
  metric: target.metric,
  region,
  year,
  value,
  source,
});

const gaps = (target: Target, observations: Observation[], asOf = 2020) => townshipGaps(SET, target, metricOf(target), observations, asOf);
const row = (rows: TownshipGap[], regionId: string): TownshipGap => rows.find((r) => r.regionId === regionId)!;

/** A small set for comparators the real file lacks: a city with towns a and b. */
function smallSet(target: Target, kind: MetricKind = 'share'): { set: TargetSet; metric: Metric } {
  const metric: Metric = { id: 'm', name: { zh: '指标', en: 'Metric' }, aliases: [], unit: kind === 'count' ? 'persons' : 'percent', kind };
  const set: TargetSet = {
    id: 'set',
    title: { zh: '目标', en: 'Targets' },
    jurisdiction: 'city',
    source: { title: 'Plan', publisher: 'Office', date: '2020-02-27' },
    categories: [{ id: 'c', name: { zh: '类', en: 'Category' } }],
    regions: [
      { id: 'city', name: { zh: '市', en: 'City' }, kind: 'jurisdiction', aliases: [] },
      { id: 'a', name: { zh: '甲镇', en: 'Town A' }, kind: 'town', parent: 'city', aliases: [] },
      { id: 'b', name: { zh: '乙乡', en: 'Township B' }, kind: 'township', parent: 'city', aliases: [] },
      { id: 'benchmark', name: { zh: '省', en: 'Province' }, kind: 'comparison', aliases: [] },
    ],
    metrics: [metric],
    targets: [target],
  };
  return { set, metric };
}

const common = { id: 't', metric: 'm', deadline: '2020-12-31', binding: true, applies_to: 'all', category: 'c', source_text: '原文' } as const;
const atLeast = (goal: number, region_goals?: Record<string, number>): Target => ({ ...common, comparator: 'at_least', goal, region_goals });
const atMost = (goal: number): Target => ({ ...common, comparator: 'at_most', goal });
const approximately = (goal: number, tolerance: number): Target => ({ ...common, comparator: 'approximately', goal, tolerance });
const between = (min: number, max: number): Target => ({ ...common, comparator: 'between', min, max });

function smallGaps(target: Target, observations: Omit<Observation, 'metric' | 'source' | 'year'>[], kind: MetricKind = 'share') {
  const { set, metric } = smallSet(target, kind);
  return townshipGaps(
    set,
    target,
    metric,
    observations.map((o) => ({ ...o, metric: 'm', year: 2020, source: 'demo' })),
    2020,
  );
}

// ---- a floor: children to enrol ----------------------------------------------------------------

/**
 * Preschool GER, at least 85%, in 2020:
 * Meishan 160/200 = 80% → 170 − 160 = 10 children; Fengxuelu 255/300 = 85% → 0;
 * Zhonglou 70/100 = 70% → 85 − 70 = 15; Xi'erhe 190/200 = 95% → 0.
 * City roll-up 675/800 = 84.375%. Meishan alone adds 10/800 = 1.25 pp, Zhonglou 15/800 = 1.875 pp;
 * both together: 700/800 = 87.5% ≥ 85.
 */
const GER_2020 = [
  parts(GER, MEISHAN, 160, 200),
  parts(GER, FENGXUELU, 255, 300),
  parts(GER, ZHONGLOU, 70, 100),
  parts(GER, XIERHE, 190, 200),
];

test.each([
  { regionId: MEISHAN, status: 'missed', whatItTakes: 10, contribution: 1.25 },
  { regionId: FENGXUELU, status: 'achieved', whatItTakes: 0, contribution: 0 },
  { regionId: ZHONGLOU, status: 'missed', whatItTakes: 15, contribution: 1.875 },
  { regionId: XIERHE, status: 'achieved', whatItTakes: 0, contribution: 0 },
])('for the 85% enrolment floor, $regionId must enrol $whatItTakes more children, moving the city $contribution pp', ({ regionId, status, whatItTakes, contribution }) => {
  const gap = row(gaps(GER, GER_2020).rows, regionId);
  expect(gap.evaluation.status).toBe(status);
  expect(gap.whatItTakes).toBe(whatItTakes);
  expect(gap.contribution).toBeCloseTo(contribution, 12);
  expect(gap.splits).toBeUndefined();
});

test('the city figure after every short township meets the floor reaches the floor: 84.375 + 1.25 + 1.875 = 87.5', () => {
  const { city, rollup, rows } = gaps(GER, GER_2020);
  expect(city.status).toBe('missed');
  expect(city.latest?.value).toBe(84.375);
  expect(rollup).toEqual({ year: 2020, value: 84.375, numerator: 675, denominator: 800, counted: 4 });
  const short = rows.filter((r) => (r.whatItTakes ?? 0) > 0);
  const added = short.reduce((sum, r) => sum + r.whatItTakes!, 0);
  const lifted = short.reduce((sum, r) => sum + r.contribution!, 0);
  expect(added).toBe(25);
  expect(((675 + added) / 800) * 100).toBe(87.5);
  expect(rollup!.value + lifted).toBeCloseTo(87.5, 12);
  expect(rollup!.value + lifted).toBeGreaterThanOrEqual(85);
});

test('each short township, after what it takes, exactly meets the floor and one child fewer would not', () => {
  for (const gap of gaps(GER, GER_2020).rows.filter((r) => (r.whatItTakes ?? 0) > 0)) {
    const { numerator, denominator } = gap.figure!;
    expect(meetsGoal(gap.evaluation.goal, ((numerator! + gap.whatItTakes!) / denominator!) * 100)).toBe(true);
    expect(meetsGoal(gap.evaluation.goal, ((numerator! + gap.whatItTakes! - 1) / denominator!) * 100)).toBe(false);
  }
});

test('rows run worst first, then the townships without data in file order, still listed as no data', () => {
  const { rows } = gaps(GER, GER_2020);
  expect(rows).toHaveLength(SUB_UNITS.length);
  expect(rows.slice(0, 4).map((r) => r.regionId)).toEqual([ZHONGLOU, MEISHAN, FENGXUELU, XIERHE]);
  const missing = rows.slice(4);
  expect(missing.map((r) => r.regionId)).toEqual(SUB_UNITS.filter((id) => ![MEISHAN, FENGXUELU, ZHONGLOU, XIERHE].includes(id)));
  for (const gap of missing) {
    expect(gap.evaluation.status).toBe('no_data');
    expect(gap.figure).toBeUndefined();
    expect(gap.whatItTakes).toBeUndefined();
    expect(gap.contribution).toBeUndefined();
  }
});

test('a township with no data is listed last even when the others are all on track', () => {
  const { rows } = gaps(GER, [parts(GER, MEISHAN, 190, 200), parts(GER, ZHONGLOU, 180, 200)]);
  expect(rows.slice(0, 2).map((r) => r.evaluation.status)).toEqual(['achieved', 'achieved']);
  expect(rows.at(-1)?.evaluation.status).toBe('no_data');
});

test('a township reporting only a rate has a status but no what-it-takes and no contribution', () => {
  const gap = row(gaps(GER, [...GER_2020, valued(GER, '410482101', 70)]).rows, '410482101');
  expect(gap.evaluation.status).toBe('missed');
  expect(gap.figure?.value).toBe(70);
  expect(gap.whatItTakes).toBeUndefined();
  expect(gap.contribution).toBeUndefined();
});

test('reference figures (published benchmarks) never count for a township', () => {
  const gap = row(gaps(GER, [...GER_2020, valued(GER, '410482101', 70, 2020, 'reference')]).rows, '410482101');
  expect(gap.evaluation.status).toBe('no_data');
  expect(gap.whatItTakes).toBeUndefined();
});

test('a township whose latest figure is older than the roll-up year gets what it takes but no contribution', () => {
  const { rows, rollup } = gaps(GER, [...GER_2020, parts(GER, '410482101', 70, 100, 2019)]);
  const gap = row(rows, '410482101');
  expect(rollup?.year).toBe(2020);
  expect(gap.figure?.year).toBe(2019);
  expect(gap.whatItTakes).toBe(15);
  expect(gap.contribution).toBeUndefined();
});

test('a city-wide target lists every township as not applicable, with nothing to take', () => {
  const { city, rows, rollup } = gaps(MASTERS, [valued(MASTERS, CITY, 10, 2021), valued(MASTERS, MEISHAN, 5, 2021)], 2021);
  expect(city.status).toBe('off_track');
  expect(rows.every((r) => r.evaluation.status === 'not_applicable' && r.whatItTakes === undefined)).toBe(true);
  expect(rollup).toBeUndefined();
});

// ---- a cap: large classes to eliminate, or to split -------------------------------------------------

/**
 * High-school classes of 56+, at most 10%, in 2020:
 * Meishan 50/300 = 16.7% → eliminate 50 − 30 = 20, or split ceil(20 / 1.1) = 19 (31/319 = 9.72%; 18 leave 32/318 = 10.06%);
 * Fengxuelu 10/200 = 5% and Zhonglou 30/300 = 10% meet the cap.
 * City 90/800 = 11.25%; Meishan's 20 fewer give 70/800 = 8.75%: the city's margin goes from −1.25 to +1.25, a contribution of +2.5.
 */
const LARGE_2020 = [parts(LARGE_CLASSES, MEISHAN, 50, 300), parts(LARGE_CLASSES, FENGXUELU, 10, 200), parts(LARGE_CLASSES, ZHONGLOU, 30, 300)];

test.each([
  { regionId: MEISHAN, whatItTakes: -20, splits: 19, contribution: 2.5 },
  { regionId: FENGXUELU, whatItTakes: 0, splits: 0, contribution: 0 },
  { regionId: ZHONGLOU, whatItTakes: 0, splits: 0, contribution: 0 },
])('for the 10% large-class cap, $regionId removes $whatItTakes large classes or splits $splits', ({ regionId, whatItTakes, splits, contribution }) => {
  const gap = row(gaps(LARGE_CLASSES, LARGE_2020).rows, regionId);
  expect(gap.whatItTakes).toBe(whatItTakes);
  expect(gap.splits).toBe(splits);
  expect(gap.contribution).toBeCloseTo(contribution, 12);
});

test('a decrease under a cap is a positive contribution', () => {
  const { rows, rollup } = gaps(LARGE_CLASSES, LARGE_2020);
  expect(rollup?.value).toBe(11.25);
  expect(row(rows, MEISHAN).contribution).toBeGreaterThan(0);
});

test.each([
  { numerator: 50, denominator: 300 },
  { numerator: 11, denominator: 100 },
  { numerator: 21, denominator: 200 },
  { numerator: 56, denominator: 56 },
  { numerator: 100, denominator: 120 },
  { numerator: 31, denominator: 300 },
])('$numerator large classes of $denominator: k splits meet the cap and k − 1 do not (brute force)', ({ numerator, denominator }) => {
  const gap = row(gaps(LARGE_CLASSES, [parts(LARGE_CLASSES, MEISHAN, numerator, denominator)]).rows, MEISHAN);
  const share = (k: number) => ((numerator - k) / (denominator + k)) * 100;
  let bruteForce = 0;
  while (share(bruteForce) > 10) bruteForce += 1;
  const k = gap.splits!;
  expect(k).toBe(bruteForce);
  expect(k).toBe(Math.ceil((numerator - 0.1 * denominator) / 1.1 - 1e-9));
  expect(share(k)).toBeLessThanOrEqual(10);
  expect(share(k - 1)).toBeGreaterThan(10);
  // Eliminating instead: numerator − g·den, rounded up.
  expect(gap.whatItTakes).toBe(-Math.ceil(numerator - 0.1 * denominator - 1e-9));
});

test('splits are only counted for the large-class metric', () => {
  const { rows } = smallGaps(atMost(10), [{ region: 'a', numerator: 50, denominator: 300 }]);
  expect(row(rows, 'a').whatItTakes).toBe(-20);
  expect(row(rows, 'a').splits).toBeUndefined();
});

// ---- bands -----------------------------------------------------------------------------------

test.each([
  { regionId: MEISHAN, numerator: 3, denominator: 100, whatItTakes: 1, note: '3% → 4%: add one teacher' },
  { regionId: FENGXUELU, numerator: 15, denominator: 200, whatItTakes: -3, note: '7.5% → 6%: three fewer' },
  { regionId: ZHONGLOU, numerator: 10, denominator: 200, whatItTakes: 0, note: 'at 5%' },
])('for "about 5% ± 1" extra teachers, $numerator of $denominator needs $whatItTakes ($note)', ({ regionId, numerator, denominator, whatItTakes }) => {
  const gap = row(gaps(WALK_CLASS, [parts(WALK_CLASS, regionId, numerator, denominator)]).rows, regionId);
  expect(gap.whatItTakes).toBe(whatItTakes);
});

test('a township below a band moves the city towards it; one above moves it away when the city is below', () => {
  // City 23/500 = 4.6%, inside 4–6. Town a 3/100 needs +1 (city 4.8%, 0.2 pp nearer the centre 5);
  // town b 20/400 = 5% meets. Then with the city below the band, b above it pulls the city away.
  const inside = smallGaps(approximately(5, 1), [
    { region: 'a', numerator: 3, denominator: 100 },
    { region: 'b', numerator: 20, denominator: 400 },
  ]);
  expect(row(inside.rows, 'a').contribution).toBeCloseTo(0.2, 12);
  const below = smallGaps(approximately(5, 1), [
    { region: 'a', numerator: 1, denominator: 400 },
    { region: 'b', numerator: 8, denominator: 100 },
  ]);
  // City 9/500 = 1.8%; b needs −2 (to 6%): city 7/500 = 1.4%, 0.4 pp farther from the band.
  expect(row(below.rows, 'b').whatItTakes).toBe(-2);
  expect(row(below.rows, 'b').contribution).toBeCloseTo(-0.4, 12);
});

// ---- exactly at the goal, just short -------------------------------------------------------------------

test.each([
  { target: atLeast(85), numerator: 17, denominator: 20, whatItTakes: 0 },
  { target: atLeast(57), numerator: 57, denominator: 100, whatItTakes: 0 },
  { target: atLeast(57), numerator: 56, denominator: 100, whatItTakes: 1 },
  { target: atMost(7), numerator: 7, denominator: 100, whatItTakes: 0 },
  { target: atMost(7), numerator: 8, denominator: 100, whatItTakes: -1 },
  { target: approximately(5, 1), numerator: 4, denominator: 100, whatItTakes: 0 },
  { target: approximately(5, 1), numerator: 6, denominator: 100, whatItTakes: 0 },
  { target: between(29, 40), numerator: 29, denominator: 100, whatItTakes: 0 },
  { target: between(29, 40), numerator: 28, denominator: 100, whatItTakes: 1 },
  { target: between(29, 40), numerator: 41, denominator: 100, whatItTakes: -1 },
  { target: between(29, 40), numerator: 90, denominator: 200, whatItTakes: -10 },
])('a $target.comparator target with $numerator of $denominator needs $whatItTakes (float noise ignored)', ({ target, numerator, denominator, whatItTakes }) => {
  const gap = row(smallGaps(target, [{ region: 'a', numerator, denominator }]).rows, 'a');
  expect(gap.whatItTakes).toBe(whatItTakes);
  if (whatItTakes === 0) expect(gap.contribution).toBe(0);
});

test('a township is held to its own goal; its contribution is measured against the city goal', () => {
  // a: 85/100 against its own 90 → 5 more; city (85 + 90)/200 = 87.5% against 85 → +2.5 pp.
  const { rows, city } = smallGaps(atLeast(85, { a: 90 }), [
    { region: 'a', numerator: 85, denominator: 100 },
    { region: 'b', numerator: 90, denominator: 100 },
  ]);
  expect(city.status).toBe('achieved');
  expect(row(rows, 'a').evaluation.goal).toEqual({ comparator: 'at_least', goal: 90 });
  expect(row(rows, 'a').whatItTakes).toBe(5);
  expect(row(rows, 'a').contribution).toBeCloseTo(2.5, 12);
});

// ---- counts without parts ---------------------------------------------------------------------------------

test.each([
  { target: atLeast(30), value: 10, whatItTakes: 20 },
  { target: atLeast(30), value: 30, whatItTakes: 0 },
  { target: atMost(30), value: 45, whatItTakes: -15 },
  { target: approximately(30, 5), value: 20, whatItTakes: 5 },
])('a count $target.comparator $target.goal at $value needs goal − value = $whatItTakes', ({ target, value, whatItTakes }) => {
  const { rows } = smallGaps(target, [{ region: 'a', value }], 'count');
  expect(row(rows, 'a').whatItTakes).toBe(whatItTakes);
  expect(row(rows, 'a').splits).toBeUndefined();
});

test('a count township moves the city sum by what it takes when every township reports', () => {
  // City 10 + 45 = 55 against at least 60: a adds 20 → 75; the margin rises by 20 (units).
  const complete = smallGaps(atLeast(60, { a: 30, b: 30 }), [
    { region: 'a', value: 10 },
    { region: 'b', value: 45 },
  ], 'count');
  expect(complete.rollup).toEqual({ year: 2020, value: 55, numerator: 55, counted: 2 });
  expect(row(complete.rows, 'a').contribution).toBe(20);
  const incomplete = smallGaps(atLeast(60, { a: 30 }), [{ region: 'a', value: 10 }], 'count');
  expect(incomplete.rollup).toBeUndefined();
  expect(row(incomplete.rows, 'a').whatItTakes).toBe(20);
  expect(row(incomplete.rows, 'a').contribution).toBeUndefined();
});

test.each([
  { name: 'a lower bound that proves the floor met needs nothing', value: 90, qualifier: 'at_least', whatItTakes: 0, status: 'achieved' },
  { name: 'a lower bound short of the floor has no exact distance', value: 80, qualifier: 'at_least', whatItTakes: undefined, status: 'undetermined' },
  { name: 'an upper bound short of the floor has no exact distance', value: 80, qualifier: 'at_most', whatItTakes: undefined, status: 'missed' },
] as const)('$name', ({ value, qualifier, whatItTakes, status }) => {
  const result = smallGaps(atLeast(85), [
    { region: 'a', value, qualifier },
    { region: 'b', value: 90 },
  ]);
  const a = result.rows.find((r) => r.regionId === 'a')!;
  expect(a.evaluation.status).toBe(status);
  expect(a.whatItTakes).toBe(whatItTakes);
  expect(a.contribution).toBeUndefined();
});

// ---- a province: townships under counties ------------------------------------------------------------

test('a province lists its townships at any depth, as the scorecard does, and rolls up from all of them (the counties are not counted twice)', () => {
  // Province p: town a under county c1, township b under county c2, town d directly under p.
  const target = atLeast(85);
  const { set: city, metric } = smallSet(target);
  const set: TargetSet = {
    ...city,
    jurisdiction: 'p',
    regions: [
      { id: 'p', name: { zh: '省', en: 'Province' }, kind: 'jurisdiction', aliases: [] },
      { id: 'c1', name: { zh: '一县', en: 'County 1' }, kind: 'jurisdiction', parent: 'p', aliases: [] },
      { id: 'c2', name: { zh: '二县', en: 'County 2' }, kind: 'jurisdiction', parent: 'p', aliases: [] },
      { id: 'a', name: { zh: '甲镇', en: 'Town A' }, kind: 'town', parent: 'c1', aliases: [] },
      { id: 'b', name: { zh: '乙乡', en: 'Township B' }, kind: 'township', parent: 'c2', aliases: [] },
      { id: 'd', name: { zh: '丁镇', en: 'Town D' }, kind: 'town', parent: 'p', aliases: [] },
      { id: 'x', name: { zh: '外镇', en: 'Town X' }, kind: 'town', parent: 'elsewhere', aliases: [] },
    ],
  };
  const observation = (region: string, numerator: number, denominator: number): Observation => ({ metric: 'm', region, year: 2020, numerator, denominator, source: 'demo' });
  const result = townshipGaps(set, target, metric, [observation('a', 70, 100), observation('b', 90, 100), observation('d', 80, 100)], 2020);
  // Every sub-unit under p, worst first; the counties are not sub-units and the town outside p is not listed.
  expect(result.rows.map((r) => r.regionId)).toEqual(['a', 'd', 'b']);
  expect(row(result.rows, 'a').whatItTakes).toBe(15);
  // The province's figure rolls up from every sub-unit under it (rollupSubUnits): a, b and d, 240 of 300.
  expect(result.rollup).toEqual({ year: 2020, value: 80, numerator: 240, denominator: 300, counted: 3 });
  // Reaching 85 adds 15 of 300 (a) and 5 of 300 (d) to the province's share; b already meets it.
  expect(row(result.rows, 'a').contribution).toBeCloseTo(5);
  expect(row(result.rows, 'd').contribution).toBeCloseTo(5 / 3);
  expect(row(result.rows, 'b').contribution).toBe(0);
});

// ---- status counts from the township lists ------------------------------------------------------------

test('each sub-unit’s status counts from the township lists are its own evaluations’ counts, on the default set in every year', () => {
  const seed = demoSeed([SET]);
  const index = indexFigures(SET, seed);
  const forAll = SET.targets.filter((t) => t.applies_to === 'all');
  expect(forAll.length).toBeGreaterThan(0);
  expect(forAll.length).toBeLessThan(SET.targets.length);
  for (const year of selectableYears(SET, seed)) {
    const counts = subUnitStatusCounts(forAll.map((target) => townshipGapsIn(index, target, year)));
    expect([...counts.keys()].sort()).toEqual([...SUB_UNITS].sort());
    for (const region of SUB_UNITS) {
      const own = countStatuses(evaluateRegion(index, region, year));
      expect(counts.get(region), `${region} ${year}`).toEqual({ ...own, not_applicable: 0 });
      expect(own.not_applicable).toBe(SET.targets.length - forAll.length);
    }
  }
});
