import { expect, test } from 'vitest';
import { demoSeed } from '@/backend/seed/seed';
import { targetDetail, targetDetailIn } from '@/domain/display/target-detail';
import { evaluateTarget, type Evaluation } from '@/domain/evaluation/evaluate-target';
import { selectableYears } from '@/domain/evaluation/evaluate-target-set';
import { evaluateRegion, evaluateScorecard, indexFigures, seriesOf } from '@/domain/evaluation/figure-index';
import { figureSeries, indexObservations } from '@/domain/evaluation/figures';
import { townshipGaps, townshipGapsIn } from '@/domain/evaluation/township-gaps';
import { isReferenceFigure, type Observation } from '@/domain/shared/observation';
import { isSubUnit } from '@/domain/targets/target-helpers';
import type { TargetSet } from '@/domain/targets/target-set';
import { ruzhouSet } from '../../fixtures/ruzhou';

const set = ruzhouSet();
const seed = demoSeed([set]);
/** Every year a page offers, and years before, after and far after the figures. */
const years = [...selectableYears(set, seed), 2015, 2021, 2023];
const regions = set.regions.filter((r) => r.kind !== 'comparison');

/** The evaluation as it was computed before the shared index: the whole list indexed again for each region. */
function evaluateTheOldWay(targetSet: TargetSet, observations: readonly Observation[], regionId: string, asOf: number): Evaluation[] {
  const index = indexObservations(observations.filter((o) => !isReferenceFigure(o)));
  return targetSet.targets.map((target) => {
    const metric = targetSet.metrics.find((m) => m.id === target.metric)!;
    const subUnits = targetSet.regions.filter((r) => isSubUnit(r) && r.parent === regionId);
    return evaluateTarget({ target, metric, regionId, jurisdictionId: targetSet.jurisdiction, asOf, series: figureSeries(targetSet, metric, regionId, index, subUnits) });
  });
}

test('on the default set every region’s evaluations from the shared index are byte for byte the old ones, for every as-of year', () => {
  const index = indexFigures(set, seed);
  const before = years.map((year) => regions.map((r) => evaluateTheOldWay(set, seed, r.id, year)));
  const after = years.map((year) => regions.map((r) => evaluateRegion(index, r.id, year)));
  expect(JSON.stringify(after)).toBe(JSON.stringify(before));
  expect(before.flat(2).length).toBe(years.length * regions.length * set.targets.length);
});

test('the scorecard grid holds the city then every township, each cell the same evaluation as the old per-region call', () => {
  const index = indexFigures(set, seed);
  for (const year of years) {
    const { regions: rows, cells } = evaluateScorecard(index, year);
    expect(rows.map((r) => r.id)).toEqual([set.jurisdiction, ...set.regions.filter((r) => isSubUnit(r) && r.parent === set.jurisdiction).map((r) => r.id)]);
    const grid = rows.map((r) => set.targets.map((t) => cells.get(r.id)!.get(t.id)));
    const old = rows.map((r) => evaluateTheOldWay(set, seed, r.id, year));
    expect(JSON.stringify(grid)).toBe(JSON.stringify(old));
  }
});

test('target details and township lists from one shared index equal those computed from the figures for each call', () => {
  const index = indexFigures(set, seed);
  const label = (id: string) => `label ${id}`;
  for (const year of years) {
    for (const target of set.targets) {
      const metric = set.metrics.find((m) => m.id === target.metric)!;
      expect(JSON.stringify(townshipGapsIn(index, target, year))).toBe(JSON.stringify(townshipGaps(set, target, metric, seed, year)));
      for (const region of regions) {
        const shared = targetDetailIn(index, target.id, region.id, year, label);
        expect(JSON.stringify(shared)).toBe(JSON.stringify(targetDetail(set, seed, target.id, region.id, year, label)));
      }
    }
  }
});

test('the target page reads only its own target’s metric from the index', () => {
  const index = indexFigures(set, seed);
  const target = set.targets.find((t) => t.applies_to === 'all')!;
  const detail = targetDetailIn(index, target.id, set.jurisdiction, 2020, (id) => id)!;
  expect(detail.gaps?.rows.length).toBeGreaterThan(0);
  expect([...index.series.keys()]).toEqual([target.metric]);
  expect(index.evaluations.size).toBe(0);
});

test('an unknown target id has no detail', () => {
  expect(targetDetailIn(indexFigures(set, seed), 'no-such-target', set.jurisdiction, 2020, (id) => id)).toBeUndefined();
});

const CITY = set.jurisdiction;
const TOWNSHIP = set.regions.find((r) => isSubUnit(r) && r.parent === CITY)!.id;
const METRIC = set.targets.find((t) => t.applies_to === 'all')!.metric;
const figure = (region: string, year: number, value: number, extra: Partial<Observation> = {}): Observation => ({ metric: METRIC, region, year, value, source: 'import', ...extra });

