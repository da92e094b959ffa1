import { expect, test } from 'vitest';
import { parseNumberCell, splitQualifier } from '@/domain/import/cells';
import { figureErrors, qualifierProblem } from '@/domain/import/figure-rules';
import type { Metric } from '@/domain/targets/target-set';

/** Issue 9: a value cell written as a published bound. One rule, in the cell reader: these tables are it. */

test.each([
  // Chinese, at least: 以上 includes the number, as in statutes and statistical bulletins.
  ['95%以上', 95, true, 'at_least', false],
  ['95以上', 95, false, 'at_least', false],
  ['95%及以上', 95, true, 'at_least', false],
  ['已达95%以上', 95, true, 'at_least', false],
  ['不低于95%', 95, true, 'at_least', false],
  ['不少于1,200', 1200, false, 'at_least', false],
  ['至少95%', 95, true, 'at_least', false],
  ['大于等于95', 95, false, 'at_least', false],
  ['超过90%', 90, true, 'at_least', true],
  ['高于90%', 90, true, 'at_least', true],
  // Signs, half- and full-width.
  ['≥95', 95, false, 'at_least', false],
  ['≥ 95 %', 95, true, 'at_least', false],
  ['>=95', 95, false, 'at_least', false],
  ['＞＝９５％', 95, true, 'at_least', false],
  ['>95', 95, false, 'at_least', true],
  ['９５％以上', 95, true, 'at_least', false],
  // Chinese, at most.
  ['5%以下', 5, true, 'at_most', false],
  ['不超过5%', 5, true, 'at_most', false],
  ['不高于5%', 5, true, 'at_most', false],
  ['至多5', 5, false, 'at_most', false],
  ['低于5%', 5, true, 'at_most', true],
  ['少于5%', 5, true, 'at_most', true],
  ['不足5%', 5, true, 'at_most', true],
  ['≤5', 5, false, 'at_most', false],
  ['<=5.5%', 5.5, true, 'at_most', false],
  ['<5', 5, false, 'at_most', true],
  // English.
  ['at least 95%', 95, true, 'at_least', false],
  ['At Least 95', 95, false, 'at_least', false],
  ['95% or more', 95, true, 'at_least', false],
  ['95 and above', 95, false, 'at_least', false],
  ['95+', 95, false, 'at_least', false],
  ['more than 90', 90, false, 'at_least', true],
  ['over 90%', 90, true, 'at_least', true],
  ['at most 5%', 5, true, 'at_most', false],
  ['no more than 5', 5, false, 'at_most', false],
  ['5 or less', 5, false, 'at_most', false],
  ['less than 5%', 5, true, 'at_most', true],
  ['under 5', 5, false, 'at_most', true],
] as const)('"%s" is %s (percent %s), %s, strict %s', (raw, value, percent, qualifier, strict) => {
  expect(parseNumberCell(raw)).toEqual({ kind: 'number', value, percent, qualifier, ...(strict ? { strict: true } : {}) });
});

test.each(['85.3', '85.3%', '８５．３％', '1,234', ' 85.3 '])('"%s" is a plain number, no bound', (raw) => {
  const parsed = parseNumberCell(raw);
  expect(parsed.kind).toBe('number');
  expect(parsed).not.toHaveProperty('qualifier');
});

test.each([
  ['以上', 'number_invalid'],
  ['≥', 'number_invalid'],
  ['≥—', 'number_invalid'],
  ['≥95以上', 'number_invalid'],
  ['已达95%', 'number_invalid'],
  ['≥85。3', 'number_ideographic_point'],
  ['95%以上以下', 'number_invalid'],
  ['约95%', 'number_invalid'],
])('"%s" is not a number (%s): a bound of nothing, of a bound, or a word that is not a bound', (raw, code) => {
  expect(parseNumberCell(raw)).toEqual({ kind: 'invalid', code });
});

test('splitQualifier leaves a cell without a bound alone, whatever its letters', () => {
  expect(splitQualifier('N/A')).toBeUndefined();
  expect(splitQualifier('overall')).toBeUndefined();
  expect(splitQualifier('高中56人以上大班额比例')).toBeUndefined();
});

const share: Metric = { id: 's', name: { zh: '占比', en: 'Share' }, aliases: [], unit: 'percent', kind: 'share' };

test('a bound goes with a value only, without parts; a citation is at most 500 characters', () => {
  expect(qualifierProblem({ value: 95, qualifier: 'at_least' })).toBeUndefined();
  expect(qualifierProblem({ numerator: 1, denominator: 2, qualifier: 'at_most' })?.code).toBe('qualifier_without_value');
  expect(qualifierProblem({ value: 50, numerator: 1, denominator: 2, qualifier: 'at_most' })?.code).toBe('qualifier_with_parts');
  const base = { metric: 's', region: 'r', year: 2020, value: 95 };
  expect(figureErrors(share, { ...base, qualifier: 'at_least', citation: 'x'.repeat(500) })).toEqual([]);
  expect(figureErrors(share, { ...base, citation: 'x'.repeat(501) }).map((e) => [e.field, e.code, e.params])).toEqual([['citation', 'citation_too_long', { length: 501, max: 500 }]]);
  // A bound is still a value of the metric: above 100% is no share, bound or not.
  expect(figureErrors(share, { ...base, value: 120, qualifier: 'at_least' }).map((e) => e.code)).toEqual(['share_out_of_range']);
});
