import { expect, test } from 'vitest';
import { neutralizeFormula, observationsCsv, plainNumber, toCsv, withBom } from '@/domain/import/csv-export';
import { createCsvReader } from '@/domain/import/csv-reader';
import type { Observation } from '@/domain/shared/observation';
import { formatFigure } from '@/domain/display/format';
import type { Locale } from '@/domain/shared/locale';
import type { FigureQualifier } from '@/domain/shared/observation';
import type { Metric, Region, TargetSet } from '@/domain/targets/target-set';
import { enExport } from '@/i18n/en-export';
import { zhCNExport } from '@/i18n/zh-cn-export';

/** Parses CSV text back with the import reader (BOM removed first). */
function parse(text: string): string[][] {
  const rows: string[][] = [];
  const reader = createCsvReader(',', (record) => rows.push(record.cells));
  reader.push(text.startsWith('\ufeff') ? text.slice(1) : text);
  expect(reader.end().unclosedQuoteRow).toBeUndefined();
  return rows;
}

// ---- formula neutralising ------------------------------------------------------------

test.each<[string, string]>([
  ['=1+1', "'=1+1"],
  ['+1', "'+1"],
  ['-1', "'-1"],
  ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
  ['\t=1', "'\t=1"],
  ['\r=1', "'\r=1"],
  ['＝1+1', "'＝1+1"],
  ['＋1', "'＋1"],
  ['－1', "'－1"],
  ['＠SUM', "'＠SUM"],
  ['=HYPERLINK("http://x","点我")', `'=HYPERLINK("http://x","点我")`],
])('the text cell %j is neutralised with a leading quote', (cell, expected) => {
  expect(neutralizeFormula(cell)).toBe(expected);
});

test.each(['', '汝州市', '85.3', '1+1', 'a=b', ' =1', "'=1", '<img src=x onerror=alert(1)>'])('the text cell %j is left as it is', (cell) => {
  expect(neutralizeFormula(cell)).toBe(cell);
});

test('numbers are written as numbers, negative ones too, and never neutralised', () => {
  expect(toCsv([[-1, 0, 85.3, 1e21, -0.5]])).toBe('-1,0,85.3,1000000000000000000000,-0.5\r\n');
});

test('every number is exported in plain decimal, never with an exponent, and reads back as the same number', () => {
  expect(toCsv([[0.0000001, -1.5e-10, 1.2345e-7, 1e21, 2.5e22, 123.456]])).toBe('0.0000001,-0.00000000015,0.00000012345,1000000000000000000000,25000000000000000000000,123.456\r\n');
  const samples = [5e-324, Number.MIN_VALUE * 3, 1e-7, 9.999999e-8, 1.7976931348623157e308, 0.1 + 0.2, -3.14e-15, 42];
  for (const n of samples) {
    const text = plainNumber(n);
    expect(text, String(n)).toMatch(/^-?\d+(\.\d+)?$/);
    expect(Number(text), text).toBe(n);
  }
});

test('text that looks like a negative number is neutralised, unlike the number', () => {
  expect(toCsv([['-1', -1]])).toBe("'-1,-1\r\n");
});

test('null, undefined and non-finite numbers are empty cells', () => {
  expect(toCsv([[null, 'a', undefined, Number.NaN, Number.POSITIVE_INFINITY, '']])).toBe(',a,,,,\r\n');
});

// ---- quoting -------------------------------------------------------------------------

test.each<[string, string]>([
  ['汝州市,本级', '"汝州市,本级"'],
  ['他说"好"', '"他说""好"""'],
  ['第一行\n第二行', '"第一行\n第二行"'],
  ['a\r\nb', '"a\r\nb"'],
  ['\r=1', `"'\r=1"`],
  ['a;b\tc', 'a;b\tc'],
  ['汝州，全角逗号', '汝州，全角逗号'],
])('the cell %j is written as %j', (cell, expected) => {
  expect(toCsv([[cell]])).toBe(`${expected}\r\n`);
});

test('rows end with CRLF and no rows is empty text', () => {
  expect(toCsv([['a', 'b'], ['c']])).toBe('a,b\r\nc\r\n');
  expect(toCsv([])).toBe('');
});

test('quoted cells read back exactly with the import reader', () => {
  const rows = [['汝州市,本级', '他说"好"', '第一行\r\n第二行', '', ' 空格 ']];
  expect(parse(toCsv(rows))).toEqual(rows);
});

test('withBom adds one U+FEFF, and only one', () => {
  expect(withBom('地区\r\n')).toBe('\ufeff地区\r\n');
  expect(withBom(withBom('地区\r\n'))).toBe('\ufeff地区\r\n');
});

