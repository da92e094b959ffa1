// @vitest-environment node
import { expect, test } from 'vitest';
import { classSize, createRosterTally, ROSTER_ROWS_KEPT } from '@/domain/import/roster';
import type { TargetSet } from '@/domain/targets/target-set';
import { ruzhouSet } from '../../fixtures/ruzhou';

const SET = ruzhouSet();
const CITY = SET.jurisdiction;

/** The set with its roster metric's large-class size changed, or with no roster metric at all (`size` undefined). */
function withLargeClassSize(size: number | undefined): TargetSet {
  return {
    ...SET,
    metrics: SET.metrics.map(({ class_roster, ...metric }) =>
      class_roster && size !== undefined ? { ...metric, class_roster: { ...class_roster, large_class_size: size } } : metric,
    ),
  };
}

test.each([
  ['45', 45],
  [' 56 ', 56],
  ['５６', 56],
  ['1,000', 1000],
  ['0', undefined],
  ['-3', undefined],
  ['55.5', undefined],
  ['58%', undefined],
  ['', undefined],
  ['-', undefined],
  ['abc', undefined],
])('the class-size cell "%s" gives %s students', (raw, students) => {
  expect(classSize(raw)).toBe(students);
});

const TOWNSHIPS = SET.regions.filter((r) => r.parent === CITY && r.kind !== 'comparison').map((r) => r.id);

test('classes are rolled up per township and year in the order first seen; a roster of some townships writes no city figure', () => {
  const tally = createRosterTally(SET)!;
  tally.count('410482001', 2019, 60, 2);
  tally.count('410482101', 2020, 40, 3);
  tally.count('410482001', 2020, 56, 4);
  tally.count('410482001', 2019, 55, 5);
  const { figures, note, partial } = tally.finish()!;
  expect(figures.map((f) => [f.region, f.year, f.numerator, f.denominator, f.rows])).toEqual([
    ['410482001', 2019, 1, 2, [2, 5]],
    ['410482101', 2020, 0, 1, [3]],
    ['410482001', 2020, 1, 1, [4]],
  ]);
  expect(figures.every((f) => f.metric === 'highschool_large_class_share')).toBe(true);
  expect(note).toEqual({ severity: 'note', code: 'roster_aggregated', params: { classes: 4, large: 2, townships: 2, size: 56 } });
  const params = { region: CITY, metric: 'highschool_large_class_share', total: TOWNSHIPS.length, cityClasses: 0 };
  expect(partial).toEqual([
    { severity: 'note', code: 'roster_partial', params: { ...params, year: 2019, covered: 1 } },
    { severity: 'note', code: 'roster_partial', params: { ...params, year: 2020, covered: 2 } },
  ]);
});

test('a roster of every township writes the city figure for that year, with the city’s own classes in it', () => {
  expect(TOWNSHIPS.length).toBeGreaterThan(2);
  const tally = createRosterTally(SET)!;
  TOWNSHIPS.forEach((township, i) => tally.count(township, 2020, i === 0 ? 60 : 40, i + 2));
  tally.count(CITY, 2020, 70, 99);
  tally.count('410482001', 2021, 60, 100);
  const { figures, partial } = tally.finish()!;
  expect(figures.filter((f) => f.region === CITY).map((f) => [f.year, f.numerator, f.denominator])).toEqual([[2020, 2, TOWNSHIPS.length + 1]]);
  expect(partial.map((m) => [m.params.year, m.params.covered])).toEqual([[2021, 1]]);
});

test('the large-class size comes from the target file', () => {
  const tally = createRosterTally(withLargeClassSize(45))!;
  for (const students of [44, 45, 50]) tally.count('410482001', 2020, students, 2);
  const { figures, note } = tally.finish()!;
  expect(figures.map((f) => [f.region, f.numerator, f.denominator])).toEqual([['410482001', 2, 3]]);
  expect(note.params.size).toBe(45);
});

test('a class under the jurisdiction itself counts towards the city only, so with no township it is in no figure and warned of', () => {
  const tally = createRosterTally(SET)!;
  tally.count(CITY, 2020, 60, 2);
  const { figures, note, partial } = tally.finish()!;
  expect(figures).toEqual([]);
  expect(note.params.townships).toBe(0);
  expect(partial).toEqual([
    { severity: 'warning', code: 'roster_partial', params: { region: CITY, metric: 'highschool_large_class_share', year: 2020, covered: 0, total: TOWNSHIPS.length, cityClasses: 1 } },
  ]);
});

test('a roster figure keeps only its first few rows', () => {
  const tally = createRosterTally(SET)!;
  for (let row = 2; row < 12; row += 1) tally.count('410482001', 2020, 40, row);
  const [township] = tally.finish()!.figures;
  expect(township!.rows).toEqual(Array.from({ length: ROSTER_ROWS_KEPT }, (_, i) => i + 2));
  expect(township!.denominator).toBe(10);
});

test('no class counted gives no figure and no note', () => {
  expect(createRosterTally(SET)!.finish()).toBeUndefined();
});

test('a set without a roster metric has no roster tally', () => {
  expect(createRosterTally(withLargeClassSize(undefined))).toBeUndefined();
});
