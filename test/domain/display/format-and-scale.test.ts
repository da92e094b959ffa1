import { expect, test } from 'vitest';
import { closestMatch, editDistance } from '@/domain/shared/closest-match';
import { isValidIsoDate } from '@/domain/shared/dates';
import type { Goal } from '@/domain/targets/comparator';
import { formatDifference, formatGoal, formatMeasure, formatNumber } from '@/domain/display/format';
import type { Locale } from '@/domain/shared/locale';
import { gaugeScale, niceCeiling } from '@/domain/display/gauge-scale';
import type { Metric, MetricKind, Unit } from '@/domain/targets/target-set';

const metric = (kind: MetricKind, unit: Unit = kind === 'count' ? 'persons' : 'percent'): Metric => ({
  id: 'm',
  name: { zh: '指标', en: 'Metric' },
  aliases: [],
  unit,
  kind,
});

const atLeast = (goal: number): Goal => ({ comparator: 'at_least', goal });
const atMost = (goal: number): Goal => ({ comparator: 'at_most', goal });

// ---- numbers and measures ---------------------------------------------------

test.each([
  { value: 1234.5678, locale: 'en', digits: 2, fixed: false, expected: '1,234.57' },
  { value: 1234.5678, locale: 'zh-CN', digits: 2, fixed: false, expected: '1,234.57' },
  { value: 47, locale: 'en', digits: 1, fixed: false, expected: '47' },
  { value: 47, locale: 'en', digits: 1, fixed: true, expected: '47.0' },
  { value: 0.04, locale: 'zh-CN', digits: 1, fixed: false, expected: '0' },
])('formatNumber($value, $locale, $digits, fixed $fixed) reads "$expected"', ({ value, locale, digits, fixed, expected }) => {
  expect(formatNumber(value, locale as Locale, digits, fixed)).toBe(expected);
});

test.each([
  { value: 85, unit: 'percent', locale: 'zh-CN', expected: '85.0%' },
  { value: 85, unit: 'percent', locale: 'en', expected: '85.0%' },
  { value: 85.26, unit: 'percent', locale: 'en', expected: '85.3%' },
  { value: 102.5, unit: 'percent', locale: 'zh-CN', expected: '102.5%' },
  { value: 42, unit: 'persons', locale: 'zh-CN', expected: '42 人' },
  { value: 42, unit: 'persons', locale: 'en', expected: '42 people' },
  { value: 1, unit: 'persons', locale: 'en', expected: '1 person' },
  { value: 1, unit: 'persons', locale: 'zh-CN', expected: '1 人' },
  { value: 0, unit: 'persons', locale: 'en', expected: '0 people' },
  { value: 0.6, unit: 'persons', locale: 'en', expected: '1 person' },
  { value: 1.6, unit: 'persons', locale: 'en', expected: '2 people' },
  { value: 2000, unit: 'persons', locale: 'zh-CN', expected: '2,000 人' },
  { value: 2000, unit: 'persons', locale: 'en', expected: '2,000 people' },
  { value: 12, unit: 'classes', locale: 'zh-CN', expected: '12 个班' },
  { value: 1, unit: 'schools', locale: 'en', expected: '1 school' },
  { value: 1234, unit: 'count', locale: 'en', expected: '1,234' },
])('formatMeasure($value, $unit, $locale) reads "$expected"', ({ value, unit, locale, expected }) => {
  expect(formatMeasure(value, unit as Unit, locale as Locale)).toBe(expected);
});

test.each([
  { goal: atLeast(85), unit: 'percent', locale: 'zh-CN', expected: '≥ 85.0%' },
  { goal: atMost(10), unit: 'percent', locale: 'en', expected: '≤ 10.0%' },
  { goal: { comparator: 'approximately', goal: 5, tolerance: 1 }, unit: 'percent', locale: 'zh-CN', expected: '5.0% ± 1.0 个百分点' },
  { goal: { comparator: 'approximately', goal: 5, tolerance: 0.5 }, unit: 'percent', locale: 'en', expected: '5.0% ± 0.5 pp' },
  { goal: { comparator: 'between', min: 80, max: 90 }, unit: 'percent', locale: 'en', expected: '80.0%–90.0%' },
  { goal: atLeast(50), unit: 'persons', locale: 'zh-CN', expected: '≥ 50 人' },
  { goal: atLeast(2000), unit: 'persons', locale: 'en', expected: '≥ 2,000 people' },
])('formatGoal($goal.comparator, $unit, $locale) reads "$expected"', ({ goal, unit, locale, expected }) => {
  expect(formatGoal(goal as Goal, unit as Unit, locale as Locale)).toBe(expected);
});

