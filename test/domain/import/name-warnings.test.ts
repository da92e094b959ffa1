// @vitest-environment node
import { beforeAll, expect, test } from 'vitest';
import { importMessageText } from '@/components/import-message-list';
import { normalizeLabel, visibleText } from '@/domain/import/cells';
import { createMetricResolver, createRegionResolver } from '@/domain/import/names';
import { normalizeClassName } from '@/domain/import/roster';
import { setupI18n } from '@/i18n/setup-i18n';
import { inspectFile, runImport } from '@/workers/import-pipeline';
import { decisionsOf } from '@/workers/import-protocol';
import { ruzhouSet } from '../../fixtures/ruzhou';

/** Names matched only after folding are matched with a warning that shows the cell as written; exact names stay silent. */

const set = ruzhouSet();
const region = createRegionResolver(set);
const metric = createMetricResolver(set);

const regionOf = (raw: string) => {
  const hit = region(raw);
  return hit.kind === 'region' ? [hit.region.id, hit.differs?.how ?? 'exact'] : [hit.kind];
};
const metricOf = (raw: string) => {
  const hit = metric(raw);
  return hit.kind === 'metric' ? [hit.metric.id, hit.differs?.how ?? 'exact'] : [hit.kind];
};

test.each([
  ['寄料镇', 'exact'],
  ['  寄料镇\t', 'exact'],
  ['寄料', 'exact'],
  ['Jiliao Town', 'exact'],
  ['410482101', 'exact'],
  ['410482101000', 'exact'],
  ['寄料镇(城区)', 'bracket'],
  ['寄料镇（城区）', 'bracket'],
  ['寄料镇\n（城区）', 'line_break,bracket'],
  ['寄料镇\r\n', 'line_break'],
  ['寄\u200b料镇', 'invisible'],
  ['\ufeff寄料镇', 'invisible'],
  ['寄料\u00ad镇', 'invisible'],
  ['寄料镇\u3000', 'invisible'],
  ['JILIAO TOWN', 'case'],
  ['jiliao town', 'case'],
  ['Jiliao  Town', 'form'],
  ['寄 料 镇', 'form'],
  ['４１０４８２１０１', 'form'],
])('the region cell %j is 寄料镇, matched %s', (raw, how) => {
  expect(regionOf(raw)).toEqual(['410482101', how]);
});

test.each([
  ['preschool_gross_enrollment_rate', 'exact'],
  ['学前三年毛入园率', 'exact'],
  ['学前三年毛入园率(%)', 'exact'],
  ['preschool GER', 'exact'],
  ['PRESCHOOL_GROSS_ENROLLMENT_RATE', 'case'],
  ['Preschool_Gross_Enrollment_Rate', 'case'],
  ['\ufeffpreschool_gross_enrollment_rate', 'invisible'],
  ['preschool_gross\u200b_enrollment_rate', 'invisible'],
  ['preschool\u00ad_gross_enrollment_rate', 'invisible'],
  ['preschool_gross_enrollment_rate\u2060', 'invisible'],
  ['PRESCHOOL_GROSS\u200b_ENROLLMENT_RATE', 'invisible,case'],
  ['学前三年毛入园率（%）', 'form'],
  ['preschool-gross-enrollment-rate', 'form'],
])('the metric cell %j is preschool_gross_enrollment_rate, matched %s', (raw, how) => {
  expect(metricOf(raw)).toEqual(['preschool_gross_enrollment_rate', how]);
});

test('a name the analyst matched by hand is silent, even folded', () => {
  const chosen = createRegionResolver(set, { '寄料镇(城区)': '410482101' });
  expect(chosen('寄料镇(城区)')).toEqual({ kind: 'region', region: expect.objectContaining({ id: '410482101' }) });
  expect(chosen('寄料镇（城区）')).toEqual({ kind: 'region', region: expect.objectContaining({ id: '410482101' }) });
});

test('invisible characters fold away in one rule for labels and class names', () => {
  expect(normalizeLabel('寄\u200b料\u200d镇\u2060')).toBe('寄料镇');
  expect(normalizeClassName('八（3）\u200b班')).toBe(normalizeClassName('八(3)班'));
  expect(normalizeClassName('高一\u00ad1班 ')).toBe('高一1班');
  expect(normalizeClassName('Grade 7 Class 2')).toBe('grade7class2');
});

test('every character names are folded without is shown in a message, so the cell as written can be seen', () => {
  expect(visibleText('寄料\u00ad镇\u2060')).toBe('寄料[U+00AD]镇[U+2060]');
  expect(visibleText('寄\u2002料\u200d镇\ufeff')).toBe('寄[U+2002]料[U+200D]镇[U+FEFF]');
  expect(visibleText('寄料镇\n（城区）')).toBe('寄料镇␊（城区）');
});

// ---- through the pipeline, from real bytes --------------------------------------------------------------

