import { expect, test } from 'vitest';
import { evaluateTarget } from '@/domain/evaluation/evaluate-target';
import type { Figure } from '@/domain/evaluation/figures';
import { changeEffect, changeOnPreviousYear, changeSinceLastYear, changeThreshold, DEFAULT_CHANGE_THRESHOLD } from '@/domain/evaluation/year-change';
import type { FigureQualifier } from '@/domain/shared/observation';
import type { Goal } from '@/domain/targets/comparator';
import type { Metric, Target, Unit } from '@/domain/targets/target-set';
import { TARGET_COMMON } from '../../fixtures/targets';

const figure = (year: number, value: number, qualifier?: FigureQualifier): Figure => ({
  year,
  value,
  basis: 'own',
  source: 'import',
  ...(qualifier ? { qualifier } : {}),
});
const floor: Goal = { comparator: 'at_least', goal: 85 };
const cap: Goal = { comparator: 'at_most', goal: 10 };
const band: Goal = { comparator: 'between', min: 4, max: 6 };
const around: Goal = { comparator: 'approximately', goal: 5, tolerance: 1 };

test.each([
  { case: 'just under the threshold', from: 85.2, to: 85.69, kind: 'steady' },
  { case: 'exactly at the threshold (float noise of 85.7 − 85.2 included)', from: 85.2, to: 85.7, kind: 'steady' },
  { case: 'just over the threshold', from: 85.2, to: 85.71, kind: 'change' },
  { case: 'just over the threshold, falling', from: 85.2, to: 84.69, kind: 'change' },
  { case: 'no change at all', from: 85.2, to: 85.2, kind: 'steady' },
])('a change of a percent $case with a 0.5-point threshold is $kind', ({ from, to, kind }) => {
  const change = changeOnPreviousYear([figure(2019, from), figure(2020, to)], 2020, floor, 0.5);
  expect(change.kind).toBe(kind);
  if (change.kind !== 'none') expect(change.difference).toBeCloseTo(to - from, 9);
});

test('a missing previous year gives no change, never a change from 0, even with an earlier year on record', () => {
  expect(changeOnPreviousYear([figure(2018, 80), figure(2020, 86)], 2020, floor, 0.5)).toEqual({ kind: 'none', reason: 'no_previous' });
  expect(changeOnPreviousYear([figure(2020, 86)], 2020, floor, 0.5)).toEqual({ kind: 'none', reason: 'no_previous' });
});

test('a year without its own figure gives no change', () => {
  expect(changeOnPreviousYear([figure(2019, 80)], 2020, floor, 0.5)).toEqual({ kind: 'none', reason: 'no_figure' });
});

test('a published bound on either side gives no change: the difference of bounds is no known change', () => {
  expect(changeOnPreviousYear([figure(2019, 90, 'at_least'), figure(2020, 95)], 2020, floor, 0.5)).toEqual({ kind: 'none', reason: 'bound' });
  expect(changeOnPreviousYear([figure(2019, 90), figure(2020, 95, 'at_least')], 2020, floor, 0.5)).toEqual({ kind: 'none', reason: 'bound' });
});

test.each([
  { goal: floor, from: 84, to: 86, direction: 'up', effect: 'better', case: 'a floor rising' },
  { goal: floor, from: 86, to: 84, direction: 'down', effect: 'worse', case: 'a floor falling' },
  { goal: floor, from: 90, to: 92, direction: 'up', effect: 'better', case: 'a floor rising further past its goal' },
  { goal: cap, from: 15.2, to: 8.6, direction: 'down', effect: 'better', case: 'a cap falling' },
  { goal: cap, from: 8.6, to: 11, direction: 'up', effect: 'worse', case: 'a cap rising' },
  { goal: band, from: 2, to: 3.5, direction: 'up', effect: 'better', case: 'a band approached from below' },
  { goal: band, from: 7, to: 8, direction: 'up', effect: 'worse', case: 'a band left above' },
  { goal: band, from: 4.2, to: 5.8, direction: 'up', effect: 'neutral', case: 'a move inside a band' },
  { goal: band, from: 3, to: 7, direction: 'up', effect: 'neutral', case: 'a jump across a band, as far outside' },
  { goal: around, from: 7, to: 5.5, direction: 'down', effect: 'better', case: 'an "approximately" goal approached from above' },
] as const)('$case is $direction and $effect', ({ goal, from, to, direction, effect }) => {
  const change = changeOnPreviousYear([figure(2019, from), figure(2020, to)], 2020, goal, 0.5);
  expect(change).toMatchObject({ kind: 'change', direction, effect });
  expect(changeEffect(goal, from, to)).toBe(effect);
});

