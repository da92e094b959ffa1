import { expect, test } from 'vitest';
import { createRowMapper, type MappedFile } from '@/domain/import/rows';
import { detectTable } from '@/domain/import/table';
import { MESSAGE_LIMIT, type CsvRecord, type Delimiter, type ImportMessage, type ImportMessageCode, type TableShape } from '@/domain/import/types';
import { LONG_COLUMNS } from '../../fixtures/import';
import { ruzhouSet } from '../../fixtures/ruzhou';

const SET = ruzhouSet();

const CITY = '410482';
const MEISHAN = '410482001';
const FENGXUELU = '410482002';
const JILIAO = '410482101';
const LARGE = 'highschool_large_class_share';
const GER = 'preschool_gross_enrollment_rate';

/** Records as the CSV reader emits them: one per line, rows from 1, a blank line as one empty cell. No quoting. */
const recordsOf = (text: string, delimiter: Delimiter = ','): CsvRecord[] =>
  text.split('\n').map((line, i) => ({ row: i + 1, cells: line.split(delimiter) }));

/** Detects the table, applies `patch` to the shape, and maps every record. */
function mapText(text: string, options: { delimiter?: Delimiter; patch?: Partial<TableShape> } = {}): MappedFile & { shape: TableShape } {
  const delimiter = options.delimiter ?? ',';
  const records = recordsOf(text, delimiter);
  const detected = detectTable(records, SET, delimiter);
  if (!detected.ok) throw new Error(`no table: ${JSON.stringify(detected.messages)}`);
  const shape = { ...detected.shape, ...options.patch };
  const mapper = createRowMapper(shape, SET);
  for (const record of records) mapper.map(record);
  return { ...mapper.finish(), shape };
}

const LONG = '地区,年份,指标,数值';
/** A long file with one data row per line given. */
const long = (...lines: string[]) => mapText([LONG, ...lines].join('\n'));
const codes = (messages: readonly ImportMessage[]) => messages.map((m) => m.code);
const only = (mapped: MappedFile, code: ImportMessageCode) => mapped.messages.filter((m) => m.code === code);

// ---- skipping what is not data ---------------------------------------------------

test('title, header, unit, blank and total rows are skipped and only data rows become figures', () => {
  const mapped = mapText(
    [
      '汝州市2020年教育统计表',
      '',
      '乡镇 , 年份 ,指标,数值（%）',
      ',,,%',
      '煤山街道,2020,高中大班额比例,8.5',
      '',
      '风穴路街道,2020年,大班额比例,9',
      '合计,2020,大班额比例,17.5',
      ' 总 计 ,,,',
    ].join('\n'),
  );
  expect(mapped.candidates).toEqual([
    { metric: LARGE, region: MEISHAN, year: 2020, value: 8.5, rows: [5] },
    { metric: LARGE, region: FENGXUELU, year: 2020, value: 9, rows: [7] },
  ]);
  expect(mapped.rows).toBe(2);
  expect(mapped.rejectedRows).toBe(0);
  expect(mapped.messages.map((m) => [m.code, m.row])).toEqual([
    ['title_row', 1],
    ['unit_row', 4],
    ['total_row', 8],
    ['total_row', 9],
  ]);
  expect(mapped.countsByCode).toEqual({ title_row: 1, unit_row: 1, total_row: 2, blank_row: 1 });
  expect(mapped.messages.find((m) => m.row === 8)).toMatchObject({ column: '乡镇', value: '合计' });
});

test('a total row is recognised by its first cell when the region cell is empty', () => {
  const mapped = mapText('年份,乡镇,指标,数值\n2020,煤山,毛入园率,90\n全市合计,,毛入园率,91\nGrand Total,,毛入园率,91');
  expect(mapped.candidates).toHaveLength(1);
  expect(only(mapped, 'total_row').map((m) => [m.row, m.column, m.value])).toEqual([
    [3, '年份', '全市合计'],
    [4, '年份', 'Grand Total'],
  ]);
});

// ---- numbers -------------------------------------------------------------------

