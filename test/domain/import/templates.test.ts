import { expect, test } from 'vitest';
import { createCsvReader, detectDelimiter } from '@/domain/import/csv-reader';
import { sniffBytes } from '@/domain/import/sniff';
import { templateCsv } from '@/domain/import/templates';
import type { Layout } from '@/domain/import/types';
import type { TargetSet } from '@/domain/targets/target-set';
import { ruzhouSet } from '../../fixtures/ruzhou';

const SET: TargetSet = ruzhouSet();

/** What the import does with a downloaded template: sniff the bytes, skip the BOM, detect the delimiter, read. */
function readBack(text: string): string[][] {
  const bytes = new TextEncoder().encode(text);
  const sniff = sniffBytes(bytes, bytes.length, 1024 * 1024);
  expect(sniff).toEqual({ ok: true, encoding: 'utf-8', bomLength: 3, fromBom: true });
  const body = new TextDecoder('utf-8').decode(bytes.subarray(3));
  expect(detectDelimiter(body)).toBe(',');
  const rows: string[][] = [];
  const reader = createCsvReader(',', (record) => rows.push(record.cells));
  reader.push(body);
  expect(reader.end().unclosedQuoteRow).toBeUndefined();
  return rows;
}

const metricNames = (lang: 'zh' | 'en') => SET.metrics.map((m) => m.name[lang]);

test.each<[Layout, 'zh' | 'en', string[]]>([
  ['long', 'zh', ['地区', '年份', '指标', '数值', '分子', '分母', '备注']],
  ['long', 'en', ['region', 'year', 'metric', 'value', 'numerator', 'denominator', 'note']],
  ['wide', 'zh', ['地区', '年份', ...metricNames('zh')]],
  ['wide', 'en', ['region', 'year', ...metricNames('en')]],
  ['roster', 'zh', ['学校', '乡镇', '年份', '班级', '学生数', '备注']],
  ['roster', 'en', ['school', 'township', 'year', 'class', 'students', 'note']],
])('the %s template in %s parses back with the expected header', (layout, lang, header) => {
  const text = templateCsv(layout, lang, SET);
  expect(text.startsWith('\ufeff')).toBe(true);
  const rows = readBack(text);
  expect(rows[0]).toEqual(header);
  expect(rows.length).toBeGreaterThan(1);
  for (const row of rows) expect(row).toHaveLength(header.length);
});

test('the long template has example rows with real region and metric names of the set', () => {
  const rows = readBack(templateCsv('long', 'zh', SET)).slice(1);
  expect(rows.length).toBeGreaterThanOrEqual(2);
  expect(rows.length).toBeLessThanOrEqual(3);
  const regionNames = SET.regions.map((r) => r.name.zh);
  for (const [regionName, year, metricName] of rows) {
    expect(regionNames).toContain(regionName);
    expect(year).toBe('2020');
    expect(metricNames('zh')).toContain(metricName);
  }
  expect(rows[0]).toEqual(['汝州市', '2020', '学前三年毛入园率', '92.5', '', '', '示例（导入时跳过，请删除）']);
  expect(rows[1]).toEqual(['煤山街道', '2020', '学前三年毛入园率', '', '1234', '1350', '示例（导入时跳过，请删除）']);
});

test('the wide template lists the jurisdiction and every sub-unit but no comparison area, with figures left empty', () => {
  const rows = readBack(templateCsv('wide', 'en', SET)).slice(1);
  expect(rows.map((row) => row[0])).toEqual(SET.regions.filter((r) => r.kind !== 'comparison').map((r) => r.name.en));
  for (const row of rows) {
    expect(row[1]).toBe('2020');
    expect(row.slice(2).every((cell) => cell === '')).toBe(true);
  }
});

test('the roster template names a real township of the set', () => {
  const rows = readBack(templateCsv('roster', 'zh', SET)).slice(1);
  expect(rows.map((row) => row[1])).toEqual(['煤山街道', '煤山街道', '煤山街道']);
  expect(rows.map((row) => row[4])).toEqual(['48', '52', '41']);
});
