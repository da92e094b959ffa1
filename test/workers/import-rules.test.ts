// @vitest-environment node
import { expect, test } from 'vitest';
import { parseNumberCell, parseYearCell } from '@/domain/import/cells';
import { figureErrors } from '@/domain/import/figure-rules';
import type { ImportMessage } from '@/domain/import/types';
import type { Metric, TargetSet } from '@/domain/targets/target-set';
import { runImport } from '@/workers/import-pipeline';
import { inspectFile } from '@/workers/import-pipeline';
import { decisionsOf, type ImportDecisions } from '@/workers/import-protocol';
import { ruzhouSet } from '../fixtures/ruzhou';

/** The import rules of issue 10 (numbers, severities), on real bytes through the worker pipeline. */

const set: TargetSet = ruzhouSet();

/** A CSV as Excel's "CSV UTF-8" writes it: a byte-order mark, then UTF-8 with CRLF line ends. */
function utf8File(lines: readonly string[], name = 'figures.csv'): File {
  const body = new TextEncoder().encode(lines.join('\r\n') + '\r\n');
  const bytes = new Uint8Array(body.length + 3);
  bytes.set([0xef, 0xbb, 0xbf]);
  bytes.set(body, 3);
  return new File([bytes], name, { type: 'text/csv' });
}

async function check(lines: readonly string[], edit: (decisions: ImportDecisions) => ImportDecisions = (d) => d) {
  const file = utf8File(lines);
  const inspected = await inspectFile(file, set, {});
  const decisions = inspected.type === 'inspected' ? decisionsOf(inspected) : undefined;
  if (!decisions) throw new Error('no table found');
  const { result, batch } = await runImport({ file, set, targetSetId: 'ruzhou-2020', decisions: edit(decisions), stored: [] }, () => undefined);
  if (result.type !== 'done') throw new Error(`the run failed: ${result.message.code}`);
  return { preview: result.preview, figures: batch?.figures ?? [] };
}

const brief = (messages: readonly ImportMessage[]) => messages.map((m) => [m.severity, m.code, m.row, m.column, m.value]);

const LONG = '地区,年份,指标,数值';
const PARTS = '地区,年份,指标,数值,分子,分母';

test('12.5 teachers and a numerator of 2.5 are errors, and those rows are rejected', async () => {
  const { preview, figures } = await check([PARTS, '汝州市,2020,省级名师,12.5,,', '煤山,2020,大班额比例,,2.5,40', '钟楼,2020,大班额比例,,3,40']);
  expect(brief(preview.messages)).toEqual([
    ['error', 'count_not_integer', 2, '数值', '12.5'],
    ['error', 'count_not_integer', 3, '分子', '2.5'],
  ]);
  expect(preview.counts.rejectedRows).toBe(2);
  expect(figures).toMatchObject([{ region: '410482003', numerator: 3, denominator: 40 }]);
});

test('a row split by unquoted thousands separators (1,234,1,350) is a rejected row, never imported shifted', async () => {
  const { preview, figures } = await check([PARTS, '汝州市,2020,省级名师,1,234,1,350', '煤山,2020,毛入园率,91,,']);
  expect(brief(preview.messages)).toEqual([['error', 'ragged_row', 2, undefined, undefined]]);
  expect(preview.counts).toMatchObject({ rows: 2, rejectedRows: 1, errors: 1, warnings: 0 });
  expect(figures).toEqual([{ metric: 'preschool_gross_enrollment_rate', region: '410482001', year: 2020, value: 91, rows: [3] }]);
});

test('-0 is stored as 0, not as negative zero', async () => {
  const { figures } = await check([LONG, '煤山,2020,毛入园率,-0']);
  expect(figures).toHaveLength(1);
  expect(Object.is(figures[0]!.value, 0)).toBe(true);
});

test.each(['#N/A', '#DIV/0!', '#VALUE!', '#REF!'])('the Excel error value %s is a gap with a note naming it, never a 0', async (error) => {
  const { preview, figures } = await check([LONG, `煤山,2020,毛入园率,${error}`]);
  expect(figures).toEqual([]);
  expect(preview.messages).toContainEqual({ severity: 'note', code: 'excel_error', row: 2, column: '数值', value: error, params: { error } });
  expect(preview.counts.errors).toBe(0);
});

test('scientific notation as Excel writes it (8.53E+01) is read, with a note saying what was read', async () => {
  const { preview, figures } = await check([LONG, '煤山,2020,毛入园率,8.53E+01']);
  expect(figures).toMatchObject([{ value: 85.3 }]);
  expect(preview.messages).toEqual([{ severity: 'note', code: 'number_exponent', row: 2, column: '数值', value: '8.53E+01', params: { value: 85.3 } }]);
});