test.each([
  ['85.3', 85.3],
  ['85.3%', 85.3],
  ['85.3 %', 85.3],
  ['８５．３％', 85.3],
  [' 85.3 ', 85.3],
  ['\u00a085.3\u3000', 85.3],
  ['103', 103],
])('the gross rate written "%s" is imported as %s', (raw, value) => {
  const mapped = long(`煤山,2020,毛入园率,${raw}`);
  expect(mapped.candidates).toEqual([{ metric: GER, region: MEISHAN, year: 2020, value, rows: [2] }]);
  expect(mapped.countsBySeverity.error).toBe(0);
});

test.each([
  ['85。3', 'number_ideographic_point'],
  ['0x55', 'number_hex'],
  ['Infinity', 'number_not_finite'],
  ['NaN', 'number_not_finite'],
  ['85.3.1', 'number_invalid'],
  ['八十五', 'number_invalid'],
  ['1,23', 'number_invalid'],
])('the value "%s" is refused as %s and nothing is imported', (raw, code) => {
  const mapped = mapText(`地区\t年份\t指标\t数值\n煤山\t2020\t毛入园率\t${raw}`, { delimiter: '\t' });
  expect(mapped.candidates).toEqual([]);
  expect(mapped.messages).toEqual([{ severity: 'error', code, row: 2, column: '数值', value: raw, params: {} }]);
  expect(mapped.rejectedRows).toBe(1);
});

test('thousands separators are read in counts', () => {
  const mapped = mapText('地区\t年份\t指标\t数值\n汝州市\t2020\t全日制在校生\t1,234\n汝州市\t2021\t全日制在校生\t１，２３４', { delimiter: '\t' });
  expect(mapped.candidates.map((c) => c.value)).toEqual([1234, 1234]);
});

test.each(['', '-', '—', 'N/A', '无', '——', 'n/a'])('the missing mark "%s" is a gap, never a zero', (raw) => {
  const mapped = long(`煤山,2020,毛入园率,${raw}`);
  expect(mapped.candidates).toEqual([]);
  expect(mapped.messages).toMatchObject([{ severity: 'note', code: 'value_missing', row: 2, column: '数值' }]);
  expect(mapped.rejectedRows).toBe(0);
  expect(mapped.rows).toBe(1);
});

test('a fraction in a percent metric is refused until the analyst decides for the column, never multiplied silently', () => {
  const mapped = long('煤山,2020,普惠园覆盖率,0.853');
  expect(mapped.candidates).toEqual([]);
  expect(mapped.rejectedRows).toBe(1);
  expect(mapped.messages).toEqual([
    { severity: 'error', code: 'fraction_in_percent', row: 2, column: '数值', value: '0.853', params: { value: 0.853, percent: 85.3 } },
  ]);
});

test('a small value written with a percent sign is a percentage and does not warn', () => {
  const mapped = long('煤山,2020,普惠园覆盖率,0.5%');
  expect(mapped.candidates).toMatchObject([{ value: 0.5 }]);
  expect(mapped.messages).toEqual([]);
});

test('a share above 100 is refused, a gross rate above 100 is noted and kept', () => {
  const mapped = long('煤山,2020,普惠园覆盖率,101', '煤山,2020,毛入园率,103');
  expect(mapped.candidates).toEqual([{ metric: GER, region: MEISHAN, year: 2020, value: 103, rows: [3] }]);
  expect(mapped.messages.map((m) => [m.severity, m.code, m.row])).toEqual([
    ['error', 'share_out_of_range', 2],
    ['note', 'gross_rate_over_100', 3],
  ]);
});

test('a negative value and a fractional count (12.5 teachers) are refused', () => {
  const mapped = long('煤山,2020,毛入园率,-5', '汝州市,2020,省级名师,12.5');
  expect(mapped.candidates).toEqual([]);
  expect(mapped.rejectedRows).toBe(2);
  expect(mapped.messages.map((m) => [m.severity, m.code, m.row])).toEqual([
    ['error', 'negative_value', 2],
    ['error', 'count_not_integer', 3],
  ]);
});