test('a later figure for the same metric, region and year replaces an earlier one in the index', () => {
  const index = indexFigures(set, [figure(TOWNSHIP, 2019, 70), figure(TOWNSHIP, 2019, 75)]);
  expect(index.figures.get(METRIC)?.get(TOWNSHIP)?.get(2019)?.value).toBe(75);
});

test('a metric’s figures are indexed when first asked for, once, with metrics interleaved in any order', () => {
  const other = set.metrics.find((m) => m.id !== METRIC)!.id;
  const index = indexObservations([
    figure(TOWNSHIP, 2019, 70),
    { ...figure(TOWNSHIP, 2019, 10), metric: other },
    figure(TOWNSHIP, 2020, 72),
    figure(TOWNSHIP, 2019, 71),
  ]);
  const first = index.get(METRIC);
  expect(first && [...first.get(TOWNSHIP)!].map(([year, o]) => [year, o.value])).toEqual([
    [2019, 71],
    [2020, 72],
  ]);
  expect(index.get(METRIC)).toBe(first);
  expect(index.get(other)?.get(TOWNSHIP)?.get(2019)?.value).toBe(10);
  expect(index.get('no-such-metric')).toBeUndefined();
});

test('reference figures are kept apart, by metric in the order given, and never counted as the region’s own', () => {
  const reference = (year: number, value: number) => figure('national', year, value, { source: 'reference' });
  const index = indexFigures(set, [reference(2019, 80), figure(TOWNSHIP, 2019, 70), reference(2018, 79)]);
  expect(index.references.get(METRIC)?.map((o) => o.year)).toEqual([2019, 2018]);
  expect(index.figures.get(METRIC)?.has('national')).toBe(false);
  expect(index.figures.get(METRIC)?.get(TOWNSHIP)?.size).toBe(1);
});

test('a series is computed once per index and region; another index computes its own', () => {
  const observations = [figure(TOWNSHIP, 2019, 70), figure(TOWNSHIP, 2020, 72)];
  const index = indexFigures(set, observations);
  const metric = set.metrics.find((m) => m.id === METRIC)!;
  const first = seriesOf(index, metric, TOWNSHIP);
  expect(seriesOf(index, metric, TOWNSHIP)).toBe(first);
  expect(first.figures.map((f) => f.value)).toEqual([70, 72]);
  expect(seriesOf(indexFigures(set, observations), metric, TOWNSHIP)).not.toBe(first);
});

test('a region’s evaluations are kept per as-of year: the same year gives the same list, another year a new one', () => {
  const index = indexFigures(set, [figure(TOWNSHIP, 2019, 70), figure(TOWNSHIP, 2020, 72)]);
  const in2020 = evaluateRegion(index, TOWNSHIP, 2020);
  expect(evaluateRegion(index, TOWNSHIP, 2020)).toBe(in2020);
  const in2019 = evaluateRegion(index, TOWNSHIP, 2019);
  expect(in2019).not.toBe(in2020);
  expect(in2019.find((e) => e.target.metric === METRIC)?.latest?.value).toBe(70);
  expect(in2020.find((e) => e.target.metric === METRIC)?.latest?.value).toBe(72);
});

test('a region with no figures at all is evaluated as no data, not 0', () => {
  const index = indexFigures(set, []);
  const evaluation = evaluateRegion(index, TOWNSHIP, 2020).find((e) => e.target.metric === METRIC)!;
  expect(evaluation.status).toBe('no_data');
  expect(evaluation.latest).toBeUndefined();
});

/** A set of `count` townships under one city, each with its own figures: the old path against the index at a larger size. */
function widerSet(count: number): { wide: TargetSet; observations: Observation[] } {
  const townships = Array.from({ length: count }, (_, i) => ({ id: `t${i}`, name: { zh: `乡${i}`, en: `T${i}` }, kind: 'town' as const, parent: CITY, aliases: [] }));
  const wide: TargetSet = { ...set, regions: [...set.regions.filter((r) => !isSubUnit(r)), ...townships] };
  const observations: Observation[] = [];
  townships.forEach((t, i) => {
    for (const metric of set.metrics) {
      for (const year of [2017, 2018, 2019, 2020]) {
        if ((i + year) % 7 === 0) continue; // gaps, so some roll-ups are incomplete
        const denominator = 100 + ((i * 37 + year) % 400);
        observations.push({ metric: metric.id, region: t.id, year, numerator: Math.floor(denominator * (0.6 + ((i + year) % 40) / 100)), denominator, source: 'import' });
      }
    }
  });
  return { wide, observations };
}

test('with 120 townships the scorecard from the index equals the old per-region evaluation in every cell', () => {
  const { wide, observations } = widerSet(120);
  const index = indexFigures(wide, observations);
  for (const year of [2018, 2020]) {
    const { regions: rows, cells } = evaluateScorecard(index, year);
    expect(rows).toHaveLength(121);
    const grid = rows.map((r) => wide.targets.map((t) => cells.get(r.id)!.get(t.id)));
    expect(JSON.stringify(grid)).toBe(JSON.stringify(rows.map((r) => evaluateTheOldWay(wide, observations, r.id, year))));
  }
});
