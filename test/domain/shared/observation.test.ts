import { expect, test } from 'vitest';
import { isReferenceFigure, observationValue, ratioValue, type Observation } from '@/domain/shared/observation';

test.each([
  [412, 500, true, 82.4],
  [412, 500, false, 0.824],
  [9, 3, false, 3],
  [0, 40, true, 0],
])('the ratio %s ÷ %s (percent: %s) is %s', (numerator, denominator, percent, expected) => {
  expect(ratioValue(numerator, denominator, percent)).toBeCloseTo(expected, 10);
});

test('an observation stands for its stated value first, else its parts in the metric’s unit', () => {
  const base: Observation = { metric: 'm', region: 'r', year: 2020, source: 'demo' };
  expect(observationValue({ ...base, value: 85, numerator: 1, denominator: 2 }, true)).toBe(85);
  expect(observationValue({ ...base, numerator: 1, denominator: 4 }, true)).toBe(25);
  expect(observationValue({ ...base, numerator: 30, denominator: 2 }, false)).toBe(15);
  expect(observationValue({ ...base, numerator: 1, denominator: 0 }, true)).toBeUndefined();
});

test.each([
  ['reference', true],
  ['demo', false],
  ['import', false],
] as const)('a %s figure is a reference figure: %s', (source, expected) => {
  expect(isReferenceFigure({ source })).toBe(expected);
});