test('a count written as a percentage is refused', () => {
  const mapped = long('汝州市,2020,省级名师,12%');
  expect(mapped.candidates).toEqual([]);
  expect(mapped.messages).toMatchObject([{ code: 'number_invalid', params: { reason: 'percent_sign' } }]);
});

// ---- years -----------------------------------------------------------------------

test.each(['2020', '2020年', '2020-12-31', '2020/12/31', '２０２０年度'])('the year "%s" is 2020', (raw) => {
  expect(long(`煤山,${raw},毛入园率,90`).candidates).toMatchObject([{ year: 2020 }]);
});

test.each(['20', '二〇二〇', '1900', '2020-13'])('the year "%s" is refused', (raw) => {
  const mapped = long(`煤山,${raw},毛入园率,90`);
  expect(mapped.candidates).toEqual([]);
  expect(mapped.messages).toEqual([{ severity: 'error', code: 'year_invalid', row: 2, column: '年份', value: raw, params: {} }]);
});

test('a missing year takes the default year when one is chosen, and is an error otherwise', () => {
  expect(long('煤山,,毛入园率,90').messages).toMatchObject([{ code: 'year_missing', row: 2, column: '年份' }]);
  const withDefault = mapText(`${LONG}\n煤山,,毛入园率,90\n煤山,2019,毛入园率,80`, { patch: { defaultYear: 2020 } });
  expect(withDefault.candidates.map((c) => c.year)).toEqual([2020, 2019]);
});

test('without a year column and without a default year every row is rejected with one message', () => {
  const mapped = mapText('地区,指标,数值\n煤山,毛入园率,90\n钟楼,毛入园率,91');
  expect(mapped.candidates).toEqual([]);
  expect(mapped.messages).toEqual([{ severity: 'error', code: 'year_missing', params: {} }]);
  expect(mapped.rejectedRows).toBe(2);
  const withDefault = mapText('地区,指标,数值\n煤山,毛入园率,90\n钟楼,毛入园率,91', { patch: { defaultYear: 2020 } });
  expect(withDefault.candidates).toHaveLength(2);
});

// ---- regions and metrics -----------------------------------------------------------

test.each([
  ['410482001', MEISHAN],
  ['410482001000', MEISHAN],
  ['410482000000', CITY],
  ['煤山街道', MEISHAN],
  [' 煤山 街道 ', MEISHAN],
  ['煤山', MEISHAN],
  ['Meishan Subdistrict', MEISHAN],
  ['meishan  subdistrict', MEISHAN],
  ['寄料镇', JILIAO],
  ['全市', CITY],
  ['汝州市', CITY],
])('the region "%s" is %s', (raw, id) => {
  expect(long(`${raw},2020,毛入园率,90`).candidates).toMatchObject([{ region: id }]);
});

test.each([
  ['preschool_gross_enrollment_rate', GER],
  ['Preschool GER', GER],
  ['学前三年毛入园率(%)', GER],
  ['ｐｒｅｓｃｈｏｏｌ ｇｅｒ', GER],
  ['large class share', LARGE],
])('the metric "%s" is %s', (raw, id) => {
  expect(long(`煤山,2020,${raw},8`).candidates).toMatchObject([{ metric: id }]);
});

test('an unknown metric or region is refused with a did-you-mean suggestion', () => {
  const mapped = long('煤山,2020,大班额比列,8', '风穴路街,2020,大班额比例,8', '火星,2020,大班额比例,8');
  expect(mapped.candidates).toEqual([]);
  expect(mapped.messages).toEqual([
    { severity: 'error', code: 'metric_unknown', row: 2, column: '指标', value: '大班额比列', params: { suggestion: '大班额比例', label: '大班额比列' } },
    { severity: 'error', code: 'region_unknown', row: 3, column: '地区', value: '风穴路街', params: { suggestion: '风穴路街道', label: '风穴路街' } },
    { severity: 'error', code: 'region_unknown', row: 4, column: '地区', value: '火星', params: { suggestion: '', label: '火星' } },
  ]);
  expect(mapped.rejectedRows).toBe(3);
});

