import { describe, expect, test } from 'vitest';
import { formatFigure, formatGoal, formatMargin } from '@/domain/display/format';
import { marginToGoal, meetsGoal, type Goal } from '@/domain/targets/comparator';
import type { Locale } from '@/domain/shared/locale';
import type { FigureQualifier } from '@/domain/shared/observation';
import type { Unit } from '@/domain/targets/target-set';

const atLeast = (goal: number): Goal => ({ comparator: 'at_least', goal });
const atMost = (goal: number): Goal => ({ comparator: 'at_most', goal });
const around = (goal: number, tolerance: number): Goal => ({ comparator: 'approximately', goal, tolerance });
const between = (min: number, max: number): Goal => ({ comparator: 'between', min, max });

type Row = { value: number; unit: Unit; goal?: Goal; qualifier?: FigureQualifier; zh: string; en: string };

const rows: Row[] = [
  // 骑岭乡's inclusive share: 855 / 1069 = 79.9813…% misses ≥ 80 and must not read 80.0%.
  { value: (855 / 1069) * 100, unit: 'percent', goal: atLeast(80), zh: '79.98%', en: '79.98%' },
  { value: 79.98, unit: 'percent', goal: atLeast(80), zh: '79.98%', en: '79.98%' },
  { value: 79.9999, unit: 'percent', goal: atLeast(80), zh: '<80.0%', en: '<80.0%' },
  { value: 79.94, unit: 'percent', goal: atLeast(80), zh: '79.9%', en: '79.9%' },
  { value: 80, unit: 'percent', goal: atLeast(80), zh: '80.0%', en: '80.0%' },
  { value: 80.04, unit: 'percent', goal: atLeast(80), zh: '80.0%', en: '80.0%' },
  // Float noise from a ratio meets (the comparator's rule), so it reads as the goal.
  { value: (57 / 100) * 100, unit: 'percent', goal: atMost(57), zh: '57.0%', en: '57.0%' },
  { value: 10.04, unit: 'percent', goal: atMost(10), zh: '10.04%', en: '10.04%' },
  { value: 10.0001, unit: 'percent', goal: atMost(10), zh: '>10.0%', en: '>10.0%' },
  { value: 9.96, unit: 'percent', goal: atMost(10), zh: '10.0%', en: '10.0%' },
  // Bands: outside by a hair on either side, inside at an edge.
  { value: 3.96, unit: 'percent', goal: around(5, 1), zh: '3.96%', en: '3.96%' },
  { value: 6.04, unit: 'percent', goal: around(5, 1), zh: '6.04%', en: '6.04%' },
  { value: 6.00001, unit: 'percent', goal: around(5, 1), zh: '>6.0%', en: '>6.0%' },
  { value: 4.5, unit: 'percent', goal: around(5, 1), zh: '4.5%', en: '4.5%' },
  { value: 4, unit: 'percent', goal: around(5, 1), zh: '4.0%', en: '4.0%' },
  { value: 89.97, unit: 'percent', goal: between(80, 90), zh: '90.0%', en: '90.0%' },
  { value: 90.03, unit: 'percent', goal: between(80, 90), zh: '90.03%', en: '90.03%' },
  { value: 79.99999, unit: 'percent', goal: between(80, 90), zh: '<80.0%', en: '<80.0%' },
  // A goal with more decimals than the unit's: a meeting value is never shown as missing.
  { value: 80.0451, unit: 'percent', goal: atLeast(80.045), zh: '80.05%', en: '80.05%' },
  { value: 80.04495, unit: 'percent', goal: atLeast(80.0449), zh: '80.045%', en: '80.045%' },
  { value: 80.044, unit: 'percent', goal: atLeast(80.045), zh: '80.0%', en: '80.0%' },
  // Counts.
  { value: 11.6, unit: 'persons', goal: atLeast(12), zh: '11.6 人', en: '11.6 people' },
  { value: 11.996, unit: 'persons', goal: atLeast(12), zh: '<12 人', en: '<12 people' },
  { value: 12, unit: 'persons', goal: atLeast(12), zh: '12 人', en: '12 people' },
  { value: 11.4, unit: 'persons', goal: atLeast(12), zh: '11 人', en: '11 people' },
  { value: 10.4, unit: 'classes', goal: atMost(10), zh: '10.4 个班', en: '10.4 classes' },
  { value: 1234.5, unit: 'count', goal: atLeast(1235), zh: '1,234.5', en: '1,234.5' },
  // Without a goal: the unit's digits.
  { value: (855 / 1069) * 100, unit: 'percent', zh: '80.0%', en: '80.0%' },
  { value: 1, unit: 'persons', zh: '1 人', en: '1 person' },
  // Published bounds.
  { value: 95, unit: 'percent', qualifier: 'at_least', zh: '≥ 95.0%', en: '≥ 95.0%' },
  { value: 5, unit: 'percent', qualifier: 'at_most', zh: '≤ 5.0%', en: '≤ 5.0%' },
  { value: 94.98, unit: 'percent', qualifier: 'at_least', goal: atLeast(95), zh: '≥ 94.98%', en: '≥ 94.98%' },
  { value: 95, unit: 'percent', qualifier: 'at_least', goal: atLeast(95), zh: '≥ 95.0%', en: '≥ 95.0%' },
];

