import { expect, test } from 'vitest';
import { figureSeries, indexObservations } from '@/domain/evaluation/figures';
import { ROLLUP_TOLERANCE } from '@/domain/import/preview';
import type { Candidate, StoredFigure } from '@/domain/import/types';
import { observationValue, type Observation } from '@/domain/shared/observation';
import { ruzhouSet } from '../../fixtures/ruzhou';
import { brief, previewBytes } from './severity-bytes';

/**
 * Severities that match the consequence (issue 10, item 6), on real CSV bytes: what the preview says will
 * happen is what the dashboard then does, and a row that is not imported is an error counted as rejected.
 */

const SET = ruzhouSet();
const CITY = '410482';
const LARGE = 'highschool_large_class_share';
const PARTS = '地区,年份,指标,数值,分子,分母';
const LONG = '地区,年份,指标,数值';

const asStored = (figures: readonly Candidate[]): Observation[] => figures.map(({ rows: _rows, ...f }) => ({ ...f, source: 'import' }));

// ---- the city's own figure against its townships' roll-up ------------------------------------------

test('a city figure beyond rounding from its townships’ roll-up is a warning that the dashboard shows the city’s own figure, and it does', () => {
  const preview = previewBytes([PARTS, '汝州市,2020,大班额比例,10,,', '煤山,2020,大班额比例,,4,10', '钟楼,2020,大班额比例,,2,10'], SET);
  expect(brief(preview.messages)).toEqual([['warning', 'city_differs_from_rollup', 2, undefined, undefined]]);
  expect(preview.messages[0]!.params).toEqual({ metric: LARGE, year: 2020, own: '10', rollup: '30', shown: 'own' });
  expect(preview.counts).toMatchObject({ warnings: 1, notes: 0, errors: 0, rejectedRows: 0, added: 3 });
  // What the dashboard does with these figures: the city's own 10%, the roll-up of 30% kept beside it.
  const metric = SET.metrics.find((m) => m.id === LARGE)!;
  const [figure] = figureSeries(SET, metric, CITY, indexObservations(asStored(preview.additions))).figures;
  expect(figure).toMatchObject({ year: 2020, basis: 'own', value: 10, rollup: { value: 30 } });
});

test('within rounding (0.05 points of a percent, half a unit of a count) nothing is said; just beyond it, the warning', () => {
  const at = (city: number) => previewBytes([PARTS, `汝州市,2020,大班额比例,${city},,`, '煤山,2020,大班额比例,,4,10', '钟楼,2020,大班额比例,,2,10'], SET);
  expect(ROLLUP_TOLERANCE).toEqual({ percent: 0.05, other: 0.5 });
  expect(at(30.05).messages).toEqual([]);
  expect(at(29.95).messages).toEqual([]);
  expect(at(30.06).messages.map((m) => [m.severity, m.code])).toEqual([['warning', 'city_differs_from_rollup']]);
});

test('a stored city figure that the townships of the file disagree with is the one the warning names as shown', () => {
  const stored: StoredFigure[] = [{ metric: LARGE, region: CITY, year: 2020, value: 12, source: 'demo' }];
  const preview = previewBytes([PARTS, '煤山,2020,大班额比例,,4,10', '钟楼,2020,大班额比例,,2,10'], SET, stored);
  expect(preview.messages.map((m) => [m.severity, m.code, m.row, m.params.own, m.params.rollup, m.params.shown])).toEqual([
    ['warning', 'city_differs_from_rollup', undefined, '12', '30', 'own'],
  ]);
});

// ---- a value against its numerator ÷ denominator -----------------------------------------------------

test('a value that disagrees with its numerator ÷ denominator warns, stores all three, and the stated value is the one shown', () => {
  const preview = previewBytes([PARTS, '煤山,2020,大班额比例,80,30,40'], SET);
  expect(brief(preview.messages)).toEqual([['warning', 'value_disagrees_with_parts', 2, '数值', '80']]);
  expect(preview.messages[0]!.params).toEqual({ value: 80, computed: 75, shown: 'value' });
  expect(preview.additions).toMatchObject([{ value: 80, numerator: 30, denominator: 40 }]);
  expect(observationValue(asStored(preview.additions)[0]!, true)).toBe(80);
});

