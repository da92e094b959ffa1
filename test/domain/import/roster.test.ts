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

test('classes are rolled up per township and year in the order first seen, then for the city per year', () => {
  const tally = createRosterTally(SET)!;
  tally.count('410482001', 2019, 60, 2);
  tally.count('410482101', 2020, 40, 3);
  tally.count('410482001', 2020, 56, 4);
  tally.count('410482001', 2019, 55, 5);
  const { figures, note } = tally.finish()!;
  expect(figures.map((f) => [f.region, f.year, f.numerator, f.denominator, f.rows])).toEqual([
    ['410482001', 2019, 1, 2, [2, 5]],
    ['410482101', 2020, 0, 1, [3]],
    ['410482001', 2020, 1, 1, [4]],
    [CITY, 2019, 1, 2, [2, 5]],
    [CITY, 2020, 1, 2, [3, 4]],
  ]);
  expect(figures.every((f) => f.metric === 'highschool_large_class_share')).toBe(true);
  expect(note).toEqual({ severity: 'note', code: 'roster_aggregated', params: { classes: 4, large: 2, townships: 2, size: 56 } });
});

test('the large-class size comes from the target file', () => {
  const tally = createRosterTally(withLargeClassSize(45))!;
  for (const students of [44, 45, 50]) tally.count('410482001', 2020, students, 2);
  const { figures, note } = tally.finish()!;
  expect(figures.map((f) => [f.numerator, f.denominator])).toEqual([
    [2, 3],
    [2, 3],
  ]);
  expect(note.params.size).toBe(45);
});

test('a class under the jurisdiction itself counts towards the city only', () => {
  const tally = createRosterTally(SET)!;
  tally.count(CITY, 2020, 60, 2);
  const { figures, note } = tally.finish()!;
  expect(figures.map((f) => [f.region, f.numerator, f.denominator])).toEqual([[CITY, 1, 1]]);
  expect(note.params.townships).toBe(0);
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