describe('formatFigure', () => {
  test.each(rows.flatMap((row) => [{ ...row, locale: 'zh-CN' as Locale, expected: row.zh }, { ...row, locale: 'en' as Locale, expected: row.en }]))(
    '$value $unit against $goal.comparator $goal.goal$goal.min ($qualifier) in $locale reads "$expected"',
    ({ value, unit, goal, qualifier, locale, expected }) => {
      expect(formatFigure(value, unit, locale, { goal, qualifier })).toBe(expected);
    },
  );

  // The rule itself, over a grid of values near each bound: the number shown (when it is a
  // plain number) is on the same side of the goal as the value.
  const goals: Goal[] = [atLeast(80), atMost(10), around(5, 1), between(80, 90), atLeast(12.5)];
  test.each(goals)('the shown number is never on the other side of $comparator', (goal) => {
    const edges = [80, 10, 4, 6, 90, 12.5];
    for (const edge of edges) {
      for (let step = -300; step <= 300; step++) {
        const value = edge + step * 0.00037;
        const text = formatFigure(value, 'percent', 'en', { goal });
        if (text.startsWith('<') || text.startsWith('>')) {
          expect(meetsGoal(goal, value), `${value} → ${text}`).toBe(false);
          continue;
        }
        const shown = Number(text.replace('%', '').replace(/,/g, ''));
        expect(meetsGoal(goal, shown), `${value} → ${text}`).toBe(meetsGoal(goal, value));
      }
    }
  });
});

describe('formatMargin', () => {
  test.each([
    { margin: 0.94, unit: 'percent', zh: '0.9 个百分点', en: '0.9 pp' },
    { margin: -0.94, unit: 'percent', zh: '0.9 个百分点', en: '0.9 pp' },
    { margin: 80 - (855 / 1069) * 100, unit: 'percent', zh: '0.02 个百分点', en: '0.02 pp' },
    { margin: -0.04, unit: 'percent', zh: '0.04 个百分点', en: '0.04 pp' },
    { margin: 0.004, unit: 'percent', zh: '0.004 个百分点', en: '0.004 pp' },
    { margin: -0.0001, unit: 'percent', zh: '<0.1 个百分点', en: '<0.1 pp' },
    { margin: 0, unit: 'percent', zh: '0.0 个百分点', en: '0.0 pp' },
    { margin: 2, unit: 'percent', zh: '2.0 个百分点', en: '2.0 pp' },
    { margin: -0.4, unit: 'persons', zh: '0.4 人', en: '0.4 people' },
    { margin: 3, unit: 'persons', zh: '3 人', en: '3 people' },
    { margin: 1, unit: 'persons', zh: '1 人', en: '1 person' },
    { margin: 0.0004, unit: 'persons', zh: '<1 人', en: '<1 person' },
    { margin: 0, unit: 'schools', zh: '0 所', en: '0 schools' },
  ])('a margin of $margin $unit reads "$zh" / "$en"', ({ margin, unit, zh, en }) => {
    expect(formatMargin(margin, unit as Unit, 'zh-CN')).toBe(zh);
    expect(formatMargin(margin, unit as Unit, 'en')).toBe(en);
  });

  test('the margin of a value shown by formatFigure is never "0.0" while the figure misses', () => {
    for (let step = 1; step <= 500; step++) {
      const value = 80 - step * 0.0007;
      const text = formatMargin(marginToGoal(atLeast(80), value), 'percent', 'en');
      expect(text).not.toBe('0.0 pp');
      expect(text).not.toMatch(/^0(\.0+)? pp$/);
    }
  });
});

describe('formatGoal', () => {
  test.each([
    { goal: atLeast(80), unit: 'percent', zh: '≥ 80.0%', en: '≥ 80.0%' },
    { goal: atMost(10), unit: 'percent', zh: '≤ 10.0%', en: '≤ 10.0%' },
    { goal: around(5, 1), unit: 'percent', zh: '5.0% ± 1.0 个百分点', en: '5.0% ± 1.0 pp' },
    { goal: around(5, 0.25), unit: 'percent', zh: '5.0% ± 0.25 个百分点', en: '5.0% ± 0.25 pp' },
    { goal: between(80, 90), unit: 'percent', zh: '80.0%–90.0%', en: '80.0%–90.0%' },
    { goal: atLeast(80.05), unit: 'percent', zh: '≥ 80.05%', en: '≥ 80.05%' },
    { goal: around(45, 5), unit: 'persons', zh: '45 人 ± 5 人', en: '45 people ± 5 people' },
    { goal: atLeast(2000), unit: 'persons', zh: '≥ 2,000 人', en: '≥ 2,000 people' },
  ])('$goal.comparator in $unit reads "$zh" / "$en"', ({ goal, unit, zh, en }) => {
    expect(formatGoal(goal, unit as Unit, 'zh-CN')).toBe(zh);
    expect(formatGoal(goal, unit as Unit, 'en')).toBe(en);
  });
});