test('a comparison area’s figure is imported like any other, with its source; without one it is refused at its row', () => {
  const sourced = mapText(['地区,年份,指标,数值,来源', '平顶山市,2020,毛入园率,88,平顶山市2020年教育统计公报', '全国,2020,毛入园率,85.2,2020年全国教育事业发展统计公报'].join('\n'));
  expect(sourced.messages.filter((m) => m.severity === 'error')).toEqual([]);
  expect(sourced.candidates.map((c) => [c.region, c.value, c.citation])).toEqual([
    ['410400', 88, '平顶山市2020年教育统计公报'],
    ['CN', 85.2, '2020年全国教育事业发展统计公报'],
  ]);

  const unsourced = mapText(['地区,年份,指标,数值,来源', '平顶山市,2020,毛入园率,88,', '煤山,2020,毛入园率,88,'].join('\n'));
  expect(unsourced.candidates.map((c) => c.region)).toEqual([MEISHAN]);
  expect(unsourced.messages).toMatchObject([{ severity: 'error', code: 'comparison_source_missing', row: 2, column: '来源', params: { region: '410400' } }]);
  // No source column at all: the error is at the region cell.
  expect(long('全国,2020,毛入园率,88').messages).toMatchObject([{ code: 'comparison_source_missing', row: 2, column: '地区', params: { region: 'CN' } }]);
});

test('an empty region or metric cell is reported as missing', () => {
  const mapped = long(',2020,毛入园率,88', '煤山,2020,,88');
  expect(mapped.messages.map((m) => [m.code, m.row])).toEqual([
    ['region_missing', 2],
    ['metric_missing', 3],
  ]);
});

test('HTML in a region name is an unknown region whose value is the plain text as written', () => {
  const html = '<img src=x onerror=alert(1)>';
  const mapped = long(`${html},2020,毛入园率,88`);
  expect(mapped.candidates).toEqual([]);
  expect(mapped.messages).toEqual([{ severity: 'error', code: 'region_unknown', row: 2, column: '地区', value: html, params: { suggestion: '', label: html } }]);
});

test.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('"%s" as a region or metric name is just an unknown string', (name) => {
  const mapped = long(`${name},2020,毛入园率,88`, `煤山,2020,${name},88`, `${name},2020,${name},1`);
  expect(mapped.candidates).toEqual([]);
  expect(codes(mapped.messages)).toEqual(['region_unknown', 'metric_unknown', 'region_unknown', 'metric_unknown']);
  expect(mapped.messages[0]!.value).toBe(name);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
});

test('a value in a message shows invisible and surrounding spaces', () => {
  expect(long('\u3000火星 ,2020,毛入园率,90').messages[0]!.value).toBe('□火星·');
});

test('a shape missing a required column rejects every data row with one message per missing column', () => {
  const mapped = mapText('年份,指标,数值\n2020,毛入园率,90\n2020,毛入园率,91');
  expect(mapped.messages).toEqual([{ severity: 'error', code: 'missing_column', params: { role: 'region' } }]);
  expect(mapped).toMatchObject({ candidates: [], rows: 2, rejectedRows: 2 });
});

test('every problem of a row is reported, not just the first', () => {
  const mapped = long('火星,20,大班额比列,85。3');
  expect(codes(mapped.messages)).toEqual(['region_unknown', 'year_invalid', 'metric_unknown', 'number_ideographic_point']);
  expect(mapped.rejectedRows).toBe(1);
});

// ---- parts -------------------------------------------------------------------------

const PARTS = '地区,年份,指标,数值,分子,分母';
const withParts = (...lines: string[]) => mapText([PARTS, ...lines].join('\n'));

test('parts alone are imported, and a value agreeing with its parts up to rounding does not warn', () => {
  const mapped = withParts('煤山,2020,大班额比例,,12,40', '钟楼,2020,大班额比例,30,12,40', '寄料,2020,大班额比例,85,853,1000', '温泉,2020,大班额比例,85.30%,853,1000');
  expect(mapped.candidates).toEqual([
    { metric: LARGE, region: MEISHAN, year: 2020, numerator: 12, denominator: 40, rows: [2] },
    { metric: LARGE, region: '410482003', year: 2020, value: 30, numerator: 12, denominator: 40, rows: [3] },
    { metric: LARGE, region: JILIAO, year: 2020, value: 85, numerator: 853, denominator: 1000, rows: [4] },
    { metric: LARGE, region: '410482102', year: 2020, value: 85.3, numerator: 853, denominator: 1000, rows: [5] },
  ]);
  expect(mapped.messages).toEqual([]);
});

