import { beforeAll, expect, test } from 'vitest';
import { importMessageText } from '@/components/import-message-list';
import type { ImportMessage } from '@/domain/import/types';
import { planTerms } from '@/domain/display/plan-terms';
import { setPlanTerms, setupI18n } from '@/i18n/setup-i18n';
import { ruzhouSet } from '../fixtures/ruzhou';

/** The words of the messages whose severity says what will happen (issue 10, item 6), in both languages. */

const i18n = setupI18n('zh-CN');
// The words name the plan's whole and sub-units, as the pages set them: Ruzhou's 全市 and 乡镇.
setPlanTerms(planTerms(ruzhouSet()));
beforeAll(() => i18n.changeLanguage('zh-CN'));

const regionName = (id: string) => ({ '410482': '汝州市', '410482101': '寄料镇', '410482101001': '寄料村' })[id] ?? id;
const metricName = (id: string) => ({ provincial_master_teachers: '省级名师人数', highschool_large_class_share: '普通高中大班额比例' })[id] ?? id;

const cityWide = (rollup: 'counted' | 'not_counted'): ImportMessage => ({
  severity: 'warning',
  code: 'subunit_on_city_target',
  row: 2,
  column: '地区',
  value: '寄料',
  params: { metric: 'provincial_master_teachers', region: rollup === 'counted' ? '410482101' : '410482101001', year: 2021, rollup, context: rollup },
});
const rollup: ImportMessage = {
  severity: 'warning',
  code: 'city_differs_from_rollup',
  row: 2,
  params: { metric: 'highschool_large_class_share', year: 2020, own: '10', rollup: '30', shown: 'own' },
};
const short = (severity: 'error' | 'warning'): ImportMessage => ({
  severity,
  code: 'short_row',
  row: 3,
  params: { cells: 3, expected: 6, ...(severity === 'warning' ? { context: 'partial' } : {}) },
});
const part = (severity: 'error' | 'warning'): ImportMessage => ({ severity, code: 'value_missing', row: 2, column: '分母', value: '', params: { part: 'denominator' } });

async function words(message: ImportMessage, lang: 'zh-CN' | 'en'): Promise<string> {
  await i18n.changeLanguage(lang);
  const text = importMessageText(i18n.t, message, regionName, metricName);
  await i18n.changeLanguage('zh-CN');
  return text;
}

test.each([
  ['a township on a city-wide metric (counted in the roll-up)', cityWide('counted'), ['寄料镇', '省级名师人数', '2021', '不适用', '会保存', '乡镇汇总'], ['寄料镇', 'stored', 'not applicable', 'roll-up']],
  ['a sub-unit in no roll-up', cityWide('not_counted'), ['寄料村', '省级名师人数', '不计入任何汇总'], ['stored', 'no roll-up counts it']],
  ['the city against its roll-up', rollup, ['普通高中大班额比例', '仪表盘显示全市自报数值 10', '30'], ['shows the city’s own figure 10', '30']],
  ['a short row that gives nothing', short('error'), ['3', '6', '整行不导入'], ['3 cells', '6 columns', 'not imported']],
  ['a short row that gives a figure', short('warning'), ['3', '6', '其余数值照常导入'], ['3 cells', 'what it holds is imported']],
  ['a lone part beside a value', part('warning'), ['分母', '只导入填写的数值'], ['denominator', 'stated value is imported alone']],
  ['a lone part without a value', part('error'), ['分母', '整行不导入'], ['denominator', 'the row is not imported']],
] as const)('%s: words in both languages, naming regions and metrics, saying what happens', async (_name, message, zh, en) => {
  const texts = { 'zh-CN': await words(message, 'zh-CN'), en: await words(message, 'en') };
  for (const text of Object.values(texts)) {
    expect(text).not.toBe(message.code);
    expect(text).not.toMatch(/\{\{|410482|provincial_master|highschool_large|short_row|part_missing|not_counted/);
  }
  for (const phrase of zh) expect(texts['zh-CN']).toContain(phrase);
  // The names come from `regionName` / `metricName` (here the same in both languages).
  for (const phrase of en) expect(texts.en).toContain(phrase);
});

test('the two severities of a short row and of a lone part are worded differently', async () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    expect(await words(short('error'), lang)).not.toBe(await words(short('warning'), lang));
    expect(await words(part('error'), lang)).not.toBe(await words(part('warning'), lang));
    expect(await words(cityWide('counted'), lang)).not.toBe(await words(cityWide('not_counted'), lang));
  }
});