test.each([
  { value: -0.94, unit: 'percent', locale: 'zh-CN', expected: '0.9 个百分点' },
  { value: -0.94, unit: 'percent', locale: 'en', expected: '0.9 pp' },
  { value: 2, unit: 'percent', locale: 'en', expected: '2.0 pp' },
  { value: 0.96, unit: 'percent', locale: 'zh-CN', expected: '1.0 个百分点' },
  { value: -3, unit: 'persons', locale: 'zh-CN', expected: '3 人' },
  { value: -3, unit: 'persons', locale: 'en', expected: '3 people' },
  { value: -1, unit: 'persons', locale: 'en', expected: '1 person' },
])('formatDifference($value, $unit, $locale) reads "$expected", without a sign', ({ value, unit, locale, expected }) => {
  expect(formatDifference(value, unit as Unit, locale as Locale)).toBe(expected);
});

// ---- gauge scales -------------------------------------------------------------

test.each([
  {
    name: 'a share floor of 85% runs 0–100 and is good from 85 up',
    metric: metric('share'),
    goal: atLeast(85),
    value: 70,
    scale: { min: 0, max: 100, goodFrom: 85, goodTo: 100, markers: [85] },
  },
  {
    name: 'a small share cap of 10% is zoomed in to 0–25 and is good below 10',
    metric: metric('share'),
    goal: atMost(10),
    value: 12,
    scale: { min: 0, max: 25, goodFrom: 0, goodTo: 10, markers: [10] },
  },
  {
    name: 'a small share cap with no value yet is zoomed to twice the cap',
    metric: metric('share'),
    goal: atMost(10),
    value: undefined,
    scale: { min: 0, max: 20, goodFrom: 0, goodTo: 10, markers: [10] },
  },
  {
    name: 'a share cap of 0% met exactly still has a scale to draw on',
    metric: metric('share'),
    goal: atMost(0),
    value: 0,
    scale: { min: 0, max: 5, goodFrom: 0, goodTo: 0, markers: [0] },
  },
  {
    name: 'a band of 5 ± 1% is good from 4 to 6 on a 0–15 scale',
    metric: metric('share'),
    goal: { comparator: 'approximately', goal: 5, tolerance: 1 } as Goal,
    value: 4,
    scale: { min: 0, max: 15, goodFrom: 4, goodTo: 6, markers: [5] },
  },
  {
    name: 'a share band of 80–90% is good between its bounds, with a marker at each',
    metric: metric('share'),
    goal: { comparator: 'between', min: 80, max: 90 } as Goal,
    value: 85,
    scale: { min: 0, max: 100, goodFrom: 80, goodTo: 90, markers: [80, 90] },
  },
  {
    name: 'a gross rate under 100% runs 0–100',
    metric: metric('gross_rate'),
    goal: atLeast(85),
    value: 90,
    scale: { min: 0, max: 100, goodFrom: 85, goodTo: 100, markers: [85] },
  },
  {
    name: 'a gross rate above 100% extends the scale past 100',
    metric: metric('gross_rate'),
    goal: atLeast(85),
    value: 110,
    scale: { min: 0, max: 120, goodFrom: 85, goodTo: 120, markers: [85] },
  },
  {
    name: 'a gross-rate goal above 100% extends the scale so its marker is not clamped',
    metric: metric('gross_rate'),
    goal: atLeast(120),
    value: 50,
    scale: { min: 0, max: 130, goodFrom: 120, goodTo: 130, markers: [120] },
  },
  {
    name: 'a count of people runs to a round number past the goal',
    metric: metric('count'),
    goal: atLeast(50),
    value: 20,
    scale: { min: 0, max: 100, goodFrom: 50, goodTo: 100, markers: [50] },
  },
  {
    name: 'a count with no value yet runs to a round number past the goal',
    metric: metric('count'),
    goal: atLeast(300),
    value: undefined,
    scale: { min: 0, max: 500, goodFrom: 300, goodTo: 500, markers: [300] },
  },
  {
    name: 'a count above its goal runs to a round number past the value',
    metric: metric('count'),
    goal: atLeast(2000),
    value: 2400,
    scale: { min: 0, max: 5000, goodFrom: 2000, goodTo: 5000, markers: [2000] },
  },
  {
    name: 'a count cap is good from 0 to the cap',
    metric: metric('count', 'classes'),
    goal: atMost(10),
    value: 12,
    scale: { min: 0, max: 20, goodFrom: 0, goodTo: 10, markers: [10] },
  },
])('$name', ({ metric: m, goal, value, scale }) => {
  expect(gaugeScale(m, goal, value)).toEqual(scale);
});