test('Chinese text is kept intact and encodes to UTF-8 after the BOM bytes', () => {
  const text = withBom(toCsv([['汝州市', '学前三年毛入园率', '𠀀镇']]));
  const bytes = new TextEncoder().encode(text);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(new TextDecoder().decode(bytes)).toBe('汝州市,学前三年毛入园率,𠀀镇\r\n');
});

// ---- observationsCsv -----------------------------------------------------------------

const region = (id: string, zh: string, en: string, kind: Region['kind'] = 'town'): Region => ({ id, name: { zh, en }, kind, aliases: [] });
const metric = (id: string, zh: string, en: string, unit: Metric['unit'] = 'percent'): Metric => ({
  id,
  name: { zh, en },
  aliases: [],
  unit,
  kind: unit === 'percent' ? 'share' : 'count',
});

const SET: TargetSet = {
  id: 'set',
  title: { zh: '目标', en: 'Targets' },
  jurisdiction: '410482',
  source: { title: '计划', publisher: '教育局', date: '2020-02-27' },
  categories: [{ id: 'c', name: { zh: '类', en: 'Category' } }],
  regions: [
    region('410482', '汝州市', 'Ruzhou City', 'jurisdiction'),
    region('410482102', '温泉镇', 'Wenquan Town'),
    region('evil', '<img src=x onerror=alert(1)>', '=cmd|"/C calc"!A0'),
  ],
  metrics: [metric('share', '普惠性幼儿园覆盖率', 'Inclusive coverage'), metric('teachers', '省级名师人数', 'Master teachers', 'persons')],
  targets: [],
};

const OBSERVATIONS: Observation[] = [
  { metric: 'teachers', region: '410482', year: 2020, value: 12, source: 'demo' },
  { metric: 'share', region: '410482102', year: 2020, numerator: 1234, denominator: 1350, source: 'import', sourceNote: '2020年统计表.csv' },
  { metric: 'share', region: '410482', year: 2021, value: 0.1 + 0.2, source: 'demo' },
  { metric: 'share', region: '410482', year: 2020, value: 85.33333333333333, source: 'reference', sourceNote: '=HYPERLINK("http://x")' },
  { metric: 'share', region: 'evil', year: 2020, value: -1, source: 'demo' },
];

const ZH = zhCNExport.export;
const EN = enExport.export;
const showIn = (locale: Locale) => (value: number, unit: Metric['unit'], qualifier: FigureQualifier | undefined) => formatFigure(value, unit, locale, qualifier ? { qualifier } : {});
const SHOW_ZH = showIn('zh-CN');
const SHOW_EN = showIn('en');

test('observationsCsv writes a BOM, the Chinese header and one row per observation sorted by metric, region and year', () => {
  const text = observationsCsv(OBSERVATIONS, SET, 'zh-CN', ZH, SHOW_ZH);
  expect(text.startsWith('\ufeff')).toBe(true);
  expect(parse(text)).toEqual([
    ['地区代码', '地区', '年份', '指标代码', '指标', '数值', '分子', '分母', '显示值', '来源', '数据类型', '说明'],
    ['410482', '汝州市', '2020', 'share', '普惠性幼儿园覆盖率', '85.33333333333333%', '', '', '85.3%', `'=HYPERLINK("http://x")`, '公开发布数据', `'=HYPERLINK("http://x")`],
    ['410482', '汝州市', '2021', 'share', '普惠性幼儿园覆盖率', '0.30000000000000004%', '', '', '0.3%', '模拟演示数据', '模拟演示数据', ''],
    ['410482102', '温泉镇', '2020', 'share', '普惠性幼儿园覆盖率', '', '1234', '1350', '91.4%', '', '导入数据', '2020年统计表.csv'],
    ['evil', '<img src=x onerror=alert(1)>', '2020', 'share', '普惠性幼儿园覆盖率', "'-1%", '', '', "'-1.0%", '模拟演示数据', '模拟演示数据', ''],
    ['410482', '汝州市', '2020', 'teachers', '省级名师人数', '12', '', '', '12 人', '模拟演示数据', '模拟演示数据', ''],
  ]);
});