// ---- an empty numerator or denominator ---------------------------------------------------------------

test('an empty denominator beside a value warns, and the value is imported alone', () => {
  const preview = previewBytes([PARTS, '煤山,2020,大班额比例,30,12,'], SET);
  expect(brief(preview.messages)).toEqual([['warning', 'value_missing', 2, '分母', '']]);
  expect(preview.messages[0]!.params).toEqual({ part: 'denominator' });
  expect(preview.additions).toEqual([{ metric: LARGE, region: '410482001', year: 2020, value: 30, rows: [2] }]);
  expect(preview.counts.rejectedRows).toBe(0);
});

test('an empty numerator or denominator without a value is an error: nothing of the row is imported, and it is counted as rejected', () => {
  const preview = previewBytes([PARTS, '煤山,2020,大班额比例,,12,', '钟楼,2020,大班额比例,,,40'], SET);
  expect(brief(preview.messages)).toEqual([
    ['error', 'value_missing', 2, '分母', ''],
    ['error', 'value_missing', 3, '分子', ''],
  ]);
  expect(preview.additions).toEqual([]);
  expect(preview.counts).toMatchObject({ rows: 2, rejectedRows: 2, errors: 2, added: 0 });
});

// ---- a row that will not be imported ----------------------------------------------------------------

test('a row split by unquoted thousands separators is an error and rejected, never imported shifted', () => {
  const preview = previewBytes([LONG, '煤山,2020,省级名师,1,234'], SET);
  expect(brief(preview.messages)).toEqual([['error', 'ragged_row', 2, undefined, undefined]]);
  expect(preview.counts).toMatchObject({ rejectedRows: 1, added: 0 });
});

test('a short row that gives no figure is an error and rejected; one that still gives its figure warns and is imported', () => {
  const preview = previewBytes([PARTS, '煤山,2020,大班额比例', '钟楼,2020,大班额比例,30'], SET);
  expect(preview.messages.map((m) => [m.severity, m.code, m.row, m.params])).toEqual([
    ['error', 'short_row', 2, { cells: 3, expected: 6 }],
    ['warning', 'short_row', 3, { cells: 4, expected: 6, context: 'partial' }],
    ['note', 'value_missing', 2, {}],
  ]);
  expect(preview.additions.map((c) => [c.region, c.value])).toEqual([['410482003', 30]]);
  expect(preview.counts).toMatchObject({ rows: 2, rejectedRows: 1, added: 1 });
});

test('every data row either gives a figure, is an empty gap (a note), or has an error and is counted as rejected', () => {
  const lines = [
    '煤山,2020,大班额比例,30,,', // a figure
    '钟楼,2020,大班额比例,,,', // an empty gap: nothing to import, noted
    '寄料,2020,大班额比例,,5,', // a lone numerator: refused
    '温泉,2020,大班额比例', // cut short: refused
    '火星,2020,大班额比例,30,,', // an unknown region: refused
    '煤山,2021,大班额比例,30,1,2,3', // cells beyond the header: refused
    '钟楼,2021,大班额比例,-3,,', // a negative share: refused
  ];
  const preview = previewBytes([PARTS, ...lines], SET);
  const errorRows = new Set(preview.messages.filter((m) => m.severity === 'error').map((m) => m.row));
  const figureRows = new Set(preview.additions.flatMap((c) => c.rows));
  expect([...figureRows]).toEqual([2]);
  expect([...errorRows].sort()).toEqual([4, 5, 6, 7, 8]);
  expect(preview.messages.filter((m) => m.row === 3).map((m) => [m.severity, m.code])).toEqual([['note', 'value_missing']]);
  expect(preview.counts).toMatchObject({ rows: 7, added: 1, rejectedRows: 5 });
});