test.each([
  { n: -5, expected: 1 },
  { n: 0, expected: 1 },
  { n: 0.3, expected: 0.5 },
  { n: 1, expected: 1 },
  { n: 1.2, expected: 2 },
  { n: 2, expected: 2 },
  { n: 2.2, expected: 2.5 },
  { n: 3, expected: 5 },
  { n: 7, expected: 10 },
  { n: 57.5, expected: 100 },
  { n: 100, expected: 100 },
  { n: 250, expected: 250 },
  { n: 2760, expected: 5000 },
])('the nice ceiling of $n is $expected', ({ n, expected }) => {
  expect(niceCeiling(n)).toBe(expected);
});

// ---- dates ------------------------------------------------------------------------

test.each([
  { value: '2024-02-29', valid: true },
  { value: '2000-02-29', valid: true },
  { value: '2020-12-31', valid: true },
  { value: '2025-02-28', valid: true },
  { value: '2025-02-29', valid: false },
  { value: '2025-02-30', valid: false },
  { value: '1900-02-29', valid: false },
  { value: '2025-04-31', valid: false },
  { value: '2025-13-01', valid: false },
  { value: '2025-00-10', valid: false },
  { value: '2025-01-00', valid: false },
  { value: '2025-1-01', valid: false },
  { value: '20250101', valid: false },
  { value: ' 2025-01-01', valid: false },
  { value: '', valid: false },
])('isValidIsoDate("$value") is $valid', ({ value, valid }) => {
  expect(isValidIsoDate(value)).toBe(valid);
});

// ---- did you mean ---------------------------------------------------------------------

test.each([
  { input: 'inclusive_coverag', candidates: ['public_share', 'inclusive_coverage'], expected: 'inclusive_coverage' },
  { input: 'PRESCHOOL', candidates: ['teachers', 'preschool'], expected: 'preschool' },
  { input: 'cty', candidates: ['city', 'town-a'], expected: 'city' },
  { input: 'deadlin', candidates: ['baseline', 'deadline'], expected: 'deadline' },
  { input: 'abcdef', candidates: ['abcdxy'], expected: 'abcdxy' },
  { input: 'cat', candidates: ['bat', 'hat'], expected: 'bat' },
  { input: 'abcdef', candidates: ['abcxyz'], expected: undefined },
  { input: 'xyz', candidates: ['city'], expected: undefined },
  { input: 'anything', candidates: [], expected: undefined },
])('closestMatch("$input", $candidates) is $expected', ({ input, candidates, expected }) => {
  expect(closestMatch(input, candidates)).toBe(expected);
});

test.each([
  { a: '', b: '', distance: 0 },
  { a: 'abc', b: '', distance: 3 },
  { a: '', b: 'abc', distance: 3 },
  { a: 'same', b: 'same', distance: 0 },
  { a: 'kitten', b: 'sitting', distance: 3 },
  { a: 'flaw', b: 'lawn', distance: 2 },
  { a: '普惠园', b: '普惠性幼儿园', distance: 3 },
])('the edit distance from "$a" to "$b" is $distance', ({ a, b, distance }) => {
  expect(editDistance(a, b)).toBe(distance);
});

test('a bounded edit distance is exact up to its bound and bound + 1 beyond it; closestMatch picks what a full search picks', () => {
  expect(editDistance('kitten', 'sitting', 3)).toBe(3);
  expect(editDistance('kitten', 'sitting', 2)).toBe(3);
  expect(editDistance('abcdef', 'uvwxyz', 1)).toBe(2);
  // Against a search comparing every candidate in full, over names that differ a little and a lot.
  const names = ['寄料镇', '寄料街道', '温泉镇', '风穴路街道', '普惠性幼儿园覆盖率', 'inclusive_coverage', 'Wenquan', 'city', 'cty', '骑岭乡'];
  const fullSearch = (input: string) => {
    let best: string | undefined;
    let distance = Infinity;
    for (const name of names) {
      const d = editDistance(input.toLowerCase(), name.toLowerCase());
      if (d < distance) [best, distance] = [name, d];
    }
    return best !== undefined && distance <= Math.ceil(Math.max(input.length, best.length) / 3) ? best : undefined;
  };
  for (const input of ['寄料', '寄料村', '温泉', '风穴路街', '普惠园', 'INCLUSIVE coverag', 'wenquen', 'cit', 'c', '火星', '', '骑岭镇镇镇镇'])
    expect(closestMatch(input, names)).toBe(fullSearch(input));
});
