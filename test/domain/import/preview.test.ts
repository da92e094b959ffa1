import { expect, test } from 'vitest';
import { buildPreview } from '@/domain/import/preview';
import { createRowMapper, type MappedFile } from '@/domain/import/rows';
import { detectTable } from '@/domain/import/table';
import { MESSAGE_LIMIT, type CsvRecord, type StoredFigure } from '@/domain/import/types';
import { isSubUnit } from '@/domain/targets/target-helpers';
import { ruzhouSet } from '../../fixtures/ruzhou';

const SET = ruzhouSet();

const CITY = '410482';
const MEISHAN = '410482001';
const ZHONGLOU = '410482003';
const JILIAO = '410482101';
const WENQUAN = '410482102';
const LARGE = 'highschool_large_class_share';
const GER = 'preschool_gross_enrollment_rate';
const MASTERS = 'provincial_master_teachers';
const SUB_UNITS = SET.regions.filter((r) => isSubUnit(r) && r.parent === CITY);

/** Records as the CSV reader emits them: one per line, rows from 1. No quoting. */
const recordsOf = (text: string): CsvRecord[] => text.split('\n').map((line, i) => ({ row: i + 1, cells: line.split(',') }));

function mapLines(lines: string[]): MappedFile {
  const records = recordsOf(lines.join('\n'));
  const detected = detectTable(records, SET, ',');
  if (!detected.ok) throw new Error(`no table: ${JSON.stringify(detected.messages)}`);
  const mapper = createRowMapper(detected.shape, SET);
  for (const record of records) mapper.map(record);
  return mapper.finish();
}

const LONG = '地区,年份,指标,数值,分子,分母';
const preview = (lines: string[], stored: StoredFigure[] = []) => buildPreview(mapLines([LONG, ...lines]), stored, SET);

const demo = (metric: string, region: string, year: number, figure: Pick<StoredFigure, 'value' | 'numerator' | 'denominator'>, source = 'demo'): StoredFigure => ({
  metric,
  region,
  year,
  ...figure,
  source,
});

test('new keys are additions, equal figures unchanged and different ones replacements from old to new', () => {
  const result = preview(
    ['煤山,2020,毛入园率,90,,', '钟楼,2020,毛入园率,91,,', '寄料,2020,毛入园率,92,,', '温泉,2020,毛入园率,93,,'],
    [
      demo(GER, MEISHAN, 2020, { value: 88 }),
      demo(GER, ZHONGLOU, 2020, { value: 91 }),
      demo(GER, WENQUAN, 2020, { value: 93 }, 'reference'),
      demo(GER, JILIAO, 2019, { value: 80 }),
    ],
  );
  expect(result.additions.map((c) => [c.region, c.value])).toEqual([
    [JILIAO, 92],
    [WENQUAN, 93],
  ]);
  expect(result.replacements).toEqual([
    { old: demo(GER, MEISHAN, 2020, { value: 88 }), new: { metric: GER, region: MEISHAN, year: 2020, value: 90, rows: [2] } },
  ]);
  expect(result.counts).toEqual({ rows: 4, added: 2, replaced: 1, unchanged: 1, rejectedRows: 0, errors: 0, warnings: 1, notes: 0 });
  // A revision of a stored figure is a warning, with the old and new values.
  expect(result.messages).toEqual([
    {
      severity: 'warning',
      code: 'replaces_value',
      row: 2,
      params: { metric: GER, region: MEISHAN, year: 2020, old: '88', new: '90', source: 'demo' },
    },
  ]);
  expect(result.countsByCode).toEqual({ replaces_value: 1 });
  expect(result.truncated).toBe(false);
});

test('parts count in the comparison: the same parts are unchanged, a value that gains or changes parts is a replacement', () => {
  const result = preview(
    ['煤山,2020,大班额比例,,12,40', '钟楼,2020,大班额比例,,12,40', '寄料,2020,大班额比例,,12,40', '温泉,2020,大班额比例,30,12,40'],
    [
      demo(LARGE, MEISHAN, 2020, { numerator: 12, denominator: 40 }),
      demo(LARGE, ZHONGLOU, 2020, { value: 30 }),
      demo(LARGE, JILIAO, 2020, { value: 30, numerator: 12, denominator: 40 }, 'import'),
      demo(LARGE, WENQUAN, 2020, { value: 30, numerator: 3, denominator: 10 }),
    ],
  );
  expect(result.counts).toMatchObject({ added: 0, replaced: 2, unchanged: 2 });
  expect(result.messages.map((m) => [m.row, m.params.old, m.params.new])).toEqual([
    [3, '30', '30 (12/40)'],
    [5, '30 (3/10)', '30 (12/40)'],
  ]);
});

test('an imported figure stored for a key is the one compared, not a demo figure for the same key', () => {
  const result = preview(['煤山,2020,毛入园率,90,,'], [demo(GER, MEISHAN, 2020, { value: 90 }, 'import'), demo(GER, MEISHAN, 2020, { value: 70 })]);
  expect(result.counts).toMatchObject({ unchanged: 1, replaced: 0 });
});

test('the city figure in the file warns when it differs from the roll-up of its townships, saying the dashboard shows the city’s own', () => {
  const result = preview(['汝州市,2020,大班额比例,10,,', '煤山,2020,大班额比例,,4,10', '钟楼,2020,大班额比例,,2,10']);
  expect(result.messages).toEqual([
    { severity: 'warning', code: 'city_differs_from_rollup', row: 2, params: { metric: LARGE, year: 2020, own: '10', rollup: '30', shown: 'own' } },
  ]);
  expect(result.counts).toMatchObject({ warnings: 1, notes: 0 });
  expect(result.additions).toHaveLength(3);
});

