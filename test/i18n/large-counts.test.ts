import i18next, { type TFunction } from 'i18next';
import { afterEach, expect, test } from 'vitest';
import { NAMES_IN_FULL, nameList } from '@/components/name-list';
import { setPlanTerms, setupI18n } from '@/i18n/setup-i18n';

afterEach(() => setPlanTerms(undefined));

/**
 * A province's scorecard counts 2,000 townships: the counts its sentences carry are written with the language's
 * digit grouping, as the 24,000 cells beside them are (README › Known limits: `{{count, number}}`).
 */
test.each([
  ['zh-CN', '及 2,000 个乡镇', '2,000 个乡镇 × 12 项目标', '有“进度滞后”单元格的 1,234 个乡镇', '共 12,429 个单元格'],
  ['en', 'its 2,000 townships', '2,000 townships × 12 targets', 'Showing the 1,234 townships', '(12,429 cells)'],
] as const)('%s: the scorecard writes its township and cell counts grouped', (lang, intro, caption, filtered, cells) => {
  setupI18n(lang);
  setPlanTerms({ whole: 'province', units: 'town_township', nameZh: '合成省', nameEn: 'Synthetic province' });
  expect(i18next.t('scorecard.intro', { year: 2021, count: 2000 })).toContain(intro);
  expect(i18next.t('scorecard.stripCaption', { year: 2021, rows: 2000, count: 2000, targets: 12, cells: '24,000' })).toContain(caption);
  const filter = i18next.t('scorecard.statusFilter', { status: lang === 'en' ? 'Off track' : '进度滞后', rows: 1234, targets: 12, cells: 12429 });
  expect(filter).toContain(filtered);
  expect(filter).toContain(cells);
});

/**
 * A province's roll-up can lack 2,000 townships' parts: a sentence names the first ten and counts the rest (they are
 * rows of the page's township table), where it once named all 2,000 in one paragraph. A city's dozen are all named.
 */
test.each([
  ['zh-CN', '无法得出全省数值：2,000 个乡镇只报送了比率（T0、T1、T2、T3、T4、T5、T6、T7、T8、T9等，另有 1,990 个）', '由 1,000 个乡镇汇总（T0、T1、T2、T3、T4、T5、T6、T7、T8、T9等，另有 1,000 个 无数据）'],
  ['en', 'No figure for the province: 2,000 townships report only a rate (T0, T1, T2, T3, T4, T5, T6, T7, T8, T9 and 1,990 more)', 'Rolled up from 1,000 townships (T0, T1, T2, T3, T4, T5, T6, T7, T8, T9 and 1,000 more without data)'],
] as const)('%s: a long list of regions names ten and counts the others; a short one names all', (lang, unavailable, partial) => {
  setupI18n(lang);
  setPlanTerms({ whole: 'province', units: 'town_township', nameZh: '合成省', nameEn: 'Synthetic province' });
  const locale = lang;
  const ids = Array.from({ length: 2000 }, (_, i) => `T${i}`);
  const name = (id: string) => id;
  const t = i18next.t.bind(i18next) as TFunction;
  expect(t('explain.cityUnavailable_rates_only', { count: ids.length, regions: nameList(t, ids, name, locale) })).toContain(unavailable);
  expect(t('card.rolledUpPartial', { count: 1000, missing: nameList(t, ids.slice(0, 1010), name, locale) })).toContain(partial);
  const twelve = ids.slice(0, NAMES_IN_FULL);
  expect(nameList(t, twelve, name, locale)).toBe(twelve.join(lang === 'en' ? ', ' : '、'));
});