test('a value with both part cells empty is imported without a note', () => {
  const mapped = withParts('煤山,2020,大班额比例,8,,', '钟楼,2020,大班额比例,9,—,无');
  expect(mapped.candidates.map((c) => [c.region, c.value, c.numerator])).toEqual([
    [MEISHAN, 8, undefined],
    ['410482003', 9, undefined],
  ]);
  expect(mapped.messages).toEqual([]);
});

test('a value that disagrees with its parts by more than rounding warns with both numbers', () => {
  const mapped = withParts('煤山,2020,大班额比例,86.0,853,1000', '钟楼,2020,大班额比例,85.36,853,1000');
  expect(mapped.candidates).toHaveLength(2);
  expect(mapped.messages).toEqual([
    { severity: 'warning', code: 'value_disagrees_with_parts', row: 2, column: '数值', value: '86.0', params: { value: 86, computed: 85.3, shown: 'value' } },
    { severity: 'warning', code: 'value_disagrees_with_parts', row: 3, column: '数值', value: '85.36', params: { value: 85.36, computed: 85.3, shown: 'value' } },
  ]);
});

test('a zero denominator and a numerator above the denominator of a share are refused', () => {
  const mapped = withParts('煤山,2020,大班额比例,,0,0', '钟楼,2020,大班额比例,,41,40', '寄料,2020,毛入园率,,41,40');
  expect(mapped.candidates).toEqual([{ metric: GER, region: JILIAO, year: 2020, numerator: 41, denominator: 40, rows: [4] }]);
  expect(mapped.messages.map((m) => [m.severity, m.code, m.row, m.column])).toEqual([
    ['error', 'denominator_zero', 2, '分母'],
    ['error', 'numerator_above_denominator', 3, '分子'],
    ['note', 'gross_rate_over_100', 4, '分子'],
  ]);
});

test('a lone part is not used: the value is kept when there is one (a warning), else the row is refused', () => {
  const mapped = withParts('煤山,2020,大班额比例,8,12,', '钟楼,2020,大班额比例,,,40', '寄料,2020,大班额比例,—,—,—');
  expect(mapped.candidates).toEqual([{ metric: LARGE, region: MEISHAN, year: 2020, value: 8, rows: [2] }]);
  expect(mapped.messages.map((m) => [m.severity, m.code, m.row, m.params])).toEqual([
    ['error', 'value_missing', 3, { part: 'numerator' }],
    ['warning', 'value_missing', 2, { part: 'denominator' }],
    ['note', 'value_missing', 4, {}],
  ]);
  expect(mapped.rejectedRows).toBe(1);
});

// ---- wide layout ---------------------------------------------------------------------

test('a wide file gives one figure per metric column, and empty or missing cells are gaps without messages', () => {
  const mapped = mapText(
    ['乡镇,年份,毛入园率,普惠园覆盖率（%）,省级名师', '煤山街道,2020,92.5,81%,', '钟楼街道,2020,—,N/A,无', '汝州市,2020,90,80,12'].join('\n'),
  );
  expect(mapped.candidates).toEqual([
    { metric: GER, region: MEISHAN, year: 2020, value: 92.5, rows: [2] },
    { metric: 'inclusive_kindergarten_coverage', region: MEISHAN, year: 2020, value: 81, rows: [2] },
    { metric: GER, region: CITY, year: 2020, value: 90, rows: [4] },
    { metric: 'inclusive_kindergarten_coverage', region: CITY, year: 2020, value: 80, rows: [4] },
    { metric: 'provincial_master_teachers', region: CITY, year: 2020, value: 12, rows: [4] },
  ]);
  expect(mapped.messages).toEqual([]);
  expect(mapped.rows).toBe(3);
});

