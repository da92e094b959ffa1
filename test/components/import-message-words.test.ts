import { beforeAll, expect, test } from 'vitest';
import { importMessageText } from '@/components/import-message-list';
import type { ImportMessage, ImportMessageCode } from '@/domain/import/types';
import { setupI18n } from '@/i18n/setup-i18n';

const i18n = setupI18n('zh-CN');
beforeAll(() => i18n.changeLanguage('zh-CN'));

const regionName = (id: string) => ({ '410482': '汝州市', '410482101': '寄料镇' })[id] ?? id;
const metricName = (id: string) => ({ provincial_master_teachers: '省级名师人数', highschool_large_class_share: '普通高中大班额比例' })[id] ?? id;

const history = { metric: 'provincial_master_teachers', region: '410482101', year: 2020, previousYear: 2019, old: 13, new: 40 };
const MESSAGES: Record<string, ImportMessage> = {
  class_size_implausible: { severity: 'error', code: 'class_size_implausible', params: { students: 151, max: 150 } },
  class_level_unknown: { severity: 'error', code: 'class_level_unknown', params: { levels: 'senior_secondary' } },
  class_duplicate: { severity: 'warning', code: 'class_duplicate', params: { school: '一高', class: '八(3)班', students: 60, firstStudents: 60, firstRow: 2 } },
  class_conflict: { severity: 'error', code: 'class_conflict', params: { school: '一高', class: '八(3)班', students: 40, firstStudents: 60, firstRow: 2 } },
  roster_partial: { severity: 'note', code: 'roster_partial', params: { region: '410482', metric: 'highschool_large_class_share', year: 2020, covered: 1, total: 21, cityClasses: 0 } },
  roster_level_skipped: { severity: 'note', code: 'roster_level_skipped', params: { classes: 2, levels: 'primary,senior_secondary' } },
  example_row: { severity: 'note', code: 'example_row', params: {} },
  figure_jump: { severity: 'warning', code: 'figure_jump', params: { ...history, change: 27, typical: 1, limit: 0.39 } },
  share_jump: { severity: 'warning', code: 'share_jump', params: { ...history, change: 27, limit: 15 } },
  denominator_jump: { severity: 'warning', code: 'denominator_jump', params: { ...history, percent: 208, limit: 50 } },
} satisfies Partial<Record<ImportMessageCode, ImportMessage>>;

test.each(Object.keys(MESSAGES))('%s has words in both languages, naming regions, metrics and school levels by their UI names', async (code) => {
  const message = MESSAGES[code]!;
  for (const lang of ['zh-CN', 'en'] as const) {
    await i18n.changeLanguage(lang);
    const text = importMessageText(i18n.t, message, regionName, metricName);
    expect(text).not.toBe(code);
    expect(text).not.toMatch(/\{\{|410482|provincial_master|highschool_large|senior_secondary/);
    for (const value of Object.values(message.params)) if (typeof value === 'number') expect(text).toContain(String(value));
  }
  await i18n.changeLanguage('zh-CN');
});

test('the English words name the levels in English and the Chinese ones in Chinese', async () => {
  await i18n.changeLanguage('en');
  expect(importMessageText(i18n.t, MESSAGES.roster_level_skipped!)).toContain('primary, senior secondary');
  await i18n.changeLanguage('zh-CN');
  expect(importMessageText(i18n.t, MESSAGES.roster_level_skipped!)).toContain('小学、高中');
  expect(importMessageText(i18n.t, MESSAGES.figure_jump!, regionName, metricName)).toContain('省级名师人数 · 寄料镇');
});

test('a history warning writes its figures as the pages do, in the metric\'s unit and decimals, and its change signed', async () => {
  const share = { ...history, metric: 'highschool_large_class_share', measure: 'percent', old: 76.0234, new: 99, change: 22.9766, limit: 15 };
  await i18n.changeLanguage('zh-CN');
  expect(importMessageText(i18n.t, { severity: 'warning', code: 'share_jump', params: share }, regionName, metricName)).toBe(
    '普通高中大班额比例 · 寄料镇：2020年 99.0%，2019年 76.0%，一年变化 +23.0 个百分点，超过 15.0 个百分点。请核对。',
  );
  const fall = { ...share, measure: 'percent', old: 40, new: 39.96, change: -0.04, typical: 3, limit: 1.2 };
  await i18n.changeLanguage('en');
  const text = importMessageText(i18n.t, { severity: 'warning', code: 'figure_jump', params: fall }, regionName, metricName, 'en');
  // A change that is not zero never reads 0.0; a count's figures carry its unit word.
  expect(text).toContain('40.0% in 2020, 40.0% in 2019, a change of −0.04 pp');
  expect(text).toContain('(median +3.0 pp; flagged beyond ±1.2 pp)');
  const teachers = { ...history, measure: 'persons', change: 27, typical: 1, limit: 0.39 };
  expect(importMessageText(i18n.t, { severity: 'warning', code: 'figure_jump', params: teachers }, regionName, metricName, 'en')).toContain(
    '40 people in 2020, 13 people in 2019, a change of +27 people',
  );
  await i18n.changeLanguage('zh-CN');
});

test('numbers in messages are formatted as the UI formats them, rows and years never grouped; a column role is named, not its id', async () => {
  await i18n.changeLanguage('en');
  const jump: ImportMessage = { severity: 'warning', code: 'denominator_jump', row: 12_000, params: { ...history, old: 12_345, new: 1_234_567.5, percent: 9_900, limit: 50 } };
  const text = importMessageText(i18n.t, jump, regionName, metricName, 'en');
  expect(text).toContain('from 12,345 in 2019 to 1,234,567.5 in 2020');
  expect(text).toContain('9,900%');
  expect(importMessageText(i18n.t, { severity: 'error', code: 'missing_column', params: { role: 'metric_value' } }, regionName, metricName, 'en')).toBe(
    'A required column is missing: Values of a metric.',
  );
  await i18n.changeLanguage('zh-CN');
  expect(importMessageText(i18n.t, { severity: 'error', code: 'missing_column', params: { role: 'region' } })).toBe('缺少必需的列：地区。');
  // Without a locale given, the language i18n shows decides.
  expect(importMessageText(i18n.t, { severity: 'note', code: 'replaces_value', params: { old: 1_069, new: 21_000.25 } })).toBe('将把已有数值 1,069 替换为 21,000.25。');
});