const FILE = [
  '地区,年份,指标,数值',
  '寄料镇,2020,学前三年毛入园率,90', // exact: silent
  '"温泉镇\r\n（城区）",2020,学前三年毛入园率,91',
  '煤山街道(城区),2020,PRESCHOOL_GROSS_ENROLLMENT_RATE,92',
  '寄料镇,2019,\u200bpreschool_gross_enrollment_rate,93',
  '',
].join('\r\n');

async function runFile() {
  const file = new File([new TextEncoder().encode(FILE)], 'names.csv');
  const inspected = await inspectFile(file, set, {});
  if (inspected.type !== 'inspected') throw new Error('not inspected');
  return runImport({ file, set, targetSetId: 'ruzhou-2020', decisions: decisionsOf(inspected)!, stored: [] }, () => undefined);
}

test('rows whose names matched only after folding are imported with a warning at the cell, showing it as written', async () => {
  const { result, batch } = await runFile();
  if (result.type !== 'done') throw new Error(result.type);
  expect(batch?.figures).toHaveLength(4);
  const warnings = result.preview.messages.filter((m) => m.code.endsWith('_written_differently'));
  expect(warnings).toEqual([
    { severity: 'warning', code: 'region_written_differently', row: 3, column: '地区', value: '温泉镇␍␊（城区）', params: { region: '410482102', how: 'line_break,bracket' } },
    { severity: 'warning', code: 'region_written_differently', row: 4, column: '地区', value: '煤山街道(城区)', params: { region: '410482001', how: 'bracket' } },
    { severity: 'warning', code: 'metric_written_differently', row: 4, column: '指标', value: 'PRESCHOOL_GROSS_ENROLLMENT_RATE', params: { metric: 'preschool_gross_enrollment_rate', how: 'case' } },
    { severity: 'warning', code: 'metric_written_differently', row: 5, column: '指标', value: '[U+200B]preschool_gross_enrollment_rate', params: { metric: 'preschool_gross_enrollment_rate', how: 'invisible' } },
  ]);
  expect(result.preview.messages.filter((m) => m.row === 2)).toEqual([]);
});

const i18n = setupI18n('zh-CN');
beforeAll(() => i18n.changeLanguage('zh-CN'));

test('the warnings name the region and metric in the UI language, never by id, and say how the cell differs', async () => {
  const regionName = (id: string) => set.regions.find((r) => r.id === id)?.name[i18n.language === 'en' ? 'en' : 'zh'] ?? id;
  const metricName = (id: string) => set.metrics.find((m) => m.id === id)?.name[i18n.language === 'en' ? 'en' : 'zh'] ?? id;
  const bracketed = { severity: 'warning', code: 'region_written_differently', row: 3, params: { region: '410482102', how: 'line_break,bracket' } } as const;
  const cased = { severity: 'warning', code: 'metric_written_differently', row: 4, params: { metric: 'preschool_gross_enrollment_rate', how: 'case' } } as const;
  await i18n.changeLanguage('zh-CN');
  expect(importMessageText(i18n.t, bracketed, regionName, metricName)).toMatch(/^按 温泉镇 读取，但写法与其名称不同（单元格内有换行、略去了括号中的内容）/);
  expect(importMessageText(i18n.t, cased, regionName, metricName)).toMatch(/^按 学前三年毛入园率 读取.*字母大小写不同/);
  await i18n.changeLanguage('en');
  expect(importMessageText(i18n.t, bracketed, regionName, metricName)).toMatch(/^Read as Wenquan Town, though written differently from its name \(a line break in the cell, a part in brackets left out\)/);
  const text = importMessageText(i18n.t, cased, regionName, metricName);
  expect(text).toContain('Preschool gross enrollment rate (3 years)');
  expect(text).not.toMatch(/410482|preschool_gross|\{\{/);
  await i18n.changeLanguage('zh-CN');
});

test('the guessed-encoding and invalid-byte messages have words in both languages, numbers formatted (row numbers plain, as Excel shows them)', async () => {
  const guessed = { severity: 'warning', code: 'encoding_guessed', params: { encoding: 'utf-16le' } } as const;
  const invalid = { severity: 'error', code: 'invalid_byte', row: 3000, params: { row: 3000, offset: 123456, bytes: 'C8', encoding: 'utf-8' } } as const;
  await i18n.changeLanguage('en');
  expect(importMessageText(i18n.t, guessed)).toContain('UTF-16 LE (Unicode text)');
  expect(importMessageText(i18n.t, invalid)).toMatch(/byte offset 123,456 .*C8.*row 3000\b/);
  await i18n.changeLanguage('zh-CN');
  expect(importMessageText(i18n.t, guessed)).toContain('UTF-16 LE（Unicode 文本）');
  expect(importMessageText(i18n.t, invalid)).toMatch(/第 3000 行、字节偏移 123,456/);
});