test('in a wide file a bad cell refuses that cell only and reports its column', () => {
  const mapped = mapText('乡镇,年份,毛入园率,普惠园覆盖率\n煤山,2020,85。3,81');
  expect(mapped.candidates).toMatchObject([{ metric: 'inclusive_kindergarten_coverage', value: 81 }]);
  expect(mapped.messages).toEqual([{ severity: 'error', code: 'number_ideographic_point', row: 2, column: '毛入园率', value: '85。3', params: {} }]);
  expect(mapped.rejectedRows).toBe(1);
});

// ---- ragged rows -----------------------------------------------------------------------

test('a row with extra cells (1,234 split by its thousands separator) is refused, and so is a short one that gives nothing', () => {
  const mapped = long('煤山,2020,省级名师,1,234', '钟楼,2020,毛入园率', '寄料,2020,毛入园率,,,');
  expect(mapped.candidates).toEqual([]);
  expect(mapped.rejectedRows).toBe(2);
  expect(mapped.messages.map((m) => [m.severity, m.code, m.row])).toEqual([
    ['error', 'ragged_row', 2],
    ['error', 'short_row', 3],
    ['note', 'value_missing', 3],
    ['note', 'value_missing', 4],
  ]);
  expect(only(mapped, 'ragged_row')[0]!.params).toEqual({ cells: 5, expected: 4 });
  expect(only(mapped, 'short_row')[0]!.params).toEqual({ cells: 3, expected: 4 });
});

// ---- duplicates ---------------------------------------------------------------------------

test('the same metric, region and year twice is a conflict: both rows are shown and neither is imported', () => {
  const mapped = long('煤山,2020,毛入园率,90', '钟楼,2020,毛入园率,91', '煤山街道,2020年,学前三年毛入园率,92', '410482001,2020,preschool GER,93');
  expect(mapped.candidates).toEqual([{ metric: GER, region: '410482003', year: 2020, value: 91, rows: [3] }]);
  expect(only(mapped, 'duplicate_key')).toEqual(
    [2, 4, 5].map((row) => ({
      severity: 'error',
      code: 'duplicate_key',
      row,
      column: '指标',
      relatedRows: [2, 4, 5].filter((other) => other !== row),
      params: { metric: GER, region: MEISHAN, year: 2020, count: 3 },
    })),
  );
  expect(mapped.rejectedRows).toBe(3);
});

// ---- roster -------------------------------------------------------------------------------

test('a class roster is aggregated per township and for the city: classes of 56 or more over all classes', () => {
  const sizes: [string, number[]][] = [
    ['煤山街道', [58, 45, 56, 60, 40, 50, 57]], // 4 large of 7
    ['风穴路', [55, 30]], // 0 of 2
    ['寄料镇', [70, 52, 56]], // 2 of 3
  ];
  const lines = ['汝州市高中班额统计', '学校,班级,乡镇,年份,班额', ',,,,人'];
  for (const [township, classes] of sizes) classes.forEach((size, i) => lines.push(`某高中,高一(${i + 1})班,${township},2020,${size}`));
  lines.push('合计,,,,');
  const mapped = mapText(lines.join('\n'));
  expect(mapped.shape.layout).toBe('roster');
  expect(mapped.candidates).toEqual([
    { metric: LARGE, region: MEISHAN, year: 2020, numerator: 4, denominator: 7, rows: [4, 5, 6, 7, 8] },
    { metric: LARGE, region: FENGXUELU, year: 2020, numerator: 0, denominator: 2, rows: [11, 12] },
    { metric: LARGE, region: JILIAO, year: 2020, numerator: 2, denominator: 3, rows: [13, 14, 15] },
  ]);
  expect(mapped.rows).toBe(12);
  expect(only(mapped, 'roster_aggregated')).toEqual([{ severity: 'note', code: 'roster_aggregated', params: { classes: 12, large: 6, townships: 3, size: 56 } }]);
  // Three of the city's townships: the city's figure stays the roll-up of its townships.
  expect(codes(mapped.messages)).toEqual(['roster_aggregated', 'roster_partial', 'title_row', 'unit_row', 'total_row']);
});