test('a roll-up within 0.05 percentage points of the city figure is not noted', () => {
  const result = preview(['汝州市,2020,大班额比例,30.04,,', '煤山,2020,大班额比例,,4,10', '钟楼,2020,大班额比例,,2,10']);
  expect(result.messages).toEqual([]);
});

test('townships in the file are compared with the city figure already stored', () => {
  const stored = [demo(LARGE, CITY, 2020, { value: 12 }), demo(LARGE, MEISHAN, 2020, { numerator: 1, denominator: 10 }), demo(GER, CITY, 2020, { value: 99 })];
  const result = preview(['煤山,2020,大班额比例,,4,10', '钟楼,2020,大班额比例,,2,10'], stored);
  // The stored demo figure for Meishan is replaced; the roll-up is 6/20 = 30% against the city's 12%.
  // The stored GER mismatch is not the file's business and is not mentioned.
  // Both are warnings: the one about the city, which has no row of the file, comes before the revision of row 2.
  expect(result.messages.map((m) => [m.severity, m.code, m.row, m.params])).toEqual([
    ['warning', 'city_differs_from_rollup', undefined, { metric: LARGE, year: 2020, own: '12', rollup: '30', shown: 'own' }],
    ['warning', 'replaces_value', 2, { metric: LARGE, region: MEISHAN, year: 2020, old: '10 (1/10)', new: '40 (4/10)', source: 'demo' }],
  ]);
});

test('counts are compared with the city figure within half a unit, and only when every township reports', () => {
  const lines = (cityValue: number, townships = SUB_UNITS) => [
    `汝州市,2020,省级名师,${cityValue},,`,
    ...townships.map((r) => `${r.id},2020,省级名师,1,,`),
  ];
  // 省级名师's targets are all city-wide: every township row also warns that no target shows it (see city-wide-targets.test.ts).
  const aboutRollup = (lines: string[]) => preview(lines).messages.filter((m) => m.code !== 'subunit_on_city_target');
  expect(aboutRollup(lines(SUB_UNITS.length + 0.4)).map((m) => m.code)).toEqual(['count_not_integer']);
  expect(aboutRollup(lines(SUB_UNITS.length + 1))).toEqual([
    {
      severity: 'warning',
      code: 'city_differs_from_rollup',
      row: 2,
      params: { metric: MASTERS, year: 2020, own: String(SUB_UNITS.length + 1), rollup: String(SUB_UNITS.length), shown: 'own' },
    },
  ]);
  expect(aboutRollup(lines(99, SUB_UNITS.slice(1)))).toEqual([]);
});

test('a roster of some townships writes their figures only: the stored city figure is left alone and the preview says so', () => {
  const mapped = mapLines(['学校,班级,乡镇,年份,班额', '一高,高一1班,煤山,2020,60', '一高,高一2班,煤山,2020,40', '二高,高二1班,钟楼,2020,57']);
  const result = buildPreview(mapped, [demo(LARGE, CITY, 2020, { value: 50 })], SET);
  expect(result.replacements).toEqual([]);
  expect(result.additions.map((c) => [c.region, c.numerator, c.denominator])).toEqual([
    [MEISHAN, 1, 2],
    [ZHONGLOU, 1, 1],
  ]);
  expect(result.messages.map((m) => [m.severity, m.code])).toEqual([
    // The stored city figure (50%) stays, and differs from its townships' roll-up (2/3): said as for any file.
    ['warning', 'city_differs_from_rollup'],
    ['note', 'roster_aggregated'],
    ['note', 'roster_partial'],
  ]);
  expect(result.messages[2]!.params).toEqual({ region: CITY, metric: LARGE, year: 2020, covered: 2, total: SUB_UNITS.length, cityClasses: 0 });
});

test('messages come errors first, then warnings, then notes, each by row, and counts add up', () => {
  const result = preview(
    ['煤山,2020,毛入园率,90,,', '钟楼,2020,普惠园覆盖率,0.9%,30,', '火星,2020,毛入园率,90,,', '寄料,2020,毛入园率,103,,', '温泉,2020,毛入园率,-,,'],
    [demo(GER, MEISHAN, 2020, { value: 80 })],
  );
  expect(result.messages.map((m) => [m.severity, m.code, m.row])).toEqual([
    ['error', 'region_unknown', 4],
    ['warning', 'replaces_value', 2],
    ['warning', 'value_missing', 3],
    ['note', 'gross_rate_over_100', 5],
    ['note', 'value_missing', 6],
  ]);
  expect(result.counts).toEqual({ rows: 5, added: 2, replaced: 1, unchanged: 0, rejectedRows: 1, errors: 1, warnings: 2, notes: 2 });
});

test('replacement notes beyond the message limit are counted, not listed', () => {
  const keys = SUB_UNITS.flatMap((r) => Array.from({ length: 100 }, (_, i) => ({ region: r.id, year: 1950 + i }))).slice(0, MESSAGE_LIMIT + 100);
  const stored = keys.map(({ region, year }) => demo(GER, region, year, { value: 50 }));
  const result = preview(
    keys.map(({ region, year }) => `${region},${year},毛入园率,60,,`),
    stored,
  );
  expect(result.counts.replaced).toBe(MESSAGE_LIMIT + 100);
  expect(result.countsByCode.replaces_value).toBe(MESSAGE_LIMIT + 100);
  expect(result.messages).toHaveLength(MESSAGE_LIMIT);
  expect(result.messages[0]!.row).toBe(2);
  expect(result.truncated).toBe(true);
});
