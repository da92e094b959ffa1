import { expect, test } from 'vitest';
import { targetDetail } from '@/domain/display/target-detail';
import type { Observation } from '@/domain/shared/observation';
import { ruzhouSet } from '../../fixtures/ruzhou';

const set = ruzhouSet();
const CITY = set.jurisdiction;
const obs = (metric: string, year: number, value: number): Observation => ({ metric, region: CITY, year, value, source: 'import' });
const detail = (observations: Observation[], targetId: string, asOf: number) => targetDetail(set, observations, targetId, CITY, asOf, (id) => id)!;

const multimedia = [obs('multimedia_classroom_coverage', 2017, 84), obs('multimedia_classroom_coverage', 2018, 86), obs('multimedia_classroom_coverage', 2019, 88.4), obs('multimedia_classroom_coverage', 2020, 90.3), obs('multimedia_classroom_coverage', 2023, 92.5)];

test('before the deadline the trend line is projected and compared with the status’s forecast', () => {
  const d = detail(multimedia, 'multimedia-classrooms-2020', 2019);
  expect(d.evaluation.reason).toBe('pace');
  expect(d.projection.kind).toBe('projection');
  expect(d.trendAgrees).toBeTypeOf('boolean');
});

test.each([2020, 2021, 2023])('as of %i (the deadline year or later) nothing is projected and the verdict rests on the 2020 figure', (asOf) => {
  const d = detail(multimedia, 'multimedia-classrooms-2020', asOf);
  expect(d.projection).toMatchObject({ kind: 'insufficient', reason: 'deadline_passed' });
  expect(d.projectionGap).toBeUndefined();
  expect(d.trendAgrees).toBeUndefined();
  expect(d.evaluation.latest).toMatchObject({ year: 2020, value: 90.3 });
  expect(d.evaluation.pace).toBeUndefined();
  expect(d.chart.hasBand).toBe(false);
  expect(d.chart.hasTrend).toBe(false);
});

test('as of 2023 the page’s figures include the one after the deadline', () => {
  const d = detail(multimedia, 'multimedia-classrooms-2020', 2023);
  expect(d.figures.map((f) => f.year)).toEqual([2017, 2018, 2019, 2020, 2023]);
  expect(d.evaluation.afterDeadline).toMatchObject({ figure: { year: 2023, value: 92.5 }, met: true });
});

// Like the large-class case of issue 9 as of 2019: little net change since 2014 (the status's pace misses the
// cap), a steep fall over the last five years (the trend line meets it).
const largeClass = [2014, 2015, 2016, 2017, 2018, 2019].map((year, i) => obs('highschool_large_class_share', year, [10.8, 14, 13, 12, 11, 10.5][i]!));

test('when the two forecasts fall on different sides of the goal, trendAgrees is false (the page says why)', () => {
  const d = detail(largeClass, 'large-class-cap-2020', 2019);
  expect(d.evaluation.reason).toBe('pace');
  const paceMeets = d.evaluation.pace!.projected <= 10;
  expect(d.projectionGap?.meetsAtValue).toBe(!paceMeets);
  expect(d.trendAgrees).toBe(false);
});

test('bounded figures are not points of the trend line', () => {
  const observations: Observation[] = [
    obs('special_needs_enrollment_rate', 2016, 90),
    obs('special_needs_enrollment_rate', 2017, 91),
    { ...obs('special_needs_enrollment_rate', 2018, 92), qualifier: 'at_least' },
    obs('special_needs_enrollment_rate', 2019, 93),
  ];
  const d = detail(observations, 'special-needs-2020', 2019);
  expect(d.projection.points.map((p) => p.year)).toEqual([2016, 2017, 2019]);
});

test('comparison figures run to the as-of year, like the region’s own: no national 2020 in a view as of 2019', () => {
  const national = (year: number, value: number): Observation => ({ metric: 'inclusive_kindergarten_coverage', region: 'CN', year, value, source: 'reference', sourceNote: 'test' });
  const own = [2018, 2019, 2020].map((year, i) => obs('inclusive_kindergarten_coverage', year, [70, 74, 81][i]!));
  const observations = [...own, national(2018, 73.07), national(2019, 76.01), national(2020, 84.74)];
  const asOf2019 = detail(observations, 'inclusive-kindergarten-2020', 2019);
  expect(asOf2019.comparisons.map((c) => c.points.map((p) => p.year))).toEqual([[2018, 2019]]);
  const asOf2020 = detail(observations, 'inclusive-kindergarten-2020', 2020);
  expect(asOf2020.comparisons.map((c) => c.points.map((p) => p.year))).toEqual([[2018, 2019, 2020]]);
});