test.each(['0', '55.5', '', '-', '58%', '-3', 'abc'])('a class of "%s" students is refused and left out of the totals', (raw) => {
  const mapped = mapText(`学校,班级,乡镇,年份,学生数\n一高,高一1班,煤山,2020,60\n一高,高一2班,煤山,2020,${raw}`);
  expect(mapped.candidates.map((c) => [c.region, c.numerator, c.denominator])).toEqual([[MEISHAN, 1, 1]]);
  expect(only(mapped, 'students_invalid')).toEqual([{ severity: 'error', code: 'students_invalid', row: 3, column: '学生数', value: raw, params: {} }]);
  expect(mapped.rejectedRows).toBe(1);
});

test('roster classes under the city itself count towards the city only, and the default year applies', () => {
  const mapped = mapText('学校,班级,地区,班额\n一高,高一1班,汝州市,60\n二高,高一1班,钟楼,40', { patch: { defaultYear: 2020 } });
  // One township of the city: no city figure, and the city's own class is said to be left out.
  expect(mapped.candidates.map((c) => [c.region, c.numerator, c.denominator])).toEqual([['410482003', 0, 1]]);
  expect(only(mapped, 'roster_partial')[0]).toMatchObject({ severity: 'warning', params: { year: 2020, covered: 1, total: 21, cityClasses: 1 } });
  expect(only(mapped, 'roster_aggregated')[0]!.params).toEqual({ classes: 2, large: 1, townships: 1, size: 56 });
});

// ---- message limits ---------------------------------------------------------------------------

test('messages are capped with errors first while every message is still counted', () => {
  const lines = [LONG];
  for (let i = 0; i < MESSAGE_LIMIT; i += 1) lines.push(`煤山,2020,毛入园率,`); // notes
  for (let i = 0; i < MESSAGE_LIMIT; i += 1) lines.push(`火星${i},2020,毛入园率,90`); // errors
  lines.push('煤山,2020,普惠园覆盖率,0.5'); // one more error (a fraction), past the cap
  const mapped = mapText(lines.join('\n'));
  expect(mapped.messages).toHaveLength(MESSAGE_LIMIT);
  expect(mapped.truncated).toBe(true);
  expect(mapped.countsByCode).toEqual({ value_missing: MESSAGE_LIMIT, region_unknown: MESSAGE_LIMIT, fraction_in_percent: 1 });
  expect(mapped.countsBySeverity).toEqual({ error: MESSAGE_LIMIT + 1, warning: 0, note: MESSAGE_LIMIT });
  expect(mapped.messages.every((m) => m.code === 'region_unknown')).toBe(true);
  expect(mapped.messages[0]!.row).toBe(MESSAGE_LIMIT + 2);
  expect(mapped.rows).toBe(2 * MESSAGE_LIMIT + 1);
});

test('a large file maps row by row with repeated names looked up once', () => {
  const regions = ['煤山', '钟楼', '寄料', '温泉', '风穴路'];
  const mapper = createRowMapper(
    {
      delimiter: ',',
      headerRow: 1,
      titleRows: [],
      layout: 'long',
      columns: LONG_COLUMNS,
    },
    SET,
  );
  const total = 200_000;
  for (let row = 2; row < total + 2; row += 1) {
    mapper.map({ row, cells: [regions[row % 5]!, String(1950 + (Math.floor(row / 5) % 150)), '毛入园率', String(10 + (row % 80))] });
  }
  const mapped = mapper.finish();
  expect(mapped.rows).toBe(total);
  // 5 regions × 150 years = 750 keys, each written many times: all conflicts.
  expect(mapped.candidates).toEqual([]);
  expect(mapped.countsByCode.duplicate_key).toBe(total);
  expect(mapped.messages).toHaveLength(MESSAGE_LIMIT);
  expect(mapped.messages[0]!.relatedRows!.length).toBeLessThanOrEqual(20);
  expect(mapped.rejectedRows).toBe(total);
});