test('the year 2020.0 is 2020, and 2020-13-01 is an invalid date, not 2020', async () => {
  const { preview, figures } = await check([LONG, '煤山,2020.0,毛入园率,91', '钟楼,2020-13-01,毛入园率,92', '寄料,2021-02-29,毛入园率,93']);
  expect(figures).toMatchObject([{ region: '410482001', year: 2020, value: 91 }]);
  expect(brief(preview.messages)).toEqual([
    ['error', 'year_invalid', 3, '年份', '2020-13-01'],
    ['error', 'year_invalid', 4, '年份', '2021-02-29'],
  ]);
  expect(parseYearCell('2024-02-29')).toEqual({ kind: 'year', year: 2024 });
});

test('a lone numerator (denominator empty, no value) is an error: the row is rejected, and nothing is imported as 0', async () => {
  const { preview, figures } = await check([PARTS, '煤山,2020,大班额比例,,30,']);
  expect(figures).toEqual([]);
  expect(brief(preview.messages)).toEqual([['error', 'value_missing', 2, '分母', '']]);
  expect(preview.counts.rejectedRows).toBe(1);
});

test('a value that disagrees with numerator ÷ denominator says the stated value is the one shown', async () => {
  const { preview, figures } = await check([PARTS, '煤山,2020,大班额比例,80,30,40']);
  expect(figures).toMatchObject([{ value: 80, numerator: 30, denominator: 40 }]);
  expect(preview.messages).toMatchObject([{ severity: 'warning', code: 'value_disagrees_with_parts', params: { value: 80, computed: 75, shown: 'value' } }]);
});

test('a fraction in a percent column is not imported until the analyst chooses ×100 or as written for the column', async () => {
  const lines = [LONG, '煤山,2020,普惠园覆盖率,0.853', '钟楼,2020,普惠园覆盖率,0.9'];
  const undecided = await check(lines);
  expect(undecided.figures).toEqual([]);
  expect(brief(undecided.preview.messages)).toEqual([
    ['error', 'fraction_in_percent', 2, '数值', '0.853'],
    ['error', 'fraction_in_percent', 3, '数值', '0.9'],
  ]);
  const decide = (fractions: 'times_100' | 'as_written') => (d: ImportDecisions): ImportDecisions => ({
    ...d,
    shape: { ...d.shape, columns: d.shape.columns.map((c) => (c.role === 'value' ? { ...c, fractions } : c)) },
  });
  const scaled = await check(lines, decide('times_100'));
  expect(scaled.figures.map((f) => f.value)).toEqual([85.3, 90]);
  expect(scaled.preview.counts.errors).toBe(0);
  const asWritten = await check(lines, decide('as_written'));
  expect(asWritten.figures.map((f) => f.value)).toEqual([0.853, 0.9]);
});

test('a metric may declare where warnings start (retention above 100 warns); the backend still accepts it', () => {
  const retention: Metric = { id: 'retention', name: { zh: '巩固率', en: 'Retention' }, aliases: [], unit: 'percent', kind: 'gross_rate', warn_above: 100 };
  const file = { ...set, metrics: [...set.metrics, retention] };
  expect(file.metrics.at(-1)!.warn_above).toBe(100);
  expect(figureErrors(retention, { metric: 'retention', region: '410482', year: 2020, value: 101.5 })).toEqual([]);
  expect(figureErrors(retention, { metric: 'retention', region: '410482', year: 2020, numerator: 203, denominator: 200 })).toEqual([]);
});

test('the backend refuses a count that is not whole, as the import does', () => {
  const teachers = set.metrics.find((m) => m.id === 'provincial_master_teachers')!;
  expect(figureErrors(teachers, { metric: teachers.id, region: '410482', year: 2020, value: 12.5 })).toMatchObject([{ code: 'count_not_integer', field: 'value' }]);
  const share = set.metrics.find((m) => m.kind === 'share')!;
  expect(figureErrors(share, { metric: share.id, region: '410482', year: 2020, numerator: 2.5, denominator: 40 })).toMatchObject([{ code: 'count_not_integer', field: 'numerator' }]);
});

test('a cell value read as a number is 0 for "-0", and hex is still refused', () => {
  expect(parseNumberCell('-0')).toEqual({ kind: 'number', value: 0, percent: false });
  expect(parseNumberCell('0x55')).toEqual({ kind: 'invalid', code: 'number_hex' });
});
