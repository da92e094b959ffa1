import i18next from 'i18next';
import { afterEach, expect, test } from 'vitest';
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