test('counts: with the default threshold 0, one class more is a change and the same number is not', () => {
  const goal: Goal = { comparator: 'at_most', goal: 0 };
  const threshold = DEFAULT_CHANGE_THRESHOLD.classes;
  expect(threshold).toBe(0);
  expect(changeOnPreviousYear([figure(2019, 4), figure(2020, 5)], 2020, goal, threshold)).toMatchObject({ kind: 'change', difference: 1, direction: 'up', effect: 'worse' });
  expect(changeOnPreviousYear([figure(2019, 4), figure(2020, 4)], 2020, goal, threshold).kind).toBe('steady');
});

const metric = (unit: Unit, change_threshold?: number): Metric => ({
  id: 'm',
  name: { zh: '指标', en: 'Metric' },
  aliases: [],
  unit,
  kind: unit === 'percent' ? 'share' : 'count',
  ...(change_threshold !== undefined ? { change_threshold } : {}),
});

test('a threshold declared on the metric replaces the unit default', () => {
  expect(changeThreshold(metric('percent'))).toBe(0.5);
  expect(changeThreshold(metric('persons'))).toBe(0);
  expect(changeThreshold(metric('percent', 2))).toBe(2);
  expect(changeThreshold(metric('persons', 5))).toBe(5);
});

const target: Target = { ...TARGET_COMMON, source_text: '原文', comparator: 'at_least', goal: 85 };
const evaluationOf = (m: Metric, figures: Figure[], asOf: number) =>
  evaluateTarget({ target, metric: m, regionId: 'city', jurisdictionId: 'city', asOf, series: { figures, unavailable: [] } });

test('the change since last year is for the figure the evaluation shows, with the metric’s declared threshold', () => {
  const figures = [figure(2018, 82.9), figure(2019, 84.1), figure(2020, 85.7)];
  expect(changeSinceLastYear(evaluationOf(metric('percent'), figures, 2020), metric('percent'))).toMatchObject({ kind: 'change', direction: 'up', effect: 'better' });
  // As of 2019 the card shows 2019's figure: 84.1 on 82.9.
  const asOf2019 = changeSinceLastYear(evaluationOf(metric('percent'), figures, 2019), metric('percent'));
  expect(asOf2019).toMatchObject({ kind: 'change', from: { year: 2018 }, to: { year: 2019 } });
  // A declared threshold of 2 points hides a rise of 1.6.
  expect(changeSinceLastYear(evaluationOf(metric('percent', 2), figures, 2020), metric('percent', 2)).kind).toBe('steady');
});

test('after the deadline the change is the deadline year’s figure on the year before, not a later figure’s', () => {
  const figures = [figure(2019, 84.1), figure(2020, 85.7), figure(2021, 80)];
  const change = changeSinceLastYear(evaluationOf(metric('percent'), figures, 2021), metric('percent'));
  expect(change).toMatchObject({ kind: 'change', from: { year: 2019 }, to: { year: 2020 }, direction: 'up' });
});

test('without a figure there is no change', () => {
  expect(changeSinceLastYear(evaluationOf(metric('percent'), [], 2020), metric('percent'))).toEqual({ kind: 'none', reason: 'no_figure' });
});