test('observationsCsv in English uses the English header, names and source words', () => {
  const rows = parse(observationsCsv(OBSERVATIONS, SET, 'en', EN, SHOW_EN));
  expect(rows[0]).toEqual(['region_code', 'region', 'year', 'metric_id', 'metric', 'value', 'numerator', 'denominator', 'shown', 'source', 'data_kind', 'note']);
  expect(rows[1]).toEqual(['410482', 'Ruzhou City', '2020', 'share', 'Inclusive coverage', '85.33333333333333%', '', '', '85.3%', `'=HYPERLINK("http://x")`, 'Published figure', `'=HYPERLINK("http://x")`]);
  expect(rows[2]![9]).toBe('Synthetic demo data');
  expect(rows[4]![1]).toBe(`'=cmd|"/C calc"!A0`);
  expect(rows[5]![8]).toBe('12 people');
});

test('a synthetic figure says 模拟演示数据 in 来源 whatever its note, and a citation wins over a file name', () => {
  const rows = parse(
    observationsCsv(
      [
        { metric: 'share', region: '410482', year: 2020, value: 1, source: 'demo', sourceNote: '教育部公报', citation: '教育部公报' },
        { metric: 'share', region: '410482102', year: 2020, value: 2, source: 'import', sourceNote: 'a.csv', citation: '河南省统计公报' },
      ],
      SET,
      'zh-CN',
      ZH,
      SHOW_ZH,
    ),
  );
  expect(rows.slice(1).map((row) => [row[9], row[10], row[11]])).toEqual([
    ['模拟演示数据', '模拟演示数据', '教育部公报'],
    ['河南省统计公报', '导入数据', 'a.csv'],
  ]);
});

test('a bound is written with its sign (and a percent with its own) in 数值 and shown with it in 显示值', () => {
  const rows = parse(observationsCsv([{ metric: 'share', region: '410482', year: 2021, value: 95, qualifier: 'at_least', source: 'import' }], SET, 'zh-CN', ZH, SHOW_ZH));
  expect(rows[1]![5]).toBe('≥95%');
  expect(rows[1]![8]).toBe('≥ 95.0%');
});

test('a title row comes first when given, alone on its row', () => {
  const rows = parse(observationsCsv(OBSERVATIONS.slice(0, 1), SET, 'zh-CN', ZH, SHOW_ZH, { title: '目标 · 全部数据（1 条）· 导出于 2026-12-02' }));
  expect(rows[0]).toEqual(['目标 · 全部数据（1 条）· 导出于 2026-12-02']);
  expect(rows[1]![0]).toBe('地区代码');
});

test('a region named like an HTML tag is plain text in the CSV', () => {
  const text = observationsCsv(OBSERVATIONS, SET, 'zh-CN', ZH, SHOW_ZH);
  expect(text).toContain('\r\nevil,<img src=x onerror=alert(1)>,2020,share,');
});

test('observationsCsv writes values exactly, leaves gaps empty and never writes 0 for a gap', () => {
  const text = observationsCsv(
    [
      { metric: 'share', region: '410482', year: 2020, value: 99.99999999999999, source: 'demo' },
      { metric: 'share', region: '410482', year: 2019, source: 'demo' },
    ],
    SET,
    'en',
    EN,
    SHOW_EN,
  );
  expect(parse(text).slice(1).map((row) => row.slice(0, 9))).toEqual([
    ['410482', 'Ruzhou City', '2019', 'share', 'Inclusive coverage', '', '', '', ''],
    ['410482', 'Ruzhou City', '2020', 'share', 'Inclusive coverage', '99.99999999999999%', '', '', '100.0%'],
  ]);
});

test('observationsCsv keeps the code of an id the set does not know, with an empty name, after the known ones', () => {
  const rows = parse(
    observationsCsv(
      [
        { metric: 'gone', region: '410482', year: 2020, value: 1, source: 'import' },
        { metric: 'share', region: 'old-town', year: 2020, value: 2, source: 'import' },
        { metric: 'share', region: '410482', year: 2020, value: 3, source: 'import' },
      ],
      SET,
      'zh-CN',
      ZH,
      SHOW_ZH,
    ),
  );
  expect(rows.slice(1).map((row) => [row[0], row[1], row[3], row[4], row[5], row[8]])).toEqual([
    ['410482', '汝州市', 'share', '普惠性幼儿园覆盖率', '3%', '3.0%'],
    ['old-town', '', 'share', '普惠性幼儿园覆盖率', '2%', '2.0%'],
    ['410482', '汝州市', 'gone', '', '1', ''],
  ]);
});

test('observationsCsv with no observations is the header alone', () => {
  expect(observationsCsv([], SET, 'zh-CN', ZH, SHOW_ZH)).toBe('\ufeff地区代码,地区,年份,指标代码,指标,数值,分子,分母,显示值,来源,数据类型,说明\r\n');
});
